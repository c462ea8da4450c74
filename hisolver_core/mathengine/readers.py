"""The registry of readers: each turns a problem into a ``MathProgram`` (or, for the families not yet
moved onto programs, a finished ``Solution``), or returns ``None`` when the problem is not its kind.

A reader registers itself with a name, a line saying what it handles, and an order (lower runs
first)::

    @reader("tables", handles="data tables in LaTeX, markdown or plain text", order=20)
    def read_table(prob: Problem) -> MathProgram | None: ...

A reader raises :class:`~hisolver_core.mathengine.build.Decline` to stop the pipeline with a reason
for the student (it recognised the problem and knows it cannot answer it), and returns ``None`` to
let the next reader try. Readers registered at ``order >= FALLBACK_ORDER``, or with ``fallback=True``,
are fallbacks: they run even after an earlier reader declined (the earlier reason stands when they
return ``None``). Where a reader runs and whether it runs after a decline are separate: ``forms`` runs
before ``written_math`` (a question it reads whole is its own) and also after any decline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .program import MathProgram

if TYPE_CHECKING:
    from ..solution import Solution
    from .problem import Problem

__all__ = ["FALLBACK_ORDER", "Reader", "ReadFn", "ask_engine", "reader", "registered_readers", "use_engine"]

# Readers at or past this order are fallbacks: they also run after an earlier reader declined.
FALLBACK_ORDER = 1000

ReadFn = Callable[["Problem"], "MathProgram | Solution | None"]


@dataclass(frozen=True)
class Reader:
    """A registered reader."""

    name: str
    handles: str
    order: int
    read: ReadFn
    fallback: bool = False  # runs even after an earlier reader declined (so does every order >= FALLBACK_ORDER)

    @property
    def is_fallback(self) -> bool:
        """True when the reader runs even after an earlier reader declined."""
        return self.fallback or self.order >= FALLBACK_ORDER


_REGISTRY: dict[str, Reader] = {}


def reader(name: str, *, handles: str, order: int, fallback: bool = False) -> Callable[[ReadFn], ReadFn]:
    """Register the decorated function as the reader ``name`` (names are unique); return it unchanged.

    ``fallback`` (implied by ``order >= FALLBACK_ORDER``) makes it run after an earlier reader declined too.
    """

    def register(fn: ReadFn) -> ReadFn:
        if name in _REGISTRY and _REGISTRY[name].read is not fn:
            raise ValueError(f"A reader named {name!r} is already registered.")
        _REGISTRY[name] = Reader(name=name, handles=handles, order=order, read=fn, fallback=fallback)
        return fn

    return register


def registered_readers() -> list[Reader]:
    """Every registered reader, in the order the pipeline tries them."""
    return sorted(_REGISTRY.values(), key=lambda r: (r.order, r.name))


# The whole engine, for a reader that asks it a sub-question ("what is <one value>?"). The engine registers
# its ``solve`` here when it is imported: a reader that imported the engine would make an import cycle.
_ENGINE: list[Callable[[str], Solution]] = []


def use_engine(solve: Callable[[str], Solution]) -> None:
    """Register the engine's ``solve`` for :func:`ask_engine` (done once, by the engine module)."""
    _ENGINE[:] = [solve]


def ask_engine(question: str) -> Solution:
    """The engine's solution to ``question``, a sub-question a reader builds from the problem it reads."""
    if not _ENGINE:
        raise RuntimeError("The engine has not registered itself: import hisolver_core.mathengine first.")
    return _ENGINE[0](question)
