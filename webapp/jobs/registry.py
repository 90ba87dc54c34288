"""Every job by name, and the periodic ones with how often they run.

A periodic job is any function of no arguments that runs in an app context
and commits its own work; adding one is one line in PERIODIC.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from webapp.jobs import maintenance, print_files


@dataclass(frozen=True)
class Periodic:
    name: str
    run: Callable[[], object]
    every: int  # seconds


MINUTE, HOUR, DAY = 60, 3600, 86400

PERIODIC: tuple[Periodic, ...] = (
    Periodic("portal-send", maintenance.send_to_portal, every=MINUTE),
    Periodic("purge-print-files", maintenance.purge_print_files, every=HOUR),
    Periodic("scan-partitions", maintenance.make_scan_partitions, every=DAY),
    Periodic("prune-scans", maintenance.prune_scans, every=DAY),
    Periodic("prune-reports", maintenance.prune_reports, every=DAY),
    Periodic("rollups-catch-up", maintenance.catch_up_rollups, every=DAY),
)

JOBS: dict[str, Callable[..., object]] = {
    "print-files": print_files.render,
    **{periodic.name: periodic.run for periodic in PERIODIC},
}
