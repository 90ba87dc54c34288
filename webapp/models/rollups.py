"""Scan counts per day, kept as scans arrive, so dashboards read a bounded table."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db

# Key values standing for "none": a key column that may be NULL would never
# match in an upsert's ON CONFLICT, so each scan would add a row.
NO_PROVINCE = ""
NO_PRODUCT = 0


class ScanRollup(db.Model):
    """How many scans of one product, in one province, by one role, with one
    verdict, were received on one day (Vietnam time).

    Raw scans are pruned after their retention period; these counts stay.
    """

    __tablename__ = "scan_rollup"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    province_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    # The stamp's product; NO_PRODUCT for a code no stamp answers to. No
    # foreign key: the sentinel is no product, and counts outlive records.
    product_id: Mapped[int] = mapped_column(
        Integer, primary_key=True, autoincrement=False
    )
    role: Mapped[str] = mapped_column(String(12), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(12), primary_key=True)
    scans: Mapped[int] = mapped_column(Integer)
