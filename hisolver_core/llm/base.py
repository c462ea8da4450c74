"""The backend interface: a problem (and options) in, a :class:`Solution` out.

Two kinds of backend implement it. :class:`BuiltinBackend` wraps the math
engine. A :class:`ModelBackend` drives a language model: it only has to turn a
list of chat messages into text (:meth:`ModelBackend.complete`); prompting,
parsing, the one re-ask on invalid output, code repair and summaries are shared
here and in :mod:`.prompting`.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Sequence

from ..errors import HiSolverError
from ..solution import Solution

__all__ = ["Backend", "ModelBackend", "BackendError", "BackendUnavailable", "Options"]

log = logging.getLogger(__name__)

Options = Sequence[tuple[str, str]]  # (letter, text) pairs from mathengine.parse_options


class BackendError(HiSolverError):
    """A backend could not answer; ``transient`` says whether trying again may help."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class BackendUnavailable(BackendError):
    """A backend is not configured (or its package is missing); the message says what to set."""


class Backend(ABC):
    """One way of solving a problem; ``name`` is what the chain and the page show."""

    name: str = ""
    is_model: bool = False

    @property
    def key(self) -> str:
        """Identity used by the circuit breaker (name plus where it points)."""
        return self.name

    @abstractmethod
    def solve(self, problem: str, options: Options | None = None) -> Solution:
        """Return a :class:`Solution` (solved or unsupported); raise :class:`BackendError` on failure."""


class ModelBackend(Backend):
    """A language-model backend; subclasses implement :meth:`complete`."""

    is_model = True

    @abstractmethod
    def complete(self, messages: list[dict], *, json_schema: dict | None = None) -> str:
        """Return the model's reply text to chat ``messages``.

        ``json_schema`` asks for JSON output when the server supports it (a hint:
        the reply is still parsed defensively). Raises :class:`BackendError`
        (``transient=True`` for timeouts, 5xx and lost connections).
        """

    def solve(self, problem: str, options: Options | None = None) -> Solution:
        """Ask the model for a JSON solution, re-asking once on invalid output.

        Raises :class:`BackendError` when the reply is still invalid.
        """
        from . import prompting

        return prompting.ask_for_solution(self, problem, options)

    def repair_code(self, solution: Solution, code: str, error_tail: str) -> str:
        """Return corrected Manim code for ``code`` that failed with ``error_tail``.

        Raises :class:`BackendError` when the model gives no usable code.
        """
        from . import prompting

        return prompting.ask_for_repair(self, solution, code, error_tail)

    def summarize_code(self, code: str) -> str:
        """Return one sentence a user could type to get this Manim ``code``.

        Raises :class:`BackendError` when the model gives nothing usable.
        """
        from . import prompting

        return prompting.ask_for_summary(self, code)
