"""A local stand-in for the national traceability portal, with its bad days.

It issues SSO tokens that expire after a number of calls, can answer 503 for
a while (down) and then recover, refuses unapproved organisations, invalid
GTIN check digits and images it cannot download, and counts every record it
creates so tests can prove nothing was created twice.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

import requests
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

from webapp.services.standards.gtin import has_valid_check_digit

STAGES = ("vungTrong", "vanChuyen", "cheBien", "khoTong", "daiLy", "cuaHang")


@dataclass
class PortalState:
    approved_tax_codes: set[str] = field(default_factory=set)
    token_uses: int = 1000  # calls a token is good for before it expires
    down_for: int = 0  # the next n calls answer 503
    drop_answers: int = 0  # the next n creates succeed but their answer is lost
    tokens: dict[str, int] = field(default_factory=dict)
    records: dict[str, list[dict]] = field(default_factory=dict)
    creates: int = 0
    tokens_issued: int = 0


def create_portal(state: PortalState) -> Flask:
    app = Flask("fake_portal", static_folder=None)
    ids = itertools.count(1000)

    def refuse(code: str, message: str, status: int = 400):
        return jsonify(maLoi=code, thongBao=message), status

    @app.before_request
    def gatekeeper():
        if request.path == "/img/ok.jpg" or request.path.startswith("/static/"):
            return None
        if state.down_for > 0:
            state.down_for -= 1
            return "Service Unavailable", 503
        if request.path == "/connect/token":
            return None
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if state.tokens.get(token, 0) <= 0:
            return jsonify(thongBao="token het han"), 401
        state.tokens[token] -= 1
        return None

    @app.post("/connect/token")
    def token():
        if request.form.get("client_secret") != "secret":
            return jsonify(error="invalid_client"), 400
        state.tokens_issued += 1
        value = f"token-{state.tokens_issued}"
        state.tokens[value] = state.token_uses
        return jsonify(access_token=value, expires_in=3600)

    @app.get("/img/ok.jpg")
    def image():
        return (
            b"\xff\xd8\xff\xe0 not really a jpeg",
            200,
            {"Content-Type": "image/jpeg"},
        )

    @app.get("/static/<path:name>")
    def public_file(name):
        """Stands for the site whose product pictures the portal downloads."""
        if not name.endswith((".jpg", ".png")):
            return "Not Found", 404
        return b"\x89PNG picture", 200, {"Content-Type": "image/png"}

    @app.get("/tochuc/v5/ToChuc_HoSo")
    def organisation():
        tax = request.args.get("maSoThue", "")
        status = 1 if tax in state.approved_tax_codes else 0
        return jsonify(
            data=[{"id": f"org-{tax}", "maSoThue": tax, "trangThai": status}]
        )

    def lookup(kind: str):
        wanted = {k: v for k, v in request.args.items()}
        found = [
            r for r in state.records.get(kind, [])
            if all(str(r.get(k)) == v for k, v in wanted.items())
        ]  # fmt: skip
        return jsonify(data=found)

    def store(kind: str, record: dict):
        record["id"] = f"{kind}-{next(ids)}"
        state.records.setdefault(kind, []).append(record)
        state.creates += 1
        if state.drop_answers > 0:
            state.drop_answers -= 1
            return "Gateway Timeout", 504  # done, but the caller never hears so
        return jsonify(data=record), 201

    @app.get("/tochuc/v5/ToChuc_SanPham")
    def find_product():
        return lookup("product")

    @app.post("/tochuc/v5/ToChuc_SanPham")
    def create_product():
        body = request.get_json()
        if not has_valid_check_digit(body.get("gtinCode", "")):
            return refuse("GTIN_KHONG_HOP_LE", "Mã GTIN không hợp lệ")
        if body["idToChucHoSo"].removeprefix("org-") not in state.approved_tax_codes:
            return refuse("TO_CHUC_CHUA_DUYET", "Tổ chức chưa được duyệt")
        try:
            image = requests.get(body.get("hinhAnh", ""), timeout=5)
            ok = image.ok and image.headers.get("Content-Type", "").startswith("image/")
        except requests.RequestException:
            ok = False
        if not ok:
            return refuse("HINH_ANH_KHONG_TAI_DUOC", "Không tải được hình ảnh")
        return store("product", body)

    @app.get("/truyxuat/v5/LenhSanXuat")
    def find_order():
        return lookup("production_order")

    @app.post("/truyxuat/v5/LenhSanXuat")
    def create_order():
        return store("production_order", request.get_json())

    @app.get("/truyxuat/v5/KhoiTaoChuoi")
    def find_chain():
        return lookup("chain")

    @app.post("/truyxuat/v5/KhoiTaoChuoi")
    def create_chain():
        body = request.get_json()
        body["maTruyXuat"] = f"TX-{next(ids)}"
        return store("chain", body)

    @app.get("/truyxuat/v5/<stage>")
    def find_stage(stage):
        return lookup(stage)

    @app.post("/truyxuat/v5/<stage>")
    def create_stage(stage):
        if stage not in STAGES:
            return refuse("THIEU_THONG_TIN", "Công đoạn không tồn tại", 404)
        return store(stage, request.get_json())

    return app


class RunningPortal:
    """The fake portal served on a free loopback port, in a thread."""

    def __init__(self) -> None:
        self.state = PortalState()
        self.server = make_server(
            "127.0.0.1", 0, create_portal(self.state), threaded=True
        )
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join()
