"""Who may read and who may change each kind of record: the one place that decides.

Administrators see and change everything. Inspectors read any code's dossier
(goods travel), but write only where they work: inspections in the provinces
they cover, and cases and PIN claims within those provinces. Producers read
and change only their own organisation's records. Route handlers ask here and
answer 404 when the answer is no, so that nothing says what exists elsewhere:
the functions that fetch a record for a user raise AccessRefused, which the
web layer answers with 404 ("not_found") or 403 ("forbidden"). Which cases a
user sees is one rule with the queries that list them, so it lives beside
them in casework.cases (`visible_to`, `can_see`), and the case rules here ask it.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from webapp.models import (
    Batch,
    Case,
    Inspection,
    IssuanceRecord,
    JourneyEvent,
    PortalItem,
    Product,
    Report,
    ReportPhoto,
    SerialStats,
    Stamp,
    User,
)
from webapp.services.casework import cases as case_rules
from webapp.services.common.errors import Refusal

Owned = TypeVar("Owned", Product, Batch, IssuanceRecord, PortalItem)

# Where a case's province comes from; only these let an inspector read contacts.
# ("report" is only ever the lead of a case with no maker: a never-issued code.)
ACCOUNTABLE_SOURCES = ("maker", "inspector", "report")


class AccessRefused(Refusal):
    """The user may not have this record.

    "not_found" when saying why would say that it exists elsewhere, "forbidden"
    when the user may see the record but not do this to it.
    """


def is_admin(user: User | None) -> bool:
    return user is not None and user.role == "admin"


def covers(user: User | None, province_code: str | None) -> bool:
    """True when the user works in that province (administrators in all)."""
    if is_admin(user):
        return True
    return (
        user is not None
        and user.role == "inspector"
        and province_code is not None
        and province_code in user.province_codes
    )


def recording_provinces(user: User) -> list[str] | None:
    """Provinces the user may record inspections in; None means every province."""
    return None if is_admin(user) else list(user.province_codes)


# Cases ----------------------------------------------------------------------


def can_read_case(session: Session, user: User, case: Case) -> bool:
    return case_rules.can_see(session, user, case)


def can_change_case(session: Session, user: User, case: Case) -> bool:
    """Inspectors of its provinces and administrators; producers only read."""
    return user.role in ("admin", "inspector") and can_read_case(session, user, case)


def can_see_contacts(user: User, case: Case) -> bool:
    """Reporters' contacts: the administrator and the case's accountable inspectors.

    A province counts when staff stand behind it (the maker's, or one an
    accountable inspector brought in), not one scans placed the code in; a
    report's province counts only for a case with no maker (a never-issued
    code), which it is the only lead of.
    """
    if is_admin(user):
        return True
    return user.role == "inspector" and any(
        p.source in ACCOUNTABLE_SOURCES and covers(user, p.province_code)
        for p in case.provinces
    )


# Stamps and inspections -----------------------------------------------------


def can_read_stamp(user: User, stamp: Stamp) -> bool:
    """The dossier of any code: an inspector may hold any item in their market."""
    if user.role in ("admin", "inspector"):
        return True
    return user.role == "producer" and owns(user, stamp.batch.product)


def can_record_inspection(user: User, province_code: str | None) -> bool:
    """Inspections are recorded only in a province the inspector covers."""
    return user.role in ("admin", "inspector") and covers(user, province_code)


def can_reset_pin(session: Session, user: User, stamp: Stamp) -> bool:
    """Within their provinces: where it was made, where it was claimed, or a case."""
    if is_admin(user):
        return True
    if user.role != "inspector":
        return False
    claimed = session.scalar(
        select(SerialStats.claimed_province_code).where(
            SerialStats.stamp_id == stamp.id
        )
    )
    if covers(user, stamp.batch.product.organisation.province_code) or covers(
        user, claimed
    ):
        return True
    return (
        session.scalar(
            select(Case.id).where(
                Case.stamp_id == stamp.id, case_rules.visible_to(user)
            )
        )
        is not None
    )


def can_read_inspection(session: Session, user: User, inspection: Inspection) -> bool:
    """Inspections (their notes and photos) are internal to the inspectors concerned."""
    if is_admin(user):
        return True
    if user.role != "inspector":
        return False
    if inspection.inspector_id == user.id or covers(user, inspection.province_code):
        return True
    if inspection.case_id is not None:
        found = session.get(Case, inspection.case_id)
        if found is not None and can_read_case(session, user, found):
            return True
    stamp = session.get(Stamp, inspection.stamp_id) if inspection.stamp_id else None
    return stamp is not None and can_reset_pin(session, user, stamp)


def can_read_report(session: Session, user: User, report: Report) -> bool:
    found = session.get(Case, report.case_id) if report.case_id else None
    return found is not None and can_read_case(session, user, found)


# A producer's own records ---------------------------------------------------


def owns(user: User | None, record) -> bool:
    """A producer's own product, batch, issuance or portal item (read and write)."""
    if user is None or user.role != "producer" or user.organisation_id is None:
        return False
    return organisation_of(record) == user.organisation_id


def organisation_of(record) -> int | None:
    if isinstance(record, Product | PortalItem):
        return record.organisation_id
    if isinstance(record, Batch):
        return record.product.organisation_id
    if isinstance(record, IssuanceRecord | Stamp):
        return record.batch.product.organisation_id
    raise TypeError(f"no owner rule for {type(record).__name__}")


# Fetching a record for a user -----------------------------------------------


def own_product(session: Session, user: User, product_id: int) -> Product:
    """The producer's own product, or AccessRefused("not_found")."""
    return _owned(session, user, Product, product_id)


def own_batch(session: Session, user: User, batch_id: int) -> Batch:
    """The producer's own batch, or AccessRefused("not_found")."""
    return _owned(session, user, Batch, batch_id)


def own_issuance(session: Session, user: User, issuance_id: int) -> IssuanceRecord:
    """The producer's own issuance record, or AccessRefused("not_found")."""
    return _owned(session, user, IssuanceRecord, issuance_id)


def own_portal_item(session: Session, user: User, item_id: int) -> PortalItem:
    """The producer's own national-portal outbox item, or AccessRefused("not_found")."""
    return _owned(session, user, PortalItem, item_id)


def _owned(session: Session, user: User, model: type[Owned], record_id: int) -> Owned:
    found = session.get(model, record_id)
    if found is None or not owns(user, found):
        raise AccessRefused("not_found")
    return found


def own_stage(
    session: Session, user: User, batch_id: int, event_id: int
) -> tuple[Batch, JourneyEvent]:
    """The producer's own batch and one of its stages (not an item's event)."""
    batch = own_batch(session, user, batch_id)
    event = session.get(JourneyEvent, event_id)
    if event is None or event.batch_id != batch.id or event.stamp_id is not None:
        raise AccessRefused("not_found")
    return batch, event


def readable_case(session: Session, user: User, case_id: int) -> Case:
    """The case, or AccessRefused("not_found") when it lies outside the user's view."""
    found = case_rules.visible_case(session, user, case_id)
    if found is None:
        raise AccessRefused("not_found")
    return found


def readable_stamp(session: Session, user: User, stamp_id: int) -> Stamp:
    """A stamp (with its batch and product loaded) whose dossier the user may read."""
    stamp = session.scalar(
        select(Stamp)
        .where(Stamp.id == stamp_id)
        .options(selectinload(Stamp.batch).selectinload(Batch.product))
    )
    if stamp is None or not can_read_stamp(user, stamp):
        raise AccessRefused("not_found")
    return stamp


def check_pin_reset(session: Session, user: User, stamp: Stamp) -> None:
    """AccessRefused("forbidden") unless the user may reset this stamp's PIN claim."""
    if not can_reset_pin(session, user, stamp):
        raise AccessRefused("forbidden")


def check_photo(session: Session, user: User, path: str) -> None:
    """AccessRefused("not_found") unless the user may see the record the photo is of.

    A report's photo goes with its case; an inspection's with the inspection.
    """
    report_photo = session.scalar(select(ReportPhoto).where(ReportPhoto.path == path))
    if report_photo is not None:
        report = session.get(Report, report_photo.report_id)
        if report is None or not can_read_report(session, user, report):
            raise AccessRefused("not_found")
        return
    inspection = session.scalar(select(Inspection).where(Inspection.photo_path == path))
    if inspection is None or not can_read_inspection(session, user, inspection):
        raise AccessRefused("not_found")
