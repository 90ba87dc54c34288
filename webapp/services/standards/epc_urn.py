"""EPC pure identity URNs (TDS 2.0) for trade items, read into Digital Link terms.

`urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial` names one item and
`urn:epc:class:lgtin:CompanyPrefix.IndicatorItemRef.Lot` one lot; the GTIN is
the indicator, the company prefix and the item reference with its check digit.
Reading needs no company prefix table: the URN spells the split out.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from webapp.services.standards.digital_link import DigitalLink
from webapp.services.standards.gtin import check_digit

_URN = re.compile(
    r"urn:epc:(?P<kind>id:sgtin|class:lgtin):(?P<cp>\d{6,12})\.(?P<ref>\d{1,7})"
    r"\.(?P<value>[^.]+)"
)


def parse(text: str) -> DigitalLink | None:
    """The item (sgtin) or lot (lgtin) a URN names, or None if it is not one."""
    match = _URN.fullmatch(text.strip())
    if not match or len(match["cp"]) + len(match["ref"]) != 13:
        return None
    ref = match["ref"]
    body = ref[0] + match["cp"] + ref[1:]
    gtin = body + str(check_digit(body))
    value = unquote(match["value"])
    if match["kind"] == "id:sgtin":
        return DigitalLink(gtin, serial=value)
    return DigitalLink(gtin, lot=value)
