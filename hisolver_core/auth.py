"""Roles and passwords: who may open which page.

Three roles, each including the one before: ``student`` (Solve, open to all),
``annotator`` (Label) and ``admin`` (maintainer pages). A role's password
comes from settings. With no password set, development is open (and says so)
while production keeps the page locked.
"""

from __future__ import annotations

import enum
import hmac

from .config import Settings

__all__ = ["Role", "role_password", "role_is_open", "role_is_locked", "check_password", "OPEN_MODE_NOTICE"]

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
