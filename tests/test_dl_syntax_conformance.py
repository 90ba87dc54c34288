"""Digital Link syntax: our verdicts agree with GS1's syntax engine, case by case.

The cases and the engine's verdicts are those of the engine's own test suite
(gs1/gs1-syntax-engine, src/c-lib/dl.c, test_dl_parseDLuri), extracted with
the options in force for each (tests/conformance/gs1-syntax-engine/README.md).
We run the engine's configuration that accepts zero-suppressed GTINs in the
path (older printed codes carry GTIN-13); its cases run with that option off
are the ones whose URI also appears with it on, and they are left out.
"""

import json
from pathlib import Path

import pytest

from tests.conftest import SQLITE_ONLY
from webapp.services.common.errors import DigitalLinkError
from webapp.services.standards import dl_syntax

SUITE = Path(__file__).parent / "conformance" / "gs1-syntax-engine"
CASES = json.loads((SUITE / "dl-parse-cases.json").read_text(encoding="utf-8"))
WITH_OPTION = {c["uri"] for c in CASES if c["zero_suppressed_gtin"]}
OURS = [
    c
    for c in CASES
    if not c["convenience_alphas"]
    and not c["unknown_ais"]
    and (c["zero_suppressed_gtin"] or c["uri"] not in WITH_OPTION)
]


def verdict(uri: str) -> bool:
    try:
        dl_syntax.check(uri)
    except DigitalLinkError:
        return False
    return True


def test_the_cases_are_gs1s():
    assert len(CASES) == 118 and len(OURS) >= 100


@pytest.mark.parametrize("case", OURS, ids=lambda c: c["uri"][:80] or "(empty)")
def test_verdict_agrees_with_gs1_syntax_engine(case):
    assert verdict(case["uri"]) is case["valid"]


def _on_our_resolver(case) -> str | None:
    """The case's path and query, if its primary key is a GTIN we could serve."""
    uri = case["uri"].split("#", 1)[0]
    hosts = ("a", "id.gs1.org", "example.com", "brand.example.com")
    if not any(
        uri.lower().startswith(f"{s}://{h}/") for s in ("http", "https") for h in hosts
    ):
        return None  # the host is the client's business, not the resolver's
    path = "/" + uri.split("://", 1)[1].split("/", 1)[-1]
    if not path.startswith("/01/") or "/01/" in path[4:]:
        return None
    return path


HTTP_CASES = [c for c in OURS if _on_our_resolver(c)]


@SQLITE_ONLY
def test_the_resolver_answers_400_exactly_where_gs1_says_invalid(client, app):
    assert len(HTTP_CASES) >= 30
    disagree = []
    for case in HTTP_CASES:
        path = _on_our_resolver(case)
        response = client.get(path, headers={"Accept": "application/json"})
        if (response.status_code == 400) is case["valid"]:
            disagree.append((path, case["valid"], response.status_code))
        assert response.status_code < 500, path
    assert disagree == [], "\n".join(map(str, disagree))


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("query", "code", "value"),
    [
        ("99=", "missing_value", "99"),
        ("99=ABC&999=x", "unknown_ai", "999"),
        ("10=L1", "qualifier_in_query", "10"),
        ("99=A&99=A", "duplicate_ai", "99"),
        ("99=AB%00C", "bad_ai_value", "(99) characters not allowed"),
        ("3103=ABCDEF", "bad_ai_value", "(3103) characters not allowed"),
        ("17=261301", "bad_expiry", "261301"),
        ("02=08931234567897", "ai_association", "(02) needs one of 37"),
    ],
)
def test_bad_attributes_get_a_precise_400(client, app, query, code, value):
    response = client.get(
        f"/01/08931234567897?{query}", headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    error = response.json["error"]
    assert (error["code"], error["value"]) == (code, value)
    assert error["message"]


@SQLITE_ONLY
def test_valid_attributes_and_other_parameters_pass(client, app):
    for query in ("3103=000195&17=271231", "linkType=all&99=ABC", "s=xyz&foo"):
        response = client.get(
            f"/01/08931234567897?{query}", headers={"Accept": "application/json"}
        )
        assert response.status_code != 400, (query, response.json)
    extension = client.get(
        "/01/08931234567897/235/TPX1", headers={"Accept": "application/json"}
    )
    assert extension.status_code != 400
