"""Filing a shopper's report, called directly: what it names, its case, its progress."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests import factories
from webapp.services.casework import reports
from webapp.services.casework.reports import ReportAlreadyFiled, ReportInput

KEY = "test-privacy-key"
DATA = ReportInput(
    code_text=None, province_code="01", ward_code=None, place="Chợ Đồng Xuân",
    bought_on=None, price_vnd=120_000, problems=["looks_different"],
    description="Màu lạ", contact=None, lang="vi",
)  # fmt: skip


def test_a_report_on_a_stamps_link_joins_that_serials_case(db_session):
    issued = factories.stamp(factories.batch())
    report = reports.file_report(db_session, replace(DATA, code_text=issued.url))
    assert (report.gtin, report.serial) == (issued.gtin, issued.serial)
    assert report.case.stamp.serial == issued.serial
    assert report.reference.startswith("R-") and len(report.reference) == 10
    again = reports.file_report(db_session, replace(DATA, code_text=issued.serial))
    assert again.serial == issued.serial and again.gtin is None  # typed bare
    assert again.case is report.case


def test_a_report_naming_a_lot_joins_the_batch_case(db_session):
    batch = factories.batch(lot_code="LOTX")
    link = f"{factories.BASE_URL}/01/{batch.product.gtin}/10/LOTX"
    report = reports.file_report(db_session, replace(DATA, code_text=link))
    assert (report.case.batch, report.case.stamp) == (batch, None)


def test_a_contact_is_kept_only_sealed(db_session):
    with pytest.raises(ValueError):
        reports.file_report(db_session, replace(DATA, contact="0912 345 678"))
    report = reports.file_report(
        db_session, replace(DATA, contact="0912 345 678"), privacy_key=KEY
    )
    assert report.contact_sealed and "0912" not in report.contact_sealed


def test_a_resend_stores_nothing_and_names_the_first(db_session):
    keyed = replace(DATA, idempotency_key="phone-1:abc")
    first = reports.file_report(db_session, keyed)
    asked = []
    with pytest.raises(ReportAlreadyFiled) as caught:
        reports.file_report(db_session, keyed, photos=lambda: asked.append(1) or [])
    assert caught.value.report is first
    assert asked == []  # photos are stored only for a new report
    assert reports.filed_under(db_session, "phone-1:abc") is first
    assert reports.filed_under(db_session, None) is None


@pytest.mark.parametrize(
    ("typed", "reference"),
    [
        ("R-7K2P9Q4M", "R-7K2P9Q4M"),
        (" r-7k2p 9q4m ", "R-7K2P9Q4M"),
        ("7K2P9Q4M", "R-7K2P9Q4M"),
        ("R-7K2P9Q", None),
        ("R-7K2P9Q4U", None),  # U is not in the alphabet
        ("R-7K2P9Q4MX", None),
        ("", None),
    ],
)
def test_normalize_reference(typed, reference):
    assert reports.normalize_reference(typed) == reference


def test_by_reference_finds_what_a_person_read_out(db_session):
    report = reports.file_report(db_session, DATA)
    typed = report.reference.lower().replace("-", " ")
    assert reports.by_reference(db_session, typed) is report
    assert reports.by_reference(db_session, "nonsense") is None


def test_progress_received_looked_at_closed(db_session):
    report = reports.file_report(db_session, DATA)
    db_session.flush()
    assert reports.progress_of(report) == reports.Progress(False, None, None)
    case = report.case
    case.status = "investigating"
    assert reports.progress_of(report).looked_at
    case.status, case.outcome_note = "dismissed", "Không phải hàng giả"
    progress = reports.progress_of(report)
    assert (progress.closed_as, progress.closed_at) == ("dismissed", case.updated_at)
