"""Find what a Digital Link identifies, and the facts about that code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, defer, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from webapp.models import Batch, BatchRegion, Organisation, Product, Stamp
from webapp.services.stamps import serials
from webapp.services.standards.digital_link import DigitalLink


@dataclass(frozen=True)
class Item:
    """A stamp we issued, with its batch and product."""

    stamp: Stamp
    batch: Batch
    product: Product


@dataclass
class Resolution:
    """What a link points at; reasons say why it is not genuine, if it is not."""

    link: DigitalLink
    product: Product | None = None
    batch: Batch | None = None
    stamp: Stamp | None = None
    reasons: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # The batch's provinces, when read with the lookup (a verdict's lookup).
    province_codes: tuple[str, ...] | None = None

    @property
    def found(self) -> bool:
        return not ({"unknown_code", "bad_check"} & set(self.reasons))

    @property
    def item(self) -> Item | None:
        """The issued stamp the link names, if it names one (a stamp is always
        found with its batch and product)."""
        if self.stamp is None or self.batch is None or self.product is None:
            return None
        return Item(self.stamp, self.batch, self.product)

    @property
    def regions(self) -> tuple[str, ...]:
        """The provinces the batch is sold in, sorted."""
        if self.province_codes is not None:
            return self.province_codes
        return tuple(self.batch.province_codes) if self.batch is not None else ()


def resolve(
    session: Session,
    link: DigitalLink,
    keys: Sequence[str],
    today: date,
    story: bool = True,
) -> Resolution:
    """Look up the product, batch and stamp a link names; never raises on bad codes.

    story=False loads only what a verdict needs (no journey), in one statement.
    """
    result = Resolution(link)
    if link.variant or link.extension:  # we issue neither variants nor AI 235
        result.reasons.append("unknown_code")
        return result
    if (
        link.serial
        and link.lot
        and not serials.check_serial(link.serial, link.gtin, link.lot, keys)
    ):
        result.reasons.append("bad_check")  # rejected before any lookup
        return result
    if link.serial:
        _resolve_item(session, result, keys, story)
    else:
        _resolve_product_or_batch(session, result)
    if result.found:
        result.notices = notices_for(result.product, result.batch, today)
    return result


def _resolve_item(
    session: Session, result: Resolution, keys: Sequence[str], story: bool
) -> None:
    link = result.link
    if not serials.looks_like_serial(link.serial or ""):
        result.reasons.append("bad_check")
        return
    params = {"serial": link.serial, "gtin": link.gtin}
    if link.lot:
        params["lot"] = link.lot
    if story:
        statement = _item_statement(bool(link.lot))
        stamp = session.execute(statement, params).unique().scalars().first()
    else:
        row = session.execute(_verdict_statement(bool(link.lot)), params).first()
        stamp = row.Stamp if row is not None else None
        if row is not None:
            # Linked as loaded: the session keeps rows only weakly, and the
            # links would otherwise be looked up again once the row is gone.
            set_committed_value(stamp, "batch", row.Batch)
            set_committed_value(row.Batch, "product", row.Product)
            set_committed_value(row.Product, "organisation", row.Organisation)
            codes = row.province_codes
            result.province_codes = tuple(sorted(codes.split(","))) if codes else ()
    if stamp is None:
        result.reasons.append("unknown_code")
        return
    # The short form carries no lot, so its check can only run after the lookup.
    if not serials.check_serial(stamp.serial, link.gtin, stamp.batch.lot_code, keys):
        result.reasons.append("bad_check")
        return
    result.stamp, result.batch, result.product = stamp, stamp.batch, stamp.batch.product
    if stamp.status == "void" or stamp.batch.status == "void":
        result.reasons.append("void")
    if stamp.confirmed_fake_at is not None:
        result.reasons.append("confirmed_fake")


@cache  # built once: building and hashing it cost more than running it
def _item_statement(by_lot: bool):
    statement = (
        select(Stamp)
        .join(Stamp.batch)
        .join(Batch.product)
        .where(Stamp.serial == bindparam("serial"), Product.gtin == bindparam("gtin"))
        .options(*_STORY_LOADERS)
    )
    if by_lot:
        statement = statement.where(Batch.lot_code == bindparam("lot"))
    return statement


@cache
def _verdict_statement(by_lot: bool):
    """The stamp, its batch, product and producer as entities of one row, and
    the batch's provinces in one column: no eager loaders, no duplicated rows."""
    provinces = (
        select(func.aggregate_strings(BatchRegion.province_code, ","))
        .where(BatchRegion.batch_id == Batch.id)
        .scalar_subquery()
    )
    statement = (
        select(Stamp, Batch, Product, Organisation, provinces.label("province_codes"))
        .join(Batch, Batch.id == Stamp.batch_id)
        .join(Product, Product.id == Batch.product_id)
        .join(Organisation, Organisation.id == Product.organisation_id)
        .where(Stamp.serial == bindparam("serial"), Product.gtin == bindparam("gtin"))
    )
    if by_lot:
        statement = statement.where(Batch.lot_code == bindparam("lot"))
    # A verdict never reads the product's texts or the producer's contacts:
    # not sent, not decoded (read later, they are loaded then).
    return statement.options(*_VERDICT_DEFERRED).limit(1)


def _resolve_product_or_batch(session: Session, result: Resolution) -> None:
    link = result.link
    product = session.scalar(
        select(Product)
        .where(Product.gtin == link.gtin)
        .options(joinedload(Product.organisation))
    )
    if product is None:
        result.reasons.append("unknown_code")
        return
    result.product = product
    if link.lot:
        batch = session.scalar(
            select(Batch)
            .where(Batch.product_id == product.id, Batch.lot_code == link.lot)
            .options(selectinload(Batch.events), selectinload(Batch.regions))
        )
        if batch is None:
            result.reasons.append("unknown_code")
            return
        result.batch = batch
        if batch.status == "void":
            result.reasons.append("void")


def notices_for(product: Product | None, batch: Batch | None, today: date) -> list[str]:
    """Notices that go with a genuine code: recall, expiry, lapsed certificate."""
    notices = []
    if product is not None and not product.public:
        notices.append("awaiting_approval")
    if batch is not None and batch.status == "recalled":
        notices.append("recalled")
    if batch is not None and batch.expires_on and batch.expires_on < today:
        notices.append("expired")
    if product is not None and not product.certificate_valid_on(today):
        notices.append("certificate_lapsed")
    return notices


_STORY_LOADERS = (
    joinedload(Stamp.batch).selectinload(Batch.events),
    joinedload(Stamp.batch).selectinload(Batch.regions),
    joinedload(Stamp.batch).joinedload(Batch.product).joinedload(Product.organisation),
)

_VERDICT_DEFERRED = (
    defer(Product.summary_vi),
    defer(Product.summary_en),
    defer(Product.story_vi),
    defer(Product.story_en),
    defer(Product.ingredients_vi),
    defer(Product.ingredients_en),
    defer(Product.storage_vi),
    defer(Product.storage_en),
    defer(Product.standards),
    defer(Product.pending_changes),
    defer(Organisation.address_line),
    defer(Organisation.phone),
    defer(Organisation.email),
    defer(Organisation.website),
    defer(Organisation.pending_changes),
)
