"""Where one serial has been scanned, with the source of each piece of evidence.

Location evidence is bounded per serial, so judging it costs the same after ten
scans or a hundred thousand: the first province it was seen in, the first few
independent sources per province outside the batch's regions, the last few
positions, and what every impossible-travel conflict had in common.

A source is a client network (one address, however many device ids it
invents, is one source); a device seen on two networks is one source too, so
a phone moving from Wi-Fi to mobile data does not count twice. A position the
browser gave with consent weighs more than a province chosen by hand: the
scan's province is the one at its position, and a hand-chosen province that
contradicts it is ignored and counted as tampering. Provinces chosen by hand
alone, however many sources choose them, are not enough to warn a shopper: one
person can type any province from Wi-Fi and mobile data alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from webapp.services.places.geo import distance_km

MAX_SOURCES = 4  # independent sources kept outside the regions (two decide)
MAX_ALIASES = 3  # networks and devices remembered per source
MAX_PLACES = 4  # last positions kept for the travel rule
KEY = 16  # characters of a keyed hash kept as evidence

POSITION = "position"
HAND = "hand"


@dataclass(frozen=True)
class Source:
    """One independent source that scanned the serial outside its regions."""

    province: str
    kind: str
    at: datetime
    networks: tuple[str, ...]
    devices: tuple[str, ...]

    def is_same(self, network: str, device: str) -> bool:
        return network in self.networks or device in self.devices

    def merged(self, network: str, device: str, kind: str) -> Source:
        return replace(
            self,
            networks=_add(self.networks, network),
            devices=_add(self.devices, device),
            kind=POSITION if POSITION in (kind, self.kind) else HAND,
        )


@dataclass(frozen=True)
class Place:
    """A consented position, coarsened, with its uncertainty."""

    at: datetime
    lat: float
    lon: float
    error_km: float
    network: str
    device: str


@dataclass(frozen=True)
class Sighting:
    """What one shopper scan adds to the evidence (hashes already shortened)."""

    at: datetime
    network: str
    device: str
    province: str | None
    kind: str | None  # position | hand | None
    lat: float | None = None
    lon: float | None = None
    error_km: float = 0.0
    tampered: bool = False


@dataclass(frozen=True)
class Evidence:
    home: str | None = None
    home_at: datetime | None = None
    away: tuple[Source, ...] = ()
    places: tuple[Place, ...] = ()
    conflicts: int = 0
    # The networks taking part in every impossible-travel conflict so far: while
    # one network is in all of them, one source may be lying about where it is.
    common: tuple[str, ...] = ()
    tampering: int = 0

    @property
    def away_sources(self) -> int:
        return len(self.away)

    @property
    def positioned_sources(self) -> int:
        """Sources outside the regions of which one scan gave a device position."""
        return sum(1 for source in self.away if source.kind == POSITION)

    @property
    def travel_proven(self) -> bool:
        """Conflicts that no single network explains: independent sources disagree."""
        return self.conflicts > 0 and not self.common

    def to_json(self) -> dict:
        return {
            "home": self.home,
            "home_at": _iso(self.home_at),
            "away": [
                {
                    "province": s.province,
                    "kind": s.kind,
                    "at": _iso(s.at),
                    "networks": list(s.networks),
                    "devices": list(s.devices),
                }
                for s in self.away
            ],
            "places": [
                [_iso(p.at), p.lat, p.lon, p.error_km, p.network, p.device]
                for p in self.places
            ],
            "conflicts": self.conflicts,
            "common": list(self.common),
            "tampering": self.tampering,
        }

    @classmethod
    def from_json(cls, data: dict | None) -> Evidence:
        if not data:
            return cls()
        return cls(
            home=data.get("home"),
            home_at=_time(data.get("home_at")),
            away=tuple(
                Source(
                    s["province"],
                    s["kind"],
                    datetime.fromisoformat(s["at"]),
                    tuple(s["networks"]),
                    tuple(s["devices"]),
                )
                for s in data.get("away", ())
            ),
            places=tuple(
                Place(datetime.fromisoformat(at), lat, lon, error, network, device)
                for at, lat, lon, error, network, device in data.get("places", ())
            ),
            conflicts=data.get("conflicts", 0),
            common=tuple(data.get("common", ())),
            tampering=data.get("tampering", 0),
        )


def observe(
    evidence: Evidence,
    sighting: Sighting,
    regions: tuple[str, ...],
    too_fast,
) -> Evidence:
    """Fold one shopper scan into the evidence; too_fast(place, sighting) -> bool."""
    if sighting.tampered:
        evidence = replace(evidence, tampering=evidence.tampering + 1)
    province = sighting.province
    if province and evidence.home is None and (not regions or province in regions):
        evidence = replace(evidence, home=province, home_at=sighting.at)
    if province and regions and province not in regions:
        evidence = _away(evidence, sighting, province)
    if sighting.lat is not None and sighting.lon is not None:
        here = Place(
            sighting.at,
            sighting.lat,
            sighting.lon,
            sighting.error_km,
            sighting.network,
            sighting.device,
        )
        evidence = _travel(evidence, here, too_fast)
    return evidence


def cleared(evidence: Evidence) -> Evidence:
    """After a human found the item genuine: the doubts so far no longer count."""
    return replace(evidence, away=(), conflicts=0, common=(), tampering=0)


def forgotten(evidence: Evidence) -> Evidence:
    """The evidence of a serial nobody scanned for the retention period, made
    to identify nobody: the hashes become placeholders (each source stays one
    source) and the positions go; provinces, times and counts stay."""
    away = tuple(
        replace(source, networks=(f"~{i}",), devices=(f"~{i}",))
        for i, source in enumerate(evidence.away)
    )
    common = ("~",) if evidence.common else ()  # one network explained it all
    return replace(evidence, away=away, places=(), common=common)


def _away(evidence: Evidence, sighting: Sighting, province: str) -> Evidence:
    sources = list(evidence.away)
    for i, source in enumerate(sources):
        if source.is_same(sighting.network, sighting.device):
            sources[i] = source.merged(
                sighting.network, sighting.device, sighting.kind or HAND
            )
            return replace(evidence, away=tuple(sources))
    if len(sources) >= MAX_SOURCES:
        return evidence
    source = Source(
        province,
        sighting.kind or HAND,
        sighting.at,
        (sighting.network,),
        (sighting.device,),
    )
    return replace(evidence, away=(*sources, source))


def _travel(evidence: Evidence, here: Place, too_fast) -> Evidence:
    conflicts, common = evidence.conflicts, set(evidence.common)
    for place in evidence.places:
        if place.device == here.device or place.network == here.network:
            continue  # one phone travelling, or one source: not two places at once
        if too_fast(place, here):
            pair = {place.network, here.network}
            common = pair if conflicts == 0 else common & pair
            conflicts += 1
    places = (*evidence.places, here)[-MAX_PLACES:]
    return replace(
        evidence, places=places, conflicts=conflicts, common=tuple(sorted(common))
    )


def speed_check(place: Place, here: Place, min_km: float, max_kmh: float) -> bool:
    """Two positions too far apart for the time between them, errors allowed for."""
    km = distance_km(place.lat, place.lon, here.lat, here.lon)
    km -= place.error_km + here.error_km
    if km < min_km:
        return False
    hours = max(abs((here.at - place.at).total_seconds()) / 3600, 1 / 60)
    return km / hours > max_kmh


def _add(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    if value in values or len(values) >= MAX_ALIASES:
        return values
    return (*values, value)


def _iso(at: datetime | None) -> str | None:
    return at.isoformat() if at else None


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
