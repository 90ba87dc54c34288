"""Compressed GS1 Digital Links: decompressed as GS1's toolkit does, then resolved.

The vectors were compressed and decompressed by GS1's Digital Link toolkit
(tests/conformance/gs1-dl-toolkit/README.md).
"""

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests import factories
from tests.conftest import SQLITE_ONLY
from tests.factories import path_of
from webapp.services.standards import dl_compression
from webapp.services.standards.digital_link import DigitalLink

SUITE = Path(__file__).parent / "conformance" / "gs1-dl-toolkit"
VECTORS = json.loads((SUITE / "compression-vectors.json").read_text())


def pairs_of(uri: str) -> list[tuple[str, str]]:
    path, _, query = uri.removeprefix("https://id.gs1.org/").partition("?")
    parts = path.split("/")
    pairs = [(parts[i], unquote(parts[i + 1])) for i in range(0, len(parts), 2)]
    pairs += [tuple(p.split("=", 1)) for p in query.split("&") if p]
    return sorted(pairs)


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["uri"][19:70])
def test_decompresses_as_gs1s_toolkit(vector):
    segment = vector["compressed"].rsplit("/", 1)[1]
    assert sorted(dl_compression.decompress(segment)) == pairs_of(
        vector["decompressed"]
    )


@pytest.mark.parametrize("text", ["", "abc!", "zzzzzzzzzzzz"])
def test_what_is_not_compressed_is_refused(text):
    with pytest.raises(dl_compression.NotCompressed):
        dl_compression.decompress(text)


@SQLITE_ONLY
def test_a_compressed_stamp_link_redirects_to_its_story(client, app):
    batch = factories.batch()
    issued = factories.stamp(batch)
    link = DigitalLink(issued.gtin, lot=issued.lot, serial=issued.serial)
    compressed = _compress(link)
    response = client.get(f"/{compressed}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"https://trace.example.vn{path_of(issued)}"
    assert client.get(response.headers["Location"]).status_code == 200
    assert client.get("/NotACompressedLinkAtAll").status_code == 404


def _compress(link) -> str:
    """The toolkit's bit layout for (01)(10)(21): optimisation 1A… is not used."""
    bits = "".join(format(int(c), "04b") for c in "01")
    bits += format(int(link.gtin), f"0{dl_compression._value_bits(14)}b")
    for ai, value in (("10", link.lot), ("21", link.serial)):
        bits += "".join(format(int(c), "04b") for c in ai)
        bits += "100"  # encoding 4: 7-bit ASCII
        bits += format(len(value), f"0{dl_compression._length_bits(20)}b")
        bits += "".join(format(ord(c), "07b") for c in value)
    bits += "0" * (-len(bits) % 6)
    alphabet = dl_compression.BASE64URL
    return "".join(alphabet[int(bits[i : i + 6], 2)] for i in range(0, len(bits), 6))
