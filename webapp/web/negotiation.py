"""Content negotiation between HTML for people and JSON for programs."""

from flask import jsonify, request


def wants_json() -> bool:
    """True when the client prefers JSON to HTML (browsers never do)."""
    best = request.accept_mimetypes.best_match(
        ["text/html", "application/json", "application/ld+json"], default="text/html"
    )
    return best != "text/html"


def json_error(status: int, code: str, message: str, **details):
    """The API's error shape: {"error": {"code": …, "message": …}}."""
    response = jsonify(error={"code": code, "message": str(message), **details})
    response.status_code = status
    return response
