"""Coverage of the province's plan per product kind and sector, with what is missing.

The plan (Hưng Yên, under the national traceability scheme, Decision
100/QĐ-TTg): by 2025 traceability data for more than half of the key
products, OCOP products and essential pre-packaged goods, by 2030 for every
OCOP product and essential good; by 2025 half of the producers in agriculture,
forestry and fisheries, plant varieties, livestock breeds, food and
pharmaceuticals trained in traceability.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import PRODUCT_KINDS, SECTORS, Organisation, TrainingAttendance

# Each target: (year, share, strictly more than it).
KIND_TARGETS = {
    "ocop": ((2025, 0.5, True), (2030, 1.0, False)),
    "key": ((2025, 0.5, True),),
    "essential": ((2025, 0.5, True), (2030, 1.0, False)),
}
SECTOR_TARGETS = ((2025, 0.5, True),)
TRAINING_TARGETS = ((2025, 0.5, False),)
NAMED_SECTORS = tuple(s for s in SECTORS if s != "other")


@dataclass
class Line:
    """One row of coverage: `code` of a kind or sector, and who is missing."""

    code: str
    targets: tuple = ()
    done: int = 0
    missing: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.done + len(self.missing)

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0

    def met(self) -> list[tuple[int, float, bool]]:
        """(year, share, reached) for each of its targets."""
        return [
            (year, share, self.ratio > share if strict else self.ratio >= share)
            for year, share, strict in self.targets
        ]

    def count(self, done: bool, record) -> None:
        if done:
            self.done += 1
        else:
            self.missing.append(record)


def by_kind(rows: list[tuple]) -> list[Line]:
    """(product, complete) rows counted under each kind the product has."""
    lines = {kind: Line(kind, KIND_TARGETS[kind]) for kind in PRODUCT_KINDS}
    for product, done in rows:
        for kind in product.kinds:
            lines[kind].count(done, product)
    return list(lines.values())


def by_sector(rows: list[tuple]) -> list[Line]:
    """(product, complete) rows per sector; sectors without products left out."""
    lines = {sector: Line(sector, SECTOR_TARGETS) for sector in SECTORS}
    lines["other"].targets = ()
    for product, done in rows:
        lines[product.sector].count(done, product)
    return [line for line in lines.values() if line.total]


def training_by_sector(session: Session) -> list[Line]:
    """Producers of the named sectors who attended training, per sector."""
    trained = set(session.scalars(select(TrainingAttendance.organisation_id)))
    producers = session.scalars(
        select(Organisation)
        .where(Organisation.sector.in_(NAMED_SECTORS))
        .order_by(Organisation.name)
    )
    lines = {sector: Line(sector, TRAINING_TARGETS) for sector in NAMED_SECTORS}
    for organisation in producers:
        lines[organisation.sector].count(organisation.id in trained, organisation)
    return [line for line in lines.values() if line.total]


def total(lines: list[Line], targets: tuple = ()) -> Line:
    """The lines added up (for producers, each counted in one sector only)."""
    summed = Line("all", targets)
    for line in lines:
        summed.done += line.done
        summed.missing += line.missing
    return summed
