"""Every EPCIS document we publish, checked with GS1's own schema and SHACL shapes.

The demo catalog is published the ways outside tools read it: the export of each
lot, the traceability document of each lot and of items, the query interface
page by page and the export of a period. Each document must be valid against
GS1's JSON schema and, once read as RDF with GS1's JSON-LD context, conform to
GS1's SHACL shapes; and an event ID must name one event wherever it appears.
The files come unchanged from gs1/EPCIS (see tests/conformance/epcis/README.md).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker
from pyshacl import validate
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SH
from sqlalchemy import select

from tests import factories
from tests.conftest import SQLITE_ONLY
from webapp.demo.seed import seed_demo
from webapp.extensions import db
from webapp.models import Batch, JourneyEvent, Stamp, utcnow
from webapp.services.casework.inspections import record_inspection
from webapp.services.common.clock import VIETNAM
from webapp.services.standards import epcis

SUITE = Path(__file__).parent / "conformance" / "epcis"
SCHEMA = Draft7Validator(
    json.loads((SUITE / "EPCIS-JSON-Schema.json").read_text()),
    format_checker=FormatChecker(),
)
CONTEXT = json.loads((SUITE / "epcis-context.jsonld").read_text())["@context"]


def repaired_shapes(shapes: Graph) -> Graph:
    """GS1's shapes made loadable, meaning unchanged (see the folder's README).

    The published file types many property shapes (they have sh:path) as
    sh:NodeShape, and uses property shapes with sh:node; a SHACL processor
    refuses both. Each becomes a sh:PropertyShape used with sh:property, and
    the one node shape used with sh:property (SpecifySetOrUnsetShape) is used
    with sh:node.
    """
    with_path = set(shapes.subjects(SH.path, None))
    for shape in with_path & set(shapes.subjects(RDF.type, SH.NodeShape)):
        shapes.remove((shape, RDF.type, SH.NodeShape))
        shapes.add((shape, RDF.type, SH.PropertyShape))
    for user, shape in list(shapes.subject_objects(SH.node)):
        if shape in with_path:
            shapes.remove((user, SH.node, shape))
            shapes.add((user, SH.property, shape))
    for user, shape in list(shapes.subject_objects(SH.property)):
        if (shape, SH.path, None) not in shapes:
            shapes.remove((user, SH.property, shape))
            shapes.add((user, SH.node, shape))
    return shapes


SHAPES = repaired_shapes(Graph().parse(SUITE / "EPCIS-SHACL.ttl", format="turtle"))
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=VIETNAM)
# pySHACL builds its working graph with a class rdflib now calls deprecated.
RDFLIB_DEPRECATION = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"
)


def schema_errors(document: dict) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message[:200]}"
        for e in SCHEMA.iter_errors(document)
    ]


def as_rdf(document: dict) -> Graph:
    """The document as RDF, its context GS1's published file instead of the URL."""
    assert document["@context"] == [epcis.EPCIS_CONTEXT]
    local = {**document, "@context": CONTEXT}
    parsed = Graph().parse(data=json.dumps(local), format="json-ld")
    # An RDF literal is its lexical form and datatype; rdflib's JSON-LD reader
    # keeps a JSON number's Python type instead ("500"^^xsd:decimal held as an
    # int), which pySHACL then takes for the wrong datatype. Re-read each one.
    graph = Graph()
    for subject, predicate, value in parsed:
        if isinstance(value, Literal):
            value = Literal(str(value), lang=value.language, datatype=value.datatype)
        graph.add((subject, predicate, value))
    return graph


def shacl_report(document: dict) -> str | None:
    conforms, _graph, text = validate(as_rdf(document), shacl_graph=SHAPES)
    return None if conforms else text


def published_documents(client) -> dict[str, dict]:
    """Every way the demo's journeys are published, by the URL that answered it."""
    urls = ["/epcis/export?from=2020-01-01&to=2030-01-01"]
    batches = db.session.scalars(select(Batch).order_by(Batch.id)).all()
    for batch in batches:
        gtin, lot = batch.product.gtin, batch.lot_code
        urls.append(f"/epcis/export?gtin={gtin}&lot={lot}")
        urls.append(f"/api/v1/traceability/01/{gtin}/10/{lot}")
        stamps = db.session.scalars(
            select(Stamp).where(Stamp.batch_id == batch.id).order_by(Stamp.id).limit(1)
        ).all()
        for stamp in stamps:
            urls.append(f"/api/v1/traceability/01/{gtin}/10/{lot}/21/{stamp.serial}")
    documents = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 404:  # a lot awaiting approval: not published
            continue
        assert response.status_code == 200, (url, response.data[:300])
        documents[url] = response.json
    page, url = 0, "/epcis/events?perPage=50"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.data[:300]
        documents[f"query page {page}"] = response.json
        link = response.headers.get("Link")
        url = (
            link.split(";")[0].strip("<>").replace("http://localhost", "")
            if link
            else None
        )
        page += 1
    return documents


def events_of(document: dict) -> list[dict]:
    body = document["epcisBody"]
    if "queryResults" in body:
        return body["queryResults"]["resultsBody"]["eventList"]
    return body["eventList"]


@pytest.fixture
def demo(client, app):
    """The demo catalog, one of its items inspected (an item-level event)."""
    seed_demo(db.session, factories.SETTINGS, NOW)
    stamp = db.session.scalars(select(Stamp).order_by(Stamp.id)).first()
    record_inspection(
        db.session, stamp, factories.user("inspector"), "genuine", "Chợ Phố Hiến",
        "33", "", utcnow(),
    )  # fmt: skip
    db.session.commit()
    return published_documents(client)


def test_published_documents_are_valid_and_an_event_id_names_one_event(demo):
    assert len(demo) > 20
    invalid = {url: errors for url in demo if (errors := schema_errors(demo[url]))}
    assert invalid == {}
    seen: dict[str, tuple[str, dict]] = {}
    conflicts = []
    for url, document in demo.items():
        for event in events_of(document):
            first = seen.setdefault(event["eventID"], (url, event))
            if first[1] != event:
                conflicts.append((event["eventID"], first[0], url))
            assert datetime.fromisoformat(event["recordTime"]).tzinfo is not None
    assert conflicts == []
    assert len(seen) > 100
    # The inspected item's own event lists the item; the lots' events their class.
    items = [e for e in seen.values() if "epcList" in e[1]]
    assert [e[1]["bizStep"] for e in items] == ["inspecting"]


@SQLITE_ONLY
@RDFLIB_DEPRECATION
def test_every_published_document_conforms_to_gs1_shacl_shapes(demo):
    reports = {url: report for url in demo if (report := shacl_report(demo[url]))}
    assert reports == {}


@SQLITE_ONLY
@RDFLIB_DEPRECATION
def test_gs1_shapes_do_catch_a_broken_event(app):
    batch = factories.batch()
    factories.event(batch, "packing")
    document = epcis.document(batch, None, utcnow())
    assert shacl_report(document) is None
    broken = json.loads(json.dumps(document))
    broken["epcisBody"]["eventList"][0]["eventTime"] = ["2026-01-01T00:00:00+07:00"] * 2
    del broken["epcisBody"]["eventList"][0]["action"]
    report = shacl_report(broken)
    assert report is not None and "action" in report


def test_every_event_type_the_demo_records_is_published_valid(demo):
    """Each kind of event the demo records reaches a published, valid document."""
    rows = db.session.execute(
        select(JourneyEvent.event_type, JourneyEvent.event_id, Batch)
        .join(Batch, JourneyEvent.batch_id == Batch.id)
        .order_by(JourneyEvent.id)
    ).all()
    used = {event_type for event_type, _id, _batch in rows}
    assert {"ObjectEvent", "TransformationEvent"} <= used
    published: dict[str, set[str]] = {}
    for event_type, event_id, batch in rows:
        url = f"/api/v1/traceability/01/{batch.product.gtin}/10/{batch.lot_code}"
        if url not in demo:  # awaiting approval: not published
            continue
        assert schema_errors(demo[url]) == [], url
        ids = {event["eventID"] for event in events_of(demo[url])}
        if event_id in ids:
            published.setdefault(event_type, set()).add(event_id)
    assert set(published) == used, "event types recorded but never published"
