"""Rows with sensible defaults, built through the real services.

By default a factory commits through the app's session, as the HTTP tests
need (a request sees only committed rows). Inside `bound_to(session)` (the
`db_session` fixture) it adds to that session and flushes, committing only
when called with `commit=True`.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from functools import cache
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.config import settings_with
from webapp.extensions import db
from webapp.models import (
    Batch,
    BatchRegion,
    JourneyEvent,
    Organisation,
    Product,
    Stamp,
)
from webapp.services.catalog.ocop import certificate_valid_until
from webapp.services.common import spreadsheets
from webapp.services.common.clock import today_in_vietnam
from webapp.services.stamps.issuance import IssuedStamp, issue_stamps
from webapp.services.standards.gtin import complete_gtin

BASE_URL = "https://trace.example.vn"
STAMP_KEYS = ("test-stamp-key-new", "test-stamp-key-old")
# The test app's settings for the services (its keys and base URL).
SETTINGS = settings_with(
    STAMP_KEYS=STAMP_KEYS,
    PRIVACY_KEY="test-privacy-key",
    PUBLIC_BASE_URL=BASE_URL,
    DETECTION_RULES={},
)

# The session factories write to and whether they commit unless told.
_bound: list[Session] = []


@contextmanager
def bound_to(session: Session):
    """Factories add to `session` and flush; they commit only when asked."""
    _bound.append(session)
    try:
        yield session
    finally:
        _bound.pop()


def session() -> Session:
    return _bound[-1] if _bound else db.session


def _saved(row, commit: bool | None):
    current = session()
    current.add(row)
    _finish(current, commit)
    return row


def _finish(current: Session, commit: bool | None) -> None:
    if commit if commit is not None else not _bound:
        current.commit()
    else:
        current.flush()


# Dates relative to today, so that nothing lapses as the calendar moves on
# (the suite also runs with the clock two years ahead, see tests/conftest.py).
def days_ago(days: int):
    return today_in_vietnam() - timedelta(days=days)


def days_ahead(days: int):
    return today_in_vietnam() + timedelta(days=days)


def path_of(issued: IssuedStamp) -> str:
    """The item's own path, without the printed link's signature."""
    return urlsplit(issued.url).path


_counter = iter(range(1, 1_000_000))


def organisation(commit: bool | None = None, **fields) -> Organisation:
    n = next(_counter)
    values = dict(
        name=f"HTX Thử nghiệm {n}",
        kind="cooperative",
        tax_code=f"09{n:08d}",
        gln=None,
        address_line="Thôn Đông",
        ward_code="11980",  # Phường Hồng Châu, Hưng Yên
        province_code="33",
        sector="food",
        approved_at=datetime.now(UTC),
    )
    values.update(fields)
    return _saved(Organisation(**values), commit)


def product(
    org: Organisation | None = None, commit: bool | None = None, **fields
) -> Product:
    n = next(_counter)
    # Certified a year ago: the certificate runs about two more years.
    certified_on = fields.pop("ocop_certified_on", days_ago(365))
    values = dict(
        organisation=org or organisation(commit=commit),
        gtin=complete_gtin(f"0893{n:09d}"),
        name_vi=f"Long nhãn sấy {n}",
        name_en=f"Dried longan {n}",
        summary_vi="Long nhãn sấy củi truyền thống.",
        summary_en="Traditionally wood-dried longan.",
        story_vi="Đoạn một.\n\nĐoạn hai.",
        story_en="First paragraph.\n\nSecond paragraph.",
        category="07",
        sector="food",
        ocop_stars=4,
        ocop_certificate_no="QĐ 1/QĐ-UBND (test)",
        ocop_issuer="UBND tỉnh Hưng Yên",
        ocop_certified_on=certified_on,
        ocop_valid_until=certificate_valid_until(certified_on),
        standards=["TCVN 13274:2020"],
        shelf_life_days=365,
        approved_at=datetime.now(UTC),
    )
    values.update(fields)
    if values.get("is_ocop") is False:  # only OCOP products carry a certificate
        for name in ("stars", "certificate_no", "issuer", "certified_on"):
            values[f"ocop_{name}"] = None
        values["ocop_valid_until"] = None
    return _saved(Product(**values), commit)


def essential_good(
    org: Organisation | None = None, commit: bool | None = None, **fields
) -> Product:
    """A packaged good that is not OCOP: no stars, no certificate."""
    values = dict(
        is_ocop=False,
        is_essential=True,
        declaration_no="01/2026/TCB (test)",
        net_content="5 kg",
        category="03",
        sector="agriculture",
        image_path="img/products/long-nhan.svg",
    )
    return product(org, commit, **{**values, **fields})


def batch(
    prod: Product | None = None,
    regions=("33", "01"),
    commit: bool | None = None,
    **fields,
) -> Batch:
    n = next(_counter)
    values = dict(
        product=prod or product(commit=commit),
        lot_code=f"LOT{n}",
        produced_on=days_ago(30),
        expires_on=days_ahead(335),
        quantity=500,
        regions=[BatchRegion(province_code=code) for code in regions],
    )
    values.update(fields)
    return _saved(Batch(**values), commit)


def event(
    of: Batch,
    biz_step: str = "packing",
    when: datetime | None = None,
    commit: bool | None = None,
    **fields,
):
    n = next(_counter)
    values = dict(
        batch=of,
        event_id=f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
        event_type="ObjectEvent",
        action="OBSERVE",
        biz_step=biz_step,
        # 01:30 UTC (08:30 in Vietnam) the day after the batch was made.
        event_time=when or datetime.combine(days_ago(29), time(1, 30), tzinfo=UTC),
        place_vi="Xưởng đóng gói",
        place_en="Packing house",
        ward_code="11980",
        province_code="33",
    )
    values.update(fields)
    return _saved(JourneyEvent(**values), commit)


def change_settings(monkeypatch, app, **changes) -> None:
    """The app's settings changed for one test (they are built once per app)."""
    monkeypatch.setitem(
        app.extensions, "settings", replace(app.extensions["settings"], **changes)
    )


def stamps(
    of: Batch, count: int = 1, with_pin: bool = False, commit: bool | None = None
) -> list[IssuedStamp]:
    from flask import current_app, has_app_context

    known = current_app.extensions["settings"] if has_app_context() else SETTINGS
    settings = replace(known, base_url=BASE_URL)
    current = session()
    issued = issue_stamps(current, of, count, settings, with_pin)
    _finish(current, commit)
    return issued


def stamp_row(issued: IssuedStamp) -> Stamp:
    """The database row of a stamp issued here."""
    return session().scalars(select(Stamp).where(Stamp.serial == issued.serial)).one()


def stamp(of: Batch | None = None, **kwargs) -> IssuedStamp:
    return stamps(of or batch(), 1, **kwargs)[0]


PASSWORD = "correct-horse-battery"


@cache
def _password_hash() -> str:
    """PASSWORD's argon2 hash, made once: hashing is slow on purpose."""
    from webapp.services.staff.accounts import hash_password

    return hash_password(PASSWORD)


def user(
    role: str = "inspector",
    provinces=("33",),
    org: Organisation | None = None,
    commit: bool | None = None,
):
    from webapp.services.staff.accounts import create_user

    n = next(_counter)
    current = session()
    row = create_user(
        current,
        f"{role}{n}@example.vn",
        f"{role.title()} {n}",
        role,
        PASSWORD,
        organisation=org if role == "producer" else None,
        province_codes=provinces if role == "inspector" else (),
        password_hash=_password_hash(),
    )
    _finish(current, commit)
    return row


def sign_in(client, account) -> None:
    response = client.post(
        "/login", data={"email": account.email, "password": PASSWORD}
    )
    assert response.status_code == 303, response.text


def sheet_rows(response) -> list[dict]:
    """A downloaded workbook's first sheet, as rows keyed by its header row."""
    from openpyxl import load_workbook

    assert response.mimetype == spreadsheets.MEDIA_TYPE, response.mimetype
    sheet = load_workbook(io.BytesIO(response.data)).active
    header, *rows = sheet.iter_rows()
    return [
        {h.value: cell for h, cell in zip(header, row, strict=True)} for row in rows
    ]
