"""What the public may see of the catalog: approved products of approved producers."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager

from webapp.models import Organisation, Product

# Both approvals: a product's story is public only once its producer's is too.
PUBLISHED = (Organisation.approved_at.is_not(None), Product.approved_at.is_not(None))


def public_products() -> Select[Product]:
    """Public products with their producer, by producer name then age."""
    return (
        select(Product)
        .join(Product.organisation)
        .where(*PUBLISHED)
        .options(contains_eager(Product.organisation))
        .order_by(Organisation.name, Product.id)
    )
