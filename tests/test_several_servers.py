"""Two app instances behind nginx, one PostgreSQL, one Redis: they act as one.

Runs deploy/nginx/ocop-trace.conf itself (ports, paths and a self-signed
certificate swapped for loopback ones) in front of two gunicorn instances
sharing SECRET_KEY, the database and Redis (a key prefix of this run's own).
A header the test's nginx adds names the instance that answered, so every
check below is made on answers from both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import func, select

from tests import databases, factories
from tests.throwaway import Gunicorn, free_port, migrate
from webapp import create_app
from webapp.extensions import db
from webapp.models import Product, Scan

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx" / "ocop-trace.conf"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
SERVED_BY = "X-Served-By"
OLD_NAME, NEW_NAME = "Nhãn lồng cũ", "Nhãn lồng Hưng Yên mùa mới"


class FromAddress(HTTPAdapter):
    """Connect from a given loopback address: nginx sees a distinct client."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(address: str, cert: Path) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE would win over verify=
    session.mount("https://", FromAddress(address))
    session.mount("http://", FromAddress(address))
    session.verify = str(cert)
    return session


def site_config(folder: Path, port: int, app_ports: tuple[int, int]) -> str:
    """The recipe's site, moved to loopback ports and this checkout's files."""
    text = SITE.read_text()
    swaps = {
        "listen 80;": f"listen 127.0.0.1:{free_port()};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "server 127.0.0.1:8001": f"server 127.0.0.1:{app_ports[0]}",
        "server 127.0.0.1:8002": f"server 127.0.0.1:{app_ports[1]}",
        "/etc/ssl/ocop-trace/": f"{folder}/",
        "/opt/ocop-trace/app/webapp/static/": f"{ROOT / 'webapp' / 'static'}/",
        "server_name trace.example.vn;": "server_name 127.0.0.1;",
    }
    for old, new in swaps.items():
        assert old in text, old
        text = text.replace(old, new)
    # On 443 the Host has no port; on a test port it must keep it, or the
    # Referer (with the port) would not match and CSRF checks would refuse.
    text = text.replace(" $host;", " $http_host;")
    if not BROTLI.exists():
        text = "\n".join(
            line for line in text.splitlines() if not line.strip().startswith("brotli")
        )
    return text


def main_config(folder: Path, site: Path) -> str:
    load = f"load_module {BROTLI};\n" if BROTLI.exists() else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{load}user root;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder / "access.log"};
{temp}
    add_header {SERVED_BY} $upstream_addr always;
    include {site};
}}
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is not installed (scripts/test installs nginx-light)")
    folder = Path(tmp_path_factory.mktemp("nginx"))
    server = databases.postgres_server_url()
    database = databases.create_postgres_database(server, "nginx")
    https_port = free_port()
    base = f"https://127.0.0.1:{https_port}"
    env = {
        "DATABASE_URL": database,
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "RATELIMIT_KEY_PREFIX": f"several-{uuid.uuid4().hex[:8]}",
        "RATELIMIT_SCANS": "5/minute",
        "SECRET_KEY": "shared-secret-" + "s" * 24,
        "STAMP_KEYS": "shared-stamp-key-" + "k" * 16,
        "PRIVACY_KEY": "shared-privacy-" + "p" * 16,
        "PUBLIC_BASE_URL": base,
        "TRUSTED_PROXY_COUNT": "1",
        "INSTANCE_DIR": str(folder / "instance"),
    }
    migrate(env)
    seeded = _seed(database, env)
    instances = [Gunicorn(env, workers=1), Gunicorn(env, workers=1)]
    _self_signed(folder)
    site = folder / "site.conf"
    site.write_text(site_config(folder, https_port, tuple(i.port for i in instances)))
    conf = folder / "nginx.conf"
    conf.write_text(main_config(folder, site))
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / kind).mkdir()
    proxy = None
    errors = (folder / "nginx.err").open("w")
    try:
        for instance in instances:
            instance.start()
        proxy = subprocess.Popen(
            [nginx, "-c", str(conf), "-p", str(folder), "-g", "daemon off;"],
            stderr=errors,
        )
        _wait_for(base, folder / "cert.pem", proxy)
        yield {
            "base": base,
            "cert": folder / "cert.pem",
            "instances": instances,
            **seeded,
        }
    finally:
        if proxy:
            proxy.terminate()
            proxy.wait(timeout=10)
        errors.close()
        for instance in instances:
            instance.stop()
        databases.drop_postgres_database(server, database)


def _seed(database: str, env: dict) -> dict:
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database,
            "STAMP_KEYS": (env["STAMP_KEYS"],),
            "PRIVACY_KEY": env["PRIVACY_KEY"],
            "PUBLIC_BASE_URL": env["PUBLIC_BASE_URL"],
        }
    )
    with app.app_context():
        product = factories.product(name_vi=OLD_NAME)
        batch = factories.batch(product, regions=("33",))
        spread, alone, limited = factories.stamps(batch, count=3)
        admin = factories.user("admin")
        product.pending_changes = {"name_vi": NEW_NAME}
        db.session.commit()
        seeded = {
            "product_id": product.id,
            "admin": admin.email,
            "spread": spread,
            "alone": alone,
            "limited": limited,
        }
        db.session.remove()
        db.engine.dispose()
    return seeded


def _self_signed(folder: Path) -> None:
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(folder / "privkey.pem"),
            "-out",
            str(folder / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    shutil.copy(folder / "cert.pem", folder / "fullchain.pem")


def _wait_for(base: str, cert: Path, proxy: subprocess.Popen) -> None:
    for _attempt in range(100):
        if proxy.poll() is not None:
            raise RuntimeError("nginx exited")
        try:
            session_from("127.0.0.1", cert).get(f"{base}/healthz", timeout=2)
            return
        except requests.RequestException:
            import time

            time.sleep(0.1)
    raise RuntimeError("nginx did not answer")


def ports_of(answers) -> set[str]:
    return {answer.headers.get(SERVED_BY, "") for answer in answers}


def both(stack) -> set[str]:
    return {f"127.0.0.1:{instance.port}" for instance in stack["instances"]}


def scan(session, base, issued):
    return session.post(
        f"{base}/api/v1/scans",
        json={"code": issued.url, "device_id": f"phone-{uuid.uuid4().hex[:10]}"},
        timeout=30,
    )


def test_a_rate_limit_holds_across_instances(stack):
    session = session_from("127.9.0.1", stack["cert"])
    answers = [scan(session, stack["base"], stack["limited"]) for _ in range(8)]
    assert [a.status_code for a in answers] == [201] * 5 + [429] * 3
    assert ports_of(answers) == both(stack)  # the sum over both is limited


def test_detection_is_the_same_whichever_instance_answers(stack):
    base = stack["base"]
    alone = f"http://127.0.0.1:{stack['instances'][0].port}"
    spread, single = [], []
    for n in range(1, 7):  # six phones on six networks, one scan each
        phone = session_from(f"127.{n}.0.1", stack["cert"])
        spread.append(scan(phone, base, stack["spread"]))
        single.append(scan(phone, alone, stack["alone"]))
    assert ports_of(spread) == both(stack)
    verdicts = [(a.json()["verdict"], a.json()["reasons"]) for a in spread]
    assert verdicts == [(a.json()["verdict"], a.json()["reasons"]) for a in single]
    assert verdicts[-1][0] != "authentic"  # a copied code, caught across both
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _database(stack)})
    with app.app_context():
        counts = [
            db.session.scalar(
                select(func.count()).select_from(Scan).where(Scan.serial == s.serial)
            )
            for s in (stack["spread"], stack["alone"])
        ]
        db.session.remove()
        db.engine.dispose()
    assert counts == [6, 6]


def _database(stack) -> str:
    return stack["instances"][0].env["DATABASE_URL"]


def test_a_staff_session_and_a_change_carry_across_instances(stack):
    base, story = stack["base"], factories.path_of(stack["spread"])
    browser = session_from("127.20.0.1", stack["cert"])
    before = [browser.get(f"{base}{story}", timeout=30) for _ in range(4)]
    assert ports_of(before) == both(stack)
    assert all(OLD_NAME in page.text for page in before)

    login = browser.get(f"{base}/login", timeout=30)
    signed_in = browser.post(
        f"{base}/login",
        data={
            "csrf_token": _csrf(login.text),
            "email": stack["admin"],
            "password": factories.PASSWORD,
        },
        # Over HTTPS, Flask-WTF wants a same-origin Referer, as browsers send.
        headers={"Referer": f"{base}/login"},
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 303, _message(signed_in.text)
    pages = [browser.get(f"{base}/admin/approvals", timeout=30) for _ in range(4)]
    assert [page.status_code for page in pages] == [200] * 4
    assert ports_of(pages) == both(stack)  # signed in on both
    assert all("/login" not in page.url for page in pages)

    approved = browser.post(
        f"{base}/admin/products/{stack['product_id']}/approve",
        data={"csrf_token": _csrf(pages[-1].text)},
        headers={"Referer": f"{base}/admin/approvals"},
        allow_redirects=False,
        timeout=30,
    )
    assert approved.status_code == 303
    after = [browser.get(f"{base}{story}", timeout=30) for _ in range(4)]
    assert ports_of(after) == both(stack)
    assert all(NEW_NAME in page.text for page in after)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _database(stack)})
    with app.app_context():
        assert db.session.get(Product, stack["product_id"]).name_vi == NEW_NAME
        db.session.remove()
        db.engine.dispose()


def _message(page: str) -> str:
    found = re.search(r"<h1 data-error-message>([^<]*)</h1>", page)
    return found[1] if found else page[:300]


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]


def test_nginx_serves_static_files_compressed_and_cached(stack):
    browser = session_from("127.21.0.1", stack["cert"])
    page = browser.get(f"{stack['base']}/scan/", timeout=30).text
    css = re.search(r'href="(/static/css/[^"]+\?v=[0-9a-f]+)"', page)[1]
    hashed = browser.get(
        f"{stack['base']}{css}", headers={"Accept-Encoding": "br, gzip"}, timeout=30
    )
    assert hashed.status_code == 200
    assert "immutable" in hashed.headers["Cache-Control"]
    assert SERVED_BY not in hashed.headers  # nginx answered, no instance
    expected = "br" if BROTLI.exists() else "gzip"
    assert hashed.headers["Content-Encoding"] == expected
    plain = browser.get(f"{stack['base']}{css.split('?')[0]}", timeout=30)
    assert plain.headers["Cache-Control"] == "public, max-age=3600"
    assert browser.get(f"{stack['base']}/metrics", timeout=30).status_code == 404
