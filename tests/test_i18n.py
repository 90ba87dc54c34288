"""The catalogs are complete, and pages format for the visitor's locale."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

from babel.messages.pofile import read_po

from tests import factories
from webapp.extensions import db
from webapp.services.stamps.issuance import issue_stamps

I18N = Path(__file__).resolve().parent.parent / "webapp" / "i18n"
TEMPLATES = I18N.parent / "templates"
JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}|<script.*?</script>", re.S)
TAG = re.compile(r"<[^>]*>")
SHOWN_ATTRIBUTE = re.compile(r'(?:alt|title|aria-label|placeholder)="([^"]*)"')
NEVER_TRANSLATED = {"OCOP", "Trace", "GTIN", "GLN"}  # names, kept in every language


def _translated(message) -> bool:
    return (
        all(message.string)
        if isinstance(message.string, tuple)
        else bool(message.string)
    )


def test_vietnamese_catalog_is_complete_and_not_fuzzy():
    with open(I18N / "vi" / "LC_MESSAGES" / "messages.po", "rb") as file:
        catalog = read_po(file)
    assert len(catalog) > 150
    assert [m.id for m in catalog if m.id and (m.fuzzy or not _translated(m))] == []


def test_catalogs_hold_the_same_messages():
    ids = {}
    for lang in ("vi", "en"):
        with open(I18N / lang / "LC_MESSAGES" / "messages.po", "rb") as file:
            ids[lang] = {
                m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file)
            }
    assert ids["vi"] == ids["en"]


def test_placeholders_survive_translation():
    with open(I18N / "vi" / "LC_MESSAGES" / "messages.po", "rb") as file:
        catalog = read_po(file)
    for message in catalog:
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = (
            message.string if isinstance(message.string, str) else message.string[0]
        )
        for name in ("%(num)d", "%(lot)s", "%(producer)s", "%(reference)s", "%(code)s"):
            assert (name in source) == (name in target), source


def test_dates_follow_the_locale(client, app):
    batch = factories.batch(produced_on=date(2026, 8, 1))
    factories.event(batch, when=datetime(2026, 8, 2, 1, 30, tzinfo=UTC))  # 08:30 here
    path = factories.stamp(batch).url.removeprefix(factories.BASE_URL)
    vi = client.get(path).text
    assert "01/08/2026" in vi and "02/08/2026 08:30" in vi and "thg" not in vi
    en = client.get(path, headers={"Accept-Language": "en"}).text
    assert "Aug 1, 2026" in en and "Aug 2, 2026, 8:30 AM" in en


def test_a_language_chosen_by_link_sticks_across_a_form_post(client, app):
    first = client.get("/report/?lang=en")
    cookies = first.headers.getlist("Set-Cookie")
    assert [c for c in cookies if c.startswith("lang=")][0].startswith("lang=en;")
    again = client.post("/report/", data={"code": ""})  # no ?lang= any more
    assert '<html lang="en">' in again.text


def test_templates_hold_no_text_outside_the_catalog():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        code = JINJA.sub(" ", path.read_text(encoding="utf-8"))
        shown = TAG.sub(" ", code) + " ".join(SHOWN_ATTRIBUTE.findall(code))
        words = set(re.findall(r"[^\W\d_]{2,}", shown)) - NEVER_TRANSLATED
        found += [f"{path.relative_to(TEMPLATES)}: {word}" for word in words]
    assert sorted(found) == []


def test_issuances_without_a_person_are_named_in_the_language(client, app):
    batch = factories.batch()
    issue_stamps(
        db.session, batch, 1, factories.SETTINGS, False, None, "demo data"
    )
    db.session.commit()
    factories.sign_in(
        client, factories.user("producer", org=batch.product.organisation)
    )
    page = client.get(f"/producer/batches/{batch.id}").text
    assert "trình nạp dữ liệu mẫu" in page and "demo data" not in page
