"""The offline key directory built directly: whose keys, which products, what shape."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

from tests import factories
from webapp.services.stamps import stamp_signatures
from webapp.services.stamps.key_directory import directory
from webapp.services.stamps.stamp_signatures import PublicKey

KEYS = factories.STAMP_KEYS  # a current key and an older one


def _raw(jwk: dict) -> bytes:
    return base64.urlsafe_b64decode(jwk["x"] + "=" * (-len(jwk["x"]) % 4))


def _listed_keys(found: dict) -> list[PublicKey]:
    """The directory's keys as a phone would import them."""
    return [PublicKey(jwk["kid"], int(jwk["org"]), _raw(jwk)) for jwk in found["keys"]]


def test_an_empty_database_lists_nothing(db_session):
    assert directory(db_session, KEYS) == {"keys": [], "producers": {}}


def test_only_approved_producers_are_listed_each_with_a_key_per_stamp_key(
    db_session,
):
    first = factories.organisation(name="HTX Một")
    pending = factories.organisation(name="HTX Chờ duyệt", approved_at=None)
    second = factories.organisation(name="HTX Hai")
    found = directory(db_session, KEYS)
    assert found["producers"] == {
        str(first.id): {"name": "HTX Một", "products": {}},
        str(second.id): {"name": "HTX Hai", "products": {}},
    }
    assert str(pending.id) not in {key["org"] for key in found["keys"]}
    assert [key["org"] for key in found["keys"]] == [
        str(first.id), str(first.id), str(second.id), str(second.id),
    ]  # fmt: skip
    expected = [
        stamp_signatures.public_key(stamp_key, org.id).key_id
        for org in (first, second)
        for stamp_key in KEYS
    ]
    assert [key["kid"] for key in found["keys"]] == expected


def test_each_key_is_an_ed25519_jwk_naming_its_producer(db_session):
    org = factories.organisation()
    [current, older] = directory(db_session, KEYS)["keys"]
    assert set(current) == {"kty", "crv", "x", "kid", "org"}
    assert (current["kty"], current["crv"], current["org"]) == (
        "OKP", "Ed25519", str(org.id),
    )  # fmt: skip
    assert len(_raw(current)) == 32 and "=" not in current["x"]
    assert len(current["kid"]) == stamp_signatures.KEY_ID_LENGTH
    assert current["x"] != older["x"]  # one key per stamp key


def test_without_stamp_keys_producers_are_named_but_no_key_is_given(db_session):
    org = factories.organisation()
    found = directory(db_session, ())
    assert found["keys"] == []
    assert list(found["producers"]) == [str(org.id)]


def test_only_published_products_are_named_by_gtin(db_session):
    org = factories.organisation()
    shown = factories.product(org, name_vi="Mật ong", name_en="Honey")
    factories.product(org, approved_at=None)  # awaiting approval
    hidden_org = factories.organisation(approved_at=None)
    factories.product(hidden_org)  # approved, but its producer is not
    found = directory(db_session, KEYS)
    assert found["producers"] == {
        str(org.id): {
            "name": org.name,
            "products": {shown.gtin: {"vi": "Mật ong", "en": "Honey"}},
        }
    }


def test_a_product_without_an_english_name_is_named_in_vietnamese(db_session):
    org = factories.organisation()
    no_english = factories.product(org, name_vi="Chè Thái", name_en=None)
    blank = factories.product(org, name_vi="Nhãn lồng", name_en="")
    products = directory(db_session, KEYS)["producers"][str(org.id)]["products"]
    assert products[no_english.gtin] == {"vi": "Chè Thái", "en": "Chè Thái"}
    assert products[blank.gtin] == {"vi": "Nhãn lồng", "en": "Nhãn lồng"}


def test_a_stamps_signature_checks_with_its_producers_key_only(db_session):
    producer, other = factories.organisation(), factories.organisation()
    issued = factories.stamp(factories.batch(factories.product(producer)))
    keys = _listed_keys(directory(db_session, KEYS))
    [value] = parse_qs(urlsplit(issued.url).query)[stamp_signatures.QUERY_KEY]
    signer = stamp_signatures.signer_of(
        value, issued.gtin, issued.lot, issued.serial, stamp_signatures.by_key_id(keys)
    )
    assert signer is not None and signer.organisation_id == producer.id
    not_theirs = [key for key in keys if key.organisation_id == other.id]
    assert (
        stamp_signatures.signer_of(
            value, issued.gtin, issued.lot, issued.serial,
            stamp_signatures.by_key_id(not_theirs),
        )
        is None
    )  # fmt: skip


def test_the_directory_is_plain_json(db_session):
    org = factories.organisation()
    factories.product(org)
    found = directory(db_session, KEYS)
    assert json.loads(json.dumps(found, ensure_ascii=False)) == found
