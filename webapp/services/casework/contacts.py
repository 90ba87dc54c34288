"""Reporters' contacts: sealed at rest, opened only with an audit entry."""

from __future__ import annotations

import base64
from collections.abc import Iterable

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.orm import Session

from webapp.models import Case, Report, User
from webapp.services.common.audit import audit
from webapp.services.staff.access import can_see_contacts


def _fernet(privacy_key: str) -> Fernet:
    """A Fernet key of its own, derived from the privacy key for this purpose."""
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"report-contact"
    ).derive(privacy_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def seal(contact: str, privacy_key: str) -> str:
    """The contact encrypted and authenticated (AES-128-CBC + HMAC, Fernet)."""
    return _fernet(privacy_key).encrypt(contact.encode()).decode()


def unseal(token: str, privacy_key: str) -> str | None:
    """The contact in clear, or None when the token does not open with this key."""
    try:
        return _fernet(privacy_key).decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def _reveal(
    session: Session, reports: Iterable[Report], reader: User, privacy_key: str
) -> dict[int, str | None]:
    """The contacts of these reports by report id; each one opened is audited.

    None stands for a contact sealed under a key no longer configured. Whether
    the reader may see them is decided before calling this (open_case_contacts).
    """
    shown: dict[int, str | None] = {}
    for report in reports:
        if not report.contact_sealed:
            continue
        shown[report.id] = unseal(report.contact_sealed, privacy_key)
        audit(session, reader, "report.contact_read", "report", report.id)
    return shown


def open_case_contacts(
    session: Session, case: Case, reader: User, privacy_key: str
) -> dict[int, str | None]:
    """The contacts of the case's reports for this reader, by report id.

    Each one opened is audited, naming the reader and the report (the caller
    commits). A reader who may not see contacts (access.can_see_contacts)
    gets none, and nothing is audited.
    """
    if not can_see_contacts(reader, case):
        return {}
    return _reveal(session, case.reports, reader, privacy_key)
