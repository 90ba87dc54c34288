"""weekly scan counts for dashboards, counted from the scans stored so far

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 08:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('scan_rollup',
    sa.Column('organisation_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('verdict', sa.String(length=12), nullable=False),
    sa.Column('scans', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('organisation_id', 'week', 'province_code', 'role', 'verdict', name=op.f('pk_scan_rollup'))
    )
    # Weeks from Monday 00:00 in Vietnam (UTC+7 all year): every code's row
    # (organisation 0), and each producer's.
    if op.get_bind().dialect.name == 'postgresql':
        week = "date_trunc('week', s.scanned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
    else:
        week = "date(s.scanned_at, '+7 hours', 'weekday 0', '-6 days')"
    province = "COALESCE(s.province_code, '')"
    columns = "(organisation_id, week, province_code, role, verdict, scans)"
    op.execute(
        f"INSERT INTO scan_rollup {columns}"
        f" SELECT 0, {week}, {province}, s.role, s.verdict, count(*) FROM scan s"
        f" GROUP BY {week}, {province}, s.role, s.verdict"
    )
    op.execute(
        f"INSERT INTO scan_rollup {columns}"
        f" SELECT p.organisation_id, {week}, {province}, s.role, s.verdict, count(*)"
        " FROM scan s JOIN stamp st ON st.id = s.stamp_id"
        " JOIN batch b ON b.id = st.batch_id JOIN product p ON p.id = b.product_id"
        f" GROUP BY p.organisation_id, {week}, {province}, s.role, s.verdict"
    )


def downgrade():
    op.drop_table('scan_rollup')
