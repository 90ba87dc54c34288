"""A lived-in market for the demo: twelve weeks of shoppers scanning its stamps.

Buyers and their households, gifts carried to other provinces and copied
stamps come from the market simulation (webapp/simulation/market.py), played
through the real scan path: every scan, verdict, per-serial aggregate and
alert is what the app would have recorded. Two more stamps are scripted: a
copy scanned in two cities two hours apart, and a gift scanned far from where
it was sold.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from random import Random

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from webapp.demo.seed import commissioned_at
from webapp.models import Batch, Case, Stamp
from webapp.services.common.clock import VIETNAM
from webapp.services.common.settings import Settings
from webapp.services.scans.scanning import ScanRequest, record_scan
from webapp.services.stamps.issuance import IssuedStamp, issue_stamps
from webapp.simulation.market import Item, Market, MarketConfig, PlannedScan

WEEKS = 12
MARKET = MarketConfig(
    seed=2026,
    genuine_items=130,
    cloned_serials=3,
    bot_serials=0,
    days=WEEKS * 7,
    fakes_per_clone=(30, 50),  # about a third of fake buyers scan: 10 to 17 scans
)
TRAVELLERS = 8
# How long before now each kind of item with a story was bought at the latest:
# the fakes of a copied stamp are scanned for weeks.
SCRIPTED = {
    "cloned": timedelta(weeks=5),
    "two_cities": timedelta(days=10),
    "gift": timedelta(days=25),
}
HA_NOI = (21.0285, 105.8542)
DA_NANG = (16.0544, 108.2022)
DA_LAT = (11.9404, 108.4583)  # Lâm Đồng (68), where no demo batch is sold


@dataclass
class MarketStamps:
    """The stamps the market sold, and the role each serial played."""

    issued: list[IssuedStamp] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # serial → kind

    def of_kind(self, kind: str) -> list[IssuedStamp]:
        return [s for s in self.issued if self.kinds[s.serial] == kind]


def seed_market(
    session: Session, settings: Settings, now: datetime
) -> MarketStamps:
    """Sell and scan the demo's goods over the weeks before now; the caller commits."""
    start = now - timedelta(weeks=WEEKS)
    rng = Random(MARKET.seed)
    stock = _stock(session, settings, start, now, rng)
    items = [
        Item(s.url, s.regions, stock.sold.kinds[s.serial], stock.on_sale[s.serial])
        for s in stock.sold.issued
    ]
    planned = Market(replace(MARKET, start=start), items).plan()
    planned += _two_cities(stock.sold.of_kind("two_cities")[0], now)
    planned += _gift(stock.sold.of_kind("gift")[0], now)
    for scan in sorted(planned):
        if scan.at <= now:
            _play(session, settings, scan)
    _opened_when_raised(session)
    session.flush()
    return stock.sold


@dataclass
class _Stock:
    sold: MarketStamps
    on_sale: dict[str, tuple[datetime, datetime]]  # serial → when it could be bought


def _stock(session, settings, start, now, rng: Random) -> _Stock:
    """Pick a batch for every item sold, then issue each batch's stamps at once."""
    windows = {b: _on_sale(b, start, now) for b in _batches(session)}
    windows = {b: w for b, w in windows.items() if w is not None}
    kinds = ["cloned"] * MARKET.cloned_serials + ["two_cities", "gift"]
    kinds += ["traveller"] * TRAVELLERS
    kinds += ["genuine"] * (MARKET.genuine_items - TRAVELLERS)
    wanted: dict[Batch, list[tuple[str, tuple]]] = defaultdict(list)
    for kind in kinds:
        batch, window = _pick(windows, kind, now, rng)
        wanted[batch].append((kind, window))
    stock = _Stock(MarketStamps(), {})
    for batch, sales in wanted.items():
        for stamp, (kind, window) in zip(
            _issue(session, settings, batch, len(sales)), sales, strict=True
        ):
            stock.sold.issued.append(stamp)
            stock.sold.kinds[stamp.serial] = kind
            stock.on_sale[stamp.serial] = window
    return stock


def _pick(windows: dict, kind: str, now: datetime, rng: Random):
    """A batch on sale long enough for this kind of item, and when it was bought."""
    candidates = windows
    if kind in SCRIPTED:  # bought long enough before its story
        latest = now - SCRIPTED[kind]
        candidates = {
            b: (first, min(last, latest))
            for b, (first, last) in windows.items()
            if min(last, latest) - first >= timedelta(days=7)
        }
    if kind == "two_cities":  # sold in Hà Nội, never in Đà Nẵng
        candidates = {
            b: w
            for b, w in candidates.items()
            if "01" in b.province_codes and "48" not in b.province_codes
        }
    batches = list(candidates)
    weights = [(last - first).days + 1 for first, last in candidates.values()]
    batch = rng.choices(batches, weights)[0]
    return batch, candidates[batch]


def _batches(session: Session) -> list[Batch]:
    return list(
        session.scalars(
            select(Batch)
            .where(Batch.status == "active")
            .options(selectinload(Batch.events), selectinload(Batch.regions))
            .order_by(Batch.id)
        )
    )


def _on_sale(batch: Batch, start: datetime, now: datetime):
    """From its arrival at the shops (or the market's start) to its expiry or now."""
    first = max(start, batch.events[-1].event_time)
    last = now
    if batch.expires_on is not None:
        last = min(now, datetime.combine(batch.expires_on, time(20), VIETNAM))
    return (first, last) if last - first >= timedelta(days=2) else None


def _issue(session, settings: Settings, batch: Batch, count: int):
    with_pin = session.scalar(
        select(Stamp.pin_hash.is_not(None)).where(Stamp.batch_id == batch.id).limit(1)
    )
    return issue_stamps(
        session,
        batch,
        count,
        settings,
        bool(with_pin),
        issued_by_label="demo data",
        at=commissioned_at(batch),
    )


def _two_cities(stamp: IssuedStamp, now: datetime) -> list[PlannedScan]:
    """Copies of one stamp sold in Hà Nội and Đà Nẵng, scanned hours apart."""
    at = datetime.combine((now - timedelta(days=6)).date(), time(10), VIETNAM)
    return [
        PlannedScan(at, stamp.url, "demo-copy-ha-noi", "27.1.41.1", *HA_NOI, "fake"),
        PlannedScan(
            at + timedelta(hours=2),
            stamp.url,
            "demo-copy-da-nang",
            "27.48.7.1",
            *DA_NANG,
            "fake",
        ),
        PlannedScan(
            at + timedelta(days=1, hours=7),
            stamp.url,
            "demo-copy-da-nang-2",
            "100.64.200.7",
            *DA_NANG,
            "fake",
        ),
        # Another pair of buyers, on other networks, disagrees the same way: no
        # single source explains the conflicts any more.
        PlannedScan(
            at + timedelta(days=1, hours=9),
            stamp.url,
            "demo-copy-ha-noi-2",
            "100.64.201.3",
            *HA_NOI,
            "fake",
        ),
    ]


def _gift(stamp: IssuedStamp, now: datetime) -> list[PlannedScan]:
    """A gift carried to Đà Lạt and scanned there by the one who received it."""
    at = datetime.combine((now - timedelta(days=20)).date(), time(19), VIETNAM)
    return [PlannedScan(at, stamp.url, "demo-gift", "100.64.210.9", *DA_LAT)]


def _play(session: Session, settings: Settings, scan: PlannedScan) -> None:
    request = ScanRequest(
        scan.url, scan.device, scan.address, scan.at, lat=scan.lat, lon=scan.lon
    )
    record_scan(session, request, settings, scan.at.astimezone(VIETNAM).date())


def _opened_when_raised(session: Session) -> None:
    """A case opened by an alert dates from the alert's first flagged scan."""
    for case in session.scalars(select(Case).options(selectinload(Case.alerts))):
        if case.alerts:
            case.opened_at = min(alert.raised_at for alert in case.alerts)
