"""What the web layer hands the scanning service: who is asking, from where, when."""

from __future__ import annotations

import secrets

from flask import request

from webapp.extensions import client_address, db, settings
from webapp.models import Scan, SerialStats, Stamp, utcnow
from webapp.services.common.clock import today_in_vietnam
from webapp.services.common.privacy import keyed_hash
from webapp.services.scans.scanning import ScanOutcome, ScanRequest, record_scan
from webapp.services.stamps.claims import ClaimResult, claim_pin
from webapp.web.converters import MAX_ID
from webapp.web.verdicts import verdict_view

DEVICE_COOKIE = "device_id"
DEVICE_COOKIE_MAX_AGE = 2 * 365 * 24 * 3600


def privacy_key() -> str:
    return settings().privacy_key


def device_id() -> tuple[str, bool]:
    """This browser's anonymous device id, and whether it is new."""
    existing = request.cookies.get(DEVICE_COOKIE, "")
    if (
        16 <= len(existing) <= 64
        and existing.replace("-", "").replace("_", "").isalnum()
    ):
        return existing, False
    return secrets.token_urlsafe(16), True


def remember_device(response, device: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        device,
        max_age=DEVICE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )


def record(
    code: str, device: str, role: str = "shopper", page_view=False, **position
) -> ScanOutcome:
    """Record a scan made now by this client; the caller commits.

    A story page's scan is one per page view: the same phone reloading it or
    switching its language soon after gets the same scan back.
    """
    window = settings().scan_repeat_window
    scan_request = ScanRequest(
        code=code,
        device_id=device,
        client_address=client_address(),
        at=utcnow(),
        role=role,
        repeat_window=window if page_view else None,
        **position,
    )
    return record_scan(db.session(), scan_request, settings(), today_in_vietnam())


def device_hash(device: str) -> str:
    return keyed_hash(device, privacy_key(), "device")


def claim(stamp: Stamp, pin: str, device: str) -> ClaimResult:
    """Claim the stamp's PIN for this device; the caller commits."""
    return claim_pin(
        db.session(),
        stamp,
        pin,
        device_hash(device),
        None,
        utcnow(),
        settings().stamp_keys,
    )


def page_verdict(resolution):
    """The verdict of ?scan=<id> when that scan was this device's scan of this stamp.

    After a no-JS check the page is reloaded with the scan id; reading it back
    keeps the GET free of side effects.
    """
    scan_id = request.args.get("scan", type=int)
    device = request.cookies.get(DEVICE_COOKIE)
    if (
        not scan_id
        or not 0 < scan_id <= MAX_ID
        or not device
        or resolution.stamp is None
    ):
        return None
    scan = db.session.get(Scan, scan_id)
    if scan is None or scan.stamp_id != resolution.stamp.id:
        return None
    if scan.device_hash != device_hash(device):
        return None
    stats = db.session.get(SerialStats, scan.stamp_id)
    return verdict_view(
        ScanOutcome(scan, resolution, stats, scan.verdict, list(scan.reasons))
    )
