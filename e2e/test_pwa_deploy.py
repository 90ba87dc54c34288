"""Across a deploy: saved stories keep working offline, a changed page reaches
phones, and a worker installed while staff are signed in keeps no staff page.

A deploy is simulated on an origin of its own: the app's static files and
templates are copied to a new release folder and changed there, and a new app
(a restarted server) takes over.
"""

import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from jinja2 import FileSystemLoader
from playwright.sync_api import Page, expect

from e2e.conftest import controlled, offline, serving, sign_in
from webapp import create_app

WEBAPP = Path(__file__).resolve().parent.parent / "webapp"
SHARED = (
    "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY",
    "STAMP_KEYS",
    "PRIVACY_KEY",
    "UPLOAD_DIR",
    "PRINT_DIR",
)
# A change to one page's template, and nothing else; a change of colour.
OFFLINE_PAGE_EDIT = ("templates/pwa/offline.html", "<h1 ", "<p data-deployed></p><h1 ")
CSS_EDIT = ("static/css/app.css", "--green-dark: #124a30;", "--green-dark: #203a60;")
STORY_EDIT = ("static/js/story.js", '"use strict";', '"use strict"; // changed')


@pytest.fixture
def deployable(live_server, tmp_path):
    """The demo data served from a release folder of static files and templates;
    deploy(edits) copies the release, edits the copy and starts an app on it."""
    releases = [WEBAPP]
    running = {}
    settings = {key: live_server["app"].config[key] for key in SHARED}

    def deploy(*edits: tuple[str, str, str]) -> str:
        release = tmp_path / f"release-{len(releases)}"
        for folder in ("static", "templates"):
            shutil.copytree(releases[-1] / folder, release / folder)
        for path, old, new in edits:
            text = (release / path).read_text(encoding="utf-8")
            assert old in text
            (release / path).write_text(text.replace(old, new), encoding="utf-8")
        releases.append(release)
        # Limits off: one browser at 127.0.0.1 plays every visitor.
        app = create_app(
            {**settings, "RATELIMIT_ENABLED": False, "PUBLIC_BASE_URL": url}
        )
        app.static_folder = str(release / "static")
        app.jinja_loader = FileSystemLoader(str(release / "templates"))
        running["app"] = app
        worker = app.test_client().get("/sw.js").text
        return re.search(r'const VERSION = "(\w+)"', worker)[1]

    with serving(lambda environ, start: running["app"](environ, start)) as url:
        yield SimpleNamespace(url=url, version=deploy(), deploy=deploy)


def updated(page: Page) -> None:
    """Ask for the worker again; return once the new one has taken over this page
    (it claims its pages only after tidying the caches)."""
    taken_over = page.evaluate(
        """async () => {
            const registration = await navigator.serviceWorker.getRegistration();
            const workers = navigator.serviceWorker;
            const claimed = new Promise((resolve) =>
                workers.addEventListener("controllerchange", resolve, { once: true }));
            const late = new Promise((resolve) => setTimeout(resolve, 30000, false));
            await registration.update();
            return Promise.race([claimed.then(() => true), late]);
        }"""
    )
    assert taken_over, "the browser found no new service worker"


def forget_http_cache(page: Page) -> None:
    """Empty the browser's own cache, as a phone short of space does."""
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")


def on(site, stamp: dict) -> str:
    link = urlsplit(stamp["url"])
    return f"{site.url}{link.path}?{link.query}"


def topbar_colour(page: Page) -> str:
    return page.locator(".topbar").evaluate(
        "(bar) => getComputedStyle(bar).backgroundColor"
    )


def test_a_story_kept_before_a_deploy_keeps_its_look_and_its_offline_answer(
    page: Page, deployable, demo_codes
):
    story = on(deployable, demo_codes[113])
    controlled(page, deployable.url + "/")
    page.goto(story)
    colour = topbar_colour(page)
    deployable.deploy(CSS_EDIT, STORY_EDIT)
    updated(page)
    forget_http_cache(page)  # only what the worker keeps is sure to last
    page = page.context.new_page()  # nothing in this tab's memory either
    with offline(page.context):
        page.goto(story)
        assert topbar_colour(page) == colour  # the stylesheet it was rendered with
        answer = page.locator("[data-offline-answer]")
        expect(answer).to_have_attribute("data-state", "signed", timeout=10_000)


def test_a_deploy_that_changes_only_a_page_reaches_the_phone(
    page: Page, deployable, demo_codes
):
    controlled(page, deployable.url + "/")
    assert deployable.deploy(OFFLINE_PAGE_EDIT) != deployable.version
    updated(page)
    with offline(page.context):
        page.goto(on(deployable, demo_codes[115]))  # never opened: the offline page
        expect(page.locator("[data-deployed]")).to_have_count(1)


def test_a_worker_installed_while_an_inspector_is_signed_in_keeps_no_staff_page(
    page: Page, deployable
):
    controlled(page, deployable.url + "/")
    sign_in(page, deployable.url, "thanhtra.hungyen@demo.ocoptrace.vn")
    deployable.deploy(CSS_EDIT)
    updated(page)
    # The sign-out ends every session of this account: it must be answered
    # here, not reach the server while a later test signs the inspector in.
    with page.expect_response(lambda r: r.url.endswith("/logout")) as signed_out:
        page.locator(".staff-line").get_by_role("button", name="Đăng xuất").click()
    assert signed_out.value.status == 303
    # Signing out clears staff pages and fetches the shell again, in the
    # background: going offline before that is done would find nothing.
    page.wait_for_function(
        "async () => Boolean(await caches.match(new URL('/report/', location.href)))"
    )
    with offline(page.context):
        page.goto(deployable.url + "/report/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.locator("body")).not_to_contain_text("Trần Văn Kiểm")
