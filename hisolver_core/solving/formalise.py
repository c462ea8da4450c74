"""The verified model formaliser: a model writes a ``MathProgram``, the engine solves and checks it.

When the built-in engine declines a problem and a model backend is configured, the model is asked
for the problem as a program in JSON (not for the answer). The engine parses it with its guarded
parser, solves it in a child process under the solve time limit, and the answer is marked
``verified`` only when every guard holds:

- every number in the problem text appears in the program (a 25% may appear as 0.25; a number the
  program adds, such as 60 minutes in an hour, must be one of the few small constants allowed);
- the solution is unique and meets the unknowns' integrality and sign conditions (solve_program);
- with options, exactly one option matches (solve_program);
- a second, independently worded request gives a program with the same answer (or, when that
  second reply is unusable, the unique option match stands as the back-substitution check).

A program that solves but fails a guard is returned unverified, with the guard in ``notes``;
a malformed or hostile one (``__import__``, ``10**10**10``, megabytes of text) is refused and the
chain goes on as before. Set ``HISOLVER_FORMALISE=0`` to turn it off.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import re
from dataclasses import dataclass

import sympy as sp

from ..llm import BackendError, ModelBackend
from ..llm.base import Options
from ..llm.prompting import extract_json
from ..solution import Solution

__all__ = ["FORMALISED", "Formalised", "formalise", "number_guard", "program_messages"]

log = logging.getLogger(__name__)

FORMALISED = "formalise"  # Solution.reader of an answer that came from a model's program
MAX_REPLY_CHARS = 20_000
_ALLOWED_EXTRA = {sp.Integer(n) for n in (0, 1, 2, 100)}

SCHEMA_TEXT = """{"target": {"kind": one of value | solutions | sum | product | count | in_terms_of | parameter |
                     option,
            "expr": "the expression asked for, e.g. x or 2*x + y", "letters": [...], "negated": false,
            "solution_count": "none | one | infinite (parameter only)", "rounding": null},
 "unknowns": [{"name": "x", "domain": "real | integer | positive | positive_integer | nonnegative |
               nonnegative_integer", "meaning": "what the letter stands for"}],
 "givens": {"letter": "number"},
 "relations": ["equations or inequalities in SymPy syntax with = < <= > >="],
 "functions": [{"name": "f", "var": "x", "body": "x**2 + 1"}]}"""

EXAMPLES = [
    (
        "A theater sold 120 tickets for $1,380. Adult tickets cost $15 and child tickets cost $9. "
        "How many adult tickets were sold?",
        {
            "target": {"kind": "value", "expr": "a"},
            "unknowns": [
                {"name": "a", "domain": "nonnegative_integer", "meaning": "adult tickets"},
                {"name": "c", "domain": "nonnegative_integer", "meaning": "child tickets"},
            ],
            "relations": ["a + c = 120", "15*a + 9*c = 1380"],
        },
    ),
    (
        "A phone plan costs $20 per month plus $0.05 per text. Last month the bill was $27.50. "
        "How many texts were sent?",
        {
            "target": {"kind": "value", "expr": "t"},
            "unknowns": [{"name": "t", "domain": "nonnegative_integer", "meaning": "texts sent"}],
            "relations": ["20 + 0.05*t = 27.50"],
        },
    ),
]

_SYSTEM = f"""You translate SAT math problems into a small JSON program; you do NOT solve them.
Write only one JSON object of this shape (omit empty parts):
{SCHEMA_TEXT}
Use every number of the problem, exactly as written. Name each unknown and give its domain (counts of
things are nonnegative integers). Write multiplication with * and powers with **. No prose."""

_SECOND = """Read the math problem below and write it as a JSON program (the engine will solve it; do not
give the answer). The program's shape:
{schema}
Each quantity the problem leaves open is an unknown with a domain; each fact is one relation. Reply with
the JSON object only."""


def program_messages(problem: str, options: Options | None = None, *, second: bool = False) -> list[dict]:
    """Chat messages asking for ``problem`` as a program; ``second`` words the request differently."""
    body = json.dumps({"problem": problem, "options": [list(o) for o in options or []]}, ensure_ascii=False)
    if second:
        return [{"role": "user", "content": _SECOND.format(schema=SCHEMA_TEXT) + "\n\n" + body}]
    messages = [{"role": "system", "content": _SYSTEM}]
    for text, program in EXAMPLES:
        messages.append({"role": "user", "content": json.dumps({"problem": text, "options": []})})
        messages.append({"role": "assistant", "content": json.dumps(program)})
    messages.append({"role": "user", "content": body})
    return messages


@dataclass
class Formalised:
    """A formalised solve: the solution (verified or not) and why a guard failed, if one did."""

    solution: Solution
    failed_guard: str = ""


def _numbers(text: str) -> list[sp.Rational]:
    s = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", text)
    s = re.sub(r"\\frac\{(\d+)\}\{(\d+)\}", r"\1/\2", s)
    return [sp.Rational(m) for m in re.findall(r"(?<![\w.])\d+(?:\.\d+)?", s)]


def _program_numbers(data: dict) -> set[sp.Rational]:
    texts = [json.dumps(data.get(k, "")) for k in ("givens", "relations", "functions", "tables")]
    texts.append(json.dumps((data.get("target") or {}).get("expr") or ""))
    found: set[sp.Rational] = set()
    for n in _numbers(" ".join(texts)):
        found.add(n)
    return found


def number_guard(problem: str, data: dict) -> str:
    """Empty when every number of ``problem`` is in the program (and the program adds none); else why not."""
    stated = _numbers(problem)
    used = _program_numbers(data)
    for n in stated:
        if n not in used and n / 100 not in used:
            return f"the program does not use the number {n} from the problem"
    allowed = set(stated) | {n / 100 for n in stated} | _ALLOWED_EXTRA
    for n in used:
        if n not in allowed:
            return f"the program uses {n}, which the problem does not state"
    return ""


def _child(conn, program_json: str, problem: str) -> None:
    from ..mathengine.build import Decline
    from ..mathengine.program import MathProgram, ProgramError
    from ..mathengine.program_solve import solve_program

    class _Prob:  # solve_program reads only the text of the problem
        raw = problem

    try:
        conn.send(("ok", solve_program(MathProgram.from_json(program_json), _Prob())))
    except (Decline, ProgramError) as exc:
        conn.send(("decline", str(exc)))
    except Exception as exc:  # a SymPy failure on a strange program is a decline, never a crash
        conn.send(("decline", f"the program could not be solved ({type(exc).__name__})"))
    finally:
        conn.close()


def solve_limited(program_json: str, problem: str, time_limit_s: float) -> Solution | str:
    """``solve_program`` on the JSON in a forked child, killed after ``time_limit_s``; a reason on failure."""
    if "fork" not in mp.get_all_start_methods():  # pragma: no cover - Linux forks
        return "formalisation needs a platform that can fork"
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, program_json, problem), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(time_limit_s):
            return f"solving the program took longer than {time_limit_s:g} s"
        kind, payload = parent.recv()
        return payload
    except EOFError:
        return "solving the program stopped unexpectedly"
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(timeout=5)
        parent.close()


def _program_json(backend: ModelBackend, problem: str, options: Options | None, second: bool) -> tuple[str, dict] | str:
    """The model's program as (JSON text, data) with the problem's real options; a reason when unusable."""
    try:
        reply = backend.complete(program_messages(problem, options, second=second))
    except BackendError as exc:
        return f"{backend.name} failed: {exc}"
    if len(reply or "") > MAX_REPLY_CHARS:
        return "the model's program is too long"
    try:
        data = extract_json(reply)
    except Exception as exc:  # InvalidOutput: no JSON object in the reply
        return f"the model's reply is not a program ({exc})"
    data["options"] = [list(o) for o in options or []]  # the problem's options, never the model's
    data["reader"] = FORMALISED
    return json.dumps(data), data


def _same_answer(a: Solution, b: Solution) -> bool:
    if a.choice or b.choice:
        return a.choice == b.choice
    try:
        if isinstance(a.answer, sp.Basic) and isinstance(b.answer, sp.Basic):
            return bool(a.answer == b.answer or sp.simplify(a.answer - b.answer) == 0)
    except (TypeError, ValueError):
        return False
    return str(a.answer) == str(b.answer)


def formalise(
    backend: ModelBackend, problem: str, options: Options | None = None, *, time_limit_s: float = 10.0
) -> Formalised | None:
    """Ask ``backend`` for ``problem`` as a program and solve it; None when no usable program came back.

    The returned solution is ``verified`` only when every guard of the module docstring holds.
    """
    first = _program_json(backend, problem, options, second=False)
    if isinstance(first, str):
        log.info("formalise: %s", first)
        return None
    text, data = first
    solved = solve_limited(text, problem, time_limit_s)
    if isinstance(solved, str) or not solved.solved:
        log.info("formalise: program declined: %s", solved if isinstance(solved, str) else solved.reason)
        return None
    solved.backend = backend.name
    solved.reader = FORMALISED
    stem = problem
    for _, option in options or []:
        stem = stem.replace(option, " ")  # inline options' numbers are not the problem's
    failed = number_guard(stem, data) or _count_guard(stem, solved)
    if not failed:
        failed = _second_opinion(backend, problem, options, solved, time_limit_s)
    if failed:
        solved.verified = False
        solved.verification = f"unverified: {failed}"
        solved.notes.append(f"{backend.name}'s program was solved by the engine but not verified: {failed}")
    else:
        solved.verified = True
        solved.verification = f"{backend.name}'s program, solved and checked by the engine: {solved.verification}"
    return Formalised(solution=solved, failed_guard=failed)


def _count_guard(problem: str, solved: Solution) -> str:
    """A "how many" question counts things: its answer must be a whole number, not negative."""
    answer = solved.answer
    if solved.choice or not re.search(r"\bhow many\b", problem, re.I) or not isinstance(answer, sp.Expr):
        return ""
    if answer.is_integer and answer.is_nonnegative:
        return ""
    return f"a 'how many' question needs a whole number, not {sp.sstr(answer)}"


def _second_opinion(
    backend: ModelBackend, problem: str, options: Options | None, solved: Solution, time_limit_s: float
) -> str:
    second = _program_json(backend, problem, options, second=True)
    if isinstance(second, str):
        return "" if solved.choice else f"no second program to compare with ({second})"
    other = solve_limited(second[0], problem, time_limit_s)
    if isinstance(other, str) or not other.solved:
        return "" if solved.choice else "the second program could not be solved"
    if not _same_answer(solved, other):
        return "a second, independently worded request gave a different answer"
    return ""
