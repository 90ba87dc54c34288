"""Play a simulated market through the real scan path and measure detection quality."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from random import Random

from sqlalchemy.orm import Session

from webapp.demo.seed import seed_demo
from webapp.models import Batch
from webapp.services.clock import VIETNAM
from webapp.services.issuance import issue_stamps
from webapp.services.scanning import ScanRequest, record_scan
from webapp.simulation.market import Item, Market, MarketConfig

TODAY = date(2026, 11, 1)
NOW = datetime(2026, 11, 1, 9, tzinfo=VIETNAM)


@dataclass
class Report:
    """Detection quality over one simulated market."""

    scans: int
    seconds: float
    cloned: int
    cloned_flagged: int
    cloned_with_3_fake_scans: int
    flagged_within_3: int
    fake_scans_to_flag: list[int]
    genuine: int
    genuine_flagged: int
    travellers: int
    travellers_flagged: int
    botted: int
    botted_suspicious: int
    botted_counterfeit: int
    flagged_total: int

    @property
    def recall(self) -> float:
        return self.cloned_flagged / self.cloned if self.cloned else 1.0

    @property
    def recall_within_3(self) -> float:
        """Of the clones scanned at least 3 times, the share flagged by then."""
        seen = self.cloned_with_3_fake_scans
        return self.flagged_within_3 / seen if seen else 1.0

    @property
    def precision(self) -> float:
        return self.cloned_flagged / self.flagged_total if self.flagged_total else 1.0

    @property
    def genuine_false_positive_rate(self) -> float:
        return self.genuine_flagged / self.genuine if self.genuine else 0.0

    def lines(self) -> list[str]:
        to_flag = self.fake_scans_to_flag or [0]
        return [
            f"scans played            {self.scans} in {self.seconds:.1f} s "
            f"({self.scans / max(self.seconds, 1e-9):.0f} scans/s)",
            f"cloned serials          {self.cloned} scanned: recall {self.recall:.3f}; "
            f"of the {self.cloned_with_3_fake_scans} scanned 3+ times, flagged within "
            f"3 fake scans {self.recall_within_3:.3f}",
            f"fake scans to flag      median {statistics.median(to_flag):.0f}, "
            f"p90 {_percentile(to_flag, 0.9)}, max {max(to_flag)}",
            f"genuine in-region items {self.genuine}: false positives "
            f"{self.genuine_flagged} ({self.genuine_false_positive_rate:.2%})",
            f"travelled gifts         {self.travellers}: "
            f"flagged {self.travellers_flagged}",
            f"bot-replayed genuine    {self.botted}: "
            f"counterfeit {self.botted_counterfeit}, "
            f"suspicious {self.botted_suspicious}",
            f"precision               {self.precision:.3f} "
            f"(flagged serials that were really cloned)",
        ]


def prepare_items(
    session: Session, config: MarketConfig, keys, base_url: str
) -> list[Item]:
    """Load the demo catalog and issue the stamps the market needs."""
    seed_demo(session, keys, base_url, now=NOW)
    batches = [b for b in session.query(Batch).all() if b.status == "active"]
    rng = Random(config.seed)
    total = config.genuine_items + config.cloned_serials + config.bot_serials
    travellers = int(config.genuine_items * config.traveller_rate)
    kinds = (
        ["cloned"] * config.cloned_serials
        + ["botted"] * config.bot_serials
        + ["traveller"] * travellers
        + ["genuine"] * (config.genuine_items - travellers)
    )
    rng.shuffle(kinds)
    items = []
    for kind in kinds[:total]:
        batch = rng.choice(batches)
        stamp = issue_stamps(session, batch, 1, keys, base_url)[0]
        items.append(Item(stamp.url, stamp.regions, kind))
    session.flush()
    return items


def play(
    session: Session, config: MarketConfig, items: list[Item], keys, rules
) -> Report:
    """Send every planned scan through record_scan, in time order, and score it."""
    planned = Market(config, items).plan()
    kinds = {item.url: item.kind for item in items}
    flagged: dict[str, bool] = defaultdict(bool)
    verdicts: dict[str, set[str]] = defaultdict(set)
    fake_scans: dict[str, int] = defaultdict(int)
    flagged_after: dict[str, int] = {}
    started = time.perf_counter()
    for scan in planned:
        outcome = record_scan(
            session,
            ScanRequest(
                scan.url, scan.device, scan.address, scan.at, lat=scan.lat, lon=scan.lon
            ),
            keys,
            "simulation-privacy-key",
            rules,
            TODAY,
        )
        verdict = outcome.scan.verdict
        verdicts[scan.url].add(verdict)
        if scan.actor == "fake":
            fake_scans[scan.url] += 1
        if verdict != "authentic":
            flagged[scan.url] = True
            # A clone counts as caught once any scan after a fake one is flagged.
            if fake_scans[scan.url] and scan.url not in flagged_after:
                flagged_after[scan.url] = fake_scans[scan.url]
    session.flush()
    seconds = time.perf_counter() - started
    return _score(
        kinds, flagged, verdicts, flagged_after, fake_scans, len(planned), seconds
    )


def _score(
    kinds, flagged, verdicts, flagged_after, fake_scans, count, seconds
) -> Report:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for url, kind in kinds.items():
        by_kind[kind].append(url)
    # Clones nobody scanned cannot be caught; they are left out of recall.
    cloned = [url for url in by_kind["cloned"] if fake_scans[url]]
    botted = by_kind["botted"]
    return Report(
        scans=count,
        seconds=seconds,
        cloned=len(cloned),
        cloned_flagged=sum(1 for url in cloned if url in flagged_after),
        cloned_with_3_fake_scans=sum(1 for url in cloned if fake_scans[url] >= 3),
        flagged_within_3=sum(
            1
            for url in cloned
            if fake_scans[url] >= 3 and flagged_after.get(url, 99) <= 3
        ),
        fake_scans_to_flag=sorted(flagged_after.values()),
        genuine=len(by_kind["genuine"]),
        genuine_flagged=sum(1 for url in by_kind["genuine"] if flagged[url]),
        travellers=len(by_kind["traveller"]),
        travellers_flagged=sum(1 for url in by_kind["traveller"] if flagged[url]),
        botted=len(botted),
        botted_suspicious=sum(1 for url in botted if "suspicious" in verdicts[url]),
        botted_counterfeit=sum(1 for url in botted if "counterfeit" in verdicts[url]),
        flagged_total=sum(1 for url in kinds if flagged[url]),
    )


def _percentile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
