"""Shoppers' reports and what the inspectors did, so the demo's queues have a past.

Every report is filed, and every case taken, inspected and closed, through the
real services (reports, cases, inspections), at moments taken from the
market's own scans; each step is then dated when it happened. A case stands in
each state: two reports just received, two cases under investigation, one
closed as a confirmed fake (a seizure), one as genuine and one dismissed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from webapp.demo.market import MarketStamps
from webapp.models import AuditEntry, Case, Report, Scan, Stamp, User
from webapp.services.casework import cases
from webapp.services.casework.inspections import record_inspection
from webapp.services.casework.reports import ReportInput, file_report
from webapp.services.common.clock import VIETNAM
from webapp.services.places import regions
from webapp.services.stamps import serials
from webapp.services.stamps.issuance import IssuedStamp
from webapp.services.standards.digital_link import DigitalLink

HUNG_YEN_INSPECTOR = "thanhtra.hungyen@demo.ocoptrace.vn"
HA_NOI_INSPECTOR = "thanhtra.hanoi@demo.ocoptrace.vn"
MARKETS = {"33": "11953", "01": "00070"}  # Phố Hiến, Hoàn Kiếm; else a province's first
COPY_TEXT = (
    "Giá rẻ hơn hẳn chỗ khác, tem in hơi nhòe. Quét mã thì thấy báo nhiều "
    "điện thoại đã quét mã này rồi."
)
NEVER_ISSUED_TEXT = "Quét mã trên hộp thì được báo mã này chưa từng được phát hành."
QUALITY_TEXT = "Lần này hàng hơi ẩm, không giống lần trước. Nhờ kiểm tra giúp."
SEIZED_NOTE = (
    "Phối hợp đội quản lý thị trường địa phương kiểm tra sạp; tạm giữ 46 sản "
    "phẩm dán tem sao chép cùng một số sê-ri."
)
GENUINE_NOTE = (
    "Tem, số lô và bao bì khớp hồ sơ nhà sản xuất; hàng thật. Cửa hàng để hàng "
    "nơi ẩm, đã nhắc bảo quản đúng hướng dẫn."
)
GIFT_NOTE = (
    "Quà biếu mang từ nơi bán đi tỉnh khác; chỉ một điện thoại quét, không có "
    "dấu hiệu sao chép."
)


def seed_casework(
    session: Session, market: MarketStamps, base_url: str, now: datetime
) -> None:
    """File the reports and move their cases along; the caller commits."""
    hung_yen = _user(session, HUNG_YEN_INSPECTOR)
    ha_noi = _user(session, HA_NOI_INSPECTOR)
    busiest, second, seized = sorted(
        market.of_kind("cloned"), key=lambda s: -len(_flagged(session, s))
    )
    # Received: a copy's buyer reports it; so does the buyer of a made-up code.
    _copy_reported(session, busiest, now)
    _never_issued_reported(session, market.of_kind("genuine")[0], base_url, now)
    # Being investigated: Hà Nội took a reported copy, Hưng Yên the two-city one.
    # A report's province alone brings no one in: Hưng Yên hands the case over.
    handed = _filed_case(_copy_reported(session, second, now, province="01"))
    cases.add_provinces(handed, ["01"], "inspector")
    _taken(session, handed, ha_noi)
    _taken(session, _case_of(session, market.of_kind("two_cities")[0]), hung_yen)
    # Closed: a seizure, an item found genuine, a travelled gift dismissed.
    _seized(session, seized, hung_yen, now)
    _found_genuine(session, market.of_kind("genuine"), ha_noi)
    _dismissed(session, _case_of(session, market.of_kind("gift")[0]), hung_yen)
    session.flush()


def _taken(session: Session, case: Case, inspector: User) -> None:
    """The inspector takes the case the morning after its latest news."""
    news = [
        *(r.created_at for r in case.reports),
        *(a.last_seen_at for a in case.alerts),
    ]
    at = max(news) + timedelta(hours=20)
    _act(session, case, at, lambda: cases.assign(session, case, inspector))


def _dismissed(session: Session, case: Case, inspector: User) -> None:
    at = _last_flag(case) + timedelta(days=2)
    _act(
        session,
        case,
        at,
        lambda: cases.change_status(session, case, inspector, "dismissed", GIFT_NOTE),
    )


def _copy_reported(
    session: Session, stamp: IssuedStamp, now: datetime, province: str | None = None
) -> Report:
    """A buyer of a copy reports it a few hours after scanning it."""
    flags = _flagged(session, stamp)
    at = min(flags[-1].scanned_at + timedelta(hours=3), now - timedelta(hours=1))
    seen = [s.province_code for s in flags if s.province_code]
    province = province or (seen[-1] if seen else "33")
    problems = ["packaging_different", "price_too_low"]
    return _report(session, at, _code(stamp), province, problems, COPY_TEXT, 65_000)


def _never_issued_reported(
    session: Session, genuine: IssuedStamp, base_url: str, now: datetime
) -> Report:
    """A code made up by a copier: the product and lot exist, the serial never did."""
    serial = serials.new_serial(genuine.gtin, genuine.lot, "not one of our keys")
    code = DigitalLink(genuine.gtin, lot=genuine.lot, serial=serial).uri(base_url)
    at = now - timedelta(hours=20)
    problems = ["code_not_recognised"]
    return _report(session, at, code, "33", problems, NEVER_ISSUED_TEXT, 90_000)


def _seized(session: Session, stamp: IssuedStamp, inspector: User, now: datetime):
    """Reported in Hưng Yên, taken the next morning, seized at the stall two days later.

    The report names the province: the copy's last scan may be elsewhere, and
    the inspector seizes only where they cover.
    """
    report = _copy_reported(session, stamp, now, province="33")
    case = _filed_case(report)
    taken = report.created_at + timedelta(hours=18)
    seized = report.created_at + timedelta(days=2)
    _act(session, case, taken, lambda: cases.assign(session, case, inspector))
    _act(
        session,
        case,
        seized,
        lambda: _inspect(
            session, case, inspector, "counterfeit_seized", report, seized
        ),
    )


def _found_genuine(session: Session, genuine: list[IssuedStamp], inspector: User):
    """A Hà Nội buyer doubts a real item; the inspector checks it at the shop."""
    first_scans = dict(
        session.execute(
            select(Scan.serial, func.min(Scan.scanned_at))
            .where(Scan.serial.in_([s.serial for s in genuine]))
            .group_by(Scan.serial)
        ).all()
    )
    sold_in_ha_noi = [
        s for s in genuine if "01" in s.regions and s.serial in first_scans
    ]
    stamp = min(sold_in_ha_noi, key=lambda s: first_scans[s.serial])
    at = first_scans[stamp.serial] + timedelta(days=2)
    problems = ["quality_different"]
    report = _report(session, at, _code(stamp), "01", problems, QUALITY_TEXT, 120_000)
    case = _filed_case(report)
    _act(
        session,
        case,
        at + timedelta(days=1),
        lambda: cases.assign(session, case, inspector),
    )
    checked = at + timedelta(days=3)
    _act(
        session,
        case,
        checked,
        lambda: _inspect(session, case, inspector, "genuine", report, checked),
    )
    _act(
        session,
        case,
        checked + timedelta(hours=1),
        lambda: cases.change_status(session, case, inspector, "genuine", GENUINE_NOTE),
    )


def _inspect(session, case: Case, inspector: User, result: str, report, at):
    note = SEIZED_NOTE if result == "counterfeit_seized" else GENUINE_NOTE
    if case.stamp is None:
        raise LookupError(f"case {case.id} names no issued stamp to inspect")
    return record_inspection(
        session,
        case.stamp,
        inspector,
        result=result,
        place=report.place,
        province_code=report.province_code,
        note=note,
        at=at,
    )


def _report(session, at, code, province, problems, text, price) -> Report:
    """File a report through the service, then date it (and a case it opened)."""
    cases_before = session.scalar(select(func.max(Case.id))) or 0
    ward = regions.ward(MARKETS.get(province, "")) or regions.wards_of(province)[0]
    data = ReportInput(
        code_text=code,
        province_code=province,
        ward_code=ward.code,
        place=f"Chợ {ward.name}, sạp hàng đặc sản",
        bought_on=at.astimezone(VIETNAM).date(),
        price_vnd=price,
        problems=problems,
        description=text,
        contact=None,
        lang="vi",
    )
    report = file_report(session, data)
    session.flush()
    report.created_at = at
    case = _filed_case(report)
    if case.id > cases_before:
        case.opened_at = at
    case.updated_at = max([at, *(a.last_seen_at for a in case.alerts)])
    return report


def _filed_case(report: Report) -> Case:
    """The case a filed report joined (filing always puts it in one)."""
    if report.case is None:
        raise LookupError(f"report {report.reference} is in no case")
    return report.case


def _act(session: Session, case: Case, at: datetime, step: Callable) -> None:
    """Run one step of casework, then date its audit entries and the case."""
    entries_before = session.scalar(select(func.max(AuditEntry.id))) or 0
    step()
    session.flush()
    session.execute(
        update(AuditEntry).where(AuditEntry.id > entries_before).values(at=at)
    )
    case.updated_at = at


def _user(session: Session, email: str) -> User:
    return session.scalars(select(User).where(User.email == email)).one()


def _flagged(session: Session, stamp: IssuedStamp) -> list[Scan]:
    return list(
        session.scalars(
            select(Scan)
            .where(Scan.serial == stamp.serial, Scan.verdict != "authentic")
            .order_by(Scan.scanned_at)
        )
    )


def _case_of(session: Session, stamp: IssuedStamp) -> Case:
    """The latest case about the stamp (the market's flags opened one)."""
    found = session.scalars(
        select(Case)
        .join(Stamp, Case.stamp_id == Stamp.id)
        .where(Stamp.serial == stamp.serial)
        .order_by(Case.id.desc())
    ).first()
    if found is None:
        raise LookupError(f"no case about serial {stamp.serial}")
    return found


def _last_flag(case: Case) -> datetime:
    return max(alert.last_seen_at for alert in case.alerts)


def _code(stamp: IssuedStamp) -> str:
    """The item's link as a shopper copies it into the form (no signature)."""
    return stamp.url.partition("?")[0]
