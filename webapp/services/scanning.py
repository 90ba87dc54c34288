"""Record a scan and judge it, updating the serial's aggregates in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from webapp.models import Product, Scan, SerialDevice, SerialNetwork, SerialStats, Stamp
from webapp.services import digital_link, geo, rollups
from webapp.services.cases import raise_alert
from webapp.services.detection import (
    Aggregates,
    NetworkState,
    Rules,
    ScanFacts,
    Standing,
    assess,
    standing,
)
from webapp.services.errors import DigitalLinkError
from webapp.services.evidence import HAND, POSITION, Evidence
from webapp.services.idempotency import scoped_key
from webapp.services.privacy import keyed_hash, network_of
from webapp.services.regions import is_province_code
from webapp.services.repeats import earlier_view
from webapp.services.resolution import Resolution, resolve

ROLES = ("shopper", "inspector", "producer")


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

    scan: Scan
    resolution: Resolution
    stats: SerialStats | None
    verdict: str
    reasons: list[str]
    replayed: bool = False
    standing: Standing | None = None


def record_scan(
    session: Session,
    request: ScanRequest,
    stamp_keys: Sequence[str],
    privacy_key: str,
    rules_config: dict,
    today: date,
) -> ScanOutcome:
    """Store the scan and its verdict; the caller commits.

    Raises DigitalLinkError when the code is malformed or names no single item.
    """
    link = digital_link.parse(request.code)
    if not link.serial:
        raise DigitalLinkError("serial_required", "serial", request.code)
    facts = _facts(request, privacy_key)
    key = None
    if request.idempotency_key:
        # The same key from another device, or for another code, is not a resend.
        key = scoped_key(request.idempotency_key, facts.device, link.gtin, link.serial)
        earlier = session.scalar(select(Scan).where(Scan.idempotency_key == key))
        if earlier is not None:
            resolution = resolve(session, link, stamp_keys, today)
            stats = _stats_of(session, earlier)
            return ScanOutcome(
                earlier, resolution, stats, earlier.verdict, earlier.reasons, True
            )
    resolution = resolve(session, link, stamp_keys, today)
    stamp = resolution.stamp
    # Locked first, so two quick reloads of one story cannot both insert.
    stats = locked_stats(session, stamp.id) if stamp is not None else None
    if request.repeat_window:
        repeat = _repeat(session, request, resolution, facts, stats, rules_config)
        if repeat is not None:
            return repeat
    scan = Scan(
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
        idempotency_key=key,
        made_at=believable_made_at(request.made_at, request.at),
    )
    if stamp is None:
        judged = standing(Aggregates(), Rules(), (), tuple(resolution.reasons))
        judged = judged if judged.reasons else Standing("counterfeit", ["unknown_code"])
        scan.verdict, scan.reasons = judged.verdict, judged.reasons
    else:
        judged = _judge(session, resolution, facts, stats, rules_config, scan)
    scan.notices = list(resolution.notices)
    session.add(scan)
    session.flush()
    rollups.count(
        session,
        at=scan.scanned_at,
        province=scan.province_code,
        organisation_id=resolution.product.organisation_id if stamp else None,
        role=scan.role,
        verdict=scan.verdict,
    )
    return ScanOutcome(
        scan, resolution, stats, scan.verdict, scan.reasons, standing=judged
    )


def _repeat(
    session: Session,
    request: ScanRequest,
    resolution: Resolution,
    facts: ScanFacts,
    stats: SerialStats | None,
    rules_config: dict,
) -> ScanOutcome | None:
    """The same page view again: its scan, with the serial's verdict now."""
    stamp = resolution.stamp
    since = request.at - request.repeat_window
    earlier = earlier_view(session, resolution, facts.device, facts.role, since)
    if earlier is None:
        return None
    if stamp is None:  # a never-issued code: nothing about it can have changed
        return ScanOutcome(
            earlier, resolution, None, earlier.verdict, earlier.reasons, True
        )
    judged = standing_of(resolution, stats, rules_config)
    return ScanOutcome(
        earlier, resolution, stats, judged.verdict, judged.reasons, True, judged
    )


def standing_of(
    resolution: Resolution, stats: SerialStats | None, rules_config: dict
) -> Standing:
    """The standing of the serial a resolution names, as its aggregates are now."""
    if resolution.stamp is None:
        return standing(Aggregates(), Rules(), (), tuple(resolution.reasons))
    return standing(
        _aggregates(stats) if stats is not None else Aggregates(),
        rules_for(resolution.product, rules_config),
        tuple(resolution.batch.province_codes),
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


def rules_for(product: Product, rules_config: dict) -> Rules:
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


def _judge(
    session: Session,
    resolution: Resolution,
    facts: ScanFacts,
    stats: SerialStats,
    rules_config: dict,
    scan: Scan,
) -> Standing:
    stamp: Stamp = resolution.stamp
    device = session.get(SerialDevice, (stamp.id, facts.device))
    network = session.get(SerialNetwork, (stamp.id, facts.network))
    code_reasons = tuple(resolution.reasons)
    rules = rules_for(resolution.product, rules_config)
    regions = tuple(resolution.batch.province_codes)
    before = standing(_aggregates(stats), rules, regions, code_reasons)
    assessment = assess(
        _aggregates(stats),
        facts,
        rules,
        regions,
        device.network_hash if device else None,
        _network_state(network),
        code_reasons,
    )
    _store(stats, assessment.aggregates, facts)
    if assessment.new_device:
        session.add(
            SerialDevice(
                stamp_id=stamp.id,
                device_hash=facts.device,
                network_hash=facts.network,
                first_seen_at=facts.at,
            )
        )
    if assessment.network is not None and assessment.network != _network_state(network):
        _store_network(session, network, assessment.network, stamp.id, facts.network)
    scan.stamp_id = stamp.id
    judged = assessment.standing
    scan.verdict, scan.reasons = judged.verdict, judged.reasons
    # Thin evidence reaches staff once, when it appears; a flag on every scan.
    news = set(judged.observations) - set(before.observations)
    if facts.role == "shopper" and (judged.verdict != "authentic" or news):
        raise_alert(
            session,
            stamp,
            judged.verdict,
            judged.staff_reasons,
            facts.province,
            facts.at,
        )
    return judged


def locked_stats(session: Session, stamp_id: int) -> SerialStats:
    """The stamp's aggregates row, created if missing and locked until commit.

    Concurrent scans of one serial queue here (row lock on PostgreSQL, the
    write lock on SQLite), so no update is lost.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(SerialStats)
        .values(stamp_id=stamp_id, provinces=[], flags=[])
        .on_conflict_do_nothing(index_elements=["stamp_id"])
    )
    return session.scalars(
        select(SerialStats)
        .where(SerialStats.stamp_id == stamp_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _aggregates(stats: SerialStats) -> Aggregates:
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


def _store(stats: SerialStats, aggregates: Aggregates, facts: ScanFacts) -> None:
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


def _network_state(row: SerialNetwork | None) -> NetworkState | None:
    if row is None:
        return None
    return NetworkState(
        row.steady, row.bursts, row.window_start, row.window_count, row.linked
    )


def _store_network(
    session, row, state: NetworkState, stamp_id: int, network: str
) -> None:
    if row is None:
        row = SerialNetwork(stamp_id=stamp_id, network_hash=network)
        session.add(row)
    row.steady, row.bursts = state.steady, state.bursts
    row.window_start, row.window_count = state.window_start, state.window_count
    row.linked = state.linked


def _stats_of(session: Session, scan: Scan) -> SerialStats | None:
    return session.get(SerialStats, scan.stamp_id) if scan.stamp_id else None
