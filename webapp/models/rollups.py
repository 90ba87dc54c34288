"""Scan counts per week, kept as scans arrive, so dashboards read a bounded table."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import Model

# Key values standing for "none" and "all": a key column that may be NULL
# would never match in an upsert's ON CONFLICT, so each scan would add a row.
NO_PROVINCE = ""
EVERY_ORGANISATION = 0


class ScanRollup(Model):
    """How many scans in one province, by one role, with one verdict, were
    received in one week (Monday to Sunday, Vietnam time): of every code
    (organisation EVERY_ORGANISATION, never-issued codes included) and of each
    producer's codes.

    The dashboards' own grain: a week of a producer has at most a few hundred
    rows, whatever the number of scans stored. Raw scans are pruned after
    their retention period; these counts stay.
    """

    __tablename__ = "scan_rollup"

    # No foreign key: 0 stands for every code, and counts outlive records.
    organisation_id: Mapped[int] = mapped_column(
        Integer, primary_key=True, autoincrement=False
    )
    # Second in the key: one organisation's weeks are one range of the index.
    week: Mapped[date] = mapped_column(Date, primary_key=True)
    province_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    role: Mapped[str] = mapped_column(String(12), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(12), primary_key=True)
    scans: Mapped[int] = mapped_column(Integer)
