"""URL converters: a number in a path is a row id, bounded like the column."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

# Ids are 32-bit integers in PostgreSQL; a larger number names no row (404)
# and must never reach the database, where it would overflow (500).
MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` with an upper bound, unless a route gives its own."""

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 (werkzeug's name)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_converters(app: Flask) -> None:
    """Before any blueprint is registered: their rules read the converters then."""
    app.url_map.converters["int"] = BoundedIntConverter
