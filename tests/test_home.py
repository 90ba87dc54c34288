"""The home page lists public products only, a page at a time."""

from tests import factories
from tests.conftest import HTMX
from webapp.routes.public import PRODUCTS_PER_PAGE


def test_only_public_products_are_listed(client):
    shown = factories.product(name_vi="Long nhãn Hồng Châu")
    factories.product(name_vi="Mật ong chưa duyệt", approved_at=None)
    waiting = factories.organisation(approved_at=None)
    factories.product(org=waiting, name_vi="Chè của cơ sở chưa duyệt")
    page = client.get("/").text
    assert "Long nhãn Hồng Châu" in page and shown.organisation.name in page
    assert "Mật ong chưa duyệt" not in page
    assert "Chè của cơ sở chưa duyệt" not in page


def test_products_come_a_page_at_a_time(client):
    org = factories.organisation()
    total = PRODUCTS_PER_PAGE + 6
    for n in range(total):
        factories.product(org=org, name_vi=f"Sản phẩm số {n:02d}")
    first = client.get("/").text
    assert first.count('<li>\n  <a href="/01/') == PRODUCTS_PER_PAGE
    assert f"đã hiện {PRODUCTS_PER_PAGE} trên {total}" in first
    assert 'hx-get="/?page=2"' in first

    more = client.get("/?page=2", headers=HTMX)
    assert more.status_code == 200 and "<html" not in more.text
    assert more.text.count('<li>\n  <a href="/01/') == 6
    assert "Sản phẩm số 29" in more.text and "Sản phẩm số 00" not in more.text
    assert "hx-get" not in more.text  # the last page offers no more

    without_script = client.get("/?page=2")  # the same link, as a whole page
    assert "<html" in without_script.text and "Sản phẩm số 29" in without_script.text


def test_pages_that_do_not_exist_are_404(client):
    factories.product()
    for page in ("0", "9", "abc", "-1"):
        response = client.get(f"/?page={page}")
        assert response.status_code == 404, page
        assert "Không có trang nào ở địa chỉ này." in response.text
