"""Without a connection a signed stamp still says who issued it, never "genuine"."""

import base64
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect
from sqlalchemy import select

from e2e.conftest import controlled
from webapp.extensions import db
from webapp.models import Product


def producers_by_gtin(live_server) -> dict[str, str | None]:
    """The producer a phone should name for each GTIN (None: not listed yet)."""
    with live_server["app"].app_context():
        return {
            product.gtin: (
                product.organisation.name
                if product.organisation.approved_at is not None
                else None
            )
            for product in db.session.scalars(select(Product))
        }


def test_browser_verifies_every_demo_signature_made_by_the_server(
    page: Page, live_server, demo_codes
):
    controlled(page, live_server["url"] + "/offline")
    producers = producers_by_gtin(live_server)
    urls = [row["url"] for row in demo_codes[::7]]
    answers = page.evaluate(
        "(urls) => Promise.all(urls.map((url) => window.ocopOfflineCheck(url)))", urls
    )
    for row, answer in zip(demo_codes[::7], answers, strict=True):
        expected = producers[row["gtin"]]
        assert answer["state"] == ("signed" if expected else "unchecked")
        assert answer.get("producer") == expected
    assert sum(answer["state"] == "signed" for answer in answers) >= 30


def test_the_script_verifier_agrees_with_webcrypto(page: Page, live_server, demo_codes):
    """Browsers without Ed25519 in WebCrypto fall back to noble-ed25519."""
    controlled(page, live_server["url"] + "/offline")
    keys = page.evaluate("() => fetch('/stamp-keys.json').then((r) => r.json())")
    row = next(
        row
        for row in demo_codes
        if parse_qs(urlsplit(row["url"]).query)["s"][0].split(".")[0]
        in {key["kid"] for key in keys["keys"]}
    )
    key_id, signature = parse_qs(urlsplit(row["url"]).query)["s"][0].split(".")
    jwk = next(key for key in keys["keys"] if key["kid"] == key_id)
    raw = list(base64.b32decode(signature + "="))
    other = "1" if row["serial"].endswith("0") else "0"  # a serial one letter off
    verdicts = page.evaluate(
        """async ([jwk, raw, good, altered]) => {
            const signature = new Uint8Array(raw);
            const bytes = (text) => new TextEncoder().encode(text);
            return [
                await window.ocopVerifyInScript(jwk, signature, bytes(good)),
                await window.ocopVerifyInScript(jwk, signature, bytes(altered)),
            ];
        }""",
        [
            jwk,
            raw,
            f"{row['gtin']}|{row['lot']}|{row['serial']}",
            f"{row['gtin']}|{row['lot']}|{row['serial'][:-1]}{other}",
        ],
    )
    assert verdicts == [True, False]


def test_a_stamp_link_opened_offline_names_its_producer_and_waits(
    page: Page, live_server, demo_codes, artifacts
):
    producers = producers_by_gtin(live_server)
    stamp = next(row for row in demo_codes[40:] if producers[row["gtin"]])
    controlled(page, live_server["url"] + "/")

    page.context.set_offline(True)
    try:
        # As if the phone's own camera app opened the printed link.
        page.goto(stamp["url"])
        answer = page.locator("[data-offline-answer]")
        expect(answer).to_have_attribute("data-state", "signed", timeout=10_000)
        expect(answer.get_by_role("heading")).to_have_text(
            f"Do {producers[stamp['gtin']]} phát hành"
        )
        expect(answer).to_contain_text("Chưa kiểm tra lịch sử quét")
        expect(page.locator("body")).not_to_contain_text("Mã này là thật")
        expect(page.get_by_text("Trang này chưa được lưu")).to_be_hidden()
        expect(page.locator("[data-outbox] li[data-state=waiting]")).to_have_count(1)
        page.screenshot(path=artifacts / "offline-signed-answer.png", full_page=True)
        page.reload()  # the same code waiting is kept once
        expect(answer).to_have_attribute("data-state", "signed", timeout=10_000)
        expect(page.locator("[data-outbox] li[data-state=waiting]")).to_have_count(1)

        # The serial changed under a genuine signature: a warning, not a name.
        path, _, query = stamp["url"].partition("?")
        altered = path[:-1] + ("0" if not path.endswith("0") else "1") + "?" + query
        page.goto(altered)
        expect(answer).to_have_attribute("data-state", "mismatch", timeout=10_000)
        expect(answer).to_have_class("banner banner-warning")
        expect(answer.get_by_role("heading")).to_have_text(
            "Chữ ký của nhà sản xuất không khớp với mã này"
        )
    finally:
        page.context.set_offline(False)

    checked = page.locator("[data-outbox] li[data-state=sent] a")
    expect(checked.first).to_have_attribute("data-verdict", "authentic", timeout=15_000)
    expect(page.locator("[data-outbox] li[data-state=sent]")).to_have_count(2)


def test_a_saved_story_opened_offline_answers_from_the_signature(
    page: Page, live_server, demo_codes
):
    producers = producers_by_gtin(live_server)
    stamp = next(row for row in demo_codes[60:] if producers[row["gtin"]])
    controlled(page, live_server["url"] + "/")
    page.goto(stamp["url"])  # kept by the service worker
    title = page.get_by_role("heading", level=1).inner_text()

    page.context.set_offline(True)
    try:
        page.goto(stamp["url"])
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        answer = page.locator("[data-offline-answer]")
        expect(answer).to_have_attribute("data-state", "signed", timeout=10_000)
        expect(answer.get_by_role("heading")).to_have_text(
            f"Do {producers[stamp['gtin']]} phát hành"
        )
        expect(page.locator("#verdict")).to_be_hidden()  # no spinner that never ends
        expect(page.locator("[data-outbox] li[data-state=waiting]")).to_have_count(1)
    finally:
        page.context.set_offline(False)
    checked = page.locator("[data-outbox] li[data-state=sent] a")
    expect(checked).to_have_attribute("data-verdict", "authentic", timeout=15_000)


def test_a_check_that_cannot_reach_the_server_answers_offline(
    page: Page, live_server, demo_codes
):
    """A signal that comes and goes: the phone thinks it is online, the post fails."""
    producers = producers_by_gtin(live_server)
    stamp = next(row for row in demo_codes[80:] if producers[row["gtin"]])
    page.route("**/scan/record", lambda route: route.abort("internetdisconnected"))
    page.goto(stamp["url"])
    page.get_by_role("button", name="Không, kiểm tra không cần vị trí").click()
    answer = page.locator("[data-offline-answer]")
    expect(answer).to_have_attribute("data-state", "signed", timeout=10_000)
    expect(page.locator("[data-outbox] li[data-state=waiting]")).to_have_count(1)


def test_sent_items_leave_the_list_after_a_fortnight(page: Page, live_server):
    page.goto(live_server["url"] + "/scan/")
    page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("ocop-trace-outbox", 1);
            open.onupgradeneeded = () =>
                open.result.createObjectStore("reports", { keyPath: "key" });
            open.onsuccess = () => {
                const tx = open.result.transaction("reports", "readwrite");
                const day = 24 * 3600 * 1000;
                const at = (days) => new Date(Date.now() - days * day).toISOString();
                const scan = (key, days) => ({
                    kind: "scan", key, code: "/01/08935301000010/21/OLD" + key,
                    savedAt: at(days), sentAt: at(days), verdict: "authentic",
                    headline: "Mã này là thật", path: "/01/08935301000010",
                });
                tx.objectStore("reports").put(scan("A", 20));
                tx.objectStore("reports").put(scan("B", 3));
                tx.oncomplete = resolve;
                tx.onerror = () => reject(tx.error);
            };
        })"""
    )
    page.reload()
    sent = page.locator("[data-outbox] li[data-state=sent]")
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text("OLDB")
