"""Staff accounts: creation with validated roles and scopes, and password checks."""

from __future__ import annotations

from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.models import ROLES, InspectorProvince, Organisation, User, utcnow
from webapp.services import regions

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()  # argon2id with the library's current parameters


class AccountError(ValueError):
    """The account cannot be created as asked; str(error) says why."""


def create_user(
    session: Session,
    email: str,
    name: str,
    role: str,
    password: str,
    organisation: Organisation | None = None,
    province_codes: Sequence[str] = (),
    password_hash: str | None = None,
) -> User:
    """Add a staff account to the session; the caller commits.

    password_hash, when given, is hash_password(password) made once for
    several accounts that share a password (the demo's).
    """
    email = email.strip().lower()
    if "@" not in email or len(email) > 200:
        raise AccountError("a valid e-mail address is needed")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"the password needs at least {MIN_PASSWORD_LENGTH} characters"
        )
    if role == "producer" and organisation is None:
        raise AccountError("a producer account belongs to an organisation")
    if role == "inspector" and not province_codes:
        raise AccountError("an inspector covers at least one province")
    unknown = [code for code in province_codes if not regions.is_province_code(code)]
    if unknown:
        raise AccountError(f"not official province codes: {', '.join(unknown)}")
    if session.scalar(select(User).where(func.lower(User.email) == email)):
        raise AccountError(f"{email} already has an account")
    user = User(
        email=email,
        name=name.strip() or email,
        role=role,
        password_hash=password_hash or hash_password(password),
        organisation=organisation if role == "producer" else None,
        provinces=[
            InspectorProvince(province_code=c) for c in sorted(set(province_codes))
        ],
    )
    session.add(user)
    return user


def hash_password(password: str) -> str:
    """An argon2id hash of the password, slow on purpose."""
    return _hasher.hash(password)


def find_organisation(session: Session, ref: str) -> Organisation:
    """An organisation by id or exact name; AccountError when there is none."""
    stmt = select(Organisation)
    stmt = stmt.where(
        Organisation.id == int(ref)
        if ref.isdigit()
        else Organisation.name == ref.strip()
    )
    found = session.scalar(stmt)
    if found is None:
        raise AccountError(f"no organisation {ref!r}")
    return found


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active account with these credentials, or None."""
    user = session.scalar(
        select(User).where(func.lower(User.email) == email.strip().lower())
    )
    if user is None or not user.active:
        _hasher.hash(password)  # spend the same time whether or not the account exists
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = utcnow()
    return user
