"""Numbers in paths, queries and forms are bounded: a huge one is 400/404, never 500."""

from __future__ import annotations

import base64

import pytest

from tests import factories

HUGE = "99999999999999999999"


def _token(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "token",
    [
        _token("2026-01-01T00:00:00+00:00|99999999999999999999999"),
        _token("2026-01-01T00:00:00+00:00|-5"),
        _token("2026-01-01T00:00:00+00:00|1|2"),
    ],
)
def test_epcis_page_token_out_of_range_is_400(client, token):
    response = client.get("/epcis/events", query_string={"nextPageToken": token})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [f"/producer/batches/{HUGE}", f"/producer/products/{HUGE}"],
)
def test_huge_id_in_a_path_is_404(client, producer, path):
    assert client.get(path).status_code == 404


def test_huge_scan_id_on_a_story_is_ignored(client):
    issued = factories.stamp()
    response = client.get(factories.path_of(issued), query_string={"scan": HUGE})
    assert response.status_code == 200


def test_huge_number_in_a_form_is_a_form_error(client, producer):
    client.set_cookie("lang", "en")
    response = client.post(
        f"/producer/products/{producer.product.id}",
        data={"shelf_life_days": HUGE, "duplicate_threshold": HUGE},
    )
    assert response.status_code in (200, 400)
    assert "Enter a smaller number." in response.text
