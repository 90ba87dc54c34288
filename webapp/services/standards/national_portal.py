"""A client for the national traceability portal (truyxuatnguongoc.gov.vn).

The portal does not speak EPCIS: it has a REST/JSON API with Vietnamese field
names behind an SSO token that expires (organisation profile by tax code ->
product by GTIN -> production order -> chain initialisation, which returns the
portal's trace code -> stage events). Its paths and fields here follow what
public client code shows; they are configuration-light on purpose so the
adapter can follow the official integration guide when it is available.

Every failure is classified: Retryable (network, 5xx, 429, an expired token
that could not be renewed) or Rejected (the portal refused the record itself,
with its own error code), so the outbox knows whether to try again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import requests

TIMEOUT = (5, 20)  # connect, read (seconds)
TOKEN_MARGIN = 30  # renew this many seconds before the token says it expires

# The portal's own error codes, and ours for them.
REJECTIONS = {
    "GTIN_KHONG_HOP_LE": "invalid_gtin",
    "TO_CHUC_CHUA_DUYET": "organisation_not_approved",
    "HINH_ANH_KHONG_TAI_DUOC": "image_unreachable",
    "THIEU_THONG_TIN": "missing_field",
}

PATHS = {
    "organisation": "/tochuc/v5/ToChuc_HoSo",
    "product": "/tochuc/v5/ToChuc_SanPham",
    "production_order": "/truyxuat/v5/LenhSanXuat",
    "chain": "/truyxuat/v5/KhoiTaoChuoi",
    "stage": "/truyxuat/v5/{stage}",
}


class PortalFailure(Exception):
    """Base of the two ways a call can fail."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code, self.detail = code, detail
        super().__init__(f"{code}: {detail}" if detail else code)


class Retryable(PortalFailure):
    """Try again later: the portal or the network is down, or busy."""


class Rejected(PortalFailure):
    """The portal refused this record; someone must fix the data first."""


@dataclass(frozen=True)
class PortalSettings:
    base_url: str
    token_url: str
    client_id: str
    client_secret: str = field(repr=False)


class PortalClient:
    """An authenticated conversation with the portal; the token renews itself."""

    def __init__(
        self, settings: PortalSettings, session: requests.Session | None = None
    ):
        self.settings = settings
        self.http = session or requests.Session()
        self._token: str | None = None
        self._token_expires = 0.0

    def find(self, kind: str, stage: str | None = None, **query) -> str | None:
        """The portal's id of a record we may have created before, or None."""
        body = self._call("GET", self._path(kind, stage), params=query)
        items = body.get("data") or []
        if not items:
            return None
        first = items[0]
        return str(first.get("maTruyXuat") or first.get("id"))

    def create(self, kind: str, payload: dict, stage: str | None = None) -> str:
        """Create the record; the portal's id (or trace code, for a chain)."""
        body = self._call("POST", self._path(kind, stage), json=payload)
        data = body.get("data") or {}
        remote = data.get("maTruyXuat") or data.get("id")
        if remote is None:
            raise Retryable("bad_answer", "the portal's answer had no id")
        return str(remote)

    def organisation_status(self, tax_code: str) -> tuple[str, bool]:
        """The organisation profile's id and whether the portal has approved it."""
        body = self._call("GET", PATHS["organisation"], params={"maSoThue": tax_code})
        items = body.get("data") or []
        if not items:
            raise Rejected("organisation_unknown", tax_code)
        profile = items[0]
        return str(profile["id"]), profile.get("trangThai") == 1

    def _path(self, kind: str, stage: str | None) -> str:
        return PATHS[kind].format(stage=stage or "")

    def _call(self, method: str, path: str, **kwargs) -> dict:
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self._current_token()}"}
            try:
                response = self.http.request(
                    method,
                    self.settings.base_url + path,
                    headers=headers,
                    timeout=TIMEOUT,
                    **kwargs,
                )
            except requests.RequestException as error:
                raise Retryable("unreachable", type(error).__name__) from None
            if response.status_code == 401 and attempt == 1:
                self._token = None  # expired early or revoked: renew once
                continue
            return self._answer(response)
        raise Retryable("token_refused", "the portal refused a fresh token")

    def _answer(self, response: requests.Response) -> dict:
        status = response.status_code
        if status == 429 or status >= 500:
            raise Retryable(f"http_{status}", response.text[:200])
        try:
            body = response.json()
        except ValueError:
            raise Retryable("bad_answer", response.text[:200]) from None
        if status in (400, 404, 409, 422):
            portal_code = str(body.get("maLoi", ""))
            raise Rejected(
                REJECTIONS.get(portal_code, "refused"), body.get("thongBao", "")
            )
        if status >= 400:
            raise Retryable(f"http_{status}", str(body)[:200])
        return body

    def _current_token(self) -> str:
        if self._token and time.monotonic() < self._token_expires:
            return self._token
        try:
            response = self.http.post(
                self.settings.token_url,
                data={
                    "grant_type": "client_credentials",
                    "client_id": self.settings.client_id,
                    "client_secret": self.settings.client_secret,
                },
                timeout=TIMEOUT,
            )
        except requests.RequestException as error:
            raise Retryable("sso_unreachable", type(error).__name__) from None
        if response.status_code != 200:
            raise Retryable("sso_refused", f"HTTP {response.status_code}")
        body = response.json()
        self._token = body["access_token"]
        lifetime = float(body.get("expires_in", 300))
        self._token_expires = time.monotonic() + max(0.0, lifetime - TOKEN_MARGIN)
        return self._token
