"""`flask users create` and the demo's staff accounts."""

from sqlalchemy import select

from tests import factories
from webapp.extensions import db
from webapp.models import User
from webapp.services.staff.accounts import authenticate


def create(app, *args):
    return app.test_cli_runner().invoke(args=["users", "create", *args])


def test_create_an_inspector_for_two_provinces(app):
    result = create(
        app,
        "--role", "inspector",
        "--email", "Kiem.Tra@QLTT.gov.vn",
        "--name", "Trần Văn Kiểm",
        "--province", "33", "--province", "01",
        "--password", "mat-khau-rat-dai",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User)).one()
    assert (user.email, user.role, user.province_codes) == (
        "kiem.tra@qltt.gov.vn",
        "inspector",
        ["01", "33"],
    )
    assert authenticate(db.session, "kiem.tra@qltt.gov.vn", "mat-khau-rat-dai")


def test_create_a_producer_by_organisation_name(app):
    org = factories.organisation(name="HTX Nhãn lồng Hồng Châu")
    result = create(
        app,
        "--role", "producer",
        "--email", "nhan@hongchau.vn",
        "--organisation", "HTX Nhãn lồng Hồng Châu",
        "--password", "mat-khau-rat-dai",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(User)).one().organisation_id == org.id


def test_refusals_are_clear_and_create_nothing(app):
    cases = [
        (["--role", "inspector", "--email", "a@b.vn"], "at least one province"),
        (["--role", "producer", "--email", "a@b.vn", "--organisation", "Không có"],
         "no organisation"),
        (["--role", "admin", "--email", "a@b.vn", "--password", "short"],
         "at least 10 characters"),
    ]  # fmt: skip
    for args, message in cases:
        if "--password" not in args:
            args = [*args, "--password", "mat-khau-rat-dai"]
        result = create(app, *args)
        assert result.exit_code != 0
        assert message in result.output
    factories.user("admin")
    again = create(
        app, "--role", "admin", "--email", db.session.scalars(select(User)).one().email,
        "--password", "mat-khau-rat-dai",
    )  # fmt: skip
    assert again.exit_code != 0 and "already has an account" in again.output
    assert len(db.session.scalars(select(User)).all()) == 1
