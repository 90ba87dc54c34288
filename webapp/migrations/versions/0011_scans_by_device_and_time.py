"""scans by device and time

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 01:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('scan', schema=None) as batch_op:
        batch_op.create_index('ix_scan_device_recent', ['device_hash', 'scanned_at'], unique=False)


def downgrade():
    with op.batch_alter_table('scan', schema=None) as batch_op:
        batch_op.drop_index('ix_scan_device_recent')
