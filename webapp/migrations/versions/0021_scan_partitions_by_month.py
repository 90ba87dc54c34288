"""scan idempotency keys in a table of their own; scans partitioned by month

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 13:20:00.000000

A unique index on a partitioned table must contain the partition key, and a
resend is received at another time than its first copy: the keys move to
scan_idempotency (one row per key, the scan's id and time), which needs no
partitioning. On PostgreSQL the scan table then becomes a table partitioned
by month of scanned_at (retention by dropping whole months): a parent with
one partition per month from the oldest row's to three months ahead, and a
default partition for a row no month's partition takes yet. The rows are
copied, so the table is held for the time of the copy: run it while scans
are few. The primary key becomes (id, scanned_at), as partitioning requires;
ids still come from the one sequence scan_id_seq. Nothing refers to scan by a
foreign key. SQLite keeps the plain table.
"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

UNKNOWN = sa.text("stamp_id IS NULL")
MONTHS_AHEAD = 3


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    op.create_table('scan_idempotency',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('scan_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('scanned_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_scan_idempotency'))
    )
    op.execute(
        "INSERT INTO scan_idempotency (key, scan_id, scanned_at)"
        " SELECT idempotency_key, id, scanned_at FROM scan"
        " WHERE idempotency_key IS NOT NULL"
    )
    op.create_index(
        op.f('ix_scan_idempotency_scanned_at'), 'scan_idempotency', ['scanned_at']
    )
    if _postgresql():
        _partition()
        return
    with op.batch_alter_table('scan', recreate='always') as batch_op:
        batch_op.drop_constraint('uq_scan_idempotency_key', type_='unique')
    _partial_index_again()


def downgrade():
    if _postgresql():
        _unpartition()
    else:
        with op.batch_alter_table('scan', recreate='always') as batch_op:
            batch_op.create_unique_constraint(
                'uq_scan_idempotency_key', ['idempotency_key']
            )
        _partial_index_again()
    op.drop_index(op.f('ix_scan_idempotency_scanned_at'), table_name='scan_idempotency')
    op.drop_table('scan_idempotency')


def _partial_index_again():
    """SQLite's table copy may not keep an index's WHERE: made again, whole."""
    op.drop_index('ix_scan_unknown_recent', 'scan')
    op.create_index(
        'ix_scan_unknown_recent', 'scan', ['serial', 'scanned_at'],
        postgresql_where=UNKNOWN, sqlite_where=UNKNOWN,
    )


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-01 00:00:00+00"


def _next(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _partition():
    bind = op.get_bind()
    oldest = bind.execute(sa.text("SELECT min(scanned_at) FROM scan")).scalar()
    now = datetime.now(UTC)
    start = min(oldest.astimezone(UTC), now) if oldest else now
    end = (now.year, now.month)
    for _ in range(MONTHS_AHEAD):
        end = _next(*end)
    _drop_keys_and_indexes()
    op.execute("ALTER TABLE scan RENAME TO scan_plain")
    op.execute(
        "CREATE TABLE scan (LIKE scan_plain INCLUDING DEFAULTS)"
        " PARTITION BY RANGE (scanned_at)"
    )
    op.execute("ALTER SEQUENCE scan_id_seq OWNED BY scan.id")
    month = (start.year, start.month)
    while month <= end:
        following = _next(*month)
        op.execute(
            f"CREATE TABLE scan_p{month[0]:04d}{month[1]:02d} PARTITION OF scan"
            f" FOR VALUES FROM ('{_month(*month)}') TO ('{_month(*following)}')"
        )
        month = following
    op.execute("CREATE TABLE scan_default PARTITION OF scan DEFAULT")
    op.execute("INSERT INTO scan SELECT * FROM scan_plain")
    op.execute("DROP TABLE scan_plain")
    # Built once the rows are in (faster than row by row), on every partition.
    op.create_primary_key('pk_scan', 'scan', ['id', 'scanned_at'])
    _make_keys_and_indexes()


def _unpartition():
    _drop_keys_and_indexes()
    op.execute("ALTER TABLE scan RENAME TO scan_parted")
    op.execute("CREATE TABLE scan (LIKE scan_parted INCLUDING DEFAULTS)")
    op.execute("ALTER SEQUENCE scan_id_seq OWNED BY scan.id")
    op.execute("INSERT INTO scan SELECT * FROM scan_parted")
    op.execute("DROP TABLE scan_parted")  # with its partitions
    op.create_primary_key('pk_scan', 'scan', ['id'])
    op.create_unique_constraint('uq_scan_idempotency_key', 'scan', ['idempotency_key'])
    _make_keys_and_indexes()


def _drop_keys_and_indexes():
    op.drop_index('ix_scan_unknown_recent', 'scan')
    op.drop_index('ix_scan_stamp_recent', 'scan')
    op.drop_index('ix_scan_scanned_at', 'scan')
    op.drop_constraint('fk_scan_stamp_id_stamp', 'scan', type_='foreignkey')
    op.execute("ALTER TABLE scan DROP CONSTRAINT IF EXISTS uq_scan_idempotency_key")
    op.drop_constraint('pk_scan', 'scan', type_='primary')


def _make_keys_and_indexes():
    op.create_foreign_key('fk_scan_stamp_id_stamp', 'scan', 'stamp', ['stamp_id'], ['id'])
    op.create_index('ix_scan_scanned_at', 'scan', ['scanned_at'])
    op.create_index('ix_scan_stamp_recent', 'scan', ['stamp_id', 'scanned_at'])
    op.create_index(
        'ix_scan_unknown_recent', 'scan', ['serial', 'scanned_at'],
        postgresql_where=UNKNOWN, sqlite_where=UNKNOWN,
    )
