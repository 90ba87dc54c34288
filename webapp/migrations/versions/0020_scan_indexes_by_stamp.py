"""scans found by stamp and time; drop the wide device index

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 08:40:00.000000

A reload is found among the stamp's own recent scans, a never-issued code's
among the few scans of unknown codes (a partial index): the index by device
and time, large and used by nothing else, goes. On PostgreSQL the indexes are
built CONCURRENTLY, so a large scan table keeps taking scans meanwhile.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

UNKNOWN = sa.text("stamp_id IS NULL")


def _concurrently() -> dict:
    return {"postgresql_concurrently": True} if _postgresql() else {}


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index(
            'ix_scan_stamp_recent', 'scan', ['stamp_id', 'scanned_at'],
            **_concurrently(),
        )
        op.create_index(
            'ix_scan_unknown_recent', 'scan', ['serial', 'scanned_at'],
            postgresql_where=UNKNOWN, sqlite_where=UNKNOWN, **_concurrently(),
        )
        op.drop_index('ix_scan_device_recent', 'scan', **_concurrently())
        op.drop_index('ix_scan_stamp_id', 'scan', **_concurrently())


def downgrade():
    with op.get_context().autocommit_block():
        op.create_index('ix_scan_stamp_id', 'scan', ['stamp_id'], **_concurrently())
        op.create_index(
            'ix_scan_device_recent', 'scan', ['device_hash', 'scanned_at'],
            **_concurrently(),
        )
        op.drop_index('ix_scan_unknown_recent', 'scan', **_concurrently())
        op.drop_index('ix_scan_stamp_recent', 'scan', **_concurrently())
