"""A market in virtual time: who scans which stamp, where, from which phone and network.

Everything comes from one seeded random generator, so a run is reproducible.
The behaviour model (documented in bench/README.md):

- Genuine items are bought in one of their batch's provinces. The buyer's
  phone scans at the market (mobile data) and sometimes again at home (Wi-Fi);
  family members sometimes scan at home on the same Wi-Fi, now and then a
  relative on their own mobile data.
- Travellers: some genuine items are carried to another province as gifts and
  scanned there by the recipient.
- Clones: a genuine serial is copied onto fakes sold in the same or another
  province; some of the fake buyers scan them.
- Bots replay genuine codes with invented device ids from one address, in fast
  bursts, and some slowly, one device every quarter of an hour.
- Mobile phones share the carrier's public addresses (a small pool per province).
- Framers (adversaries): before the item is sold, one address makes its
  genuine code look copied, by claiming a far province by hand from two
  invented device ids, or by posting two far positions a minute apart; the
  household that buys it afterwards scans as usual. With `framer_networks`
  2, one person frames from two networks of their own: two /64s of one IPv6
  home line posting far positions, or an IPv4 Wi-Fi and the phone's mobile
  data both claiming a far province by hand, or six invented device ids on
  each of two /64s of one line, an hour apart.
- A third-party web page makes its many visitors' browsers, each on its own
  address, post scans of a genuine code (the API refuses other origins).
- Carrier-grade NAT: with `shared_homes`, households and fake buyers alike sit
  behind a handful of shared addresses per province.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from random import Random

from webapp.services.places.geo import random_point

SIM_START = datetime.fromisoformat("2026-09-01T08:00:00+07:00")
CARRIER_POOL = 1000  # public addresses per province that carriers' phones share


@dataclass(frozen=True)
class MarketConfig:
    seed: int = 7
    genuine_items: int = 600
    cloned_serials: int = 60
    bot_serials: int = 20
    days: int = 45
    consent_rate: float = 0.55
    rescan_at_home: float = 0.30
    family_scan: float = 0.25
    relative_scan: float = 0.04
    traveller_rate: float = 0.04
    fakes_per_clone: tuple[int, int] = (8, 60)
    fake_scan_rate: float = 0.35
    clone_elsewhere: float = 0.5
    framed_serials: int = 0
    framer_networks: int = 1  # 2: a framer uses two networks of their own
    foreign_serials: int = 0
    carrier_pool: int = CARRIER_POOL
    shared_homes: int = 0  # > 0: home addresses too come from this many per province
    start: datetime = SIM_START


@dataclass(frozen=True)
class Item:
    """A stamp in the simulation and the role its serial plays."""

    url: str
    regions: tuple[str, ...]
    kind: str  # genuine | traveller | cloned | botted | framed | foreign
    # When it can be bought; else some time in the first 60 % of the market's days.
    on_sale: tuple[datetime, datetime] | None = None


@dataclass(order=True)
class PlannedScan:
    at: datetime
    url: str = field(compare=False)
    device: str = field(compare=False)
    address: str = field(compare=False)
    lat: float | None = field(compare=False, default=None)
    lon: float | None = field(compare=False, default=None)
    # genuine | fake | bot | framer | foreign | honest (a buyer after framing)
    actor: str = field(compare=False, default="genuine")
    province: str | None = field(compare=False, default=None)  # chosen by hand
    origin: str | None = field(compare=False, default=None)  # a browser's Origin


class Market:
    """Plans every scan of a simulated market; `plan()` returns them in time order."""

    def __init__(self, config: MarketConfig, items: list[Item]) -> None:
        self.config = config
        self.items = items
        self.rng = Random(config.seed)
        self._devices = 0
        self._homes = 0

    def plan(self) -> list[PlannedScan]:
        scans: list[PlannedScan] = []
        for item in self.items:
            province = self.rng.choice(item.regions)
            bought = self._bought(item)
            household = self._household(item, province, bought)
            if item.kind in ("framed", "foreign"):  # the buyers who come after
                household = [replace(scan, actor="honest") for scan in household]
            scans += household
            if item.kind == "traveller":
                scans += self._traveller(item, province, bought)
            elif item.kind == "cloned":
                scans += self._clones(item, province, bought)
            elif item.kind == "botted":
                scans += self._bot(item, bought)
            elif item.kind == "framed":
                scans += self._framed(item, province, bought)
            elif item.kind == "foreign":
                scans += self._foreign(item, bought)
        return sorted(scans)

    def _bought(self, item: Item) -> datetime:
        if item.on_sale is None:
            return self._moment(0, self.config.days * 0.6)
        first, last = item.on_sale
        return first + (last - first) * self.rng.random()

    def _household(
        self, item: Item, province: str, bought: datetime
    ) -> list[PlannedScan]:
        buyer, home = self._device(), self._home_address(province)
        where = self._place(province)
        scans = [self._scan(item, bought, buyer, self._carrier(province), where)]
        if self.rng.random() < self.config.rescan_at_home:
            scans.append(
                self._scan(item, self._later(bought, 2, 72), buyer, home, where)
            )
        if self.rng.random() < self.config.family_scan:
            scans.append(
                self._scan(
                    item, self._later(bought, 2, 96), self._device(), home, where
                )
            )
        if self.rng.random() < self.config.relative_scan:
            relative = self._place(province)
            scans.append(
                self._scan(
                    item,
                    self._later(bought, 24, 240),
                    self._device(),
                    self._carrier(province),
                    relative,
                )
            )
        return scans

    def _traveller(
        self, item: Item, province: str, bought: datetime
    ) -> list[PlannedScan]:
        elsewhere = self.rng.choice([p for p in PROVINCES if p != province])
        at = self._later(bought, 30, 240)
        where = self._place(elsewhere)
        return [self._scan(item, at, self._device(), self._carrier(elsewhere), where)]

    def _clones(self, item: Item, province: str, bought: datetime) -> list[PlannedScan]:
        low, high = self.config.fakes_per_clone
        target = province
        if self.rng.random() < self.config.clone_elsewhere:
            target = self.rng.choice([p for p in PROVINCES if p not in item.regions])
        start = self._later(bought, 24, 24 * 10)
        scans = []
        for _ in range(self.rng.randint(low, high)):
            if self.rng.random() >= self.config.fake_scan_rate:
                continue
            at = self._later(start, 1, 24 * 20)
            address = (
                self._carrier(target)
                if self.rng.random() < 0.6
                else self._home_address(target)
            )
            scans.append(
                self._scan(
                    item, at, self._device(), address, self._place(target), "fake"
                )
            )
        return scans

    def _bot(self, item: Item, bought: datetime) -> list[PlannedScan]:
        address = f"203.0.113.{self.rng.randint(1, 254)}"
        at = self._later(bought, 24, 24 * 5)
        scans = []
        slow = self.rng.random() < 0.3
        for _ in range(self.rng.randint(40, 150) if not slow else 24):
            at += (
                timedelta(minutes=15)
                if slow
                else timedelta(seconds=self.rng.uniform(1, 6))
            )
            scans.append(
                PlannedScan(at, item.url, self._device(), address, actor="bot")
            )
        return scans

    def _framed(self, item: Item, province: str, bought: datetime) -> list[PlannedScan]:
        """Before the item is sold, one address frames its code from the shelf."""
        if self.config.framer_networks > 1:
            return self._framed_from_two_networks(item, bought)
        address = f"198.51.100.{self.rng.randint(1, 254)}"
        at = bought - timedelta(hours=self.rng.uniform(1, 48))
        far = [p for p in PROVINCES if p not in item.regions]
        first, second = self.rng.sample(far, 2)
        if self.rng.random() < 0.5:  # a province claimed by hand, two device ids
            return [
                PlannedScan(
                    at + timedelta(minutes=n),
                    item.url,
                    self._device(),
                    address,
                    actor="framer",
                    province=first,
                )
                for n in range(2)
            ]
        return [  # two far positions a minute apart, two device ids
            PlannedScan(
                at + timedelta(minutes=n),
                item.url,
                self._device(),
                address,
                *self._place(where),
                actor="framer",
            )
            for n, where in enumerate((first, second))
        ]

    def _framed_from_two_networks(
        self, item: Item, bought: datetime
    ) -> list[PlannedScan]:
        """One person, two networks of their own, fresh device ids every time."""
        at = bought - timedelta(hours=self.rng.uniform(13, 48))
        far = self.rng.choice([p for p in PROVINCES if p not in item.regions])
        line = self.rng.randrange(1, 65536)  # one home line's IPv6 /56
        subnets = [
            f"2001:db8:{line:x}:{n}::{self.rng.randrange(1, 65536):x}" for n in (1, 2)
        ]
        kind = self.rng.random()
        if kind < 1 / 3:  # far positions from two /64s of one line
            return [
                PlannedScan(
                    at + timedelta(minutes=n),
                    item.url,
                    self._device(),
                    subnets[n],
                    *self._place(far),
                    actor="framer",
                )
                for n in range(2)
            ]
        if kind < 2 / 3:  # a far province by hand on Wi-Fi, then on mobile data
            networks = [self._home_address(far), self._carrier(far)]
            return [
                PlannedScan(
                    at + timedelta(minutes=n),
                    item.url,
                    self._device(),
                    networks[n],
                    actor="framer",
                    province=far,
                )
                for n in range(2)
            ]
        return [  # six device ids on each of two /64s, an hour apart
            PlannedScan(
                at + timedelta(hours=n),
                item.url,
                self._device(),
                subnets[n % 2],
                actor="framer",
            )
            for n in range(12)
        ]

    def _foreign(self, item: Item, bought: datetime) -> list[PlannedScan]:
        """Before the sale, a third-party page makes its visitors' browsers post."""
        at = bought - timedelta(hours=self.rng.uniform(1, 48))
        scans = []
        for _ in range(self.rng.randint(20, 60)):
            elsewhere = self.rng.choice(PROVINCES)
            at += timedelta(seconds=self.rng.uniform(1, 30))
            scans.append(
                PlannedScan(
                    at,
                    item.url,
                    self._device(),
                    self._home_address(elsewhere),
                    *self._place(elsewhere),
                    actor="foreign",
                    origin="https://third-party.example",
                )
            )
        return scans

    def _scan(self, item, at, device, address, where, actor="genuine") -> PlannedScan:
        lat, lon = (
            where if self.rng.random() < self.config.consent_rate else (None, None)
        )
        return PlannedScan(at, item.url, device, address, lat, lon, actor)

    def _device(self) -> str:
        self._devices += 1
        return f"sim-device-{self._devices:07d}-{self.rng.getrandbits(32):08x}"

    def _home_address(self, province: str) -> str:
        if self.config.shared_homes:  # carrier-grade NAT for home lines too
            return (
                f"100.{int(province)}.0.{self.rng.randrange(self.config.shared_homes)}"
            )
        self._homes += 1
        n = self._homes
        return f"100.{64 + n // 65536 % 64}.{n // 256 % 256}.{n % 256}"

    def _carrier(self, province: str) -> str:
        return f"27.{int(province)}.{self.rng.randrange(self.config.carrier_pool)}.1"

    def _place(self, province: str) -> tuple[float, float]:
        return random_point(province, self.rng)

    def _moment(self, first_day: float, last_day: float) -> datetime:
        return self.config.start + timedelta(days=self.rng.uniform(first_day, last_day))

    def _later(self, after: datetime, min_hours: float, max_hours: float) -> datetime:
        return after + timedelta(hours=self.rng.uniform(min_hours, max_hours))


PROVINCES = (
    "01",
    "04",
    "08",
    "11",
    "12",
    "14",
    "15",
    "19",
    "20",
    "22",
    "24",
    "25",
    "31",
    "33",
    "37",
    "38",
    "40",
    "42",
    "44",
    "46",
    "48",
    "51",
    "52",
    "56",
    "66",
    "68",
    "75",
    "79",
    "80",
    "82",
    "86",
    "91",
    "92",
    "96",
)
