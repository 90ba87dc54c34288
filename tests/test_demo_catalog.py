"""The demo catalog is data: TOML files read and checked field by field."""

import copy

import pytest
from pydantic import TypeAdapter, ValidationError

from webapp.demo.catalog import PRODUCERS, PRODUCTS, ProductSpec
from webapp.services.standards.gtin import has_valid_check_digit

CHECK = TypeAdapter(ProductSpec)


def test_every_product_names_a_producer_and_a_valid_gtin():
    producers = {p["key"] for p in PRODUCERS}
    assert len(PRODUCTS) == 13 and len(producers) == 12
    for product in PRODUCTS:
        assert product["producer"] in producers
        assert has_valid_check_digit(product["gtin"]), product["gtin"]
    assert len({p["gtin"] for p in PRODUCTS}) == len(PRODUCTS)


def test_what_toml_cannot_say_is_read_back_in_its_python_shape():
    rice = next(p for p in PRODUCTS if p["key"] == "gao-bac-huong")
    assert rice["kinds"] == ("key", "essential")  # a tuple, as the seed expects
    assert "expires_on" not in rice["batches"][0]  # no null in TOML: left out
    story = PRODUCTS[0]["story_vi"]
    assert "\n\n" in story and not story.startswith("\n")


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda p: p.update(ocop_starz=4), "ocop_starz"),
        (lambda p: p.pop("gtin"), "gtin"),
        (lambda p: p["batches"][0].update(quantity="many"), "quantity"),
        (lambda p: p["batches"][0]["events"][0].pop("time"), "time"),
    ],
)
def test_a_misspelt_missing_or_mistyped_field_is_refused(change, field):
    product = copy.deepcopy(PRODUCTS[0])
    change(product)
    with pytest.raises(ValidationError) as refused:
        CHECK.validate_python(product)
    assert field in str(refused.value)
