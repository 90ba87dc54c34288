"""The producers' public stamp keys, as phones keep them for offline answers.

A JSON Web Key Set (RFC 7517) whose keys each name their producer, plus the
producers' names and the names of their public products by GTIN, so a phone
without a connection can say "issued by <producer>" for a signed stamp.
Only approved producers are listed, with their approved products: the same
ones whose stories are public.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from webapp.models import Organisation, Product
from webapp.services.stamp_signatures import public_keys


def directory(session: Session, stamp_keys: Sequence[str]) -> dict[str, Any]:
    """The key set and who the keys belong to."""
    organisations = session.scalars(
        select(Organisation)
        .where(Organisation.approved_at.is_not(None))
        .options(selectinload(Organisation.products))
        .order_by(Organisation.id)
    ).all()
    producers = {
        str(organisation.id): {
            "name": organisation.name,
            "products": _product_names(organisation.products),
        }
        for organisation in organisations
    }
    keys = [
        {**key.jwk(), "org": str(key.organisation_id)}
        for key in public_keys(stamp_keys, (o.id for o in organisations))
    ]
    return {"keys": keys, "producers": producers}


def _product_names(products: Sequence[Product]) -> dict[str, dict[str, str]]:
    return {
        product.gtin: {
            "vi": product.localized("name", "vi").text,
            "en": product.localized("name", "en").text,
        }
        for product in products
        if product.approved_at is not None
    }
