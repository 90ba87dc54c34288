"""location evidence with its sources, and a human's clearance, per serial

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 04:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('serial_stats', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('cleared_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column('cleared_devices', sa.Integer(), nullable=False, server_default='0')
        )


def downgrade():
    with op.batch_alter_table('serial_stats', schema=None) as batch_op:
        batch_op.drop_column('cleared_devices')
        batch_op.drop_column('cleared_at')
        batch_op.drop_column('evidence')
