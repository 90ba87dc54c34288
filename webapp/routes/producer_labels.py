"""The producer portal, continued: a batch's stamp labels as they will print."""

from flask import Response, abort, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from webapp.extensions import db, settings
from webapp.models import Batch
from webapp.routes.producer import bp
from webapp.services.staff import access
from webapp.services.stamps import label_preview
from webapp.services.stamps.label_layout import LabelTooSmall
from webapp.services.stamps.stamp_sheet import LAYOUTS, SheetText
from webapp.web.auth import role_required
from webapp.web.i18n import translate_to


@bp.get("/batches/<int:batch_id>/labels/<any(small, medium, large):size>.png")
@role_required("producer")
def label_image(batch_id: int, size: str) -> ResponseReturnValue:
    """A PNG of one label of this batch, with a sample code that never verifies."""
    found = access.own_batch(db.session(), current_user, batch_id)
    product = found.product
    link = label_preview.sample_link(
        settings().base_url, product.gtin, found.lot_code
    )
    try:
        image = label_preview.png(
            sheet_text(found), LAYOUTS[size], request.args.get("pin") == "1", link
        )
    except LabelTooSmall:
        abort(404)
    response = Response(image, mimetype="image/png")
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)


def sheet_text(found: Batch) -> SheetText:
    """The words on the labels, in Vietnamese: the stamps go on goods sold here."""
    product = found.product
    expiry = found.expires_on
    return SheetText(
        product=product.name_vi,
        short_name=product.label_name,
        stars=product.ocop_stars or 0,  # only OCOP products carry stars
        lot_line=translate_to("vi", "Lot %(lot)s", lot=found.lot_code),
        expiry_line=translate_to(
            "vi", "Best before %(date)s", date=expiry.strftime("%d/%m/%Y")
        )
        if expiry
        else None,
        scan_hint=translate_to("vi", "Scan to check"),
        pin_hint=translate_to("vi", "Scratch for the PIN"),
    )
