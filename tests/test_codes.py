"""Codes are defined once: everything that accepts or words them agrees."""

import pytest
from flask_babel import force_locale
from pydantic import ValidationError

from tests.conftest import SQLITE_ONLY
from webapp.models import BATCH_STATUSES, STAMP_STATUSES
from webapp.models.codes import SCAN_ROLES, BatchStatus, ScanRole, StampStatus
from webapp.services.scans import scanning
from webapp.web import auth, vocab
from webapp.web.schemas import ScanIn

WORDED = [
    (ScanRole, vocab.SCAN_ROLES),
    (BatchStatus, vocab.BATCH_STATUSES),
    (StampStatus, vocab.STAMP_STATUSES),
]


@SQLITE_ONLY
@pytest.mark.parametrize(
    "codes, words", WORDED, ids=lambda c: getattr(c, "__name__", "")
)
def test_every_code_has_words_in_both_languages(app, codes, words):
    assert set(words) == {code.value for code in codes}
    for code in codes:
        with app.test_request_context(), force_locale("en"):
            english = str(words[code])
        with app.test_request_context(), force_locale("vi"):
            vietnamese = str(words[code])
        assert english and vietnamese and english != vietnamese, code


def test_scan_roles_are_the_same_wherever_they_are_accepted():
    assert scanning.ROLES == SCAN_ROLES == ("shopper", "inspector", "producer")
    allowed = {role for roles in auth.SCAN_ROLES.values() for role in roles}
    assert allowed == set(SCAN_ROLES)
    for role in SCAN_ROLES:
        scan = ScanIn.model_validate(
            {"code": "x", "device_id": "phone-123", "role": role}
        )
        assert scan.role == role and type(scan.role) is str  # stored as plain text
    assert (
        ScanIn.model_validate({"code": "x", "device_id": "phone-123"}).role == "shopper"
    )
    with pytest.raises(ValidationError) as refused:
        ScanIn.model_validate({"code": "x", "device_id": "phone-123", "role": "admin"})
    assert refused.value.errors()[0]["loc"] == ("role",)


def test_the_models_status_lists_are_the_codes():
    assert BATCH_STATUSES == tuple(BatchStatus)
    assert STAMP_STATUSES == tuple(StampStatus)
