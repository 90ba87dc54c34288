"""daily scan counts for dashboards, counted from the scans stored so far

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
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=False),
    sa.Column('product_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('verdict', sa.String(length=12), nullable=False),
    sa.Column('scans', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'province_code', 'product_id', 'role', 'verdict', name=op.f('pk_scan_rollup'))
    )
    # Days in Vietnam time, as the dashboards bin them (UTC+7 all year).
    if op.get_bind().dialect.name == 'postgresql':
        day = "(s.scanned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
    else:
        day = "date(s.scanned_at, '+7 hours')"
    op.execute(
        "INSERT INTO scan_rollup (day, province_code, product_id, role, verdict, scans)"
        f" SELECT {day}, COALESCE(s.province_code, ''), COALESCE(b.product_id, 0),"
        " s.role, s.verdict, count(*) FROM scan s"
        " LEFT JOIN stamp st ON st.id = s.stamp_id"
        " LEFT JOIN batch b ON b.id = st.batch_id"
        f" GROUP BY {day}, COALESCE(s.province_code, ''), COALESCE(b.product_id, 0),"
        " s.role, s.verdict"
    )


def downgrade():
    op.drop_table('scan_rollup')
