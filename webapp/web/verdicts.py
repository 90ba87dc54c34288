"""A verdict in plain words: what it means, why, and what to do next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from webapp.services.catalog.resolution import Resolution
from webapp.services.places import regions
from webapp.services.scans.detection import verdict_for
from webapp.services.scans.evidence import Evidence
from webapp.services.scans.scan_store import Stats
from webapp.services.scans.scanning import ScanOutcome
from webapp.web import vocab
from webapp.web.formatting import date_local, province_name
from webapp.web.i18n import current_lang

# Notices that mean "do not eat or use it": they lead the story, in red, and a
# genuine code under one of them is not shown as good news.
UNSAFE_NOTICES = ("recalled", "expired")
NOTICE_ORDER = (*UNSAFE_NOTICES, "certificate_lapsed", "awaiting_approval")
TONES = {"authentic": "ok", "suspicious": "warning", "counterfeit": "danger"}


@dataclass(frozen=True)
class VerdictView:
    """Everything the verdict banner shows."""

    verdict: str
    headline: str
    explanations: list[str]
    advice: str
    code: str
    scan_id: int
    can_claim: bool
    tone: str = "ok"
    reasons: tuple[str, ...] = ()
    calm_notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoticeView:
    """A notice banner: recall, expiry, lapsed certificate, awaiting approval."""

    code: str
    tone: str
    sentence: str


def notice_views(notices: list[str]) -> list[NoticeView]:
    """The notices, the most urgent first, each with its banner's tone."""
    return [
        NoticeView(
            code,
            "danger" if code in UNSAFE_NOTICES else "warning",
            vocab.label(vocab.NOTICES, code),
        )
        for code in NOTICE_ORDER
        if code in notices
    ]


def verdict_view(outcome: ScanOutcome) -> VerdictView:
    """The verdict of a recorded scan, in the visitor's language."""
    resolution, stats, verdict = outcome.resolution, outcome.stats, outcome.verdict
    subject = resolution.subject
    unclaimed = stats is None or stats.claimed_device_hash is None
    unsafe = any(code in UNSAFE_NOTICES for code in resolution.notices)
    overshadowed = unsafe and verdict == "authentic"
    return VerdictView(
        verdict=verdict,
        headline=headline(verdict),
        explanations=explain(
            list(outcome.reasons), stats, resolution.regions, current_lang()
        ),
        advice=_overshadowed_advice() if overshadowed else advice(verdict),
        code=resolution.link.path,
        scan_id=outcome.scan.id,
        can_claim=bool(
            subject and subject.has_pin and unclaimed and verdict != "counterfeit"
        ),
        tone="info" if overshadowed else TONES[verdict],
        reasons=tuple(outcome.reasons),
        calm_notices=tuple(_calm_notices(outcome, current_lang())),
    )


def _calm_notices(outcome: ScanOutcome, lang: str) -> list[str]:
    """A genuine item scanned once far from home: most likely a gift, say so."""
    judged, subject = outcome.standing, outcome.resolution.subject
    here = outcome.scan.province_code
    if judged is None or "gift_elsewhere" not in judged.notices or subject is None:
        return []
    if outcome.verdict != "authentic" or not here or here in subject.province_codes:
        return []
    found = Evidence.from_json(outcome.stats.evidence if outcome.stats else None)
    when = found.home_at or (outcome.stats.first_scan_at if outcome.stats else None)
    if when is None:
        return []
    advice = _("If it was a gift, or you bought it while travelling, this is expected.")
    if found.home and regions.is_province_code(found.home):
        first = _(
            "This item was first checked in %(province)s on %(date)s.",
            province=province_name(found.home, lang),
            date=date_local(when),
        )
    else:
        first = _("This item was first checked on %(date)s.", date=date_local(when))
    return [f"{first} {advice}"]


def preview(resolution: Resolution) -> VerdictView | None:
    """Before the scan is recorded: what the code's own record already proves."""
    if not resolution.reasons:
        return None
    verdict = verdict_for(resolution.reasons)
    return VerdictView(
        verdict=verdict,
        headline=headline(verdict),
        explanations=explain(
            list(resolution.reasons), None, resolution.regions, current_lang()
        ),
        advice=advice(verdict),
        code=resolution.link.path,
        scan_id=0,
        can_claim=False,
        tone=TONES[verdict],
        reasons=tuple(resolution.reasons),
    )


def headline(verdict: str) -> str:
    return {
        "authentic": _("This code is genuine"),
        "suspicious": _("Be careful: this code may have been copied"),
        "counterfeit": _("Warning: this is not a genuine code"),
    }[verdict]


def advice(verdict: str) -> str:
    return {
        "authentic": _(
            "It was issued for this product and has not been seen elsewhere. A perfect "
            "copy scanned first would look the same, so check the packaging too."
        ),
        "suspicious": _(
            "Look closely at the packaging, the price and the seller. If in doubt, do "
            "not buy, and report it so inspectors can check."
        ),
        "counterfeit": _("Do not buy, eat or use it. Report where you found it."),
    }[verdict]


def _overshadowed_advice() -> str:
    return _(
        "The stamp itself is genuine, but read the warning above: this product "
        "must not be eaten or used."
    )


def explain(
    reasons: list[str], stats: Stats | None, regions: Sequence[str], lang: str
) -> list[str]:
    """One plain sentence per reason, with the numbers that back it; regions:
    the provinces the batch is sold in."""
    return [_sentence(reason, stats, regions, lang) for reason in reasons]


def _sentence(reason: str, stats, allowed: Sequence[str], lang: str) -> str:
    if reason == "duplicate_scans" and stats is not None:
        sentences = [
            ngettext(
                "This code has been scanned by %(num)d different phone.",
                "This code has been scanned by %(num)d different phones.",
                stats.effective_devices,
            )
        ]
        if len(stats.provinces) > 1:
            sentences.append(
                ngettext(
                    "It has been scanned in %(num)d province.",
                    "It has been scanned in %(num)d provinces.",
                    len(stats.provinces),
                )
            )
        sentences.append(_("A genuine stamp is normally scanned by one household."))
        return " ".join(sentences)
    if reason == "out_of_region" and stats is not None:
        away = Evidence.from_json(stats.evidence).away
        seen = sorted({source.province for source in away}) or [
            p for p in stats.provinces if p not in allowed
        ]
        return _(
            "This batch is sold only in %(allowed)s, but this code has been scanned in "
            "%(seen)s.",
            allowed=_names(allowed, lang),
            seen=_names(seen, lang),
        )
    if reason == "out_of_region_once" and stats is not None:
        found, seen = _far_sources(stats)
        return _(
            "Scanned once outside the batch's provinces (%(seen)s), by a single "
            "source: often a gift or a traveller. Shoppers are not warned until a "
            "second, independent source sees it there.",
            seen=_names(seen, lang),
        )
    if reason == "out_of_region_by_hand" and stats is not None:
        found, seen = _far_sources(stats)
        return _(
            "Scanned outside the batch's provinces (%(seen)s) by %(count)d sources, "
            "but every one chose the province by hand, with no device position: one "
            "person can do that from two networks, so shoppers are not warned.",
            seen=_names(seen, lang),
            count=found.away_sources,
        )
    if reason == "impossible_travel":
        return _(
            "This code was scanned by two phones in places too far apart for the time "
            "between the scans."
        )
    if reason == "claimed_elsewhere" and stats is not None and stats.claimed_at:
        where = regions.province(stats.claimed_province_code or "")
        if where:
            return _(
                "This item was first claimed with its PIN on %(date)s in %(province)s, "
                "by another phone.",
                date=date_local(stats.claimed_at),
                province=province_name(where.code, lang),
            )
        return _(
            "This item was first claimed with its PIN on %(date)s, by another phone.",
            date=date_local(stats.claimed_at),
        )
    return vocab.label(vocab.REASONS, reason)


def _names(codes, lang: str) -> str:
    known = (code for code in codes if regions.is_province_code(code))
    return ", ".join(province_name(code, lang) for code in known)


def _far_sources(stats) -> tuple[Evidence, list[str]]:
    """The serial's location evidence and the far provinces its sources named."""
    found = Evidence.from_json(stats.evidence)
    return found, sorted({source.province for source in found.away})
