"""Counterfeit detection: plain rules over one serial's aggregates.

The engine never reads scan history. Each scan brings the serial's running
aggregates (distinct shopper devices, client networks, provinces seen, the last
position) and what is known of this scan's device and network; the engine
returns the updated aggregates and the verdict. So a verdict costs the same
after ten scans or a hundred thousand.

Principles (see the product brief): facts about the code itself make it
`counterfeit`; behaviour of scans only ever makes it `suspicious`, for a human
to look at; a burst of new devices from one network weighs as one device; the
same device scanning again counts once; inspectors and producers never count.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from webapp.services.geo import distance_km

CODE_REASONS = ("unknown_code", "bad_check", "void", "confirmed_fake")
BEHAVIOUR_REASONS = (
    "duplicate_scans",
    "out_of_region",
    "impossible_travel",
    "claimed_elsewhere",
)
LATCHED = ("impossible_travel", "claimed_elsewhere")
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
    verdict: str
    reasons: list[str]
    aggregates: Aggregates
    network: NetworkState | None = None
    new_device: bool = False
    notices: list[str] = field(default_factory=list)


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
        flags = set(stats.flags)
        if stats.claimed_device and scan.device != stats.claimed_device:
            flags.add("claimed_elsewhere")
        if _travelled_too_fast(stats, scan, rules):
            flags.add("impossible_travel")
        stats = replace(stats, flags=tuple(sorted(flags)))
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
    verdict, reasons = verdict_now(stats, rules, regions, code_reasons)
    return Assessment(verdict, reasons, stats, network_after, new_device)


def verdict_now(
    stats: Aggregates,
    rules: Rules,
    regions: tuple[str, ...],
    code_reasons: tuple[str, ...] = (),
) -> tuple[str, list[str]]:
    """The serial's verdict and reasons from its aggregates as they stand."""
    reasons = list(code_reasons) + behaviour_reasons(stats, rules, regions)
    return verdict_for(reasons), reasons


def behaviour_reasons(
    stats: Aggregates, rules: Rules, regions: tuple[str, ...]
) -> list[str]:
    """The behaviour rules that the aggregates break, in a stable order."""
    reasons = []
    if stats.effective_devices > rules.max_shopper_devices:
        reasons.append("duplicate_scans")
    if regions and any(p not in regions for p in stats.provinces):
        reasons.append("out_of_region")
    reasons += [flag for flag in LATCHED if flag in stats.flags]
    return reasons


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


def _travelled_too_fast(stats: Aggregates, scan: ScanFacts, rules: Rules) -> bool:
    """A different device scanned the serial too far away for the time between."""
    if None in (scan.lat, scan.lon, stats.last_lat, stats.last_lon, stats.last_at):
        return False
    if scan.device == stats.last_device:
        return False  # one phone travelling is not two places at once
    km = distance_km(stats.last_lat, stats.last_lon, scan.lat, scan.lon)
    km -= 2 * rules.position_error_km
    if km < rules.min_travel_km:
        return False
    hours = max((scan.at - stats.last_at).total_seconds() / 3600, 1 / 60)
    return km / hours > rules.max_speed_kmh


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
