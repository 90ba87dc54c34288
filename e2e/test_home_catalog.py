"""A province's whole catalog on the home page, a page at a time, on a phone."""

import pytest
from flask_migrate import upgrade
from playwright.sync_api import Page, expect

from e2e.conftest import serving
from tests import factories
from webapp import create_app
from webapp.routes.public import PRODUCTS_PER_PAGE

TOTAL = PRODUCTS_PER_PAGE * 2 + 5


@pytest.fixture
def catalog_server(tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'catalog.sqlite'}",
            "SECRET_KEY": "e2e-secret",
            "STAMP_KEYS": ("e2e-stamp-key",),
            "PRIVACY_KEY": "e2e-privacy-key",
            # One browser at 127.0.0.1 plays every visitor: per-address limits would
            # count them all as one. tests/test_rate_limits.py covers the limits.
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        upgrade()
        producer = factories.organisation()
        for n in range(TOTAL):
            factories.product(org=producer, name_vi=f"Sản phẩm số {n:02d}")
    with serving(app) as base_url:
        yield base_url


def test_more_products_load_in_place(page: Page, catalog_server):
    page.goto(catalog_server + "/")
    items = page.locator(".product-list > li:not(.more)")
    expect(items).to_have_count(PRODUCTS_PER_PAGE)
    more = page.get_by_role("link", name="Xem thêm sản phẩm")
    shown = f"(đã hiện {PRODUCTS_PER_PAGE} trên {TOTAL})"
    expect(more).to_have_text(f"Xem thêm sản phẩm {shown}")
    more.click()
    expect(items).to_have_count(PRODUCTS_PER_PAGE * 2)
    assert page.url == catalog_server + "/"  # in place, not a new page
    more.click()
    expect(items).to_have_count(TOTAL)
    expect(items.last).to_contain_text(f"Sản phẩm số {TOTAL - 1:02d}")
    expect(more).to_have_count(0)
