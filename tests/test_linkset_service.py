"""Linksets, Link headers and EPC URNs, built and read directly."""

from __future__ import annotations

import pytest

from webapp.services.standards import epc_urn, linkset
from webapp.services.standards.linkset import Link

PIP = Link("gs1:pip", "https://t.vn/p", "Product", "text/html", ("vi",))
DEFAULT = Link("gs1:defaultLink", "https://t.vn/d", "Story", "text/html", ("vi",))
BOTH = Link("gs1:epcis", "https://t.vn/e", "Events", "application/json", ("vi", "en"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("gs1:pip", "gs1:pip"),
        (" https://gs1.org/voc/pip ", "gs1:pip"),
        ("http://gs1.org/voc/pip", "gs1:pip"),
        ("https://ref.gs1.org/voc/epcis", "gs1:epcis"),
        ("gs1:traceability", "gs1:epcis"),  # an older name
        ("https://example.com/rel", "https://example.com/rel"),
    ],
)
def test_link_type_names(text, name):
    assert linkset.link_type_name(text) == name


def test_find_and_relation():
    assert linkset.find([PIP, BOTH], "gs1:epcis") is BOTH
    assert linkset.find([PIP], "gs1:epcis") is None
    assert PIP.relation == "https://gs1.org/voc/pip"
    assert Link("other", "h", "t", "m").relation == "other"


def test_the_linkset_lists_each_anchor_with_its_links():
    document = linkset.linkset(
        "https://t.vn/01/1/10/L/21/S", [DEFAULT, PIP], "Mật ong",
        wider=[("https://t.vn/01/1", [BOTH])],
    )  # fmt: skip
    item, product = document["linkset"]
    assert item["anchor"] == "https://t.vn/01/1/10/L/21/S"
    assert item["itemDescription"] == product["itemDescription"] == "Mật ong"
    assert item["https://gs1.org/voc/defaultLink"] == [
        {"href": "https://t.vn/d", "title": "Story"}
    ]  # the default link carries a title only
    assert item["https://gs1.org/voc/pip"] == [
        {"href": "https://t.vn/p", "title": "Product", "type": "text/html",
         "hreflang": ["vi"]},
    ]  # fmt: skip
    assert product["https://gs1.org/voc/epcis"][0]["hreflang"] == ["vi", "en"]


def test_the_link_header_names_the_linkset_then_each_target():
    header = linkset.link_header([PIP, BOTH], "https://t.vn/ls")
    first, pip, events = header.split(", ")
    assert first == '<https://t.vn/ls>; rel="linkset"; type="application/linkset+json"'
    assert pip.endswith('type="text/html"; hreflang="vi"')
    assert "hreflang" not in events  # one language only is named


def test_epc_urns_read_as_digital_link_terms():
    item = epc_urn.parse(" urn:epc:id:sgtin:0614141.112345.A%2FB ")
    assert (item.gtin, item.serial, item.lot) == ("10614141123459", "A/B", None)
    lot = epc_urn.parse("urn:epc:class:lgtin:0614141.112345.LOT1")
    assert (lot.gtin, lot.lot, lot.serial) == ("10614141123459", "LOT1", None)


@pytest.mark.parametrize(
    "text",
    [
        "urn:epc:id:sgtin:0614141.12345.1",  # 12 digits, not 13
        "urn:epc:id:sscc:0614141.1234567890",
        "urn:epc:id:sgtin:0614141.112345",
        "https://t.vn/01/1",
    ],
)
def test_what_is_not_a_trade_item_urn(text):
    assert epc_urn.parse(text) is None
