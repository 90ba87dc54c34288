"""Record a scan and judge it, updating the serial's aggregates in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from webapp.models import Product, SerialStats, Stamp
from webapp.models.codes import SCAN_ROLES
from webapp.services.casework.cases import raise_alert
from webapp.services.catalog.resolution import Resolution, Subject, resolve
from webapp.services.common.errors import DigitalLinkError
from webapp.services.common.privacy import keyed_hash, network_of
from webapp.services.common.settings import Settings
from webapp.services.places import geo
from webapp.services.places.regions import is_province_code
from webapp.services.scans import rollups, scan_store
from webapp.services.scans.detection import (
    Aggregates,
    Rules,
    ScanFacts,
    Standing,
    assess,
    standing,
)
from webapp.services.scans.evidence import HAND, POSITION, Evidence
from webapp.services.scans.idempotency import scoped_key
from webapp.services.scans.repeats import earlier_view
from webapp.services.standards import digital_link

ROLES = SCAN_ROLES


# What the phone's queue may send as an idempotency key (scans and reports alike).
IDEMPOTENCY_KEY = r"[A-Za-z0-9_-]{8,64}"
# How far a phone's own account of when a queued scan was made is believed:
# a little clock drift ahead, and no older than the phone's queue keeps items.
MADE_AT_DRIFT = timedelta(minutes=5)
MADE_AT_MAX_AGE = timedelta(days=30)


@dataclass(frozen=True)
class ScanRequest:
    """A scan as the client reports it (raw ids; they are hashed here)."""

    code: str
    device_id: str
    client_address: str
    at: datetime
    role: str = "shopper"
    lat: float | None = None
    lon: float | None = None
    province: str | None = None
    accuracy_m: float | None = None  # the browser's position accuracy, if given
    idempotency_key: str | None = None
    # A scan of the same code by the same device and role this recently is the
    # same page view (a reload, a language switch): it records nothing new.
    repeat_window: timedelta | None = None
    # When the phone made the scan (queued offline); the rules go by it when
    # plausible, and `at`, the server's receipt time, is kept beside it.
    made_at: datetime | None = None


@dataclass(frozen=True)
class ScanOutcome:
    """The scan that stands for this request, and the serial's verdict now: for a
    repeat of an earlier scan, what the serial's aggregates say today."""

    scan: scan_store.AnyScan
    resolution: Resolution
    stats: scan_store.Stats | None
    verdict: str
    reasons: list[str]
    replayed: bool = False
    standing: Standing | None = None


def record_scan(
    session: Session,
    request: ScanRequest,
    settings: Settings,
    today: date,
) -> ScanOutcome:
    """Store the scan and its verdict; the caller commits.

    What needs no database is worked out first; the serial's aggregates are
    locked from the lookup (or, for a page view, once it is known not to be a
    reload) until the commit.

    Raises DigitalLinkError when the code is malformed or names no single item.
    """
    link = digital_link.parse(request.code)
    if not link.serial:
        raise DigitalLinkError("serial_required", "serial", request.code)
    facts = _facts(request, settings.privacy_key)
    # A scan that is not a page view is always recorded, so the serial's lock
    # is taken with the lookup (a reload must first find its earlier view).
    # Without an idempotency key, the rows it protects are read with it too;
    # with one, the earlier scan of that key is read under the lock after it.
    locking = None
    if (
        not request.repeat_window
        and link.lot
        and scan_store.LockingLookup.applies(session)
    ):
        keyed = bool(request.idempotency_key)
        locking = scan_store.LockingLookup(
            None if keyed else (facts.device, facts.network)
        )
    resolution = resolve(
        session, link, settings.stamp_keys, today, story=False, fetch=locking
    )
    rules_config = settings.detection_rules
    scan = scan_store.NewScan(
        gtin=link.gtin,
        lot=link.lot,
        serial=link.serial,
        scanned_at=request.at,
        role=request.role,
        device_hash=facts.device,
        network_hash=facts.network,
        location_consent=facts.lat is not None,
        province_code=facts.province,
        latitude=facts.lat,
        longitude=facts.lon,
        idempotency_key=_scoped(request, facts, resolution),
        made_at=believable_made_at(request.made_at, request.at),
        notices=list(resolution.notices),
    )
    outcome: ScanOutcome | None
    subject = resolution.subject
    if subject is None:
        outcome = _record_unknown(session, request, resolution, facts, scan)
    else:
        # A reload needs no lock: nothing is written.
        outcome = _repeat(session, request, resolution, facts, rules_config)
        if outcome is None:
            outcome = _record_known(
                session,
                request,
                resolution,
                subject,
                facts,
                rules_config,
                scan,
                locking,
            )
    # outcome.scan is new (stored, with its id) unless outcome.replayed.
    return outcome


def _record_known(
    session: Session,
    request: ScanRequest,
    resolution: Resolution,
    subject: Subject,
    facts: ScanFacts,
    rules_config: Mapping,
    scan: scan_store.NewScan,
    locking: scan_store.LockingLookup | None,
) -> ScanOutcome:
    stamp_id = subject.stamp_id
    rules = rules_for(subject, rules_config)
    regions = subject.province_codes
    code_reasons = tuple(resolution.reasons)
    scan.stamp_id = stamp_id
    since = request.at - request.repeat_window if request.repeat_window else None
    # Concurrent scans of one serial queue for its lock, so no update is lost
    # and a resend racing its first copy finds it below. The lookup may have
    # taken the lock and read under it already.
    stats = locking.stats if locking else None
    state = locking.state if locking else None
    if stats is None:
        stats = scan_store.lock_aggregates(session, stamp_id)
    if state is None:
        state = scan_store.locked_state(
            session,
            stamp_id,
            facts.device,
            facts.network,
            scan.idempotency_key,
            (facts.role, since) if since else None,
        )
    earlier = state.earlier
    if (
        earlier is not None
        and scan.idempotency_key
        and (earlier.idempotency_key == scan.idempotency_key)
    ):
        return ScanOutcome(
            earlier, resolution, stats, earlier.verdict, earlier.reasons, True
        )
    if earlier is not None:  # a reload that raced the first view
        judged = standing(_aggregates(stats), rules, regions, code_reasons)
        return ScanOutcome(
            earlier, resolution, stats, judged.verdict, judged.reasons, True, judged
        )
    before = standing(_aggregates(stats), rules, regions, code_reasons)
    assessment = assess(
        _aggregates(stats),
        facts,
        rules,
        regions,
        state.device_network,
        state.network,
        code_reasons,
    )
    _store(stats, assessment.aggregates, facts)
    judged = assessment.standing
    scan.verdict, scan.reasons = judged.verdict, judged.reasons
    writes = scan_store.Writes(scan, stats)
    # The week's counts go in the same round trip (and keep their rows locked
    # only until this transaction commits).
    writes.extra.append(
        rollups.counted(
            session,
            at=scan.scanned_at,
            province=scan.province_code,
            organisation_id=subject.organisation_id,
            role=scan.role,
            verdict=scan.verdict,
        )
    )
    if assessment.new_device:
        writes.new_device = (facts.device, facts.network, facts.at)
    if assessment.network is not None and assessment.network != state.network:
        writes.network = (facts.network, assessment.network, state.network is not None)
    scan.id = scan_store.write(session, writes)
    # Thin evidence reaches staff once, when it appears; a flag on every scan.
    news = set(judged.observations) - set(before.observations)
    if facts.role == "shopper" and (judged.verdict != "authentic" or news):
        raise_alert(
            session,
            session.get_one(Stamp, stamp_id),  # loaded only for an alert
            judged.verdict,
            judged.staff_reasons,
            facts.province,
            facts.at,
        )
    return ScanOutcome(
        scan, resolution, stats, scan.verdict, scan.reasons, standing=judged
    )


def _record_unknown(
    session: Session,
    request: ScanRequest,
    resolution: Resolution,
    facts: ScanFacts,
    scan: scan_store.NewScan,
) -> ScanOutcome:
    """A code we never issued (or that fails its check): nothing to lock."""
    key = scan.idempotency_key
    if request.repeat_window:
        repeat = _repeat(session, request, resolution, facts, {})
        if repeat is not None:
            return repeat
    judged = standing(Aggregates(), Rules(), (), tuple(resolution.reasons))
    judged = judged if judged.reasons else Standing("counterfeit", ["unknown_code"])
    scan.verdict, scan.reasons = judged.verdict, judged.reasons
    stored_id = scan_store.insert_unknown(session, scan)
    if stored_id is None:  # this key's first copy is in: answer it
        assert key is not None  # a scan without a key is always stored
        earlier = scan_store.scan_of_key(session, key)
        return ScanOutcome(
            earlier, resolution, None, earlier.verdict, earlier.reasons, True
        )
    scan.id = stored_id
    session.execute(
        *rollups.counted(
            session,
            at=scan.scanned_at,
            province=scan.province_code,
            organisation_id=None,
            role=scan.role,
            verdict=scan.verdict,
        )
    )
    return ScanOutcome(
        scan, resolution, None, scan.verdict, scan.reasons, standing=judged
    )


def _repeat(
    session: Session,
    request: ScanRequest,
    resolution: Resolution,
    facts: ScanFacts,
    rules_config: Mapping,
) -> ScanOutcome | None:
    """The same page view again: its scan, with the serial's verdict now."""
    if not request.repeat_window:
        return None
    since = request.at - request.repeat_window
    key = _scoped(request, facts, resolution)
    found = earlier_view(session, resolution, facts.device, facts.role, since, key)
    if found is None:
        return None
    earlier, stats = found
    if key and earlier.idempotency_key == key:  # a resend of a recorded scan
        return ScanOutcome(
            earlier, resolution, stats, earlier.verdict, earlier.reasons, True
        )
    if resolution.subject is None:  # never issued: nothing about it can change
        return ScanOutcome(
            earlier, resolution, None, earlier.verdict, earlier.reasons, True
        )
    judged = standing_of(resolution, stats, rules_config)
    return ScanOutcome(
        earlier, resolution, stats, judged.verdict, judged.reasons, True, judged
    )


def standing_of(
    resolution: Resolution, stats: scan_store.Stats | None, rules_config: Mapping
) -> Standing:
    """The standing of the serial a resolution names, as its aggregates are now."""
    subject = resolution.subject
    if subject is None:
        return standing(Aggregates(), Rules(), (), tuple(resolution.reasons))
    return standing(
        _aggregates(stats) if stats is not None else Aggregates(),
        rules_for(subject, rules_config),
        resolution.regions,
        tuple(resolution.reasons),
    )


def believable_made_at(claimed: datetime | None, now: datetime) -> datetime | None:
    """When the phone says a queued scan was made, if that is plausible, else None.

    A time in the future (beyond clock drift) or older than the queue keeps
    items is not believed; the rules then go by the time of receipt.
    """
    if claimed is None or claimed.tzinfo is None:
        return None
    if now - MADE_AT_MAX_AGE <= claimed <= now + MADE_AT_DRIFT:
        return claimed
    return None


def rules_for(product: Product | Subject, rules_config: Mapping) -> Rules:
    """Defaults, overridden by the product's category, then by the product."""
    values = dict(rules_config.get("default", {}))
    values.update(rules_config.get("categories", {}).get(product.category, {}))
    if product.duplicate_threshold:
        values["max_shopper_devices"] = product.duplicate_threshold
    return Rules.from_mapping(values)


def _facts(request: ScanRequest, privacy_key: str) -> ScanFacts:
    """What the scan tells, with where its location came from.

    A position given with consent decides the province; a province chosen by
    hand that contradicts it is ignored and counted as tampering.
    """
    lat = lon = accuracy_km = None
    chosen = request.province if is_province_code(request.province or "") else None
    province, source, tampered = chosen, HAND if chosen else None, False
    if request.lat is not None and request.lon is not None:
        lat, lon = geo.coarsen(request.lat), geo.coarsen(request.lon)
        at_position = geo.province_at(request.lat, request.lon)
        if at_position:
            tampered = chosen is not None and chosen != at_position
            province, source = at_position, POSITION
        if request.accuracy_m is not None:
            accuracy_km = request.accuracy_m / 1000
    made = believable_made_at(request.made_at, request.at)
    return ScanFacts(
        at=made or request.at,
        device=keyed_hash(request.device_id, privacy_key, "device"),
        network=keyed_hash(network_of(request.client_address), privacy_key, "network"),
        role=request.role,
        province=province,
        lat=lat,
        lon=lon,
        source=source,
        accuracy_km=accuracy_km,
        tampered=tampered,
    )


def locked_stats(session: Session, stamp_id: int) -> SerialStats:
    """The stamp's aggregates row, created if missing and locked until commit.

    One statement; the row is the session's, for callers that change it.
    """
    statement = scan_store.lock_statement(session, stamp_id, SerialStats)
    statement = statement.returning(SerialStats)
    return session.scalars(
        statement, execution_options={"populate_existing": True}
    ).one()


def _aggregates(stats: scan_store.Stats) -> Aggregates:
    return Aggregates(
        scan_count=stats.scan_count,
        shopper_scans=stats.shopper_scans,
        devices=stats.devices,
        effective_devices=stats.effective_devices,
        provinces=tuple(stats.provinces or ()),
        last_at=stats.last_position_at,
        last_lat=stats.last_latitude,
        last_lon=stats.last_longitude,
        last_device=stats.last_device_hash,
        claimed_device=stats.claimed_device_hash,
        flags=tuple(stats.flags or ()),
        evidence=Evidence.from_json(stats.evidence),
        cleared_devices=stats.cleared_devices or 0,
    )


def _store(
    stats: scan_store.StatsRow, aggregates: Aggregates, facts: ScanFacts
) -> None:
    stats.scan_count = aggregates.scan_count
    stats.shopper_scans = aggregates.shopper_scans
    stats.devices = aggregates.devices
    stats.effective_devices = aggregates.effective_devices
    stats.provinces = list(aggregates.provinces)
    stats.flags = list(aggregates.flags)
    stats.evidence = aggregates.evidence.to_json()
    stats.last_position_at = aggregates.last_at
    stats.last_latitude, stats.last_longitude = aggregates.last_lat, aggregates.last_lon
    stats.last_device_hash = aggregates.last_device
    stats.first_scan_at = stats.first_scan_at or facts.at
    stats.last_scan_at = facts.at


def _scoped(request: ScanRequest, facts: ScanFacts, resolution: Resolution):
    """The stored form of the request's idempotency key, if it has one.

    The same key from another device, or for another code, is not a resend.
    """
    link = resolution.link
    if not request.idempotency_key or link.serial is None:
        return None  # no key, or no single item to scope it to
    return scoped_key(request.idempotency_key, facts.device, link.gtin, link.serial)
