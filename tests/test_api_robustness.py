"""Whatever a client sends to the scan API, the answer is never a server error."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
fields = st.fixed_dictionaries(
    {},
    optional={
        "code": st.text(max_size=80)
        | st.just("/01/08931234567897/21/7K2P9Q4MXT3B6HC1"),
        "device_id": st.text(max_size=40) | st.just("phone-fuzz-0001"),
        "lat": json_values,
        "lon": json_values,
        "province": json_values,
        "role": st.sampled_from(["shopper", "inspector", "x"]) | json_values,
        "idempotency_key": json_values,
    },
)


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=json_values | fields)
def test_scan_api_never_answers_5xx(client, body):
    response = client.post(
        "/api/v1/scans", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code in (200, 201, 400, 403, 404), response.data
    assert response.is_json


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(path=st.text(max_size=60))
def test_resolver_never_answers_5xx(client, path):
    response = client.get("/01/" + path.replace("\x00", ""))
    assert response.status_code < 500
