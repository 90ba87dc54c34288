"""The HTTP side of the EPCIS 2.0 REST binding shared by every EPCIS answer.

Version headers on every answer, the representations we offer (JSON-LD and
JSON; XML is not offered, so asking only for it is 406), the GS1-EPCIS-Min/Max
range a client accepts, and GS1-EPC-Format (identifiers are GS1 Digital Links;
EPC URNs would need each company prefix's length, which we do not hold).
"""

from __future__ import annotations

from flask import Response, jsonify, request

VERSION = "2.0.0"
VERSIONS = {
    "GS1-EPCIS-Version": VERSION,
    "GS1-EPCIS-Min": VERSION,
    "GS1-EPCIS-Max": VERSION,
    "GS1-CBV-Version": VERSION,
    "GS1-CBV-Min": VERSION,
    "GS1-CBV-Max": VERSION,
    "GS1-EPC-Format": "Always_GS1_Digital_Link",
}
OFFERED = ("application/ld+json", "application/json")
EPC_FORMATS = {"No_Preference", "Always_GS1_Digital_Link", "Never_Translates"}


def problem(detail: str, status: int = 400, kind: str = "QueryParameterException"):
    """RFC 7807 problem details, as the EPCIS 2.0 REST binding answers errors."""
    response = jsonify(
        {"type": f"epcisException:{kind}", "title": detail, "status": status}
    )
    response.status_code = status
    response.mimetype = "application/problem+json"
    response.headers.update(VERSIONS)
    return response


def refusal() -> Response | None:
    """A 406 problem when the request asks for what we cannot give, else None."""
    if request.headers.get("Accept") and not _best():
        return problem(
            "We answer in application/ld+json or application/json only",
            406,
            "NotAcceptableException",
        )
    low = request.headers.get("GS1-EPCIS-Min")
    high = request.headers.get("GS1-EPCIS-Max")
    try:
        if (low and _version(low) > _version(VERSION)) or (
            high and _version(high) < _version(VERSION)
        ):
            return problem(
                f"This server speaks EPCIS {VERSION} only",
                406,
                "NotAcceptableException",
            )
    except ValueError:
        return problem("GS1-EPCIS-Min and GS1-EPCIS-Max are versions like 2.0.0")
    epc_format = request.headers.get("GS1-EPC-Format")
    if epc_format and epc_format not in EPC_FORMATS:
        return problem(
            "Identifiers are given as GS1 Digital Links only",
            406,
            "NotAcceptableException",
        )
    return None


def answer(document: dict) -> Response:
    """document as JSON-LD (or plain JSON if preferred) with the version headers."""
    response = jsonify(document)
    response.mimetype = _best() or OFFERED[0]
    response.headers.update(VERSIONS)
    return response


def _best() -> str | None:
    return request.accept_mimetypes.best_match(OFFERED)


def _version(text: str) -> tuple[int, ...]:
    parts = tuple(int(part) for part in text.strip().split("."))
    if not 1 <= len(parts) <= 3:
        raise ValueError(text)
    return parts + (0,) * (3 - len(parts))
