"""The codes shoppers reported in a case, and whether each was ever issued."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Case, Inspection, Report, Stamp


@dataclass(frozen=True)
class ReportedCode:
    """One code as shoppers reported it, with the reports and inspections naming it."""

    reference: str  # of the first report naming it: how a form points at the code
    code_text: str
    serial: str | None
    stamp: Stamp | None
    reports: tuple[Report, ...]
    inspections: tuple[Inspection, ...]

    @property
    def issued(self) -> bool:
        return self.stamp is not None


def reported_codes(session: Session, case: Case) -> list[ReportedCode]:
    """Each distinct code reported in the case, in the order it was first reported."""
    groups: dict[str, list[Report]] = {}
    texts: dict[str, str] = {}  # each code as its first report gave it
    for report in sorted(case.reports, key=lambda r: (r.created_at, r.id)):
        if report.code_text:
            key = _key(report.serial, report.code_text)
            groups.setdefault(key, []).append(report)
            texts.setdefault(key, report.code_text)
    serials = {reports[0].serial for reports in groups.values() if reports[0].serial}
    stamps = {
        stamp.serial: stamp
        for stamp in session.scalars(select(Stamp).where(Stamp.serial.in_(serials)))
    }
    return [
        ReportedCode(
            reference=reports[0].reference,
            code_text=texts[key],
            serial=reports[0].serial,
            stamp=stamps.get(reports[0].serial) if reports[0].serial else None,
            reports=tuple(reports),
            inspections=tuple(
                i for i in case.inspections if _key(i.serial, i.code_text) == key
            ),
        )
        for key, reports in groups.items()
    ]


def by_report(codes: list[ReportedCode]) -> dict[int, ReportedCode]:
    """The code each report names, by report id."""
    return {report.id: code for code in codes for report in code.reports}


def _key(serial: str | None, code_text: str | None) -> str:
    """One serial is one code however it was typed; other text as written."""
    return serial or " ".join((code_text or "").split())
