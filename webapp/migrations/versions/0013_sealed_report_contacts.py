"""reporters' contacts encrypted at rest, and a secret to withdraw a report

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 04:30:00.000000

"""

import sqlalchemy as sa
from alembic import op
from flask import current_app

from webapp.services.casework.contacts import seal, unseal
from webapp.services.common.privacy import derive_key

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

report = sa.table(
    "report",
    sa.column("id", sa.Integer),
    sa.column("contact", sa.String(200)),
    sa.column("contact_sealed", sa.Text),
)


def _privacy_key() -> str:
    config = current_app.config
    return config.get("PRIVACY_KEY") or derive_key(config["SECRET_KEY"])


def upgrade():
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_sealed", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("withdraw_hash", sa.String(64), nullable=True))
    key = _privacy_key()
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(report.c.id, report.c.contact).where(report.c.contact.is_not(None))
    ).all()
    for row_id, contact in rows:
        bind.execute(
            report.update()
            .where(report.c.id == row_id)
            .values(contact_sealed=seal(contact, key))
        )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_column("contact")


def downgrade():
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact", sa.String(200), nullable=True))
    key = _privacy_key()
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(report.c.id, report.c.contact_sealed).where(
            report.c.contact_sealed.is_not(None)
        )
    ).all()
    for row_id, token in rows:
        # A contact sealed under another key cannot be opened: it stays gone.
        bind.execute(
            report.update()
            .where(report.c.id == row_id)
            .values(contact=unseal(token, key))
        )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_column("withdraw_hash")
        batch_op.drop_column("contact_sealed")
