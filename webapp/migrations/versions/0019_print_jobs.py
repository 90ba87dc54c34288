"""print jobs: where each issuance's PDF sheet and workbook stand

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 08:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'print_job',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('issuance_id', sa.Integer(), nullable=False),
        sa.Column('layout', sa.String(length=20), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('labels_total', sa.Integer(), nullable=False),
        sa.Column('labels_done', sa.Integer(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.String(length=500), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['issuance_id'], ['issuance_record.id'], name=op.f('fk_print_job_issuance_id_issuance_record')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_print_job')),
        sa.UniqueConstraint('issuance_id', name=op.f('uq_print_job_issuance_id')),
    )


def downgrade():
    op.drop_table('print_job')
