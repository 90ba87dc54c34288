"""Producer signatures in printed links, and the key set phones keep offline."""

from urllib.parse import parse_qs, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from tests.conftest import TEST_KEYS
from webapp.extensions import db
from webapp.services.stamps import stamp_signatures as sig
from webapp.services.standards import digital_link

GTIN, LOT, SERIAL = "08931234567897", "LN2508A", "7K2P9Q4MXT3B6HC1"


def keys_for(*organisation_ids, stamp_keys=TEST_KEYS):
    return sig.by_key_id(sig.public_keys(stamp_keys, organisation_ids))


def test_signature_is_short_upper_case_base32_with_its_key_id():
    value = sig.Signer("k1", 7).query_value(GTIN, LOT, SERIAL)
    key_id, _, signature = value.partition(".")
    assert key_id == sig.public_key("k1", 7).key_id and len(key_id) == 4
    assert len(signature) == 103
    assert set(value) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.")


def test_signature_names_its_producer_and_nothing_else_verifies():
    value = sig.Signer(TEST_KEYS[0], 7).query_value(GTIN, LOT, SERIAL)
    keys = keys_for(6, 7, 8)
    assert sig.signer_of(value, GTIN, LOT, SERIAL, keys).organisation_id == 7
    # Any identifier changed, and the same signature no longer fits.
    assert sig.signer_of(value, GTIN, LOT, SERIAL[:-1] + "2", keys) is None
    assert sig.signer_of(value, GTIN, "LN2508B", SERIAL, keys) is None
    assert sig.signer_of(value, "08931234567880", LOT, SERIAL, keys) is None
    # Another producer's key, or a server with other stamp keys, does not verify it.
    assert sig.signer_of(value, GTIN, LOT, SERIAL, keys_for(6, 8)) is None
    assert (
        sig.signer_of(value, GTIN, LOT, SERIAL, keys_for(7, stamp_keys=("x",))) is None
    )


def test_keys_are_derived_again_not_stored():
    first = sig.public_key("stamp-key", 3)
    assert first == sig.public_key("stamp-key", 3)
    assert first.raw != sig.public_key("stamp-key", 4).raw
    assert first.raw != sig.public_key("other-stamp-key", 3).raw


def test_stamps_signed_before_a_key_rotation_still_verify():
    old = sig.Signer("old-key", 5).query_value(GTIN, None, SERIAL)
    after_rotation = keys_for(5, stamp_keys=("new-key", "old-key"))
    assert sig.signer_of(old, GTIN, None, SERIAL, after_rotation).organisation_id == 5
    forgotten = keys_for(5, stamp_keys=("new",))
    assert sig.signer_of(old, GTIN, None, SERIAL, forgotten) is None


def test_colliding_key_ids_are_all_tried():
    value = sig.Signer("k", 9).query_value(GTIN, LOT, SERIAL)
    real = sig.public_key("k", 9)
    impostor = sig.PublicKey(real.key_id, 99, sig.public_key("k", 10).raw)
    keys = {real.key_id: [impostor, real]}
    assert sig.signer_of(value, GTIN, LOT, SERIAL, keys) == real


@given(st.text(max_size=140))
def test_any_text_as_signature_is_refused_not_raised(text):
    assert sig.signer_of(text, GTIN, LOT, SERIAL, keys_for(1)) is None


def test_issued_links_carry_a_signature_of_their_producer(app):
    product = factories.product()
    stamp = factories.stamp(factories.batch(product))
    parts = urlsplit(stamp.url)
    assert parts.path == f"/01/{stamp.gtin}/10/{stamp.lot}/21/{stamp.serial}"
    (value,) = parse_qs(parts.query)["s"]
    signer = sig.signer_of(
        value, stamp.gtin, stamp.lot, stamp.serial, keys_for(product.organisation_id)
    )
    assert signer is not None and signer.organisation_id == product.organisation_id
    # The signature is a query attribute a GS1 resolver ignores.
    link = digital_link.parse(stamp.url)
    assert (link.gtin, link.lot, link.serial) == (stamp.gtin, stamp.lot, stamp.serial)


def test_key_set_lists_approved_producers_and_their_public_products(client):
    listed = factories.product(name_vi="Long nhãn Hồng Châu", name_en=None)
    hidden_product = factories.product(org=listed.organisation, approved_at=None)
    unapproved = factories.product(org=factories.organisation(approved_at=None))
    response = client.get("/stamp-keys.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    body = response.json
    org = str(listed.organisation_id)
    assert body["producers"][org]["name"] == listed.organisation.name
    assert body["producers"][org]["products"] == {
        listed.gtin: {"vi": "Long nhãn Hồng Châu", "en": "Long nhãn Hồng Châu"}
    }
    assert hidden_product.gtin not in body["producers"][org]["products"]
    assert str(unapproved.organisation_id) not in body["producers"]
    mine = [key for key in body["keys"] if key["org"] == org]
    assert len(mine) == len(TEST_KEYS)  # one per stamp key: rotation keeps verifying
    assert {key["kty"] for key in mine} == {"OKP"}
    expected = sig.public_key(TEST_KEYS[0], listed.organisation_id).jwk()
    assert expected | {"org": org} in mine


def test_key_set_answers_304_while_unchanged(client):
    factories.product()
    first = client.get("/stamp-keys.json")
    etag = first.headers["ETag"]
    again = client.get("/stamp-keys.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    newcomer = factories.organisation()
    db.session.commit()
    changed = client.get("/stamp-keys.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert str(newcomer.id) in changed.json["producers"]
