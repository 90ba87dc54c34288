"""Small services called directly: sorting, sectors, keys, hashes, the catalog."""

from __future__ import annotations

import hashlib
import os

from tests import factories
from webapp.services.catalog import published
from webapp.services.common import collation, files
from webapp.services.programme import sectors
from webapp.services.scans import idempotency


def test_vietnamese_letters_sort_in_dictionary_order():
    words = ["đá", "da", "ăn", "an", "ân", "bò", "ơi", "ôi", "oi", "ưa", "ua", "Za"]
    assert sorted(words, key=collation.sort_key) == [
        "an", "ăn", "ân", "bò", "da", "đá", "oi", "ôi", "ơi", "ua", "ưa", "Za",
    ]  # fmt: skip


def test_tones_order_words_only_after_their_letters():
    tones = ["má", "ma", "mạ", "mà", "mã", "mả"]  # sắc, ngang, nặng, huyền, ngã, hỏi
    assert sorted(tones, key=collation.sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["mạ", "mac"], key=collation.sort_key) == ["mạ", "mac"]


def test_sector_of_set():
    assert sectors.sector_of_set("01") == "agriculture"
    assert sectors.sector_of_set("07") == "food"
    assert sectors.sector_of_set("19") == "pharmaceuticals"
    assert sectors.sector_of_set("21") == "other"


def test_a_scoped_key_differs_by_scope_and_by_the_order_of_its_parts():
    key = idempotency.scoped_key("k1", "device-a", "CODE")
    assert len(key) == 64 and int(key, 16) >= 0
    assert key == idempotency.scoped_key("k1", "device-a", "CODE")
    assert key != idempotency.scoped_key("k1", "device-b", "CODE")
    assert key != idempotency.scoped_key("k1", "CODE", "device-a")
    # The separator keeps parts apart: "ab"+"c" is not "a"+"bc".
    assert idempotency.scoped_key("c", "ab") != idempotency.scoped_key("bc", "a")


def test_a_content_hash_follows_the_files_version(tmp_path):
    path = tmp_path / "picture.svg"
    assert files.content_hash(path) is None
    path.write_bytes(b"<svg/>")
    first = files.content_hash(path)
    assert first == hashlib.sha256(b"<svg/>").hexdigest()
    path.write_bytes(b"<svg></svg>")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert files.content_hash(path) != first


def test_the_public_catalog_shows_products_approved_twice(db_session):
    shown_org = factories.organisation(name="A HTX")
    shown = factories.product(shown_org)
    factories.product(shown_org, approved_at=None)  # product waits
    waiting_org = factories.organisation(name="B HTX", approved_at=None)
    factories.product(waiting_org)  # its producer waits
    earlier = factories.product(factories.organisation(name="0 HTX"))
    assert list(db_session.scalars(published.public_products())) == [earlier, shown]
