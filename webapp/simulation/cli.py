"""`flask --app webapp simulate-market`: measure detection on a simulated market."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

import click
from flask_migrate import upgrade

from webapp.extensions import settings
from webapp.simulation.scenarios import SCENARIOS, configure

SIMULATION_BASE_URL = "https://trace.example.vn"


@click.command("simulate-market")
@click.option(
    "--seed", default=7, show_default=True, help="Random seed: same seed, same market."
)
@click.option("--items", default=600, show_default=True, help="Genuine items sold.")
@click.option(
    "--clones", default=60, show_default=True, help="Genuine serials copied onto fakes."
)
@click.option(
    "--bots", default=20, show_default=True, help="Genuine serials replayed by bots."
)
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    type=click.Choice(sorted(SCENARIOS)),
    help="Adversaries to play (repeatable; default: the plain market). "
    "With several, a table gives one row per scenario.",
)
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path))
def simulate_market(
    seed: int,
    items: int,
    clones: int,
    bots: int,
    scenarios: tuple[str, ...],
    json_out: Path | None,
):
    """Play a market through the real scan path on a throwaway database and report."""
    from webapp.simulation.market import MarketConfig

    base = MarketConfig(
        seed=seed, genuine_items=items, cloned_serials=clones, bot_serials=bots
    )
    rules = settings().detection_rules
    summaries = {}
    rows = []
    for name in scenarios or ("market",):
        report = _play(configure(base, name), rules)
        thresholds = dict(rules["default"])
        click.echo(f"Market simulation {name} (seed {seed}, rules: {thresholds})")
        for line in report.lines():
            click.echo("  " + line)
        summaries[name] = _summary(report)
        rows.append(report.row(name))
    if len(rows) > 1:
        click.echo("")
        click.echo(TABLE_HEAD)
        for row in rows:
            click.echo(row)
    if json_out:
        out = summaries if scenarios else summaries["market"]
        json_out.write_text(json.dumps(out, indent=2))


TABLE_HEAD = (
    "| scenario | clones scanned | recall | recall, 5+ fake scans (n) | "
    "median fakes to flag | false positives, genuine | honest buyers flagged "
    "after framing | counterfeit on genuine | third-party posts accepted |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def _play(config, rules):
    from webapp import create_app
    from webapp.extensions import db, settings
    from webapp.simulation.runner import play, prepare_items

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/market.sqlite",
                "TESTING": True,
                "RATELIMIT_ENABLED": False,
                "STAMP_KEYS": ("simulation-stamp-key",),
                "PRIVACY_KEY": "simulation-privacy-key",
                "PUBLIC_BASE_URL": SIMULATION_BASE_URL,
                "DETECTION_RULES": rules,
            }
        )
        with app.app_context():
            upgrade()
            market_items = prepare_items(db.session(), config, settings())
            db.session.commit()
            report = play(db.session(), config, market_items, settings())
            db.session.commit()
            db.engine.dispose()
    return report


def _summary(report) -> dict:
    summary = asdict(replace(report))
    summary.update(
        recall=report.recall,
        recall_within_3=report.recall_within_3,
        recall_5=report.recall_5,
        precision=report.precision,
        genuine_false_positive_rate=report.genuine_false_positive_rate,
    )
    return summary
