"""One exception root for the whole library.

Users see ``str(error)``, never a stack trace, so every message says what went
wrong and, where there is one, what to do about it.
"""

from __future__ import annotations

__all__ = [
    "HiSolverError",
    "ConfigError",
    "StorageError",
    "NotFoundError",
    "AccessDenied",
    "ProblemError",
    "RenderError",
    "JobError",
]


class HiSolverError(Exception):
    """Root of every error this library raises on purpose."""


class ConfigError(HiSolverError):
    """A setting is missing or malformed."""


class StorageError(HiSolverError):
    """The blob store or the database could not do what was asked."""


class NotFoundError(StorageError):
    """A blob, row or version that was asked for does not exist."""


class AccessDenied(HiSolverError):
    """A role or password does not allow this."""


class ProblemError(HiSolverError):
    """A problem text cannot be accepted (empty, too long, unreadable)."""


class RenderError(HiSolverError):
    """A render was rejected by policy or failed; ``kind`` says which.

    Kinds: ``policy`` (static check refused the code), ``timeout``,
    ``memory``, ``manim`` (Manim raised; the message has the user-level line),
    ``output`` (output too large or missing), ``internal``.
    """

    def __init__(self, kind: str, message: str, log: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.log = log


class JobError(HiSolverError):
    """A job cannot be submitted, found, cancelled or retried as asked; the message says why."""
