"""Every route × every role, for reading and writing: who gets in, who is refused.

Roles: anonymous, the administrator, inspector A (Hưng Yên, where producer A
makes the goods), inspector B (Hà Nội), producer A (owns every record the
routes name) and producer B (another organisation). A route added to the app
without a row here fails the first test.
"""

from sqlalchemy import select

from tests import factories
from tests.conftest import IsolatedClient
from webapp.extensions import db
from webapp.models import (
    Inspection,
    IssuanceRecord,
    PortalItem,
    Report,
    utcnow,
)
from webapp.services.cases import open_case
from webapp.uploads import upload_dir

ROLES = ("anon", "admin", "inspector_a", "inspector_b", "producer_a", "producer_b")
# Refused roles go first, so that writes they might make would show up later.
ORDER = ("anon", "inspector_b", "producer_b", "producer_a", "inspector_a", "admin")
# One letter per role, in ROLES order: P public (no refusal), O allowed, L sent to
# sign in, N refused (403/404), B the form is refused (400: outside their scope).
PUBLIC, ADMIN, STAFF = "PPPPPP", "LONNNN", "LOOONN"
CASE_SCOPE, OWN, ANY_PRODUCER = "LOONNN", "LNNNON", "LNNNOO"
SIGNED_IN = "LOOOOO"

TABLE: dict[tuple[str, str], tuple[str, str, dict | None]] = {
    # (endpoint, method): (url, expected, form data or {"json": …})
    ("public.index", "GET"): ("/", PUBLIC, None),
    ("health.healthz", "GET"): ("/healthz", PUBLIC, None),
    ("health.readyz", "GET"): ("/readyz", PUBLIC, None),
    # Only with METRICS_TOKEN (unset here) and its bearer token: 404 for all.
    ("metrics.metrics", "GET"): ("/metrics", "NNNNNN", None),
    ("resolver.description", "GET"): ("/.well-known/gs1resolver", PUBLIC, None),
    ("resolver.resolve", "GET"): ("{item_path}", PUBLIC, None),
    ("admin.dashboard", "GET"): ("/admin/", ADMIN, None),
    ("admin.approve", "POST"): ("/admin/products/{product}/approve", ADMIN, {}),
    ("admin.approvals", "GET"): ("/admin/approvals", ADMIN, None),
    ("admin.export", "GET"): ("/admin/export/products.xlsx", ADMIN, None),
    ("admin.training", "GET"): ("/admin/training", ADMIN, None),
    ("admin.training", "POST"): ("/admin/training", ADMIN, {}),
    ("api.create_scan", "POST"): (
        "/api/v1/scans",
        PUBLIC,
        {"json": {"code": "{item_path}", "device_id": "route-table-phone"}},
    ),
    ("api.traceability", "GET"): ("/api/v1/traceability{item_path}", PUBLIC, None),
    ("api.verify", "GET"): ("/api/v1/verify{item_path}", PUBLIC, None),
    ("public.check", "GET"): ("/check?code={serial}", PUBLIC, None),
    ("epcis.events", "GET"): ("/epcis/events", PUBLIC, None),
    ("epcis.export", "GET"): ("/epcis/export", PUBLIC, None),
    ("public.guide", "GET"): ("/guide/traceability", PUBLIC, None),
    ("inspector.queue", "GET"): ("/inspector/", STAFF, None),
    ("inspector.case", "GET"): ("/inspector/cases/{case}", CASE_SCOPE, None),
    ("inspector.assign", "POST"): ("/inspector/cases/{case}/assign", CASE_SCOPE, {}),
    ("inspector.hand_over", "POST"): (
        "/inspector/cases/{case}/provinces",
        CASE_SCOPE,
        {"province": "01"},
    ),
    ("inspector.inspect_case", "POST"): (
        "/inspector/cases/{case}/inspections",
        CASE_SCOPE,
        {},
    ),
    ("inspector.change_status", "POST"): (
        "/inspector/cases/{case}/status",
        CASE_SCOPE,
        {"status": "investigating", "note": ""},
    ),
    ("inspector.dossier", "GET"): ("/inspector/dossier?code={serial}", STAFF, None),
    ("inspector.photo", "GET"): ("/inspector/photos/{photo}", CASE_SCOPE, None),
    ("inspector.inspect", "POST"): (
        "/inspector/stamps/{stamp}/inspections",
        "LOOBNN",  # inspector B may not record an inspection in Hưng Yên
        {"result": "genuine", "place": "Chợ Phố Hiến", "province": "33"},
    ),
    ("inspector.pin_reset", "POST"): (
        "/inspector/stamps/{stamp}/pin-reset",
        CASE_SCOPE,
        {"reason": "Người bán đã cào mã PIN."},
    ),
    ("public.set_language", "POST"): ("/language", PUBLIC, {"lang": "en"}),
    ("auth.login", "GET"): ("/login", PUBLIC, None),
    ("auth.sign_in", "POST"): ("/login", PUBLIC, {"email": "x", "password": "y"}),
    ("auth.logout", "POST"): ("/logout", PUBLIC, {}),
    ("auth.password", "GET"): ("/account/password", SIGNED_IN, None),
    ("auth.change_password", "POST"): ("/account/password", SIGNED_IN, {}),
    ("auth.reset", "GET"): ("/account/reset/not-a-token", PUBLIC, None),
    ("auth.use_reset", "POST"): ("/account/reset/not-a-token", PUBLIC, {}),
    ("staff.accounts", "GET"): ("/admin/staff/", ADMIN, None),
    ("staff.reset_link", "POST"): ("/admin/staff/{user}/reset-link", ADMIN, {}),
    ("pwa.manifest", "GET"): ("/manifest.webmanifest", PUBLIC, None),
    ("public.media", "GET"): ("/media/products/missing.jpg", PUBLIC, None),
    ("pwa.offline", "GET"): ("/offline", PUBLIC, None),
    ("producer.home", "GET"): ("/producer/", ANY_PRODUCER, None),
    ("producer.batch", "GET"): ("/producer/batches/{batch}", OWN, None),
    ("producer.edit_batch", "GET"): ("/producer/batches/{batch}/edit", OWN, None),
    ("producer.edit_batch", "POST"): ("/producer/batches/{batch}/edit", OWN, {}),
    ("producer.add_event", "POST"): ("/producer/batches/{batch}/events", OWN, {}),
    ("producer.locate_event", "GET"): (
        "/producer/batches/{batch}/events/{event}/location",
        OWN,
        None,
    ),
    ("producer.locate_event", "POST"): (
        "/producer/batches/{batch}/events/{event}/location",
        OWN,
        {},
    ),
    ("producer.label_previews", "GET"): (
        "/producer/batches/{batch}/labels",
        OWN,
        None,
    ),
    ("producer.label_image", "GET"): (
        "/producer/batches/{batch}/labels/small.png",
        OWN,
        None,
    ),
    ("producer.send_to_portal", "POST"): (
        "/producer/batches/{batch}/portal",
        OWN,
        {},
    ),
    ("producer.issue", "POST"): ("/producer/batches/{batch}/stamps", OWN, {}),
    ("producer.change_status", "POST"): ("/producer/batches/{batch}/status", OWN, {}),
    ("producer.new_batch", "GET"): ("/producer/batches/new", ANY_PRODUCER, None),
    ("producer.new_batch", "POST"): ("/producer/batches/new", ANY_PRODUCER, {}),
    ("producer.cases", "GET"): ("/producer/cases", ANY_PRODUCER, None),
    ("producer.case", "GET"): ("/producer/cases/{case}", OWN, None),
    ("producer.print_file", "GET"): (
        "/producer/issuances/{issuance}/codes.csv",
        OWN,
        None,
    ),
    ("producer.print_status", "GET"): (
        "/producer/issuances/{issuance}/print-files",
        OWN,
        None,
    ),
    ("producer.retry_print_files", "POST"): (
        "/producer/issuances/{issuance}/print-files/retry",
        OWN,
        {},
    ),
    ("producer.retry_portal_item", "POST"): (
        "/producer/portal-items/{portal_item}/retry",
        OWN,
        {},
    ),
    ("producer.edit_product", "GET"): ("/producer/products/{product}", OWN, None),
    ("producer.edit_product", "POST"): ("/producer/products/{product}", OWN, {}),
    ("producer.new_product", "GET"): ("/producer/products/new", ANY_PRODUCER, None),
    ("producer.new_product", "POST"): ("/producer/products/new", ANY_PRODUCER, {}),
    ("producer.profile", "GET"): ("/producer/profile", ANY_PRODUCER, None),
    ("producer.profile", "POST"): ("/producer/profile", ANY_PRODUCER, {}),
    ("reports.new", "GET"): ("/report/", PUBLIC, None),
    ("reports.create", "POST"): ("/report/", PUBLIC, {}),
    ("reports.show", "GET"): ("/report/{report}", PUBLIC, None),
    ("reports.find", "GET"): ("/report/find", PUBLIC, None),
    ("reports.token", "GET"): ("/report/token", PUBLIC, None),
    ("reports.wards", "GET"): ("/report/wards?province=33", PUBLIC, None),
    ("reports.withdraw", "GET"): ("/report/{report}/withdraw", PUBLIC, None),
    ("reports.withdraw", "POST"): ("/report/{report}/withdraw", PUBLIC, {}),
    ("reports.withdrawn", "GET"): ("/report/withdrawn", PUBLIC, None),
    ("scans.index", "GET"): ("/scan/", PUBLIC, None),
    ("scans.claim_pin", "POST"): ("/scan/claim", PUBLIC, {}),
    ("scans.photo", "POST"): ("/scan/photo", PUBLIC, {}),
    ("scans.record_scan", "POST"): ("/scan/record", PUBLIC, {}),
    ("public.settings", "GET"): ("/settings", PUBLIC, None),
    ("public.save_settings", "POST"): ("/settings", PUBLIC, {}),
    ("pwa.stamp_keys", "GET"): ("/stamp-keys.json", PUBLIC, None),
    ("static", "GET"): ("/static/css/app.css", PUBLIC, None),
    ("pwa.service_worker", "GET"): ("/sw.js", PUBLIC, None),
}


def test_every_route_is_in_the_table(app):
    registered = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert registered - set(TABLE) == set(), "add these routes to TABLE"
    assert set(TABLE) - registered == set(), "these routes no longer exist"


def build_records(accounts: dict) -> dict:
    """Producer A's records in Hưng Yên, fresh for each route; their ids by name."""
    product = factories.product(accounts["producer_a"].organisation)
    batch = factories.batch(product, regions=("33",))
    issued = factories.stamp(batch)
    stamp = factories.stamp_row(issued)
    event = factories.event(batch)
    case = open_case(db.session, stamp, batch)
    report = Report(
        reference=f"R{stamp.id:07d}",
        code_text=issued.serial,
        place="Chợ Phố Hiến",
        province_code="33",
        case=case,
    )
    db.session.add(report)
    photo = f"inspections/route-table-{stamp.id}.jpg"
    (upload_dir() / "inspections").mkdir(parents=True, exist_ok=True)
    (upload_dir() / photo).write_bytes(b"\xff\xd8\xff\xe0 not shown to others")
    db.session.add(
        Inspection(
            stamp_id=stamp.id,
            inspector=accounts["inspector_a"],
            at=utcnow(),
            result="genuine",
            place="Chợ Phố Hiến",
            province_code="33",
            photo_path=photo,
        )
    )
    item = PortalItem(
        kind="product", object_id=product.id, organisation_id=product.organisation_id
    )
    db.session.add(item)
    db.session.commit()
    issuance = db.session.scalar(
        select(IssuanceRecord.id).where(IssuanceRecord.batch_id == batch.id)
    )
    return {
        "item_path": factories.path_of(issued),
        "serial": issued.serial,
        "product": product.id,
        "batch": batch.id,
        "stamp": stamp.id,
        "event": event.id,
        "case": case.id,
        "report": report.reference,
        "photo": photo,
        "issuance": issuance,
        "portal_item": item.id,
        "user": accounts["producer_a"].id,
    }


def make_accounts() -> dict:
    org_a, org_b = factories.organisation(), factories.organisation()
    return {
        "anon": None,
        "admin": factories.user("admin"),
        "inspector_a": factories.user("inspector", provinces=("33",)),
        "inspector_b": factories.user("inspector", provinces=("01",)),
        "producer_a": factories.user("producer", org=org_a),
        "producer_b": factories.user("producer", org=org_b),
    }


def outcome(response) -> str:
    """The letter of the table that this answer stands for."""
    status = response.status_code
    assert status < 500, response.text[:500]
    if status == 302 and "/login" in response.headers.get("Location", ""):
        return "L"
    if status in (403, 404):
        return "N"
    return "B" if status == 400 else "O"


def matches(expected: str, response) -> bool:
    got = outcome(response)
    if expected == "P":  # public: never refused (a missing public file is a 404)
        return got != "L" and response.status_code != 403
    if expected == "O":
        return got in ("O", "B")  # let in; the form may still have errors
    return expected == got


def call(client, method: str, url: str, data: dict | None, ids: dict):
    if method == "GET":
        response = client.get(url)
    elif data and "json" in data:
        body = {k: v.format(**ids) for k, v in data["json"].items()}
        response = client.post(url, json=body)
    else:
        response = client.post(url, data=data or {})
    response.get_data()  # read a sent file whole, so that it is closed
    response.close()
    return response


def test_every_route_answers_each_role_as_the_table_says(app):
    app.test_client_class = IsolatedClient  # each request in its own app context
    accounts = make_accounts()
    clients = {}
    for role in ORDER:
        clients[role] = app.test_client()
        if accounts[role] is not None:
            factories.sign_in(clients[role], accounts[role])
    wrong = {}
    for key in sorted(TABLE):
        url, expected, data = TABLE[key]
        ids = build_records(accounts)
        for role in ORDER:
            response = call(clients[role], key[1], url.format(**ids), data, ids)
            wanted = expected[ROLES.index(role)]
            if not matches(wanted, response):
                wrong[f"{key[1]} {key[0]} as {role}"] = (wanted, response.status_code)
            if key == ("auth.logout", "POST") and accounts[role] is not None:
                factories.sign_in(clients[role], accounts[role])
    assert wrong == {}, "route as role: (expected letter, status)"
