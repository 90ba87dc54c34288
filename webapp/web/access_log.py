"""gunicorn access log that keeps no client address and no whole serial.

Use it with `--logger-class webapp.web.access_log.PrivateAccessLogger` (the demo's
gunicorn settings do). A request line keeps its method, its path with serials,
report references and long query values cut to their first characters, its
status, size and time: enough to see traffic and errors, not who scanned what.
"""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from gunicorn.glogging import Logger

# Load-balancer checks come every few seconds from the same place: not logged.
QUIET_PATHS = frozenset({"/healthz", "/readyz"})
FORMAT = '- %(t)s "%(r)s" %(s)s %(b)s %(L)ss "%(f)s" "%(a)s"'
KEEP = 4  # characters of a serial or long value that stay readable
CUT = "~"  # marks a shortened value (unreserved in URLs, so it stays readable)

_SERIAL = re.compile(r"(/21/)([^/?#]+)")
_REFERENCE = re.compile(rf"\b(R-[0-9A-Za-z]{{{KEEP - 2}}})[0-9A-Za-z]+")


def mask_path(path: str) -> str:
    """The path with every serial (GS1 AI 21) and report reference shortened."""
    path = _SERIAL.sub(lambda m: m.group(1) + _short(m.group(2)), path)
    return _REFERENCE.sub(lambda m: m.group(1) + CUT, path)


def mask_target(target: str) -> str:
    """A request target (path and query) or full URL, masked for the log."""
    parts = urlsplit(target)
    query = [(key, _short_value(value)) for key, value in parse_qsl(parts.query)]
    masked = mask_path(unquote(parts.path))
    if parts.netloc:
        masked = f"{parts.scheme}://{parts.netloc}{masked}"
    return f"{masked}?{urlencode(query, safe=':/~')}" if query else masked


def _short(value: str) -> str:
    return value[:KEEP] + CUT if len(value) > KEEP else value


def _short_value(value: str) -> str:
    """Short values and bare numbers (GTINs, pages) stay; anything longer is cut."""
    if len(value) <= 8 or value.isdigit():
        return value
    return _short(value)


class PrivateAccessLogger(Logger):
    """gunicorn's logger with the access atoms stripped of personal data."""

    def __init__(self, cfg):
        super().__init__(cfg)
        cfg.set("access_log_format", FORMAT)

    def setup(self, cfg):
        super().setup(cfg)
        self.json = os.environ.get("LOG_FORMAT") == "json"
        if self.json:  # gunicorn's own messages and the access lines alike
            from webapp.web.log_format import PrivateJsonFormatter

            for handler in (*self.error_log.handlers, *self.access_log.handlers):
                handler.setFormatter(PrivateJsonFormatter())

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") in QUIET_PATHS:
            return
        if not getattr(self, "json", False):
            super().access(resp, req, environ, request_time)
            return
        if not self.cfg.accesslog:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        self.access_log.info(
            "request",
            extra={
                "method": environ.get("REQUEST_METHOD", "-"),
                "target": mask_target(environ.get("RAW_URI") or atoms["U"]),
                "status": resp.status_code,
                "bytes": atoms["B"],
                "seconds": round(request_time.total_seconds(), 4),
                "referer": atoms["f"],
                "user_agent": atoms["a"],
            },
        )

    def atoms(self, resp, req, environ, request_time):
        """Only the standard atoms, with addresses gone and serials cut."""
        atoms = super().atoms(resp, req, environ, request_time)
        # Headers ({…}i, {…}o) and environ ({…}e) could carry addresses
        # (X-Forwarded-For), serials (Location) or cookies: none are offered.
        safe = {k: v for k, v in atoms.items() if not k.startswith("{")}
        # gunicorn's atoms are strings (its stubs say object).
        target = mask_target(str(environ.get("RAW_URI") or safe.get("U", "")))
        protocol = environ.get("SERVER_PROTOCOL", "HTTP/1.1")
        safe.update(
            h="-",
            r=f"{environ.get('REQUEST_METHOD', '-')} {target} {protocol}",
            U=mask_path(str(safe.get("U", ""))),
            q=mask_target(f"?{safe['q']}").lstrip("?") if safe.get("q") else "",
            f=mask_target(str(safe["f"])) if safe.get("f", "-") != "-" else "-",
        )
        return safe
