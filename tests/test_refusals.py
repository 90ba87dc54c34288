"""Refusals: one error type whose codes every service raises and vocab words."""

import re
from pathlib import Path

import pytest
from flask_babel import force_locale

from tests.conftest import SQLITE_ONLY
from webapp.services.casework.cases import CaseError
from webapp.services.casework.inspections import InspectionError
from webapp.services.catalog.approvals import ApprovalError
from webapp.services.catalog.batches import BatchError
from webapp.services.catalog.products import ProductError
from webapp.services.common.errors import Refusal
from webapp.services.staff.accounts import AccountError
from webapp.services.staff.passwords import PasswordRefused
from webapp.services.stamps.issuance import IssuanceError
from webapp.web import vocab

SERVICES = Path(__file__).parent.parent / "webapp" / "services"
TABLES = {
    AccountError: vocab.ACCOUNT_ERRORS,
    ApprovalError: vocab.APPROVAL_ERRORS,
    BatchError: vocab.BATCH_ERRORS,
    CaseError: vocab.CASE_ERRORS,
    InspectionError: vocab.INSPECTION_ERRORS,
    IssuanceError: vocab.ISSUANCE_ERRORS,
    PasswordRefused: vocab.PASSWORD_ERRORS,
    ProductError: vocab.PRODUCT_ERRORS,
}


def raised_codes(kind: type[Refusal]) -> set[str]:
    """Every literal code the services raise this refusal with."""
    pattern = re.compile(rf'\b{kind.__name__}\(\s*"([a-z_0-9]+)"')
    found = set()
    for source in SERVICES.rglob("*.py"):
        found.update(pattern.findall(source.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("kind", TABLES, ids=lambda kind: kind.__name__)
def test_every_code_a_service_raises_has_words(kind):
    codes = raised_codes(kind)
    assert codes, f"no {kind.__name__} found in the services"
    assert issubclass(kind, Refusal)
    words = set(TABLES[kind])
    made_up = {c for c in codes if c.endswith("_")}  # "locked_" + the field's name
    assert codes - made_up <= words, codes - made_up - words
    for prefix in made_up:
        assert any(code.startswith(prefix) for code in words), prefix


@SQLITE_ONLY
@pytest.mark.parametrize("kind", TABLES, ids=lambda kind: kind.__name__)
def test_every_refusal_reads_in_both_languages(app, kind):
    for code, template in TABLES[kind].items():
        params = dict.fromkeys(re.findall(r"%\((\w+)\)s", template._args[0]), 7)
        error = kind(code, None, **params)
        with app.test_request_context(), force_locale("en"):
            english = vocab.refusal(error, TABLES[kind])
        with app.test_request_context(), force_locale("vi"):
            vietnamese = vocab.refusal(error, TABLES[kind])
        assert english and vietnamese and english != vietnamese, code
        assert "%(" not in english + vietnamese


@SQLITE_ONLY
def test_numbers_in_a_refusal_are_written_the_readers_way(app):
    error = IssuanceError("count_invalid", "count", most=100_000)
    with app.test_request_context(), force_locale("en"):
        assert "100,000" in vocab.refusal(error, vocab.ISSUANCE_ERRORS)
    with app.test_request_context(), force_locale("vi"):
        assert "100.000" in vocab.refusal(error, vocab.ISSUANCE_ERRORS)


@SQLITE_ONLY
def test_a_sentence_missing_a_parameter_still_reads(app):
    error = IssuanceError("count_invalid", "count")  # no `most` given
    with app.test_request_context(), force_locale("en"):
        assert vocab.refusal(error, vocab.ISSUANCE_ERRORS) == (
            "Issue from 1 to  stamps at a time."
        )
