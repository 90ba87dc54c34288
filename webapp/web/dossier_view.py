"""What the inspector's dossier page shows, gathered from the domain services."""

from __future__ import annotations

from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import or_, select

from webapp.extensions import db, settings
from webapp.models import OPEN_STATUSES, Case, SerialStats, Stamp, User, utcnow
from webapp.services.casework import dossier
from webapp.services.casework.cases import visible_to
from webapp.services.catalog import completeness
from webapp.services.catalog.batches import stamps_issued
from webapp.services.catalog.resolution import Resolution
from webapp.services.places import map_svg, regions
from webapp.services.scans.scanning import standing_of
from webapp.services.stamps import issuance_log
from webapp.services.standards.code_entry import Entry
from webapp.services.standards.digital_link import DigitalLink
from webapp.web import vocab
from webapp.web.formatting import datetime_local, province_name
from webapp.web.i18n import current_lang
from webapp.web.links import own_base_url, product_image_file, resolve_link
from webapp.web.verdicts import advice, explain, headline


def stamp_for_dossier(
    entry: Entry,
) -> tuple[Stamp | None, Resolution | None, str | None]:
    """The stamp an entered code names, or a sentence saying why there is none."""
    if entry.link is None:
        return None, None, vocab.entry_problem(entry.problem)
    if entry.link.serial is None:
        return None, None, vocab.label(vocab.LINK_ERRORS, "serial_required")
    resolution = resolve_link(entry.link)
    if resolution.stamp is None:
        reason = resolution.reasons[0] if resolution.reasons else "unknown_code"
        return None, resolution, vocab.label(vocab.REASONS, reason)
    return resolution.stamp, resolution, None


def dossier_context(stamp: Stamp, resolution: Resolution, user: User) -> dict:
    """Template context for the dossier of one issued stamp."""
    lang = current_lang()
    batch = stamp.batch
    stats = db.session.get(SerialStats, stamp.id)
    judged = standing_of(resolution, stats, settings().detection_rules)
    verdict = judged.verdict
    points = dossier.trail(db.session(), stamp)
    return {
        "stamp": stamp,
        "batch": batch,
        "product": batch.product,
        "stats": stats,
        "verdict": {
            "verdict": verdict,
            "headline": headline(verdict),
            "explanations": explain(judged.reasons, stats, resolution.regions, lang),
            "reasons": judged.reasons,
            "observations": explain(
                judged.observations, stats, resolution.regions, lang
            ),
            "observation_codes": judged.observations,
            "advice": advice(verdict),
        },
        "trail": points,
        "devices": dossier.devices_seen(points),
        "map": _map(batch.province_codes, points, lang),
        "authorised": [province_name(code) for code in batch.province_codes],
        "issued": stamps_issued(db.session(), batch),
        "reports": dossier.reports_about(db.session(), stamp, user),
        "inspections": dossier.inspections_of(db.session(), stamp),
        "cases": _cases(stamp, user),
        "notices": list(resolution.notices),
        "story_url": own_base_url() + resolution.link.path,
        "issuance": issuance_log.check_serial(db.session(), stamp),
        "findings": completeness.review(
            db.session(), batch.product, batch, utcnow(), product_image_file
        ),
    }


def link_of(stamp: Stamp) -> DigitalLink:
    batch = stamp.batch
    return DigitalLink(batch.product.gtin, lot=batch.lot_code, serial=stamp.serial)


def _map(authorised: list[str], points, lang: str) -> Markup:
    labels = {p.code: province_name(p.code, lang) for p in regions.provinces()}
    located = [
        (
            point.lat,
            point.lon,
            f"{datetime_local(point.at)} · {_place(point.province)}",
        )
        for point in points
        if point.lat is not None
    ]
    title = _(
        "Scans of this code on the map; shaded provinces are where the batch is sold"
    )
    islands = {
        "hoang_sa": _("Hoàng Sa (Paracel) archipelago"),
        "truong_sa": _("Trường Sa (Spratly) archipelago"),
    }
    # Every value inside is escaped by the renderer.
    return Markup(map_svg.render(authorised, located, labels, title, islands))


def _place(code: str | None) -> str:
    return province_name(code) if code else _("unknown")


def _cases(stamp: Stamp, user: User) -> list[Case]:
    """Open cases about this item or its batch that the user may open."""
    return list(
        db.session.scalars(
            select(Case)
            .where(
                or_(
                    Case.stamp_id == stamp.id,
                    (Case.batch_id == stamp.batch_id) & Case.stamp_id.is_(None),
                ),
                Case.status.in_(OPEN_STATUSES),
                visible_to(user),
            )
            .order_by(Case.id)
        )
    )
