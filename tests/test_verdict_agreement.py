"""One verdict rule: API, story, dossier and alert agree on every reason."""

import re

import pytest
from sqlalchemy import select

from tests import factories
from tests.conftest import HTMX
from webapp.extensions import db
from webapp.models import Alert, Case

HUNG_YEN = {"lat": 20.6512, "lon": 106.0534}
HA_NOI = {"lat": 21.0278, "lon": 105.8342}
HO_CHI_MINH = {"lat": 10.7769, "lon": 106.7009}
BUYER, BUYER_ADDRESS = "buyer-phone-00000001", "10.1.0.1"


def api(client, issued, device, address, **fields):
    body = {"code": issued.url, "device_id": device, **fields}
    response = client.post(
        "/api/v1/scans", json=body, environ_base={"REMOTE_ADDR": address}
    )
    assert response.status_code == 201, response.text
    return response.json


def duplicates(client):
    issued = factories.stamp(factories.batch(regions=("33",)))
    for n in range(6):  # six households, each at home, in the batch's province
        api(client, issued, f"household-phone-{n:04d}", f"10.2.0.{n}", province="33")
    return issued


def out_of_region(client):
    issued = factories.stamp(factories.batch(regions=("33",)))
    api(client, issued, "clone-phone-00000001", "10.3.0.1", province="79")
    api(client, issued, "clone-phone-00000002", "10.3.0.2", **HO_CHI_MINH)
    return issued


def impossible_travel(client):
    product = factories.product(duplicate_threshold=10)
    issued = factories.stamp(factories.batch(product, regions=("33", "01")))
    for n, where in enumerate((HUNG_YEN, HA_NOI, HUNG_YEN, HA_NOI)):
        api(client, issued, f"travel-phone-{n:04d}", f"10.4.0.{n}", **where)
    return issued


def claimed_elsewhere(client):
    issued = factories.stamp(factories.batch(regions=("33",)), with_pin=True)
    client.set_cookie("device_id", BUYER)
    claimed = client.post(
        "/scan/claim",
        data={"code": issued.url, "pin": issued.pin},
        environ_base={"REMOTE_ADDR": BUYER_ADDRESS},
    )
    assert claimed.status_code == 200
    api(client, issued, "other-phone-00000001", "10.5.0.1", province="33")
    return issued


def void(client):
    issued = factories.stamp(factories.batch(regions=("33",)))
    factories.stamp_row(issued).status = "void"
    db.session.commit()
    return issued


SCENARIOS = {
    "duplicate_scans": (duplicates, "suspicious"),
    "out_of_region": (out_of_region, "suspicious"),
    "impossible_travel": (impossible_travel, "suspicious"),
    "claimed_elsewhere": (claimed_elsewhere, "suspicious"),
    "void": (void, "counterfeit"),
}


@pytest.mark.parametrize("reason", sorted(SCENARIOS))
def test_api_story_dossier_and_alert_agree(client, reason):
    play, verdict = SCENARIOS[reason]
    issued = play(client)
    # The genuine buyer, at home, no position: nothing new about the serial.
    answer = api(client, issued, BUYER, BUYER_ADDRESS)
    assert (answer["verdict"], answer["reasons"]) == (verdict, [reason])
    client.set_cookie("device_id", BUYER)
    story = client.post(
        "/scan/record",
        data={"code": issued.url},
        headers=HTMX,
        environ_base={"REMOTE_ADDR": BUYER_ADDRESS},
    ).text
    assert banner(story) == (verdict, [reason])
    stamp_id = factories.stamp_row(issued).id
    alert = db.session.scalars(
        select(Alert).join(Case).where(Case.stamp_id == stamp_id)
    ).one()
    assert alert.verdict == verdict and reason in alert.reasons
    factories.sign_in(client, factories.user("admin"))
    dossier = client.get(f"/inspector/dossier?code={issued.serial}").text
    assert banner(dossier) == (verdict, [reason])


def test_a_single_far_scan_is_shown_to_staff_but_not_to_shoppers(client):
    issued = factories.stamp(factories.batch(regions=("33",)))
    api(client, issued, BUYER, BUYER_ADDRESS, **HUNG_YEN)
    far = api(client, issued, "gift-phone-00000001", "10.6.0.1", **HA_NOI)
    assert (far["verdict"], far["reasons"]) == ("authentic", [])
    later = api(client, issued, BUYER, BUYER_ADDRESS)
    assert (later["verdict"], later["reasons"]) == ("authentic", [])
    alert = db.session.scalars(select(Alert)).one()
    assert alert.verdict == "authentic" and "out_of_region_once" in alert.reasons
    assert alert.case.severity == 1  # low: a gift as likely as a clone
    factories.sign_in(client, factories.user("admin"))
    dossier = client.get(f"/inspector/dossier?code={issued.serial}").text
    assert banner(dossier) == ("authentic", [])
    # seconds apart, 47 km: a conflict too, but from one source only
    assert 'data-observations="out_of_region_once travel_once"' in dossier


def banner(page: str) -> tuple[str, list[str]]:
    found = re.search(r'data-verdict="(\w+)" data-reasons="([\w ]*)"', page)
    assert found, page[:2000]
    return found[1], found[2].split()
