"""The manifest, icons and service worker that make the site an installable app."""

import json
import shutil
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader
from PIL import Image

from tests import factories
from tests.conftest import SQLITE_ONLY, standalone_app
from webapp.web.static_assets import cache_version

STATIC = Path(__file__).resolve().parent.parent / "webapp" / "static"


@SQLITE_ONLY
@pytest.mark.parametrize(
    "lang, name, scan",
    [("vi", "OCOP Trace: kiểm tra tem sản phẩm OCOP", "Quét mã"),
     ("en", "OCOP Trace: check OCOP product stamps", "Scan")],
)  # fmt: skip
def test_manifest_speaks_the_visitors_language(client, app, lang, name, scan):
    response = client.get("/manifest.webmanifest", headers={"Accept-Language": lang})
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data(as_text=True))
    assert (manifest["name"], manifest["lang"], manifest["display"]) == (
        name,
        lang,
        "standalone",
    )
    assert manifest["short_name"] == "OCOP Trace"
    assert manifest["start_url"].startswith("/") and manifest["scope"] == "/"
    shortcuts = {s["url"]: s["short_name"] for s in manifest["shortcuts"]}
    assert shortcuts["/scan/"] == scan and "/report/" in shortcuts


@SQLITE_ONLY
def test_every_declared_icon_exists_at_its_size(client, app):
    manifest = client.get("/manifest.webmanifest").json
    purposes = set()
    for icon in manifest["icons"]:
        path = STATIC / icon["src"].removeprefix("/static/").split("?")[0]
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
        purposes.add(icon.get("purpose", "any"))
    assert {"192x192", "512x512"} <= {i["sizes"] for i in manifest["icons"]}
    assert purposes == {"any", "maskable"}


@SQLITE_ONLY
def test_every_page_links_the_manifest_and_registers_the_worker(client, app):
    for path in ("/", "/scan/", "/report/", "/offline", "/guide/traceability"):
        page = client.get(path).text
        assert 'rel="manifest" href="/manifest.webmanifest"' in page
        assert "/static/js/pwa.js" in page


@SQLITE_ONLY
def test_the_worker_is_never_stale_and_lists_the_shell(client, app):
    response = client.get("/sw.js")
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    for url in ("/offline", "/static/css/app.css", "/scan/", "zxing_reader.wasm"):
        assert url in body
    # What an offline scan needs to name a stamp's producer.
    for url in ("/stamp-keys.json", "js/offline-check.js", "noble-ed25519"):
        assert url in body
    assert "<script" not in body


def version_of(app) -> str:
    with app.test_request_context():
        return cache_version()


def test_the_cache_version_follows_static_files_and_templates(tmp_path):
    with standalone_app(tmp_path) as app:
        first = version_of(app)
    static = shutil.copytree(STATIC, tmp_path / "static")
    (static / "css" / "app.css").write_text("body{color:red}")
    with standalone_app(tmp_path) as app:
        app.static_folder = str(static)
        assert version_of(app) != first
    with standalone_app(tmp_path) as app:  # a deploy that changes only a page
        offline = {"pwa/offline.html": "{% extends 'base.html' %}"}
        app.jinja_loader = ChoiceLoader([DictLoader(offline), app.jinja_loader])
        assert version_of(app) != first
    with standalone_app(tmp_path) as app:
        assert version_of(app) == first


@SQLITE_ONLY
def test_pages_rendered_for_staff_are_kept_nowhere(client, app):
    public = client.get("/report/").headers.get("Cache-Control", "")
    assert "no-store" not in public and "private" not in public
    factories.sign_in(client, factories.user("inspector"))
    for path in ("/report/", "/scan/", "/guide/traceability", "/inspector/"):
        assert client.get(path).headers["Cache-Control"] == "private, no-store"
    signed_out = client.post("/logout")
    assert signed_out.headers["Clear-Site-Data"] == '"cache"'
    assert client.get("/report/").headers.get("Cache-Control") != "private, no-store"


@SQLITE_ONLY
def test_offline_page_explains_what_still_works(client, app):
    page = client.get("/offline")
    assert page.status_code == 200 and "Bạn đang ngoại tuyến" in page.text
