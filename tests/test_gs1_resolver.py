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
    for relation in ["epcis", "verificationService", "defaultLink"]:
        assert f"https://gs1.org/voc/{relation}" in context
    # The default link carries a title and no other attribute.
    assert set(context["https://gs1.org/voc/defaultLink"][0]) == {"href", "title"}
    assert 'rel="http://www.w3.org/ns/json-ld#context"' in response.headers["Link"]


def test_linkset_by_accept_header(client, app):
    issued, _batch = make_item()
    response = client.get(
        path_of(issued), headers={"Accept": "application/linkset+json"}
    )
    assert response.mimetype == "application/linkset+json"


def test_link_types_redirect_with_307(client, app):
    issued, _batch = make_item()
    for name in ("gs1:epcis", "https://gs1.org/voc/epcis", "gs1:traceability"):
        epcis = client.get(path_of(issued) + f"?linkType={name}")
        assert epcis.status_code == 307, name
        assert "/api/v1/traceability/01/" in epcis.headers["Location"]
    verify = client.get(path_of(issued) + "?linkType=gs1:verificationService")
    assert "/api/v1/verify/01/" in verify.headers["Location"]
    assert client.get(path_of(issued) + "?linkType=gs1:pip").status_code == 200


def test_a_link_type_not_offered_is_404(client, app):
    issued, _batch = make_item()
    for accept in ("text/html", "application/json"):
        unknown = client.get(
            path_of(issued) + "?linkType=gs1:recipeInfo", headers={"Accept": accept}
        )
        assert unknown.status_code == 404
        assert 'rel="linkset"' in unknown.headers["Link"]
    assert unknown.json["error"]["code"] == "link_type_unavailable"


def test_redirects_pass_the_query_on(client, app):
    issued, _batch = make_item()
    response = client.get(
        path_of(issued) + "?linkType=gs1:verificationService&foo=bar&99=ABC"
    )
    assert response.status_code == 307
    location = response.headers["Location"]
    assert location.endswith("?foo=bar&99=ABC") and "linkType" not in location


def test_item_linkset_walks_up_to_the_lot_and_the_product(client, app):
    issued, _batch = make_item()
    response = client.get(path_of(issued) + "?linkType=linkset")
    assert response.mimetype == "application/linkset+json"
    anchors = [c["anchor"] for c in response.json["linkset"]]
    lot = f"https://trace.example.vn/01/{issued.gtin}/10/{issued.lot}"
    assert anchors == [
        f"{lot}/21/{issued.serial}",
        lot,
        f"https://trace.example.vn/01/{issued.gtin}",
    ]
    product = response.json["linkset"][2]
    assert "https://gs1.org/voc/epcis" not in product  # journeys are per lot
    assert "https://gs1.org/voc/defaultLink" in product


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
    # The configured public URL, never the Host the request came with.
    assert response.json["resolverRoot"] == "https://trace.example.vn"


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


def test_unknown_lots_and_variants_walk_up_to_the_product(client, app):
    issued, _batch = make_item()
    for qualifiers in ("/10/KL8G", "/22/V1", "/22/V1/10/" + issued.lot, "/235/TPX"):
        response = client.get(f"/01/{issued.gtin}{qualifiers}?linkType=gs1:pip&foo=1")
        assert response.status_code == 307, qualifiers
        assert response.headers["Location"] == (
            f"https://trace.example.vn/01/{issued.gtin}?linkType=gs1:pip&foo=1"
        )
    # An unknown serial never walks up: it is the mark of a made-up stamp.
    other_end = "Y" if issued.serial.endswith("X") else "X"
    made_up = f"/01/{issued.gtin}/10/{issued.lot}/21/{issued.serial[:-1]}{other_end}"
    assert client.get(made_up).status_code == 404
    variant_item = f"/01/{issued.gtin}/22/V1/10/{issued.lot}/21/{issued.serial}"
    assert client.get(variant_item).status_code == 404
    assert client.get("/01/08931234567897/10/KL8G").status_code == 404


def test_options_lists_methods_and_the_linkset_as_gs1s_suite_asks(client, app):
    issued, _batch = make_item()
    # GS1's resolver test suite asks with a list, which a CORS preflight never sends.
    listed = client.options(
        path_of(issued),
        headers={
            "Origin": "https://ref.gs1.org",
            "Access-Control-Request-Method": "GET,HEAD,OPTIONS",
        },
    )
    assert listed.status_code == 200
    methods = listed.headers["Access-Control-Allow-Methods"]
    assert all(m in methods for m in ("GET", "HEAD", "OPTIONS"))
    assert 'rel="linkset"' in listed.headers["Link"]
    # A real preflight is answered by the CORS layer once, not twice.
    single = client.options(
        path_of(issued),
        headers={"Origin": "https://x.example", "Access-Control-Request-Method": "GET"},
    )
    assert len(single.headers.getlist("Access-Control-Allow-Methods")) == 1
    # An unknown serial has no links to name, and is still not an error.
    unknown = client.options(path_of(issued).replace(issued.serial, "NOSUCHSERIAL1"))
    assert unknown.status_code == 200 and "Link" not in unknown.headers
