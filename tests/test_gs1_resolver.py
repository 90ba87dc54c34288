"""GS1-conformant resolver behaviour: link types, linksets, Link header, CORS."""

from tests import factories
from tests.factories import path_of


def make_item():
    batch = factories.batch()
    factories.event(batch, "commissioning", action="ADD")
    return factories.stamp(batch), batch


def test_linktype_all_returns_an_rfc9264_linkset(client, app):
    issued, _batch = make_item()
    response = client.get(path_of(issued) + "?linkType=all")
    assert response.status_code == 200
    assert response.mimetype == "application/linkset+json"
    context = response.json["linkset"][0]
    assert context["anchor"].endswith(path_of(issued))
    pip = context["https://gs1.org/voc/pip"][0]
    assert pip["type"] == "text/html" and set(pip["hreflang"]) == {"vi", "en"}
    for relation in ["traceability", "verificationService", "defaultLink"]:
        assert f"https://gs1.org/voc/{relation}" in context


def test_linkset_by_accept_header(client, app):
    issued, _batch = make_item()
    response = client.get(
        path_of(issued), headers={"Accept": "application/linkset+json"}
    )
    assert response.mimetype == "application/linkset+json"


def test_link_types_redirect_with_307(client, app):
    issued, _batch = make_item()
    traceability = client.get(path_of(issued) + "?linkType=gs1:traceability")
    assert traceability.status_code == 307
    assert "/api/v1/traceability/01/" in traceability.headers["Location"]
    verify = client.get(path_of(issued) + "?linkType=gs1:verificationService")
    assert "/api/v1/verify/01/" in verify.headers["Location"]
    unknown = client.get(path_of(issued) + "?linkType=gs1:recipeInfo")
    assert unknown.status_code == 307
    assert unknown.headers["Location"].endswith(path_of(issued))
    assert client.get(path_of(issued) + "?linkType=gs1:pip").status_code == 200


def test_link_header_lists_targets(client, app):
    issued, _batch = make_item()
    header = client.get(path_of(issued)).headers["Link"]
    assert 'rel="linkset"' in header
    assert 'rel="https://gs1.org/voc/pip"' in header
    assert "linkType=all" in header


def test_cors_and_options_and_head(client, app):
    issued, _batch = make_item()
    response = client.get(
        path_of(issued), headers={"Origin": "https://scanner.example"}
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Link" in response.headers["Access-Control-Expose-Headers"]
    preflight = client.options(
        path_of(issued),
        headers={"Origin": "https://x.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    head = client.head(path_of(issued))
    assert head.status_code == 200 and head.data == b""


def test_well_known_resolver_description(client, app):
    response = client.get("/.well-known/gs1resolver")
    assert response.status_code == 200
    assert response.json["supportedPrimaryKeys"] == ["01"]
    assert response.json["resolverRoot"] == "http://localhost"


def test_traceability_is_an_epcis_document(client, app):
    issued, batch = make_item()
    response = client.get(f"/api/v1/traceability{path_of(issued)}")
    assert response.mimetype == "application/ld+json"
    doc = response.json
    assert doc["type"] == "EPCISDocument" and doc["schemaVersion"] == "2.0"
    event = doc["epcisBody"]["eventList"][0]
    assert event["bizStep"] == "commissioning" and event["action"] == "ADD"
    # The lot's event, as published everywhere under its ID: the item is in it.
    assert event["quantityList"][0]["epcClass"] == (
        f"https://id.gs1.org/01/{issued.gtin}/10/{issued.lot}"
    )
    assert event["ilmd"]["cbvmda:lotNumber"] == batch.lot_code
    batch_doc = client.get(
        f"/api/v1/traceability/01/{issued.gtin}/10/{issued.lot}"
    ).json
    assert batch_doc["epcisBody"]["eventList"][0]["quantityList"][0]["quantity"] == 500


def test_traceability_needs_a_batch(client, app):
    issued, _batch = make_item()
    response = client.get(f"/api/v1/traceability/01/{issued.gtin}")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "batch_required"


def test_verify_reports_code_facts_without_recording(client, app):
    issued, _batch = make_item()
    ok = client.get(f"/api/v1/verify{path_of(issued)}")
    assert (
        ok.status_code == 200 and ok.json["issued"] is True and ok.json["reasons"] == []
    )
    bad = client.get(
        f"/api/v1/verify/01/{issued.gtin}/10/{issued.lot}/21/7K2P9Q4MXT3B6HC1"
    )
    assert bad.status_code == 404 and bad.json["reasons"] == ["bad_check"]
    malformed = client.get("/api/v1/verify/01/123")
    assert malformed.status_code == 400
    assert malformed.json["error"]["code"] == "gtin_length"
