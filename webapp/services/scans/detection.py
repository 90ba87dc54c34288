"""Counterfeit detection: plain rules over one serial's aggregates.

The engine never reads scan history. Each scan brings the serial's running
aggregates (distinct shopper devices, client networks, provinces seen, bounded
location evidence) and what is known of this scan's device and network; the
engine returns the updated aggregates and the serial's standing. So a verdict
costs the same after ten scans or a hundred thousand.

This module alone says what a serial's standing is now (`standing`): the scan
API, the story page, the dossier and the alerts all ask it.

Principles (the README's "Counterfeit detection"): facts about the code itself make it
`counterfeit`; behaviour of scans only ever makes it `suspicious`, for a human
to look at; a burst of new devices from one network weighs as one device; the
same device scanning again counts once; inspectors and producers never count.
Location evidence needs independent sources before a shopper is told anything,
and a far province needs at least one device position among them;
thinner evidence is shown to staff only, and nothing latches: the standing is
recomputed from the kept evidence, which a human's "genuine" clears.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from webapp.services.scans import evidence as location
from webapp.services.scans.evidence import Evidence, Sighting

CODE_REASONS = ("unknown_code", "bad_check", "void", "confirmed_fake")
BEHAVIOUR_REASONS = (
    "duplicate_scans",
    "out_of_region",
    "impossible_travel",
    "claimed_elsewhere",
)
# Thin evidence shown to staff (dossier, low-severity alert), never to shoppers.
OBSERVATIONS = (
    "out_of_region_once",
    "out_of_region_by_hand",
    "travel_once",
    "location_tampering",
)
# Kept as a fact of the PIN claim (cleared by an inspector), not by scans.
CLAIM_FLAG = "claimed_elsewhere"
SHOPPER = "shopper"


@dataclass(frozen=True)
class Rules:
    """Thresholds of the behaviour rules; defaults come from configuration."""

    max_shopper_devices: int = 3
    max_speed_kmh: float = 120.0
    position_error_km: float = 5.0
    min_travel_km: float = 30.0
    burst_window_seconds: int = 600
    burst_size: int = 3
    household_size: int = 3
    max_weight_per_network: int = 2
    independent_sources: int = 2

    @classmethod
    def from_mapping(cls, values: dict) -> Rules:
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True)
class ScanFacts:
    """What this scan tells: who (as hashes), where and when."""

    at: datetime
    device: str
    network: str
    role: str = SHOPPER
    province: str | None = None
    lat: float | None = None
    lon: float | None = None
    # Where the location came from: "position" (consented), "hand", or None.
    source: str | None = None
    accuracy_km: float | None = None
    tampered: bool = False  # a hand-chosen province contradicted the position


@dataclass(frozen=True)
class Aggregates:
    """The running aggregates of one serial (shopper scans only, but scan_count)."""

    scan_count: int = 0
    shopper_scans: int = 0
    devices: int = 0
    effective_devices: int = 0
    provinces: tuple[str, ...] = ()
    last_at: datetime | None = None
    last_lat: float | None = None
    last_lon: float | None = None
    last_device: str | None = None
    claimed_device: str | None = None
    flags: tuple[str, ...] = ()
    evidence: Evidence = field(default_factory=Evidence)
    cleared_devices: int = 0  # effective devices already judged by a human


@dataclass(frozen=True)
class Standing:
    """A serial's standing now: what shoppers are told, and what staff see too."""

    verdict: str
    reasons: list[str]
    observations: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def staff_reasons(self) -> list[str]:
        return [*self.reasons, *self.observations]


@dataclass(frozen=True)
class NetworkState:
    """How the devices seen from one client network arrived, for one serial.

    A network with a few devices is a household (home Wi-Fi): it weighs one
    device, or none when a device already counted elsewhere has used it
    (`linked`: the buyer's phone at home). Many devices arriving slowly, as
    behind a carrier's shared address, count beyond the household size; each
    burst of new devices weighs one. No single address can weigh more than
    the rules allow, so one address alone never condemns a code.
    """

    steady: int = 0
    bursts: int = 0
    window_start: datetime | None = None
    window_count: int = 0
    linked: bool = False

    def weight(self, rules: Rules) -> int:
        """What this network adds to the serial's effective device count."""
        household = 0
        if self.steady:
            extra = max(0, self.steady - rules.household_size)
            household = (0 if self.linked else 1) + extra
        return min(household + self.bursts, rules.max_weight_per_network)


@dataclass(frozen=True)
class Assessment:
    standing: Standing
    aggregates: Aggregates
    network: NetworkState | None = None
    new_device: bool = False

    @property
    def verdict(self) -> str:
        return self.standing.verdict

    @property
    def reasons(self) -> list[str]:
        return self.standing.reasons


def verdict_for(reasons: list[str]) -> str:
    if any(r in CODE_REASONS for r in reasons):
        return "counterfeit"
    if any(r in BEHAVIOUR_REASONS for r in reasons):
        return "suspicious"
    return "authentic"


def assess(
    stats: Aggregates,
    scan: ScanFacts,
    rules: Rules,
    regions: tuple[str, ...],
    device_network: str | None,
    network: NetworkState | None,
    code_reasons: tuple[str, ...] = (),
) -> Assessment:
    """Fold one scan into the serial's aggregates and judge the serial.

    device_network is the network on which this device was first counted for
    the serial (None for a device never seen); network is the state of the
    network this scan comes from.
    """
    stats = replace(stats, scan_count=stats.scan_count + 1)
    network_after = None
    new_device = False
    if scan.role == SHOPPER:
        if stats.claimed_device and scan.device != stats.claimed_device:
            stats = replace(stats, flags=tuple(sorted({*stats.flags, CLAIM_FLAG})))
        stats = replace(stats, evidence=_observe(stats.evidence, scan, rules, regions))
        before = network or NetworkState()
        if device_network == scan.network:
            network_after = before
        elif device_network is not None:  # a counted phone on another network: its home
            network_after = replace(before, linked=True)
        else:
            new_device = True
            network_after = _arrive(before, scan.at, rules)
            stats = replace(stats, devices=stats.devices + 1)
        change = network_after.weight(rules) - before.weight(rules)
        stats = replace(stats, effective_devices=stats.effective_devices + change)
        stats = _remember_position(stats, scan)
    judged = standing(stats, rules, regions, code_reasons)
    return Assessment(judged, stats, network_after, new_device)


def standing(
    stats: Aggregates,
    rules: Rules,
    regions: tuple[str, ...],
    code_reasons: tuple[str, ...] = (),
) -> Standing:
    """The serial's standing from its code's facts and its aggregates as they are."""
    reasons = list(dict.fromkeys(code_reasons))
    reasons += behaviour_reasons(stats, rules, regions)
    found = stats.evidence
    observations = []
    if regions and 0 < found.away_sources < rules.independent_sources:
        observations.append("out_of_region_once")
    elif regions and found.away_sources and "out_of_region" not in reasons:
        observations.append("out_of_region_by_hand")
    if found.conflicts and not found.travel_proven:
        observations.append("travel_once")
    if found.tampering:
        observations.append("location_tampering")
    notices = []
    away_only_seen = {"out_of_region_once", "out_of_region_by_hand"}
    if away_only_seen & set(observations) and "out_of_region" not in reasons:
        notices.append("gift_elsewhere")
    return Standing(verdict_for(reasons), reasons, observations, notices)


def behaviour_reasons(
    stats: Aggregates, rules: Rules, regions: tuple[str, ...]
) -> list[str]:
    """The behaviour rules that the aggregates break, in a stable order."""
    reasons = []
    if stats.effective_devices - stats.cleared_devices > rules.max_shopper_devices:
        reasons.append("duplicate_scans")
    if regions and _out_of_region(stats.evidence, rules):
        reasons.append("out_of_region")
    if stats.evidence.travel_proven:
        reasons.append("impossible_travel")
    if CLAIM_FLAG in stats.flags:
        reasons.append(CLAIM_FLAG)
    return reasons


def _out_of_region(found: Evidence, rules: Rules) -> bool:
    """Enough independent sources outside the regions, one of them a position.

    A province typed by hand never outweighs a position: hand-chosen far
    provinces alone, from however many networks, are shown to staff only.
    """
    return (
        found.away_sources >= rules.independent_sources
        and found.positioned_sources >= 1
    )


def _observe(
    found: Evidence, scan: ScanFacts, rules: Rules, regions: tuple[str, ...]
) -> Evidence:
    error = max(rules.position_error_km, scan.accuracy_km or 0.0)
    sighting = Sighting(
        at=scan.at,
        network=scan.network[: location.KEY],
        device=scan.device[: location.KEY],
        province=scan.province,
        kind=scan.source,
        lat=scan.lat,
        lon=scan.lon,
        error_km=error,
        tampered=scan.tampered,
    )

    def too_fast(place, seen) -> bool:
        return location.speed_check(
            place, seen, rules.min_travel_km, rules.max_speed_kmh
        )

    return location.observe(found, sighting, regions, too_fast)


def _arrive(network: NetworkState, at: datetime, rules: Rules) -> NetworkState:
    """Account one new device from this network; a burst weighs as one device."""
    in_window = (
        network.window_start is not None
        and (at - network.window_start).total_seconds() <= rules.burst_window_seconds
    )
    if not in_window:
        return replace(
            network, steady=network.steady + 1, window_start=at, window_count=1
        )
    count = network.window_count + 1
    if count < rules.burst_size:
        return replace(network, steady=network.steady + 1, window_count=count)
    if count == rules.burst_size:  # the window turns out to be a burst
        steady = network.steady - (rules.burst_size - 1)
        return replace(
            network, steady=steady, bursts=network.bursts + 1, window_count=count
        )
    return replace(network, window_count=count)


def _remember_position(stats: Aggregates, scan: ScanFacts) -> Aggregates:
    provinces = stats.provinces
    if scan.province and scan.province not in provinces:
        provinces = tuple(sorted((*provinces, scan.province)))
    stats = replace(stats, shopper_scans=stats.shopper_scans + 1, provinces=provinces)
    if scan.lat is None or scan.lon is None:
        return stats
    return replace(
        stats,
        last_at=scan.at,
        last_lat=scan.lat,
        last_lon=scan.lon,
        last_device=scan.device,
    )
