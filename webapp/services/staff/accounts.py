"""Staff accounts: creation with validated roles and scopes, and password checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.models import ROLES, InspectorProvince, Organisation, User, utcnow
from webapp.services.common.errors import Refusal
from webapp.services.places import regions
from webapp.services.staff.passwords import PasswordRefused, check_password

_hasher = PasswordHasher()  # argon2id with the library's current parameters


class AccountError(Refusal):
    """The account cannot be created as asked; `code` says why."""


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
        raise AccountError("email_invalid", "email")
    if role not in ROLES:
        raise AccountError("unknown_role", "role", roles=", ".join(ROLES))
    if password_hash is None:
        try:
            check_password(password, (email, name))
        except PasswordRefused as refused:
            raise AccountError(refused.code, "password", **refused.params) from None
    if role == "producer" and organisation is None:
        raise AccountError("organisation_required", "organisation")
    if role == "inspector" and not province_codes:
        raise AccountError("provinces_required", "province")
    unknown = [code for code in province_codes if not regions.is_province_code(code)]
    if unknown:
        raise AccountError("unknown_provinces", "province", codes=", ".join(unknown))
    if session.scalar(select(User).where(func.lower(User.email) == email)):
        raise AccountError("email_taken", "email", email=email)
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


def every_account(session: Session) -> list[User]:
    """Every account, grouped by role, by email within each."""
    return list(session.scalars(select(User).order_by(User.role, User.email)))


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
        raise AccountError("no_organisation", "organisation", reference=ref)
    return found


class AccountLocked(Exception):
    """Too many wrong passwords in a row: the account is closed until `until`."""

    def __init__(self, until: datetime) -> None:
        self.until = until
        super().__init__(until.isoformat())


# After this many wrong passwords in a row the account closes for a while,
# twice as long after each further one: 1, 2, 4 … minutes, at most a day.
LOCK_AFTER = 5
LONGEST_LOCK = timedelta(days=1)


def lock_time(failures: int) -> timedelta:
    """How long the account stays closed after this many failures in a row."""
    if failures < LOCK_AFTER:
        return timedelta(0)
    return min(timedelta(minutes=2 ** min(failures - LOCK_AFTER, 20)), LONGEST_LOCK)


def authenticate(
    session: Session, email: str, password: str, now: datetime | None = None
) -> User | None:
    """The active account with these credentials, or None; the caller commits.

    Raises AccountLocked while the account is closed: no password is even
    checked then, so guessing goes no faster than the lock allows.
    """
    now = now or utcnow()
    user = session.scalar(
        select(User).where(func.lower(User.email) == email.strip().lower())
    )
    if user is None or not user.active:
        _hasher.hash(password)  # spend the same time whether or not the account exists
        return None
    if user.locked_until is not None and user.locked_until > now:
        raise AccountLocked(user.locked_until)
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= LOCK_AFTER:
            user.locked_until = now + lock_time(user.failed_logins)
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    return user


def verify_password(user: User, password: str) -> bool:
    """Whether password is the account's current one."""
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def set_password(user: User, password: str) -> None:
    """Give the account a new password (policy checked) and end its sessions.

    Raises PasswordRefused. The caller commits, then signs the current
    browser in again if it should stay signed in.
    """
    check_password(password, (user.email, user.name))
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Every session cookie the account was given stops working."""
    user.session_version += 1
