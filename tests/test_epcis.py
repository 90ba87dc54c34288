"""What we emit as EPCIS 2.0 validates against GS1's JSON schema; queries work."""

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker
from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import Stamp, utcnow
from webapp.services.casework.inspections import record_inspection
from webapp.services.standards import epcis, epcis_query

SUITE = Path(__file__).parent / "conformance" / "epcis"
SCHEMA = json.loads((SUITE / "EPCIS-JSON-Schema.json").read_text())
VALIDATOR = Draft7Validator(SCHEMA, format_checker=FormatChecker())
CLASS = "https://id.gs1.org/01/{gtin}/10/{lot}"


def assert_valid(document: dict) -> None:
    errors = [
        f"{list(e.absolute_path)}: {e.message[:200]}"
        for e in VALIDATOR.iter_errors(document)
    ]
    assert errors == []


@pytest.fixture
def journey(app):
    """A lot with the steps of a real journey, one of them not in CBV, and a stamp."""
    batch = factories.batch()
    for step in (
        "harvesting",
        "creating_class_instance",
        "packing",
        "shipping",
        "receiving",
    ):
        factories.event(batch, step)
    issued = factories.stamp(batch)
    return batch, issued


def test_demo_like_journeys_validate_per_batch_and_per_item(client, journey):
    batch, issued = journey
    path = issued.url.replace("https://trace.example.vn", "")
    for link in (path, path.split("/21/")[0]):
        document = client.get(f"/api/v1/traceability{link}").json
        assert_valid(document)
        steps = [e["bizStep"] for e in document["epcisBody"]["eventList"]]
        assert "urn:ocop-trace:bizstep:harvesting" in steps and "packing" in steps


def test_query_returns_a_valid_query_document_with_filters(client, journey):
    batch, _issued = journey
    lot = CLASS.format(gtin=batch.product.gtin, lot=batch.lot_code)
    response = client.get(
        f"/epcis/events?MATCH_anyEPCClass={lot}&EQ_bizStep=packing|shipping"
    )
    assert response.status_code == 200
    assert response.mimetype == "application/ld+json"
    assert response.headers["GS1-EPCIS-Version"] == "2.0.0"
    document = response.json
    assert_valid(document)
    events = document["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert [e["bizStep"] for e in events] == ["packing", "shipping"]
    other = client.get(
        "/epcis/events?EQ_bizStep=packing&eventType=AggregationEvent"
    ).json
    assert other["epcisBody"]["queryResults"]["resultsBody"]["eventList"] == []


def test_query_pages_with_a_next_link(client, journey):
    seen, url = [], "/epcis/events?perPage=2"
    while url:
        response = client.get(url)
        seen += response.json["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
        link = response.headers.get("Link")
        url = (
            link.split(";")[0].strip("<>").replace("http://localhost", "")
            if link
            else None
        )
    assert len(seen) == 5
    assert len({e["eventID"] for e in seen}) == 5
    times = [e["eventTime"] for e in seen]
    assert times == sorted(times)


def test_item_query_includes_its_inspection_and_its_lots_events(client, journey, app):
    batch, issued = journey
    stamp = db.session.scalars(select(Stamp)).one()
    inspector = factories.user("inspector")
    record_inspection(
        db.session, stamp, inspector, "genuine", "Chợ Phố Hiến", "33", "", utcnow()
    )
    db.session.commit()
    item = f"https://id.gs1.org/01/{batch.product.gtin}/10/{batch.lot_code}/21/{stamp.serial}"
    query = f"/epcis/events?MATCH_anyEPC={item}"
    public = client.get(query).json["epcisBody"]["queryResults"]["resultsBody"]
    assert len(public["eventList"]) == 5  # the inspection is for staff
    factories.sign_in(client, inspector)
    document = client.get(query).json
    assert_valid(document)
    events = document["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert len(events) == 6
    inspection = [e for e in events if e["bizStep"] == "inspecting"]
    assert (
        inspection[0]["epcList"] == [item]
        and inspection[0]["disposition"] == "conformant"
    )


def test_export_of_a_lot_carries_its_master_data(client, journey):
    batch, _issued = journey
    response = client.get(
        f"/epcis/export?gtin={batch.product.gtin}&lot={batch.lot_code}"
    )
    document = response.json
    assert_valid(document)
    vocabulary = document["epcisHeader"]["epcisMasterData"]["vocabularyList"][0]
    element = vocabulary["vocabularyElementList"][0]
    assert element["id"] == CLASS.format(gtin=batch.product.gtin, lot=batch.lot_code)
    names = {a["id"]: a["attribute"] for a in element["attributes"]}
    assert names["cbvmda:regulatedProductName"] == batch.product.name_vi
    assert len(document["epcisBody"]["eventList"]) == 5


def test_a_lots_master_data_is_the_cbv_attributes_of_its_product_and_lot(app):
    producer = factories.organisation(name="HTX Long nhãn Hưng Yên")
    ocop = factories.product(producer, name_vi="Long nhãn sấy", gtin="08930000000019")
    good = factories.essential_good(
        producer, name_vi="Gạo tám", gtin="08930000000026", net_content="5 kg"
    )
    expires = factories.days_ahead(60)  # dates follow the clock (it may run ahead)
    dated = factories.batch(ocop, lot_code="LN-1", expires_on=expires)
    undated = factories.batch(good, lot_code="GT-2", expires_on=None)
    own = "urn:ocop-trace:mda:"
    assert epcis.master_data([dated, undated]) == {
        "epcisMasterData": {
            "vocabularyList": [
                {
                    "type": "urn:epcglobal:epc:vtype:EPCClass",
                    "vocabularyElementList": [
                        {
                            "id": "https://id.gs1.org/01/08930000000019/10/LN-1",
                            "attributes": [
                                {
                                    "id": "cbvmda:regulatedProductName",
                                    "attribute": "Long nhãn sấy",
                                },
                                {
                                    "id": "cbvmda:manufacturerOfTradeItemPartyName",
                                    "attribute": "HTX Long nhãn Hưng Yên",
                                },
                                {"id": "cbvmda:countryOfOrigin", "attribute": "VN"},
                                {"id": "cbvmda:lotNumber", "attribute": "LN-1"},
                                {
                                    "id": "cbvmda:itemExpirationDate",
                                    "attribute": expires.isoformat(),
                                },
                                {"id": own + "productKind", "attribute": "ocop"},
                                {"id": own + "sector", "attribute": "food"},
                                {"id": own + "ocopStars", "attribute": 4},
                                {
                                    "id": own + "ocopCertificate",
                                    "attribute": "QĐ 1/QĐ-UBND (test)",
                                },
                            ],
                        },
                        {
                            "id": "https://id.gs1.org/01/08930000000026/10/GT-2",
                            "attributes": [
                                {
                                    "id": "cbvmda:regulatedProductName",
                                    "attribute": "Gạo tám",
                                },
                                {
                                    "id": "cbvmda:manufacturerOfTradeItemPartyName",
                                    "attribute": "HTX Long nhãn Hưng Yên",
                                },
                                {"id": "cbvmda:countryOfOrigin", "attribute": "VN"},
                                {"id": "cbvmda:lotNumber", "attribute": "GT-2"},
                                {
                                    "id": "cbvmda:netContentDescription",
                                    "attribute": "5 kg",
                                },
                                {"id": own + "productKind", "attribute": "essential"},
                                {"id": own + "sector", "attribute": "agriculture"},
                            ],
                        },
                    ],
                }
            ]
        }
    }


def test_an_event_with_half_a_position_is_published_without_a_place(app):
    batch = factories.batch()
    halves = [
        factories.event(batch, latitude=20.65, longitude=None),
        factories.event(batch, latitude=None, longitude=106.05),
    ]
    for half in halves:
        published = epcis.event(half, batch, None)
        assert "readPoint" not in published and "bizLocation" not in published


def test_export_of_a_lot_whose_code_holds_a_slash(client, app):
    batch = factories.batch(lot_code="L1/2026")
    factories.event(batch, "packing")
    response = client.get(
        "/epcis/export", query_string={"gtin": batch.product.gtin, "lot": "L1/2026"}
    )
    assert response.status_code == 200
    assert_valid(response.json)
    assert len(response.json["epcisBody"]["eventList"]) == 1


def test_journeys_awaiting_approval_are_not_published(client, journey):
    batch = factories.batch(factories.product(approved_at=None))
    factories.event(batch, "packing")
    issued = factories.stamp(batch)
    gtin, lot = batch.product.gtin, batch.lot_code
    api = client.get(f"/api/v1/traceability/01/{gtin}/10/{lot}")
    assert api.status_code == 404 and api.json["error"]["code"] == "awaiting_approval"
    item = client.get(f"/api/v1/traceability{factories.path_of(issued)}")
    assert item.status_code == 404
    export = client.get("/epcis/export", query_string={"gtin": gtin, "lot": lot})
    assert export.status_code == 404
    period = client.get("/epcis/export?from=2020-01-01&to=2030-01-01").json
    assert len(period["epcisBody"]["eventList"]) == 5  # the approved journey only


def test_export_of_a_period(client, journey):
    document = client.get("/epcis/export?from=2020-01-01&to=2030-01-01").json
    assert_valid(document)
    assert len(document["epcisBody"]["eventList"]) == 5
    empty = client.get("/epcis/export?from=2020-01-01&to=2020-01-02").json
    assert_valid(empty)
    assert empty["epcisBody"]["eventList"] == []


@pytest.mark.parametrize(
    "query",
    [
        "EQ_colour=red",
        "GE_eventTime=yesterday",
        "GE_eventTime=2026-01-01T00:00:00",
        "perPage=0",
        "perPage=100000",
        "MATCH_anyEPC=https://example.com/not/a/link",
        "MATCH_anyEPCClass=https://id.gs1.org/01/08931234567897",
        "nextPageToken=!!!",
        "perPage=%C2%B2",  # '²' is a digit to str.isdigit(), not to int()
        "orderBy=eventTime&eventCountLimit=%C2%B2",
        "GE_eventTime=0001-01-01T00:00:00%2B14:00",  # before year 1 in UTC
    ],
)
def test_bad_queries_are_refused_as_the_standard_says(client, app, query):
    response = client.get(f"/epcis/events?{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.json["type"] == "epcisException:QueryParameterException"


def test_export_needs_a_lot_or_a_period(client, app):
    assert client.get("/epcis/export").status_code == 400
    assert client.get("/epcis/export?from=0001-01-01&to=0001-01-02").status_code == 400
    unknown = client.get("/epcis/export?gtin=08931234567897&lot=NOPE")
    assert unknown.status_code == 404


def results(response) -> list[dict]:
    assert response.status_code == 200, response.data[:300]
    return response.json["epcisBody"]["queryResults"]["resultsBody"]["eventList"]


def test_query_parameters_of_the_rest_binding(client, journey):
    batch, _issued = journey
    batch.events[0].disposition = "active"
    batch.events[1].event_type = "TransformationEvent"  # published as ObjectEvent ADD
    db.session.commit()
    all_events = results(client.get("/epcis/events"))
    assert len(all_events) == 5 and all(e["recordTime"] for e in all_events)
    added = results(client.get("/epcis/events?EQ_action=ADD|DELETE"))
    assert [e["bizStep"] for e in added] == ["creating_class_instance"]
    observed = results(client.get("/epcis/events?EQ_action=OBSERVE"))
    assert len(observed) == 4
    active = results(
        client.get(
            "/epcis/events?EQ_disposition=https://ref.gs1.org/cbv/Disp-active|sold"
        )
    )
    assert [e["eventID"] for e in active] == [batch.events[0].event_id]
    wanted = [all_events[1]["eventID"], all_events[3]["eventID"]]
    by_id = results(client.get(f"/epcis/events?EQ_eventID={'|'.join(wanted)}"))
    assert [e["eventID"] for e in by_id] == wanted
    steps = results(
        client.get("/epcis/events?EQ_bizStep=https://ref.gs1.org/cbv/BizStep-packing")
    )
    assert [e["bizStep"] for e in steps] == ["packing"]


def test_query_orders_and_counts_across_pages(client, journey):
    ids = [e["eventID"] for e in results(client.get("/epcis/events"))]
    seen, url = [], "/epcis/events?orderBy=recordTime&perPage=2&eventCountLimit=3"
    while url:
        response = client.get(url)
        seen += results(response)
        link = response.headers.get("Link")
        url = (
            link.split(";")[0].strip("<>").replace("http://localhost", "")
            if link
            else None
        )
    assert [e["eventID"] for e in seen] == ids[::-1][:3]  # DESC once orderBy is given
    ascending = results(
        client.get("/epcis/events?orderBy=eventTime&orderDirection=ASC")
    )
    assert [e["eventID"] for e in ascending] == ids
    token_for_event_time = client.get("/epcis/events?perPage=1").headers["Link"]
    token = token_for_event_time.split("nextPageToken=")[1].split(">")[0]
    mixed = client.get(f"/epcis/events?orderBy=recordTime&nextPageToken={token}")
    assert mixed.status_code == 400


def test_query_takes_epc_urns_and_places(client, journey):
    batch, issued = journey
    gtin = batch.product.gtin
    company, reference = gtin[1:8], gtin[0] + gtin[8:13]
    item = f"urn:epc:id:sgtin:{company}.{reference}.{issued.serial}"
    assert len(results(client.get(f"/epcis/events?MATCH_epc={item}"))) == 5
    lot = f"urn:epc:class:lgtin:{company}.{reference}.{batch.lot_code}"
    assert len(results(client.get(f"/epcis/events?MATCH_epcClass={lot}"))) == 5
    other = f"urn:epc:class:lgtin:{company}.{reference}.NOPE"
    assert results(client.get(f"/epcis/events?MATCH_epcClass={other}")) == []
    factories.event(batch, "storing", gln="8935307000014")
    place = "https://id.gs1.org/414/8935307000014"
    stored = results(client.get(f"/epcis/events?EQ_bizLocation={place}"))
    assert [e["bizStep"] for e in stored] == ["storing"]
    sgln = "urn:epc:id:sgln:8935307.00001.0"
    assert len(results(client.get(f"/epcis/events?EQ_readPoint={sgln}"))) == 1
    bad = client.get("/epcis/events?EQ_readPoint=somewhere")
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Accept": "application/xml"}, 406),
        ({"Accept": "application/json"}, 200),
        ({"Accept": "text/html, */*;q=0.8"}, 200),
        ({"GS1-EPCIS-Max": "1.2.0"}, 406),
        ({"GS1-EPCIS-Min": "2.1.0"}, 406),
        ({"GS1-EPCIS-Min": "1.2", "GS1-EPCIS-Max": "2.0.0"}, 200),
        ({"GS1-EPCIS-Max": "two"}, 400),
        ({"GS1-EPC-Format": "Always_EPC_URN"}, 406),
        ({"GS1-EPC-Format": "No_Preference"}, 200),
    ],
)
def test_representations_and_versions_are_negotiated(client, journey, headers, status):
    batch, issued = journey
    for url in (
        "/epcis/events",
        f"/epcis/export?gtin={batch.product.gtin}&lot={batch.lot_code}",
        f"/api/v1/traceability{factories.path_of(issued)}",
    ):
        response = client.get(url, headers=headers)
        assert response.status_code == status, url
        assert response.headers["GS1-EPCIS-Version"] == "2.0.0"
        assert response.headers["GS1-CBV-Version"] == "2.0.0"
        if status == 406:
            assert response.json["type"] == "epcisException:NotAcceptableException"


def test_traceability_errors_carry_the_version_headers(client, app):
    response = client.get("/api/v1/traceability/01/08931234567897/10/NOPE")
    assert response.status_code == 404
    assert response.headers["GS1-EPCIS-Version"] == "2.0.0"


def test_every_query_parameter_we_take_is_gs1s():
    """Each name is a query parameter of GS1's REST binding (openapi.yaml)."""
    binding = (SUITE / "openapi.yaml").read_text(encoding="utf-8")
    defined = set(re.findall(r"^ {6}name: (\S+)$", binding, flags=re.MULTILINE))
    assert epcis_query.KNOWN - defined == set()


def test_event_count_limit_needs_an_order(client, journey):
    response = client.get("/epcis/events?eventCountLimit=1")
    assert response.status_code == 400
    assert "orderBy" in response.json["title"]
