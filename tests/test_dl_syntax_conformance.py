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

from webapp.services import dl_syntax
from webapp.services.errors import DigitalLinkError

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
