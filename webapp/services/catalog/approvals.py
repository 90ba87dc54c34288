"""Edits of what the public sees wait for the province's approval.

Once a product or organisation is approved, its row is what the public sees
(story, catalogue, EPCIS master data, the stamp key set). A producer's change
to a public field is kept aside as pending changes until an administrator
approves it, so a new GTIN or another brand's name never goes public unseen.
Fields only staff use apply at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session, selectinload

from webapp.models import Organisation, Product, User, utcnow
from webapp.services.common.audit import audit
from webapp.services.common.errors import Refusal
from webapp.services.staff.access import AccessRefused

PRODUCT_PUBLIC = (
    "gtin", "name_vi", "name_en", "label_name", "summary_vi", "summary_en",
    "story_vi", "story_en", "ingredients_vi", "ingredients_en", "storage_vi",
    "storage_en", "category", "ocop_stars", "ocop_certificate_no", "ocop_issuer",
    "ocop_certified_on", "ocop_valid_until", "trademark", "standards",
    "net_content", "shelf_life_days", "image_path", "is_ocop", "is_key",
    "is_essential", "sector", "key_decision_no", "declaration_no",
)  # fmt: skip
ORGANISATION_PUBLIC = (
    "name", "address_line", "ward_code", "province_code", "gln", "website",
    "phone", "email",
)  # fmt: skip
DATES = ("ocop_certified_on", "ocop_valid_until")


class ApprovalError(Refusal):
    """The pending changes cannot be published; `code` says why."""


def public_fields(record: Product | Organisation) -> tuple[str, ...]:
    return PRODUCT_PUBLIC if isinstance(record, Product) else ORGANISATION_PUBLIC


def stage(record: Product | Organisation, values: dict[str, Any]) -> bool:
    """Apply values, holding back changed public fields of an approved record.

    True when changes now wait for approval. Setting a field back to its
    approved value withdraws that pending change.
    """
    public = public_fields(record)
    if record.approved_at is None:  # nothing public yet: the draft is the record
        for name, value in values.items():
            setattr(record, name, value)
        return False
    pending = dict(record.pending_changes or {})
    for name, value in values.items():
        if name not in public:
            setattr(record, name, value)
        elif value == getattr(record, name):
            pending.pop(name, None)
        else:
            pending[name] = _to_json(value)
    record.pending_changes = pending or None
    return bool(pending)


def draft(record: Product | Organisation) -> dict[str, Any]:
    """The record's public fields as its producer last saved them."""
    values = {name: getattr(record, name) for name in public_fields(record)}
    values.update(
        {k: _from_json(k, v) for k, v in (record.pending_changes or {}).items()}
    )
    return values


def awaiting(record: Product | Organisation) -> bool:
    return record.approved_at is None or bool(record.pending_changes)


KINDS: dict[str, type[Organisation] | type[Product]] = {
    "organisation": Organisation,
    "product": Product,
}


def waiting(session: Session) -> tuple[list[Organisation], list[Product]]:
    """Organisations and products not yet public, or with changes to publish."""
    organisations = session.scalars(
        select(Organisation)
        .where(Organisation.approved_at.is_(None) | _pending(Organisation))
        .order_by(Organisation.id)
    )
    products = session.scalars(
        select(Product)
        .where(Product.approved_at.is_(None) | _pending(Product))
        .options(selectinload(Product.organisation))
        .order_by(Product.id)
    )
    return list(organisations), list(products)


def _pending(model: type[Organisation] | type[Product]):
    """Changes are kept: once published (or withdrawn) the column holds SQL NULL
    or, as the JSON type writes None, JSON null; neither waits."""
    column = model.pending_changes
    return column.is_not(None) & (cast(column, String) != "null")


def record_to_approve(
    session: Session, kind: str, record_id: int
) -> Organisation | Product:
    """The organisation or product ("organisation", "product") by id, or
    AccessRefused("not_found")."""
    found = session.get(KINDS[kind], record_id)
    if not isinstance(found, Organisation | Product):
        raise AccessRefused("not_found")
    return found


def publish(session: Session, record: Product | Organisation, by: User) -> bool:
    """Approve the record and audit who did, with the fields that went public.

    False (and nothing audited) when nothing waited; the caller commits.
    """
    changes = sorted(record.pending_changes or {})
    if not approve(session, record):
        return False
    kind = "product" if isinstance(record, Product) else "organisation"
    audit(session, by, f"{kind}.approve", kind, record.id, changes=changes)
    return True


def approve(session: Session, record: Product | Organisation) -> bool:
    """Publish the record with its pending changes; False when nothing waits."""
    if not awaiting(record):
        return False
    pending = record.pending_changes or {}
    if isinstance(record, Product) and "gtin" in pending:
        taken = session.scalar(
            select(Product.id).where(
                Product.gtin == pending["gtin"], Product.id != record.id
            )
        )
        if taken is not None:
            raise ApprovalError("gtin_taken", "gtin")
    for name, value in pending.items():
        setattr(record, name, _from_json(name, value))
    record.pending_changes = None
    record.approved_at = utcnow()
    return True


def _to_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _from_json(name: str, value: Any) -> Any:
    return date.fromisoformat(value) if name in DATES and value else value
