"""Logs as one JSON object per line (LOG_FORMAT=json), with no personal data.

python-json-logger writes the lines. Every message and traceback passes
through redact() first: e-mail addresses and IP addresses become "[email]"
and "[address]". The code logs no device ids, serials or contacts to begin
with; this is the net under it (a driver's error text, a library's warning).
"""

from __future__ import annotations

import ipaddress
import logging
import re

from pythonjsonlogger.json import JsonFormatter

FIELDS = "{asctime}{levelname}{name}{message}"
RENAME = {"asctime": "time", "levelname": "level", "name": "logger"}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# Anything that looks like an IPv6 address, checked by ipaddress below.
_IPV6_LIKE = re.compile(
    r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)


def _ipv6(match: re.Match) -> str:
    try:
        ipaddress.IPv6Address(match[0])
    except ValueError:
        return match[0]
    return "[address]"


def redact(text: str) -> str:
    text = _EMAIL.sub("[email]", text)
    text = _IPV6_LIKE.sub(_ipv6, text)
    return _IPV4.sub("[address]", text)


class PrivateJsonFormatter(JsonFormatter):
    """JSON lines with e-mails and addresses taken out of messages and tracebacks."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            FIELDS,
            style="{",
            rename_fields=RENAME,
            json_ensure_ascii=False,
            **kwargs,
        )

    def process_log_record(self, log_data):
        for key in ("message", "exc_info", "stack_info"):
            if isinstance(log_data.get(key), str):
                log_data[key] = redact(log_data[key])
        return super().process_log_record(log_data)


def json_handler(stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(PrivateJsonFormatter())
    return handler


def init_logging(app) -> None:
    """With LOG_FORMAT=json, the app's and its libraries' logs become JSON lines."""
    from flask.logging import default_handler

    if app.config.get("LOG_FORMAT") != "json":
        _limiter_speaks(default_handler)
        return

    app.logger.removeHandler(default_handler)
    root = logging.getLogger()
    if not any(isinstance(h.formatter, PrivateJsonFormatter) for h in root.handlers):
        root.addHandler(json_handler())
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def _limiter_speaks(handler: logging.Handler) -> None:
    # Flask-Limiter logs "storage unreachable, falling back" once per outage,
    # to a logger with only a NullHandler: without a root handler (gunicorn
    # sets none) the line would be lost.
    limiter_log = logging.getLogger("flask-limiter")
    silent = all(isinstance(h, logging.NullHandler) for h in limiter_log.handlers)
    if silent and not logging.getLogger().handlers:
        limiter_log.addHandler(handler)
