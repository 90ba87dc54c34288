"""why a case concerns a province; public edits waiting for approval

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 04:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_province', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=12), server_default='maker', nullable=False))
    # Provinces added before now, other than the maker's, came from what reports
    # and scans claimed: kept on record, they no longer widen who sees the case.
    # A case with no maker (a never-issued code) keeps its reports' provinces.
    op.execute(
        "UPDATE case_province SET source = 'claimed' WHERE province_code <> ("
        " SELECT o.province_code FROM \"case\" c"
        " JOIN batch b ON b.id = c.batch_id JOIN product p ON p.id = b.product_id"
        " JOIN organisation o ON o.id = p.organisation_id"
        " WHERE c.id = case_province.case_id)"
    )
    op.execute(
        "UPDATE case_province SET source = 'report' WHERE case_id IN ("
        " SELECT c.id FROM \"case\" c WHERE c.batch_id IS NULL)"
    )
    # Inspectors' notes and positions are internal: the inspection row keeps them.
    op.execute(
        "UPDATE journey_event SET note_vi = NULL, note_en = NULL, latitude = NULL,"
        " longitude = NULL, photo_path = NULL WHERE biz_step = 'inspecting'"
        " AND stamp_id IS NOT NULL"
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_changes', sa.JSON(), nullable=True))
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_changes', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('pending_changes')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('pending_changes')
    with op.batch_alter_table('case_province', schema=None) as batch_op:
        batch_op.drop_column('source')
