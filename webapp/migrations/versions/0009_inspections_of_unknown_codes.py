"""inspections of unknown codes

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 00:46:02.002789

An inspection may now be of a code shoppers reported that was never issued:
it names the case and the code as reported instead of a stamp.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

STAMP_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade():
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('case_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('code_text', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('serial', sa.String(length=20), nullable=True))
        batch_op.alter_column('stamp_id', existing_type=STAMP_ID, nullable=True)
        batch_op.create_index(batch_op.f('ix_inspection_case_id'), ['case_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_inspection_case_id_case'), 'case', ['case_id'], ['id'])
        batch_op.create_check_constraint(
            op.f('ck_inspection_names_what_it_checked'),
            'stamp_id IS NOT NULL OR case_id IS NOT NULL',
        )


def downgrade():
    # Inspections of never-issued codes have no stamp to keep them by.
    op.execute('DELETE FROM inspection WHERE stamp_id IS NULL')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_inspection_names_what_it_checked'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_inspection_case_id_case'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_inspection_case_id'))
        batch_op.alter_column('stamp_id', existing_type=STAMP_ID, nullable=False)
        batch_op.drop_column('serial')
        batch_op.drop_column('code_text')
        batch_op.drop_column('case_id')
