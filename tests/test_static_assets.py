"""Static files are fingerprinted, cached for a year, and sent compressed."""

import re

import brotli

from tests import factories
from tests.conftest import SQLITE_ONLY
from webapp.web.static_assets import compress

STATIC_URL = re.compile(r'"(/static/[^"?]+)\?v=([0-9a-f]{10})"')


@SQLITE_ONLY
def test_pages_link_fingerprinted_assets_cached_for_a_year(client, app):
    page = client.get("/scan/").text
    assets = STATIC_URL.findall(page)
    assert {"/static/css/app.css", "/static/js/scan.js"} <= {path for path, _ in assets}
    for path, version in assets:
        with client.get(f"{path}?v={version}") as response:
            assert response.status_code == 200
            control = response.headers["Cache-Control"]
            assert "max-age=31536000" in control and "immutable" in control
    with client.get("/static/css/app.css?v=0000000000") as stale:
        assert "immutable" not in stale.headers["Cache-Control"]


@SQLITE_ONLY
def test_text_is_sent_compressed(client, app):
    for encoding in ("br", "gzip, deflate"):
        with client.get(
            "/static/css/app.css", headers={"Accept-Encoding": encoding}
        ) as css:
            assert css.headers["Content-Encoding"] in ("br", "gzip")
            assert len(css.get_data()) < 8000  # the stylesheet is about 14 KB raw
        page = client.get("/report/", headers={"Accept-Encoding": encoding})
        assert page.headers["Content-Encoding"] in ("br", "gzip")
        assert "Accept-Encoding" in page.headers["Vary"]


@SQLITE_ONLY
def test_the_decoder_loads_only_on_the_scan_page(client, app):
    stamp = factories.stamp(factories.batch())
    story = client.get(stamp.url.replace("https://trace.example.vn", "")).text
    assert "zxing" not in story and "qr-worker" not in story
    assert "zxing_reader.wasm" in client.get("/scan/").text


@SQLITE_ONLY
def test_static_files_are_compressed_once_per_process(client, app):
    page = client.get("/scan/").text
    path, version = next(
        (path, version)
        for path, version in STATIC_URL.findall(page)
        if path.endswith("zxing_reader.wasm")
    )
    kept = compress.cache
    first = client.get(f"{path}?v={version}", headers={"Accept-Encoding": "br"})
    key = f"br;static:{path.removeprefix('/static/')}?v={version}"
    assert kept.get(key) == first.get_data()
    again = client.get(f"{path}?v={version}", headers={"Accept-Encoding": "br"})
    assert again.get_data() == first.get_data()
    wasm = app.static_folder + path.removeprefix("/static")
    with open(wasm, "rb") as file:
        assert brotli.decompress(again.get_data()) == file.read()
    # Pages, and a file under a hash it no longer has, are compressed afresh.
    before = dict(kept._kept)
    client.get("/report/", headers={"Accept-Encoding": "br"})
    client.get("/static/css/app.css?v=0000000000", headers={"Accept-Encoding": "br"})
    assert kept._kept == before


@SQLITE_ONLY
def test_static_files_do_not_vary_on_cookies(client, app):
    """A cookie set later (device id, language) must not make phones ask again."""
    factories.sign_in(client, factories.user("inspector"))
    with client.get("/static/css/app.css") as css:
        assert "Cookie" not in css.headers.get("Vary", "")
        assert "Set-Cookie" not in css.headers
    assert "Cookie" in client.get("/report/").headers["Vary"]
