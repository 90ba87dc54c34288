"""Reports leave: withdrawn by their sender, or deleted after the retention period."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from webapp.models import Report
from webapp.services.common.audit import audit
from webapp.services.common.privacy import keyed_hash
from webapp.services.stamps import serials

SECRET_LENGTH = 10  # Crockford base-32: 50 bits, read out as two groups of five


def issue_secret(report: Report, privacy_key: str) -> str:
    """A new withdrawal secret for the report; only its keyed hash is kept."""
    body = "".join(secrets.choice(serials.ALPHABET) for _ in range(SECRET_LENGTH))
    report.withdraw_hash = keyed_hash(body, privacy_key, "report-withdraw")
    return f"{body[:5]}-{body[5:]}"


def secret_matches(report: Report, typed: str, privacy_key: str) -> bool:
    """Whether what was typed is the report's secret (case, spaces, dashes aside)."""
    body = serials.normalize_typed(typed)
    if report.withdraw_hash is None or len(body) != SECRET_LENGTH:
        return False
    expected = keyed_hash(body, privacy_key, "report-withdraw")
    return hmac.compare_digest(expected, report.withdraw_hash)


def forget(session: Session, report: Report, action: str) -> list[str]:
    """Delete the report, its contact and photo records; return the photo files.

    action is report.withdrawn (by its sender) or report.expired (retention).

    The caller deletes the files once the deletion is committed. The audit entry
    keeps only the reference and the case, nothing the reporter told us.
    """
    paths = [photo.path for photo in report.photos]
    details = {"reference": report.reference}
    if report.case_id is not None:
        audit(session, None, action, "case", report.case_id, **details)
    audit(session, None, action, "report", report.id, **details)
    session.delete(report)
    return paths


@dataclass(frozen=True)
class Pruned:
    """What one run of the report retention job did."""

    deleted: int
    contacts_erased: int
    photo_paths: list[str]


def prune_reports(session: Session, now: datetime, retention_days: int) -> Pruned:
    """Delete reports older than the retention period once their case is closed.

    A report whose case is still open stays for the inspectors, but its contact
    goes all the same: no contact outlives the retention period.
    """
    cutoff = now - timedelta(days=retention_days)
    old = session.scalars(
        select(Report)
        .where(Report.created_at < cutoff)
        .options(selectinload(Report.photos), selectinload(Report.case))
    ).all()
    deleted, erased, paths = 0, 0, []
    for report in old:
        if report.case is not None and report.case.is_open:
            if report.contact_sealed is not None:
                report.contact_sealed = None
                audit(session, None, "report.contact_erased", "report", report.id)
                erased += 1
            continue
        paths += forget(session, report, "report.expired")
        deleted += 1
    return Pruned(deleted, erased, paths)
