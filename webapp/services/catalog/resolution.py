"""Find what a Digital Link identifies, and the facts about that code."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, func, literal_column, select
from sqlalchemy.orm import Session, joinedload, selectinload

from webapp.models import Batch, BatchRegion, Organisation, Product, Stamp
from webapp.models.catalog import certificate_covers
from webapp.services.stamps import serials
from webapp.services.standards.digital_link import DigitalLink

STAMP = Stamp.__table__
BATCH = Batch.__table__
PRODUCT = Product.__table__
ORGANISATION = Organisation.__table__
REGION = BatchRegion.__table__


@dataclass(frozen=True, slots=True)
class Subject:
    """What a verdict reads of an issued stamp, its batch and its product.

    A scan's lookup reads it as one plain row; a story's is taken from the
    entities it loads. Either way the rules, notices and answers read this.
    """

    stamp_id: int
    serial: str
    stamp_status: str
    confirmed_fake: bool
    has_pin: bool
    lot_code: str
    batch_status: str
    expires_on: date | None
    organisation_id: int
    category: str
    duplicate_threshold: int | None
    public: bool
    is_ocop: bool
    ocop_certified_on: date | None
    ocop_valid_until: date | None
    province_codes: tuple[str, ...]  # where the batch is sold, sorted

    @classmethod
    def of(cls, stamp: Stamp, batch: Batch, product: Product) -> Subject:
        return cls(
            stamp_id=stamp.id,
            serial=stamp.serial,
            stamp_status=stamp.status,
            confirmed_fake=stamp.confirmed_fake_at is not None,
            has_pin=stamp.has_pin,
            lot_code=batch.lot_code,
            batch_status=batch.status,
            expires_on=batch.expires_on,
            organisation_id=product.organisation_id,
            category=product.category,
            duplicate_threshold=product.duplicate_threshold,
            public=product.public,
            is_ocop=product.is_ocop,
            ocop_certified_on=product.ocop_certified_on,
            ocop_valid_until=product.ocop_valid_until,
            province_codes=tuple(batch.province_codes),  # sorted
        )

    def certificate_valid_on(self, day: date) -> bool:
        return certificate_covers(
            self.is_ocop, self.ocop_certified_on, self.ocop_valid_until, day
        )


@dataclass
class Resolution:
    """What a link points at; reasons say why it is not genuine, if it is not.

    A scan's lookup (story=False) fills only the subject: the entities stay
    None, as nothing on a scan's path reads them.
    """

    link: DigitalLink
    product: Product | None = None
    batch: Batch | None = None
    stamp: Stamp | None = None
    reasons: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    subject: Subject | None = None

    @property
    def found(self) -> bool:
        return not ({"unknown_code", "bad_check"} & set(self.reasons))

    @property
    def stamp_id(self) -> int | None:
        """The issued stamp the link names, if it names one."""
        if self.subject is not None:
            return self.subject.stamp_id
        return self.stamp.id if self.stamp is not None else None

    @property
    def lot_code(self) -> str | None:
        if self.subject is not None:
            return self.subject.lot_code
        return self.batch.lot_code if self.batch is not None else None

    @property
    def regions(self) -> tuple[str, ...]:
        """The provinces the batch is sold in, sorted."""
        if self.subject is not None:
            return self.subject.province_codes
        return tuple(self.batch.province_codes) if self.batch is not None else ()


# Runs the subject's statement with its parameters: the row, or None.
Fetch = Callable[[Session, Select, dict], Mapping[Any, Any] | None]


def resolve(
    session: Session,
    link: DigitalLink,
    keys: Sequence[str],
    today: date,
    story: bool = True,
    fetch: Fetch | None = None,
) -> Resolution:
    """Look up the product, batch and stamp a link names; never raises on bad codes.

    story=False reads only what a verdict needs, as one plain row (the subject);
    fetch, if given, runs that row's statement in its place (to read more with it).
    """
    if fetch is not None and story:
        raise ValueError("fetch runs the subject's statement: story=False only")
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
    if link.serial and not serials.looks_like_serial(link.serial):
        result.reasons.append("bad_check")  # no serial of ours looks like it
        return result
    if link.serial and not story:
        _resolve_subject(session, result, keys, fetch or _fetch_one)
    elif link.serial:
        _resolve_item(session, result, keys)
    else:
        _resolve_product_or_batch(session, result)
    if not result.found:
        return result
    if result.subject is not None:
        result.notices = subject_notices(result.subject, today)
    else:
        result.notices = notices_for(result.product, result.batch, today)
    return result


def _resolve_item(session: Session, result: Resolution, keys: Sequence[str]) -> None:
    link = result.link
    statement = _item_statement(bool(link.lot))
    stamp = session.execute(statement, _params(link)).unique().scalars().first()
    if stamp is None:
        result.reasons.append("unknown_code")
        return
    batch, product = stamp.batch, stamp.batch.product
    subject = Subject.of(stamp, batch, product)
    if _take_found(result, subject, keys):
        result.stamp, result.batch, result.product = stamp, batch, product


def _fetch_one(
    session: Session, statement: Select, params: dict
) -> Mapping[Any, Any] | None:
    row = session.connection().execute(statement, params).first()
    return None if row is None else row._mapping


def _resolve_subject(
    session: Session, result: Resolution, keys: Sequence[str], fetch: Fetch
) -> None:
    """A scan's lookup: one plain row, no entities (their loading cost more
    than the rest of the lookup)."""
    link = result.link
    session.flush()  # as the ORM would before a query (no statement if clean)
    dialect = session.get_bind().dialect.name
    row = fetch(session, subject_statement(bool(link.lot), dialect), _params(link))
    if row is None:
        result.reasons.append("unknown_code")
        return
    _take_found(result, _subject_of(row), keys)  # the entities stay None


SUBJECT_FIELDS = tuple(f.name for f in fields(Subject) if f.name != "province_codes")


def _subject_of(values: Mapping) -> Subject:
    codes = values["province_codes"]
    return Subject(
        **{name: values[name] for name in SUBJECT_FIELDS},
        province_codes=tuple(sorted(codes.split(","))) if codes else (),
    )


def _params(link: DigitalLink) -> dict:
    params = {"serial": link.serial, "gtin": link.gtin}
    if link.lot:
        params["lot"] = link.lot
    return params


def _take_found(result: Resolution, subject: Subject, keys: Sequence[str]) -> bool:
    """Take the stamp found, with its own reasons, as the result's subject;
    False (and bad_check) when its check fails."""
    # The short form carries no lot, so its check can only run after the lookup.
    link = result.link
    if not serials.check_serial(subject.serial, link.gtin, subject.lot_code, keys):
        result.reasons.append("bad_check")
        return False
    result.subject = subject
    if subject.stamp_status == "void" or subject.batch_status == "void":
        result.reasons.append("void")
    if subject.confirmed_fake:
        result.reasons.append("confirmed_fake")
    return True


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
def subject_statement(by_lot: bool, dialect: str) -> Select:
    """The Subject's columns of the stamp, its batch, product and producer, the
    batch's provinces in one column (comma-separated): one row or none."""
    # The separator written into the text (aggregate_strings renders it anew
    # on every call, and a statement run on the driver must not need that).
    joined = func.string_agg if dialect == "postgresql" else func.group_concat
    provinces = (
        select(joined(REGION.c.province_code, literal_column("','")))
        .where(REGION.c.batch_id == BATCH.c.id)
        .scalar_subquery()
    )
    statement = (
        select(
            STAMP.c.id.label("stamp_id"),
            STAMP.c.serial,
            STAMP.c.status.label("stamp_status"),
            STAMP.c.confirmed_fake_at.is_not(None).label("confirmed_fake"),
            STAMP.c.pin_hash.is_not(None).label("has_pin"),
            BATCH.c.lot_code,
            BATCH.c.status.label("batch_status"),
            BATCH.c.expires_on,
            PRODUCT.c.organisation_id,
            PRODUCT.c.category,
            PRODUCT.c.duplicate_threshold,
            # Product.public: approved, and its producer too.
            (
                PRODUCT.c.approved_at.is_not(None)
                & ORGANISATION.c.approved_at.is_not(None)
            ).label("public"),
            PRODUCT.c.is_ocop,
            PRODUCT.c.ocop_certified_on,
            PRODUCT.c.ocop_valid_until,
            provinces.label("province_codes"),
        )
        .join_from(STAMP, BATCH, BATCH.c.id == STAMP.c.batch_id)
        .join(PRODUCT, PRODUCT.c.id == BATCH.c.product_id)
        .join(ORGANISATION, ORGANISATION.c.id == PRODUCT.c.organisation_id)
        .where(
            STAMP.c.serial == bindparam("serial"), PRODUCT.c.gtin == bindparam("gtin")
        )
    )
    if by_lot:
        statement = statement.where(BATCH.c.lot_code == bindparam("lot"))
    return statement.limit(1)


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
    return _notices(
        public=product is None or product.public,
        batch_status=batch.status if batch is not None else None,
        expires_on=batch.expires_on if batch is not None else None,
        certified=product is None or product.certificate_valid_on(today),
        today=today,
    )


def subject_notices(subject: Subject, today: date) -> list[str]:
    """notices_for, of an issued stamp's subject."""
    return _notices(
        public=subject.public,
        batch_status=subject.batch_status,
        expires_on=subject.expires_on,
        certified=subject.certificate_valid_on(today),
        today=today,
    )


def _notices(
    public: bool,
    batch_status: str | None,
    expires_on: date | None,
    certified: bool,
    today: date,
) -> list[str]:
    notices = []
    if not public:
        notices.append("awaiting_approval")
    if batch_status == "recalled":
        notices.append("recalled")
    if expires_on and expires_on < today:
        notices.append("expired")
    if not certified:
        notices.append("certificate_lapsed")
    return notices


_STORY_LOADERS = (
    joinedload(Stamp.batch).selectinload(Batch.events),
    joinedload(Stamp.batch).selectinload(Batch.regions),
    joinedload(Stamp.batch).joinedload(Batch.product).joinedload(Product.organisation),
)
