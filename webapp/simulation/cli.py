"""`flask --app webapp simulate-market`: measure detection on a simulated market."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

import click
from flask import current_app
from flask_migrate import upgrade

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
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path))
def simulate_market(
    seed: int, items: int, clones: int, bots: int, json_out: Path | None
):
    """Play a market through the real scan path on a throwaway database and report."""
    from webapp import create_app
    from webapp.extensions import db
    from webapp.simulation.market import MarketConfig
    from webapp.simulation.runner import play, prepare_items

    config = MarketConfig(
        seed=seed, genuine_items=items, cloned_serials=clones, bot_serials=bots
    )
    rules = current_app.config["DETECTION_RULES"]
    keys = ("simulation-stamp-key",)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/market.sqlite",
                "TESTING": True,
            }
        )
        with app.app_context():
            upgrade()
            market_items = prepare_items(db.session, config, keys, SIMULATION_BASE_URL)
            db.session.commit()
            report = play(db.session, config, market_items, keys, rules)
            db.session.commit()
            db.engine.dispose()
    click.echo(f"Market simulation (seed {seed}, rules: {rules['default']})")
    for line in report.lines():
        click.echo("  " + line)
    if json_out:
        summary = asdict(replace(report))
        summary.update(
            recall=report.recall,
            recall_within_3=report.recall_within_3,
            precision=report.precision,
            genuine_false_positive_rate=report.genuine_false_positive_rate,
        )
        json_out.write_text(json.dumps(summary, indent=2))
