"""On every page: a menu that fits a phone, a language that sticks, no CSP errors."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import sign_in
from webapp.demo.accounts import DEMO_PASSWORD

ADMIN = "admin@demo.ocoptrace.vn"  # the longest menu
PRODUCER = "hongchau@demo.ocoptrace.vn"  # the longest item
INSPECTOR = "thanhtra.hungyen@demo.ocoptrace.vn"
NAV_FITS = """() => {
  const nav = document.querySelector('.topnav');
  const cut = [...nav.querySelectorAll('a')].filter((a) => {
    const box = a.getBoundingClientRect();
    return a.scrollWidth > a.clientWidth || box.left < 0 || box.right > innerWidth;
  });
  const scrolls = nav.scrollWidth > nav.clientWidth;
  return {scrolls, cut: cut.map((a) => a.textContent)};
}"""
# The indicator's visibility when the request leaves and once the answer is in.
WATCH_INDICATOR = """() => {
  window.indicatorSeen = [];
  const indicator = document.querySelector('.filters .htmx-indicator');
  for (const name of ['htmx:beforeSend', 'htmx:afterSettle']) {
    document.body.addEventListener(name, () =>
      indicatorSeen.push(getComputedStyle(indicator).visibility));
  }
}"""


@pytest.mark.parametrize("email", [ADMIN, PRODUCER])
def test_staff_menu_fits_a_phone_in_both_languages(
    page: Page, live_server, artifacts, email
):
    base = live_server["url"]
    sign_in(page, base, email)
    for lang in ("vi", "en"):
        page.goto(f"{base}/?lang={lang}")
        for width in (390, 320):
            page.set_viewport_size({"width": width, "height": 844})
            assert page.evaluate(NAV_FITS) == {"scrolls": False, "cut": []}
        page.set_viewport_size({"width": 390, "height": 844})
        shot = f"staff-menu-{email.split('@')[0]}-{lang}.png"
        page.locator(".topbar").screenshot(path=artifacts / shot)


def test_a_language_chosen_by_link_survives_signing_in(page: Page, live_server):
    base = live_server["url"]
    page.goto(f"{base}/login?lang=en")
    page.get_by_label("E-mail").fill(INSPECTOR)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()  # a post, then a redirect
    expect(page).to_have_url(re.compile(r"/inspector/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases to triage")


def test_staff_list_swap_shows_progress_without_csp_errors(page: Page, live_server):
    refused = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and refused.append(m.text),
    )
    sign_in(page, live_server["url"], INSPECTOR)
    page.evaluate(WATCH_INDICATOR)
    page.get_by_label("Tình trạng").select_option("all")
    expect(page).to_have_url(re.compile(r"status=all"))
    page.wait_for_function("window.indicatorSeen.length === 2")
    assert page.evaluate("window.indicatorSeen") == ["visible", "hidden"]
    assert refused == []
