"""Cases: detection alerts and consumer reports about one code, for triage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, exists, func, select, true
from sqlalchemy.orm import Session, selectinload

from webapp.models import (
    CASE_STATUSES,
    OPEN_STATUSES,
    Alert,
    AuditEntry,
    Batch,
    Case,
    CaseProvince,
    Product,
    Report,
    Stamp,
    User,
    utcnow,
)
from webapp.models.cases import VISIBLE_SOURCES
from webapp.services.common.audit import audit
from webapp.services.common.errors import Refusal
from webapp.services.places import regions
from webapp.services.scans.clearance import clear_doubts

# Reasons whose evidence the detection rules take from independent sources only.
LOCATION_REASONS = ("out_of_region", "impossible_travel")

# "authentic" alerts carry thin evidence for staff only (a single out-of-region scan).
SEVERITY = {"counterfeit": 3, "suspicious": 2, "report": 2, "authentic": 1}
RESOLVED = ("confirmed_fake", "genuine", "dismissed")
QUEUE_LIMIT = 100  # cases on one page of a queue


class CaseError(Refusal):
    """The change is not allowed; `code` says why."""


def open_case(session: Session, stamp: Stamp | None, batch: Batch | None) -> Case:
    """The open case about this serial (else this batch), created when there is none."""
    stmt = select(Case).where(Case.status.in_(OPEN_STATUSES))
    case = None
    if stamp is not None:
        stmt = stmt.where(Case.stamp_id == stamp.id)
        case = session.scalar(stmt.order_by(Case.id.desc()))
    elif batch is not None:
        stmt = stmt.where(Case.batch_id == batch.id, Case.stamp_id.is_(None))
        case = session.scalar(stmt.order_by(Case.id.desc()))
    if case is None:
        batch = batch or (stamp.batch if stamp is not None else None)
        case = Case(stamp=stamp, batch=batch, status="new", severity=1)
        session.add(case)
        if batch is not None:  # the maker's province always follows its cases
            add_provinces(case, [batch.product.organisation.province_code], "maker")
    return case


def raise_alert(
    session: Session,
    stamp: Stamp,
    verdict: str,
    reasons: list[str],
    province: str | None,
    at,
) -> Alert:
    """Open or refresh the alert on this serial's case after a flagged scan."""
    case = open_case(session, stamp, stamp.batch)
    alert = case.alerts[0] if case.alerts else None
    if alert is None:
        alert = Alert(
            case=case,
            verdict=verdict,
            reasons=list(reasons),
            raised_at=at,
            last_seen_at=at,
            flagged_scans=0,
        )
        session.add(alert)
    alert.reasons = sorted(set(alert.reasons) | set(reasons))
    alert.verdict = max(verdict, alert.verdict, key=SEVERITY.__getitem__)
    alert.last_seen_at = at
    alert.flagged_scans += 1
    _bump(case, SEVERITY[alert.verdict], at)
    if province and set(reasons) & set(LOCATION_REASONS):
        add_provinces(case, [province], "scans")
    return alert


def attach_report(
    session: Session, report: Report, stamp: Stamp | None, batch: Batch | None
) -> Case:
    """File the report in the open case about its serial or batch (or a new one)."""
    case = open_case(session, stamp, batch)
    report.case = case
    # Where the reporter says they bought it does not bring another province's
    # inspectors (and contacts) into a maker's case; a code no one made has
    # only that lead.
    _bump(case, SEVERITY["report"], report.created_at or utcnow())
    if case.batch is None and case.stamp is None and report.province_code:
        add_provinces(case, [report.province_code], "report")
    return case


def add_provinces(case: Case, codes: Iterable[str], source: str) -> None:
    """Let the inspectors of these provinces see the case, saying on what grounds.

    A province already there keeps the strongest grounds: an inspector's word or
    the maker's over scans, and any of them over an old claim.
    """
    rank = {"claimed": 0, "report": 1, "scans": 1, "maker": 2, "inspector": 2}
    have = {p.province_code: p for p in case.provinces}
    for code in sorted(set(codes)):
        row = have.get(code)
        if row is None:
            case.provinces.append(CaseProvince(province_code=code, source=source))
        elif rank[source] > rank.get(row.source or "maker", 0):
            row.source = source


def queue(
    session: Session,
    user: User,
    province: str | None = None,
    status: str | None = None,
    limit: int = QUEUE_LIMIT,
) -> list[Case]:
    """The first `limit` cases this user may see, most severe and most recent first.

    `province` narrows them to one province, `status` to one state ("open": any
    open one); both unknown or empty mean all.
    """
    return list(session.scalars(_queue_statement(user, province, status).limit(limit)))


def _queue_statement(user: User, province: str | None, status: str | None) -> Select:
    stmt = (
        select(Case)
        .where(visible_to(user))
        .options(
            selectinload(Case.alerts),
            selectinload(Case.reports),
            selectinload(Case.stamp),
            selectinload(Case.batch).selectinload(Batch.product),
        )
        .order_by(Case.severity.desc(), Case.updated_at.desc(), Case.id.desc())
    )
    if province:
        stmt = stmt.where(_in_province(province))
    if status == "open":
        stmt = stmt.where(Case.status.in_(OPEN_STATUSES))
    elif status in CASE_STATUSES:
        stmt = stmt.where(Case.status == status)
    return stmt


def visible_to(user: User):
    """Admins see all, inspectors their provinces, producers their own products."""
    if user.role == "admin":
        return true()
    if user.role == "inspector":
        return exists().where(
            CaseProvince.case_id == Case.id,
            CaseProvince.province_code.in_(user.province_codes or ["--"]),
            CaseProvince.source.in_(VISIBLE_SOURCES),
        )
    own_batches = (
        select(Batch.id)
        .join(Batch.product)
        .where(Product.organisation_id == user.organisation_id)
    )
    return Case.batch_id.in_(own_batches)


def visible_case(session: Session, user: User, case_id: int) -> Case | None:
    """The case, when it exists and the user may see it."""
    found = session.get(Case, case_id)
    return found if found is not None and can_see(session, user, found) else None


def can_see(session: Session, user: User, case: Case) -> bool:
    return (
        session.scalar(select(Case.id).where(Case.id == case.id, visible_to(user)))
        is not None
    )


def change_status(
    session: Session, case: Case, user: User, status: str, note: str
) -> bool:
    """Move the case through its states, recording who did it and why.

    False when nothing changes: the same status (and, once closed, the same
    outcome) leaves the case and its history as they were.
    """
    if status not in ("new", "investigating", *RESOLVED):
        raise CaseError("unknown_status", "status")
    if status in RESOLVED and not note.strip():
        raise CaseError("note_required", "note")
    before = case.status
    if status == before and (
        status not in RESOLVED or note.strip() == (case.outcome_note or "")
    ):
        return False
    case.status = status
    if status == "investigating" and case.assigned_to is None:
        case.assigned_to = user
    if status in RESOLVED:
        case.outcome_note = note.strip()
    case.updated_at = utcnow()
    audit(
        session,
        user,
        "case.status",
        "case",
        case.id,
        before=before,
        after=status,
        note=note,
    )
    if status == "genuine" and case.stamp_id is not None:
        _clear_doubts(session, case, case.stamp_id, user)
    return True


def _clear_doubts(session: Session, case: Case, stamp_id: int, user: User) -> None:
    """A human found the item genuine: scans before no longer count against it."""
    cleared = clear_doubts(session, stamp_id, case.updated_at)
    if cleared is not None:
        audit(session, user, "stamp.doubts_cleared", "stamp", stamp_id, **cleared)


def hand_over(
    session: Session, case: Case, user: User, province: str, accountable: bool
) -> bool:
    """An inspector brings another province's inspectors in (e.g. where it was sold).

    Only an inspector accountable for the case (access.can_see_contacts) makes
    the province accountable too; one who follows it through scans passes it on
    on the same grounds, so a scan's claim cannot reach reporters' contacts.
    False when that province already follows the case on those grounds.
    """
    if not regions.is_province_code(province):
        raise CaseError("unknown_province", "province")
    source = "inspector" if accountable else "scans"
    before = {p.province_code: p.source for p in case.provinces}
    if before.get(province) in ("inspector", "maker", source):
        return False
    add_provinces(case, [province], source)
    case.updated_at = utcnow()
    audit(session, user, "case.province", "case", case.id, province=province)
    return True


def assign(session: Session, case: Case, user: User) -> bool:
    """Give the case to user; False when it is theirs and under way already."""
    mine = case.assigned_to is not None and case.assigned_to.id == user.id
    if mine and case.status != "new":
        return False
    case.assigned_to = user
    if case.status == "new":
        case.status = "investigating"
    case.updated_at = utcnow()
    audit(session, user, "case.assign", "case", case.id, assignee=user.id)
    return True


def history(session: Session, case: Case) -> list[AuditEntry]:
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.target_type == "case", AuditEntry.target_id == case.id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
    )


def _bump(case: Case, severity: int, at) -> None:
    case.severity = max(case.severity or 1, severity)
    case.updated_at = at


@dataclass(frozen=True)
class Cluster:
    """A batch with several open cases: likely a cloned print run."""

    batch: Batch
    cases: int
    flagged_scans: int


def clusters(
    session: Session, user: User, province: str | None = None
) -> list[Cluster]:
    """Batches with at least two open cases this user may see, the largest first."""
    flagged = (
        select(Alert.case_id, func.sum(Alert.flagged_scans).label("scans"))
        .group_by(Alert.case_id)
        .subquery()
    )
    stmt = (
        select(
            Case.batch_id,
            func.count(Case.id),
            func.coalesce(func.sum(flagged.c.scans), 0),
        )
        .outerjoin(flagged, flagged.c.case_id == Case.id)
        .where(
            Case.status.in_(OPEN_STATUSES), Case.batch_id.is_not(None), visible_to(user)
        )
        .group_by(Case.batch_id)
        .having(func.count(Case.id) >= 2)
        .order_by(func.count(Case.id).desc(), Case.batch_id)
    )
    if province:
        stmt = stmt.where(_in_province(province))
    rows = session.execute(stmt).all()
    batches = {
        b.id: b
        for b in session.scalars(
            select(Batch)
            .where(Batch.id.in_([row[0] for row in rows]))
            .options(selectinload(Batch.product))
        )
    }
    return [
        Cluster(batches[batch_id], count, int(scans)) for batch_id, count, scans in rows
    ]


def _in_province(province: str):
    return exists().where(
        CaseProvince.case_id == Case.id,
        CaseProvince.province_code == province,
        CaseProvince.source.in_(VISIBLE_SOURCES),
    )
