"""What the story, scan and report pages weigh on a first visit, against the budget.

Fetches each page and every stylesheet and script it references (images
apart) through the real app, as a phone would: compressed (brotli, then gzip)
and, as the baseline measured in the same run, uncompressed. The budget: the
story page at most 60 KB transferred on first load. The scan page's decoder
(worker, zxing-wasm script and wasm) is counted on its own line: it is
fetched only there, and only when the camera path needs it.

    python bench/page_weight.py
"""

from __future__ import annotations

import re
import tempfile

from flask_migrate import upgrade

from webapp import create_app
from webapp.config import settings_with
from webapp.demo.seed import seed_demo
from webapp.extensions import db

BUDGET = 60 * 1024
ASSET = re.compile(
    r'<(?:script|link)[^>]+(?:src|href)="(/static/[^"]+\.(?:js|css)[^"]*)"'
)
KEYS = ("bench-key",)
DECODER = re.compile(r'data-(?:worker|decoder|wasm)="(/static/[^"]+)"')


def weigh(client, path: str, encoding: str) -> int:
    response = client.get(path, headers={"Accept-Encoding": encoding})
    body = response.get_data()
    response.close()
    return len(body)


def page_weight(client, path: str, encoding: str) -> tuple[int, int]:
    html = client.get(path).get_data(as_text=True)
    assets = sorted(set(ASSET.findall(html)))
    total = weigh(client, path, encoding) + sum(
        weigh(client, a, encoding) for a in assets
    )
    decoder = sum(
        weigh(client, a, encoding) for a in sorted(set(DECODER.findall(html)))
    )
    return total, decoder


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/weight.sqlite",
             "RATELIMIT_ENABLED": False, "STAMP_KEYS": KEYS, "TESTING": True}
        )  # fmt: skip
        with app.app_context():
            upgrade()
            settings = settings_with(
                STAMP_KEYS=KEYS,
                PRIVACY_KEY="bench-privacy",
                PUBLIC_BASE_URL="http://localhost",
            )
            issued = seed_demo(db.session, settings)
            db.session.commit()
            story = issued[0].url.removeprefix("http://localhost")
            client = app.test_client()
            # The story itself, not an error page: its verdict stays to be checked.
            assert client.get(story).status_code == 200, "the demo stamp must resolve"
            print(f"{'page':8} {'br':>9} {'gzip':>9} {'none':>9}  br/none  budget")
            for name, path in (
                ("story", story),
                ("scan", "/scan/"),
                ("report", "/report/"),
            ):
                encodings = ("br", "gzip", "identity")
                sizes = {e: page_weight(client, path, e) for e in encodings}
                br, gz, raw = (sizes[e][0] for e in encodings)
                verdict = f"{br / BUDGET:5.2f} of 60 KB" if name == "story" else ""
                print(f"{name:8} {br:9,} {gz:9,} {raw:9,}  {br / raw:6.3f}  {verdict}")
                if sizes["br"][1]:
                    d_br, d_raw = sizes["br"][1], sizes["identity"][1]
                    d_other = sizes["gzip"][1]
                    print(f"{'decoder':8} {d_br:9,} {d_other:9,} {d_raw:9,}  "
                          f"{d_br / d_raw:6.3f}  (scan page only)")  # fmt: skip
            db.engine.dispose()


if __name__ == "__main__":
    main()
