"""The dossier's map of Vietnam shows the Hoàng Sa and Trường Sa archipelagos."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests import factories
from webapp.services.places import map_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_inset_draws_both_archipelagos_inside_its_frame():
    svg = ET.fromstring(map_svg.render([], [], {}, "map", {}))
    frame = svg.find(f".//{SVG}rect[@class='inset-frame']")
    left, top = float(frame.get("x")), float(frame.get("y"))
    right, bottom = left + float(frame.get("width")), top + float(frame.get("height"))
    for key, at_least in (("hoang_sa", 10), ("truong_sa", 100)):
        islands = svg.find(f".//{SVG}path[@data-archipelago='{key}']")
        dots = re.findall(r"M([\d.]+) ([\d.]+)", islands.get("d"))
        assert len(dots) >= at_least
        assert all(left < float(x) < right and top < float(y) < bottom for x, y in dots)


@pytest.mark.parametrize(
    ("lang", "names", "line"),
    [
        ("vi", ("Quần đảo Hoàng Sa", "Quần đảo Trường Sa"), "Quần đảo"),
        (
            "en",
            ("Hoàng Sa (Paracel) archipelago", "Trường Sa (Spratly) archipelago"),
            "(Spratly)",
        ),
    ],
)
def test_dossier_map_names_the_archipelagos(client, app, lang, names, line):
    issued = factories.stamp()
    factories.sign_in(client, factories.user("inspector"))
    page = client.get(f"/inspector/dossier?code={issued.serial}&lang={lang}").text
    assert f"<title>{names[0]} · Đà Nẵng</title>" in page
    assert f"<title>{names[1]} · Khánh Hòa</title>" in page
    assert ">Trường Sa</tspan>" in page and f">{line}</tspan>" in page
