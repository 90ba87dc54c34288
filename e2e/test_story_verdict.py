"""Every story ends with an answer, whatever the location choice, timing or error."""

import re
import threading
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from e2e.conftest import serving
from tests import factories
from webapp.extensions import db
from webapp.models import Scan

VERDICT = "#verdict[data-verdict]"
NO_LOCATION = "Không, kiểm tra không cần vị trí"


def story_path(stamp: dict) -> str:
    return urlsplit(stamp["url"]).path


@pytest.mark.parametrize("stored", ["no", "yes", None])
def test_every_location_choice_gets_a_verdict(page: Page, context, demo_codes, stored):
    context.grant_permissions(["geolocation"])
    context.set_geolocation({"latitude": 20.65, "longitude": 106.05})
    if stored:  # answered on an earlier story
        cookie = {"name": "location_consent", "value": stored}
        context.add_cookies([{**cookie, "url": demo_codes[1]["url"]}])
    page.goto(demo_codes[1]["url"])
    if stored is None:
        page.get_by_role("button", name=NO_LOCATION).click()
    expect(page.locator(VERDICT)).to_be_visible()


class LateAnswers:
    """Answers one path at once but hands the answer back only when released.

    Plays a slow network: the server sees the request with the cookies it had
    when it was sent; the browser stores the answer's cookies when it lands.
    """

    def __init__(self, app, path: str):
        self.app, self.path = app, path
        self.arrived, self.release = threading.Event(), threading.Event()

    def __call__(self, environ, start_response):
        if environ["PATH_INFO"] != self.path:
            return self.app(environ, start_response)
        answer = {}
        body = b"".join(self.app(environ, lambda *head: answer.update(head=head)))
        self.arrived.set()
        self.release.wait(timeout=60)
        start_response(*answer["head"][:2])
        return [body]


def test_first_visit_background_requests_keep_the_story_form_valid(
    page: Page, live_server, demo_codes
):
    late = LateAnswers(live_server["app"], "/report/")  # precached by the worker
    with serving(late) as base:
        page.goto(base + "/")
        assert late.arrived.wait(timeout=60)  # the worker's precache is under way
        page.goto(base + story_path(demo_codes[2]))
        late.release.set()
        page.evaluate("navigator.serviceWorker.ready")
        page.get_by_role("button", name=NO_LOCATION).click()
        expect(page.locator(VERDICT)).to_be_visible()


def test_a_refused_check_says_so_and_reloads_to_an_answer(page: Page, demo_codes):
    page.goto(demo_codes[3]["url"])
    token = page.locator("[data-scan-form] [name=csrf_token]")
    token.evaluate("field => { field.value = 'expired'; }")
    page.get_by_role("button", name=NO_LOCATION).click()
    problem = page.get_by_role("alert").filter(has_text="Trang đã hết hạn")
    expect(problem).to_be_visible()
    expect(page.get_by_text("Đang kiểm tra mã…")).to_be_hidden()
    problem.get_by_role("button", name="Tải lại trang").click()
    expect(page.locator(VERDICT)).to_be_visible()  # "no" was kept: checked at once


def test_a_recalled_product_leads_with_the_recall_in_red(
    page: Page, live_server, artifacts
):
    with live_server["app"].app_context():
        issued = factories.stamp()
        factories.stamp_row(issued).batch.status = "recalled"
        db.session.commit()
    page.goto(live_server["url"] + factories.path_of(issued))
    first = page.locator("main > *").first
    expect(first).to_have_attribute("data-notice", "recalled")
    expect(first).to_have_class(re.compile(r"\bbanner-danger\b"))
    page.get_by_role("button", name=NO_LOCATION).click()
    verdict = page.locator(VERDICT)
    expect(verdict).to_have_attribute("data-verdict", "authentic")
    expect(verdict).not_to_have_class(re.compile(r"\bbanner-ok\b"))
    page.screenshot(path=artifacts / "shopper-recalled-vi.png", full_page=True)


def test_a_reload_and_a_language_switch_record_one_scan(page: Page, live_server):
    with live_server["app"].app_context():
        issued = factories.stamp()
    page.goto(live_server["url"] + factories.path_of(issued))
    page.get_by_role("button", name=NO_LOCATION).click()
    expect(page.locator(VERDICT)).to_contain_text("Mã này là thật")
    page.reload()
    expect(page.locator(VERDICT)).to_contain_text("Mã này là thật")
    page.get_by_role("button", name="English").click()
    expect(page.locator(VERDICT)).to_contain_text("This code is genuine")
    with live_server["app"].app_context():
        count = select(func.count()).where(Scan.serial == issued.serial)
        assert db.session.scalar(count) == 1


def test_a_request_lost_on_the_way_says_so_and_is_sent_again(
    page: Page, context, live_server
):
    with live_server["app"].app_context():
        issued = factories.stamp(with_pin=True)
    story = live_server["url"] + factories.path_of(issued)
    context.add_cookies([{"name": "location_consent", "value": "no", "url": story}])
    page.goto(story)
    page.get_by_label(re.compile("nhập mã PIN")).fill(issued.pin)
    page.route("**/scan/claim", lambda route: route.abort("connectionreset"))
    page.get_by_role("button", name="Kích hoạt", exact=True).click()
    problem = page.get_by_role("alert").filter(has_text="Không kết nối được")
    expect(problem).to_be_visible()
    page.unroute("**/scan/claim")
    problem.get_by_role("button", name="Thử lại").click()
    expect(page.get_by_text("bạn là người đầu tiên")).to_be_visible()
