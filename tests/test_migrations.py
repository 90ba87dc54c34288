"""Migrations build exactly the models' schema on both engines, and undo cleanly."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from tests import databases
from webapp import create_app
from webapp.extensions import db
from webapp.services.casework.contacts import unseal
from webapp.services.scans.scan_partitions import include_name
from webapp.services.stamps.issuance_log import check_chain
from webapp.web.scan_context import privacy_key


@pytest.fixture
def empty_database_url(engine, tmp_path, database_urls):
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    if database_urls[1]:
        pytest.fail(f"PostgreSQL is required: {database_urls[1]}", pytrace=False)
    server = databases.postgres_server_url()
    url = databases.create_postgres_database(server, "migrations")
    yield url
    databases.drop_postgres_database(server, url)


def test_upgrade_matches_models_and_downgrade_empties(empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_name": include_name}
            )
            assert compare_metadata(context, db.metadata) == []
        downgrade(revision="base")
        engine = create_engine(empty_database_url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()
        db.engine.dispose()


def test_stamps_issued_before_the_log_are_logged_by_the_migration(empty_database_url):
    """Stamps of two earlier issuances get two chained, intact records."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0003")
        rows = [
            "INSERT INTO organisation (id, name, kind, tax_code, address_line, "
            "ward_code, province_code, is_demo, created_at) VALUES (1, 'HTX A', "
            "'cooperative', '0900000001', 'Thôn Đông', '11980', '33', false, "
            "'2026-01-01 00:00:00+00:00')",
            "INSERT INTO product (id, organisation_id, gtin, name_vi, category, "
            "ocop_stars, ocop_certificate_no, ocop_certified_on, ocop_valid_until, "
            "standards, created_at) VALUES (1, 1, '08930000000011', 'Long nhãn', "
            "'1', 4, 'CN-1', '2025-01-01', '2028-01-01', '[]', "
            "'2026-01-01 00:00:00+00:00')",
            "INSERT INTO batch (id, product_id, lot_code, produced_on, quantity, "
            "status, created_at) VALUES (1, 1, 'L1', '2026-01-01', 100, 'active', "
            "'2026-01-01 00:00:00+00:00')",
        ]
        for n, issued in enumerate(
            ["2026-01-02 08:00:00+00:00"] * 3 + ["2026-02-01 09:30:00+00:00"] * 2
        ):
            rows.append(
                "INSERT INTO stamp (batch_id, serial, status, issued_at) VALUES "
                f"(1, 'SERIAL{n:010d}', 'active', '{issued}')"
            )
        with db.engine.begin() as connection:
            for statement in rows:
                connection.execute(text(statement))
        upgrade()
        check = check_chain(db.session)
        assert (check.records, check.stamps, check.problems) == (2, 5, [])
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()


def test_contacts_are_sealed_by_the_migration_and_opened_on_downgrade(
    empty_database_url,
):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0012")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO report (id, reference, place, problems, contact, "
                    "lang, status, created_at) VALUES (1, 'R-7K2P9Q4M', 'Chợ', '[]', "
                    "'0912 345 678', 'vi', 'received', '2026-01-01 00:00:00+00:00')"
                )
            )
        upgrade(revision="0013")
        with db.engine.connect() as connection:
            row = connection.execute(text("SELECT * FROM report")).mappings().one()
        assert "contact" not in row and "0912" not in row["contact_sealed"]
        assert unseal(row["contact_sealed"], privacy_key()) == "0912 345 678"
        downgrade(revision="0012")
        with db.engine.connect() as connection:
            contact = connection.execute(text("SELECT contact FROM report")).scalar()
        assert contact == "0912 345 678"
        downgrade(revision="base")
        db.engine.dispose()


def _rows(statement: str) -> list[tuple]:
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(statement))]


def test_kinds_keep_every_product_and_stamp_up_and_down(empty_database_url):
    """Products become OCOP with a sector; a non-OCOP product survives going down."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0012")
        with db.engine.begin() as connection:
            for statement in _OLD_ROWS:
                connection.execute(text(statement))
        upgrade(revision="0016")
        assert _rows(
            "SELECT id, is_ocop, is_key, is_essential, sector FROM product ORDER BY id"
        ) == [(1, True, False, False, "food"), (2, True, False, False, "agriculture")]
        # A tie between sectors goes to the first in alphabetical order.
        assert _rows("SELECT sector FROM organisation") == [("agriculture",)]
        with db.engine.begin() as connection:
            connection.execute(text(_ESSENTIAL_RICE))
        downgrade(revision="0012")
        assert _rows(
            "SELECT id, ocop_stars, ocop_certificate_no FROM product ORDER BY id"
        ) == [(1, 4, "CN-1"), (2, 3, "CN-2"), (3, 3, "KHONG-OCOP")]
        assert _rows("SELECT COUNT(*) FROM stamp") == [(3,)]
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()


_OLD_ROWS = [
    "INSERT INTO organisation (id, name, kind, tax_code, address_line, ward_code, "
    "province_code, is_demo, created_at) VALUES (1, 'HTX A', 'cooperative', "
    "'0900000001', 'Thôn Đông', '11980', '33', false, '2026-01-01 00:00:00+00:00')",
    *(
        "INSERT INTO product (id, organisation_id, gtin, name_vi, category, "
        "ocop_stars, ocop_certificate_no, ocop_certified_on, ocop_valid_until, "
        f"standards, created_at) VALUES ({n}, 1, '0893000000001{n}', 'Sản phẩm', "
        f"'{category}', {stars}, 'CN-{n}', '2025-01-01', '2028-01-01', '[]', "
        "'2026-01-01 00:00:00+00:00')"
        for n, category, stars in ((1, "07", 4), (2, "01", 3))
    ),
    "INSERT INTO batch (id, product_id, lot_code, produced_on, quantity, status, "
    "created_at) VALUES (1, 1, 'L1', '2026-01-01', 100, 'active', "
    "'2026-01-01 00:00:00+00:00')",
    *(
        "INSERT INTO stamp (batch_id, serial, status, issued_at) VALUES "
        f"(1, 'SERIAL{n:010d}', 'active', '2026-01-02 08:00:00+00:00')"
        for n in range(3)
    ),
]
_ESSENTIAL_RICE = (
    "INSERT INTO product (id, organisation_id, gtin, name_vi, category, sector, "
    "is_ocop, is_key, is_essential, declaration_no, net_content, standards, "
    "created_at) VALUES (3, 1, '08930000000035', 'Gạo', '03', 'agriculture', "
    "false, false, true, 'TCB-01', '5 kg', '[]', '2026-01-01 00:00:00+00:00')"
)


def test_scans_stored_before_the_rollups_are_counted_by_the_migration(
    empty_database_url,
):
    """Weeks in Vietnam time: 16:59:59 UTC on a Sunday is one week, 17:00 the next."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0012")
        with db.engine.begin() as connection:
            for statement in _OLD_ROWS:
                connection.execute(text(statement))
        upgrade(revision="0017")
        with db.engine.begin() as connection:
            for stamp, province, verdict, at in [
                ("1", "'33'", "authentic", "2026-03-01 16:59:59+00:00"),
                ("2", "'33'", "authentic", "2026-03-01 17:00:00+00:00"),
                ("3", "'33'", "authentic", "2026-03-01 23:00:00+00:00"),
                ("NULL", "NULL", "counterfeit", "2026-03-01 17:00:00+00:00"),
            ]:
                connection.execute(
                    text(
                        "INSERT INTO scan (stamp_id, scanned_at, role, device_hash, "
                        "network_hash, location_consent, province_code, verdict, "
                        f"reasons, notices) VALUES ({stamp}, '{at}', 'shopper', "
                        f"'d', 'n', false, {province}, '{verdict}', '[]', '[]')"
                    )
                )
        upgrade(revision="0018")
        rows = _rows(
            "SELECT organisation_id, week, province_code, role, verdict, scans"
            " FROM scan_rollup ORDER BY organisation_id, week, province_code"
        )
        # 2026-03-01 is a Sunday: its last second is the week of 23 February.
        assert [(org, str(week), *rest) for org, week, *rest in rows] == [
            (0, "2026-02-23", "33", "shopper", "authentic", 1),
            (0, "2026-03-02", "", "shopper", "counterfeit", 1),
            (0, "2026-03-02", "33", "shopper", "authentic", 2),
            (1, "2026-02-23", "33", "shopper", "authentic", 1),
            (1, "2026-03-02", "33", "shopper", "authentic", 2),
        ]
        downgrade(revision="base")
        db.engine.dispose()


_ISSUED_ROWS = [
    "INSERT INTO organisation (id, name, kind, tax_code, address_line, ward_code, "
    "province_code, is_demo, created_at) VALUES (1, 'HTX A', 'cooperative', "
    "'0900000001', 'Thôn Đông', '11980', '33', false, '2026-01-01 00:00:00+00:00')",
    "INSERT INTO product (id, organisation_id, gtin, name_vi, category, ocop_stars, "
    "ocop_certificate_no, ocop_certified_on, ocop_valid_until, standards, "
    "created_at) VALUES (1, 1, '08930000000011', 'Long nhãn', '1', 4, 'CN-1', "
    "'2025-01-01', '2028-01-01', '[]', '2026-01-01 00:00:00+00:00')",
    "INSERT INTO batch (id, product_id, lot_code, produced_on, quantity, status, "
    "created_at) VALUES (1, 1, 'L1', '2026-01-01', 100, 'active', "
    "'2026-01-01 00:00:00+00:00')",
    "INSERT INTO stamp (id, batch_id, serial, status, issued_at) VALUES "
    "(1, 1, 'SERIAL0000000001', 'active', '2026-01-02 08:00:00+00:00')",
]
# Scans in two months, one with an idempotency key, one of a never-issued code.
_SCANS = [
    (1, "2026-01-20 10:00:00+00:00", "a" * 64),
    (1, "2026-03-05 11:00:00+00:00", None),
    (None, "2026-03-06 12:00:00+00:00", "b" * 64),
]


def _insert_scan(connection, stamp_id, at, key) -> None:
    connection.execute(
        text(
            "INSERT INTO scan (stamp_id, serial, scanned_at, role, device_hash, "
            "network_hash, location_consent, verdict, reasons, notices, "
            "idempotency_key) VALUES (:stamp, 'SERIAL0000000001', :at, 'shopper', "
            "'d', 'n', false, 'authentic', '[]', '[]', :key)"
        ),
        {"stamp": stamp_id, "at": at, "key": key},
    )


def _scan_rows() -> list[tuple]:
    return _rows("SELECT id, stamp_id, idempotency_key FROM scan ORDER BY id")


def test_scans_keep_ids_and_keys_into_months_and_back(empty_database_url, engine):
    """0021: keys move to a table of their own, scans into months (PostgreSQL);
    and back, with the unique key on scan again."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="0003")
        with db.engine.begin() as connection:
            for statement in _ISSUED_ROWS:
                connection.execute(text(statement))
        upgrade(revision="0020")
        with db.engine.begin() as connection:
            for row in _SCANS:
                _insert_scan(connection, *row)
        before = _scan_rows()
        assert [row[2] for row in before] == [row[2] for row in _SCANS]

        upgrade(revision="0021")
        assert _scan_rows() == before
        assert _rows(
            "SELECT k.key, k.scan_id FROM scan_idempotency k"
            " JOIN scan s ON s.id = k.scan_id AND s.scanned_at = k.scanned_at"
            " ORDER BY k.key"
        ) == [("a" * 64, before[0][0]), ("b" * 64, before[2][0])]
        with db.engine.begin() as connection:  # a new scan takes the next id
            _insert_scan(connection, 1, "2026-03-07 09:00:00+00:00", None)
        assert _scan_rows()[-1][0] == before[-1][0] + 1
        if engine == "postgresql":
            homes = _rows("SELECT tableoid::regclass::text FROM scan ORDER BY id")
            assert homes == [
                ("scan_p202601",),
                ("scan_p202603",),
                ("scan_p202603",),
                ("scan_p202603",),
            ]
            assert "scan_p202602" in inspect(db.engine).get_table_names()
            assert _rows("SELECT count(*) FROM scan_default") == [(0,)]
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO scan_idempotency (key, scan_id, scanned_at)"
                    " VALUES (:key, 99, '2026-03-08 00:00:00+00:00')"
                ),
                {"key": "a" * 64},
            )

        downgrade(revision="0020")
        after = _scan_rows()
        assert after[:3] == before and len(after) == 4
        names = inspect(db.engine).get_table_names()
        assert "scan_idempotency" not in names
        assert not any(name.startswith("scan_p") for name in names)
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            _insert_scan(connection, 1, "2026-03-08 09:00:00+00:00", "a" * 64)
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()
