"""Lighthouse (mobile) and axe on the pages shoppers use most: the bars we keep.

Lighthouse 12 runs from tools/ (pinned) in its default mobile mode, simulated
slow 4G and a mid-range phone; each category must score at least 0.95. axe
must find no violation at all. The scores land in test-results/ for the record.
"""

import json
import os
import statistics
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from e2e.conftest import CHROMIUM

LIGHTHOUSE = (
    Path(__file__).resolve().parent.parent
    / "tools"
    / "node_modules"
    / ".bin"
    / "lighthouse"
)
BAR = 0.95
# Measured alone (scripts/test runs them after the rest): a performance score
# taken while other tests load the CPU says more about the machine than the page.
pytestmark = pytest.mark.quality
PAGES = {"story": None, "scan": "/scan/", "report": "/report/"}


def page_url(live_server, demo_codes, name: str) -> str:
    path = PAGES[name]
    return demo_codes[1]["url"] if path is None else live_server["url"] + path


def lighthouse(url: str, report: Path) -> dict[str, float]:
    """One Lighthouse run: the four category scores (the whole report in report)."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        timeout=180,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    result = json.loads(report.read_text())
    return {key: category["score"] for key, category in result["categories"].items()}


@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_scores_at_least_095(live_server, demo_codes, artifacts, name):
    url = page_url(live_server, demo_codes, name)
    runs = [lighthouse(url, artifacts / f"lighthouse-{name}.json")]
    if any(score < BAR for score in runs[0].values()):
        # A score under the bar may be this shared machine's noise: judge the
        # median of three runs, as Lighthouse's own guidance on variance advises.
        for n in (2, 3):
            runs.append(lighthouse(url, artifacts / f"lighthouse-{name}-{n}.json"))
    scores = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    record = {"median": scores, "runs": runs} if len(runs) > 1 else scores
    (artifacts / f"lighthouse-{name}-scores.json").write_text(json.dumps(record))
    assert set(scores) == {"performance", "accessibility", "best-practices", "seo"}
    low = {key: score for key, score in scores.items() if score < BAR}
    assert low == {}, f"{name}: {low} (runs: {runs})"


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(page: Page, live_server, demo_codes, name):
    page.goto(page_url(live_server, demo_codes, name))
    page.wait_for_load_state("networkidle")
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()
