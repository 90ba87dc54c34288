"""The producers' public stamp keys, as phones keep them for offline answers.

A JSON Web Key Set (RFC 7517) whose keys each name their producer, plus the
producers' names and the names of their public products by GTIN, so a phone
without a connection can say "issued by <producer>" for a signed stamp.
Only approved producers are listed, with their approved products: the same
ones whose stories are public. Plain column queries, not ORM objects: the set
covers every producer, and loading thousands of rows as objects costs ten
times more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Organisation, Product
from webapp.services.catalog.published import PUBLISHED
from webapp.services.stamps.stamp_signatures import public_keys


def directory(session: Session, stamp_keys: Sequence[str]) -> dict[str, Any]:
    """The key set and who the keys belong to."""
    organisations = session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.approved_at.is_not(None))
        .order_by(Organisation.id)
    ).all()
    producers: dict[str, dict[str, Any]] = {
        str(org_id): {"name": name, "products": {}} for org_id, name in organisations
    }
    products = session.execute(
        select(Product.organisation_id, Product.gtin, Product.name_vi, Product.name_en)
        .join(Product.organisation)
        .where(*PUBLISHED)
        .order_by(Product.id)
    )
    for org_id, gtin, name_vi, name_en in products:
        # As Bilingual.localized falls back: English, else the Vietnamese name.
        names = {"vi": name_vi, "en": name_en or name_vi}
        producers[str(org_id)]["products"][gtin] = names
    keys = [
        {**key.jwk(), "org": str(key.organisation_id)}
        for key in public_keys(stamp_keys, (org_id for org_id, _ in organisations))
    ]
    return {"keys": keys, "producers": producers}
