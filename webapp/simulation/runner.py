"""Play a simulated market through the real scan path and measure detection quality."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from random import Random

from flask import current_app
from sqlalchemy.orm import Session

from webapp.demo.seed import seed_demo
from webapp.models import Batch
from webapp.services.catalog.batches import stamps_issued
from webapp.services.common.clock import VIETNAM
from webapp.services.common.settings import Settings
from webapp.services.scans.scanning import ScanRequest, record_scan
from webapp.services.stamps.issuance import issue_stamps
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
    cloned_with_5_fake_scans: int = 0
    flagged_with_5: int = 0
    framed: int = 0
    framed_honest_flagged: int = 0
    framed_counterfeit: int = 0
    # honest buyers after framing told of a place (out_of_region, impossible_travel)
    framed_by_location: int = 0
    foreign: int = 0
    foreign_posts: int = 0
    foreign_accepted: int = 0
    foreign_honest_flagged: int = 0

    @property
    def recall_5(self) -> float:
        """Recall over the clones whose fakes were scanned at least five times."""
        seen = self.cloned_with_5_fake_scans
        return self.flagged_with_5 / seen if seen else 1.0

    @property
    def median_to_flag(self) -> float:
        return statistics.median(self.fake_scans_to_flag or [0])

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
            f"clones with 5+ fake scans {self.cloned_with_5_fake_scans}: "
            f"recall {self.recall_5:.3f}",
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
            f"framed before sale      {self.framed}: honest buyer afterwards flagged "
            f"{self.framed_honest_flagged} (by location "
            f"{self.framed_by_location}), counterfeit {self.framed_counterfeit}",
            f"third-party origin      {self.foreign} codes, "
            f"{self.foreign_posts} posts: accepted {self.foreign_accepted}, "
            "honest buyer afterwards flagged "
            f"{self.foreign_honest_flagged}",
        ]

    def row(self, name: str) -> str:
        """One line of the per-scenario table (Markdown)."""
        framed = self.framed + self.foreign
        honest = self.framed_honest_flagged + self.foreign_honest_flagged
        return (
            f"| {name} | {self.cloned} | {self.recall:.3f} | {self.recall_5:.3f} "
            f"({self.cloned_with_5_fake_scans}) | {self.median_to_flag:g} | "
            f"{self.genuine_flagged}/{self.genuine} "
            f"({self.genuine_false_positive_rate:.2%}) | {honest}/{framed} | "
            f"{self.framed_counterfeit + self.botted_counterfeit} | "
            f"{self.foreign_accepted}/{self.foreign_posts} |"
        )


def prepare_items(
    session: Session, config: MarketConfig, settings: Settings
) -> list[Item]:
    """Load the demo catalog and issue the stamps the market needs."""
    seed_demo(session, settings, now=NOW)
    batches = [b for b in session.query(Batch).all() if b.status == "active"]
    rng = Random(config.seed)
    total = (
        config.genuine_items
        + config.cloned_serials
        + config.bot_serials
        + config.framed_serials
        + config.foreign_serials
    )
    travellers = int(config.genuine_items * config.traveller_rate)
    kinds = (
        ["cloned"] * config.cloned_serials
        + ["botted"] * config.bot_serials
        + ["framed"] * config.framed_serials
        + ["foreign"] * config.foreign_serials
        + ["traveller"] * travellers
        + ["genuine"] * (config.genuine_items - travellers)
    )
    rng.shuffle(kinds)
    # Never more stamps than a batch has items: a full batch leaves the draw.
    room = {b.id: b.quantity - stamps_issued(session, b) for b in batches}
    items = []
    for kind in kinds[:total]:
        batch = rng.choice([b for b in batches if room[b.id] > 0])
        room[batch.id] -= 1
        stamp = issue_stamps(session, batch, 1, settings)[0]
        items.append(Item(stamp.url, stamp.regions, kind))
    session.flush()
    return items


def play(
    session: Session, config: MarketConfig, items: list[Item], settings: Settings
) -> Report:
    """Send every planned scan through record_scan, in time order, and score it."""
    planned = Market(config, items).plan()
    kinds = {item.url: item.kind for item in items}
    flagged: dict[str, bool] = defaultdict(bool)
    verdicts: dict[str, set[str]] = defaultdict(set)
    fake_scans: dict[str, int] = defaultdict(int)
    flagged_after: dict[str, int] = {}
    honest: dict[str, set[str]] = defaultdict(set)
    honest_reasons: dict[str, set[str]] = defaultdict(set)
    foreign = {"posts": 0, "accepted": 0}
    started = time.perf_counter()
    for scan in planned:
        if scan.origin is not None:  # a browser sent by another site's page
            foreign["posts"] += 1
            foreign["accepted"] += _post_from_browser(scan) < 400
            continue
        outcome = record_scan(
            session,
            ScanRequest(
                scan.url,
                scan.device,
                scan.address,
                scan.at,
                lat=scan.lat,
                lon=scan.lon,
                province=scan.province,
            ),
            settings,
            TODAY,
        )
        verdict = outcome.scan.verdict
        verdicts[scan.url].add(verdict)
        if scan.actor == "honest":
            honest[scan.url].add(verdict)
            honest_reasons[scan.url].update(outcome.reasons)
        if scan.actor == "fake":
            fake_scans[scan.url] += 1
        if verdict != "authentic":
            flagged[scan.url] = True
            # A clone counts as caught once any scan after a fake one is flagged.
            if fake_scans[scan.url] and scan.url not in flagged_after:
                flagged_after[scan.url] = fake_scans[scan.url]
    session.flush()
    seconds = time.perf_counter() - started
    report = _score(
        kinds, flagged, verdicts, flagged_after, fake_scans, len(planned), seconds
    )
    return _score_framing(report, kinds, honest, honest_reasons, foreign)


def _post_from_browser(scan) -> int:
    """Post the scan as a browser on another site's page would; the HTTP status."""
    response = current_app.test_client().post(
        "/api/v1/scans",
        json={
            "code": scan.url,
            "device_id": scan.device,
            "lat": scan.lat,
            "lon": scan.lon,
        },
        headers={"Origin": scan.origin, "Sec-Fetch-Site": "cross-site"},
        environ_base={"REMOTE_ADDR": scan.address},
    )
    return response.status_code


LOCATION_REASONS = ("out_of_region", "impossible_travel")


def _score_framing(report: Report, kinds, honest, honest_reasons, foreign) -> Report:
    def honest_flagged(kind: str) -> int:
        urls = [url for url, k in kinds.items() if k == kind]
        return sum(1 for url in urls if honest[url] - {"authentic"})

    framed = [url for url, kind in kinds.items() if kind == "framed"]
    return replace(
        report,
        framed=len(framed),
        framed_honest_flagged=honest_flagged("framed"),
        framed_counterfeit=sum(1 for url in framed if "counterfeit" in honest[url]),
        framed_by_location=sum(
            1 for url in framed if honest_reasons[url] & set(LOCATION_REASONS)
        ),
        foreign=sum(1 for kind in kinds.values() if kind == "foreign"),
        foreign_posts=foreign["posts"],
        foreign_accepted=foreign["accepted"],
        foreign_honest_flagged=honest_flagged("foreign"),
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
        cloned_with_5_fake_scans=sum(1 for url in cloned if fake_scans[url] >= 5),
        flagged_with_5=sum(
            1 for url in cloned if fake_scans[url] >= 5 and url in flagged_after
        ),
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
