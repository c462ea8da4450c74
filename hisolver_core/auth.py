"""Roles and passwords: who may open which page.

Three roles, each including the one before: ``student`` (Solve, open to all),
``annotator`` (Label) and ``admin`` (maintainer pages). A role's password
comes from settings. With no password set, development is open (and says so)
while production keeps the page locked.

A sign-in is kept for the browser in a signed, expiring token (the page puts
it in a cookie): role, expiry and a nonce, MAC'd with a server key and the
role's password fingerprint, so a changed password ends old sessions and the
token never carries the password. Wrong passwords are throttled per role and
address with exponential backoff (:class:`LoginThrottle`).
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from pathlib import Path

from .config import Settings
from .errors import AccessDenied

__all__ = [
    "Role",
    "role_password",
    "role_is_open",
    "role_is_locked",
    "check_password",
    "OPEN_MODE_NOTICE",
    "LoginThrottle",
    "sign_in",
    "issue_token",
    "read_token",
    "TOKEN_COOKIE",
]

log = logging.getLogger(__name__)

TOKEN_COOKIE = "hisolver_session"

OPEN_MODE_NOTICE = "Local mode: no password is set for this role, so it is open on this machine."


class Role(enum.IntEnum):
    """Roles in increasing order of access."""

    STUDENT = 0
    ANNOTATOR = 1
    ADMIN = 2

    @property
    def label(self) -> str:
        """The role's name as shown to people."""
        return {Role.STUDENT: "Student", Role.ANNOTATOR: "Annotator", Role.ADMIN: "Maintainer"}[self]


def role_password(settings: Settings, role: Role) -> str:
    """Return the password configured for ``role`` ('' for student or when unset)."""
    if role is Role.ADMIN:
        return settings.admin_password
    if role is Role.ANNOTATOR:
        return settings.annotator_password
    return ""


def role_is_open(settings: Settings, role: Role) -> bool:
    """True when ``role`` needs no password: always for students, else only in local use without one."""
    if role is Role.STUDENT:
        return True
    return not role_password(settings, role) and not settings.is_production


def role_is_locked(settings: Settings, role: Role) -> bool:
    """True when nobody can take ``role``: production with no password configured."""
    return role is not Role.STUDENT and settings.is_production and not role_password(settings, role)


def check_password(settings: Settings, role: Role, attempt: str) -> bool:
    """Return True when ``attempt`` grants ``role``; compares in constant time.

    The admin password also grants the annotator role.
    """
    if role_is_open(settings, role):
        return True
    if role_is_locked(settings, role):
        return False
    candidates = [role_password(settings, role)]
    if role is Role.ANNOTATOR and settings.admin_password:
        candidates.append(settings.admin_password)
    attempt_bytes = (attempt or "").encode()
    return any(c and hmac.compare_digest(c.encode(), attempt_bytes) for c in candidates)


class LoginThrottle:
    """Wrong-password backoff per (role, address); thread-safe, shared by every session of a server.

    The first ``free`` wrong tries in a row cost nothing; each one after that
    locks the pair for ``base_s * 2**k`` seconds (k = 0, 1, ...), at most
    ``cap_s``. A right password clears the count.
    """

    def __init__(self, free: int = 3, base_s: float = 1.0, cap_s: float = 300.0, clock=time.monotonic) -> None:
        self.free, self.base_s, self.cap_s, self.clock = free, base_s, cap_s, clock
        self._lock = threading.Lock()
        self._state: dict[tuple[int, str], tuple[int, float]] = {}  # (failures in a row, locked until)

    def wait_s(self, role: Role, address: str) -> float:
        """Seconds before ``address`` may try ``role`` again (0 when it may now)."""
        with self._lock:
            _count, until = self._state.get((int(role), address), (0, 0.0))
        return max(0.0, until - self.clock())

    def failed(self, role: Role, address: str) -> int:
        """Count a wrong password; return how many in a row."""
        with self._lock:
            count, _until = self._state.get((int(role), address), (0, 0.0))
            count += 1
            delay = 0.0 if count <= self.free else min(self.cap_s, self.base_s * 2 ** (count - self.free - 1))
            self._state[(int(role), address)] = (count, self.clock() + delay)
        return count

    def succeeded(self, role: Role, address: str) -> None:
        """Forget the wrong tries of ``address`` for ``role``."""
        with self._lock:
            self._state.pop((int(role), address), None)


def sign_in(settings: Settings, throttle: LoginThrottle, role: Role, password: str, address: str) -> Role:
    """Return ``role`` when ``password`` grants it.

    Raises :class:`AccessDenied` for a wrong password, a locked role, or while
    ``address`` must wait after wrong tries (the message says how long).
    Every attempt is logged with role and address, never the password.
    """
    address = address or "unknown"
    if role_is_locked(settings, role):
        raise AccessDenied(f"{role.label} is locked: set its password to enable it.")
    wait = throttle.wait_s(role, address)
    if wait > 0:
        log.warning("sign-in as %s from %s refused: throttled for %.0f s", role.label, address, wait)
        raise AccessDenied(f"Too many wrong passwords: try again in {max(1, round(wait))} s.")
    if not check_password(settings, role, password):
        count = throttle.failed(role, address)
        log.warning("sign-in as %s from %s failed (%d wrong in a row)", role.label, address, count)
        raise AccessDenied("Wrong password.")
    throttle.succeeded(role, address)
    log.info("signed in as %s from %s", role.label, address)
    return role


def _signing_key(settings: Settings) -> bytes:
    """The server key: ``session_secret``, or a random key created once in the data folder."""
    if settings.session_secret:
        return settings.session_secret.encode()
    path = Path(settings.data_dir) / "session.key"
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(key)
    except FileExistsError:  # another process made it first: use theirs
        return bytes.fromhex(path.read_text().strip())
    return bytes.fromhex(key)


def _mac(settings: Settings, body: str, role: Role) -> str:
    fingerprint = hashlib.sha256(role_password(settings, role).encode()).hexdigest()
    digest = hmac.new(_signing_key(settings), f"{body}|{fingerprint}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue_token(settings: Settings, role: Role, now: float | None = None) -> str:
    """Return a signed token that grants ``role`` until ``session_hours`` from ``now``."""
    expires = int((time.time() if now is None else now) + settings.session_hours * 3600)
    body = f"v1.{int(role)}.{expires}.{secrets.token_urlsafe(9)}"
    return f"{body}.{_mac(settings, body, role)}"


def read_token(settings: Settings, token: str, now: float | None = None) -> Role:
    """Return the role ``token`` grants.

    Raises :class:`AccessDenied` ("signed out: sign in again") when it is
    malformed, forged, expired, or was issued before the role's password changed.
    """
    try:
        version, role_text, expires_text, nonce, mac = token.split(".")
        role = Role(int(role_text))
        expires = int(expires_text)
    except (AttributeError, ValueError):
        raise AccessDenied("You were signed out: sign in again.") from None
    body = f"{version}.{role_text}.{expires_text}.{nonce}"
    if version != "v1" or not hmac.compare_digest(mac, _mac(settings, body, role)):
        raise AccessDenied("You were signed out: sign in again.")
    if expires < (time.time() if now is None else now):
        raise AccessDenied("Your sign-in expired: sign in again.")
    if role_is_locked(settings, role):
        raise AccessDenied(f"{role.label} is locked: set its password to enable it.")
    return role
