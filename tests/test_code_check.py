"""A typed code is told the same as its link; the location choice can be changed."""

import re

import pytest
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Stamp

WARNING = re.compile(r'<section class="banner banner-danger".*?</section>', re.S)
GROUPED = re.compile(r"\b[0-9A-Z]{4}(?: [0-9A-Z]{4}){3}\b")


@pytest.mark.parametrize(
    ("typed", "link"),
    [("7K2P9Q4MXT3B6HC1", "/01/{gtin}/21/7K2P9Q4MXT3B6HC1"), ("01/0893", "/01/0893")],
)
def test_a_bad_code_gets_the_same_warning_typed_or_as_a_link(client, app, typed, link):
    issued = factories.stamp()
    by_hand = client.get("/check", query_string={"code": typed})
    scanned = client.get(link.format(gtin=issued.gtin))
    assert by_hand.status_code == scanned.status_code
    assert WARNING.search(by_hand.text)[0] == WARNING.search(scanned.text)[0]
    assert f'value="{typed}"' in by_hand.text  # kept in the form to correct it


def test_the_code_hint_gives_a_format_not_a_code_that_was_never_issued(client, app):
    factories.stamp()
    hint = re.search(r'id="code-help">(.*?)</p>', client.get("/").text)[1]
    issued = set(db.session.scalars(select(Stamp.serial)))
    for example in GROUPED.findall(hint):
        serial = example.replace(" ", "")
        assert serial in issued or set(serial) == {"X"}, example


def test_the_location_choice_is_shown_changed_and_forgotten(client, app):
    assert 'value="ask" checked' in client.get("/settings").text
    story = factories.path_of(factories.stamp())
    saved = client.post("/settings", data={"location": "no", "next": story})
    assert saved.status_code == 303 and saved.headers["Location"] == story
    assert "location_consent=no" in saved.headers["Set-Cookie"]
    assert 'value="no" checked' in client.get("/settings").text
    client.post("/settings", data={"location": "ask"})
    assert client.get_cookie("location_consent") is None


def test_an_unknown_location_choice_is_refused_in_words(client, app):
    response = client.post("/settings", data={"location": "sometimes"})
    assert response.status_code == 400 and "Hãy chọn một" in response.text
    assert client.get_cookie("location_consent") is None
