"""Demo staff accounts, one per role, all with the same published password.

The password is printed in the README: demo data only, never production.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from sqlalchemy.orm import Session

from webapp.models import Organisation, User
from webapp.services.staff.accounts import create_user, hash_password

DEMO_PASSWORD = "ocop-trace-demo"


class AccountSpec(TypedDict):
    email: str
    name: str
    role: str
    provinces: NotRequired[list[str]]  # an inspector's
    producer: NotRequired[str]  # a producer's organisation, by its demo key


DEMO_ACCOUNTS: list[AccountSpec] = [
    {
        "email": "admin@demo.ocoptrace.vn",
        "name": "Nguyễn Thị Quản Trị",
        "role": "admin",
    },
    {
        "email": "thanhtra.hungyen@demo.ocoptrace.vn",
        "name": "Trần Văn Kiểm",
        "role": "inspector",
        "provinces": ["33"],
    },
    {
        "email": "thanhtra.hanoi@demo.ocoptrace.vn",
        "name": "Lê Thị Thanh",
        "role": "inspector",
        "provinces": ["01"],
    },
    {
        "email": "hongchau@demo.ocoptrace.vn",
        "name": "Phạm Văn Nhãn",
        "role": "producer",
        "producer": "hong-chau",
    },
]


def seed_accounts(session: Session, producers: dict[str, Organisation]) -> list[User]:
    """Create the demo accounts; the caller commits."""
    shared = hash_password(DEMO_PASSWORD)  # hashed once: argon2 is slow on purpose
    return [
        create_user(
            session,
            spec["email"],
            spec["name"],
            spec["role"],
            DEMO_PASSWORD,
            organisation=producers.get(spec.get("producer", "")),
            province_codes=spec.get("provinces", ()),
            password_hash=shared,
        )
        for spec in DEMO_ACCOUNTS
    ]
