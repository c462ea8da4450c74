"""Manim scene code from a :class:`Solution`: equation steps, graphs, number lines, the answer.

The generated code is ordinary Manim CE code (it goes through the same policy
check and sandbox as anything else): a data literal built here, plus a fixed
scene body. All timings are decided here, so the start time of each step in
the video is known without rendering (``SceneCode.step_times``).

Layout at 854x480 (14.2 x 8 frame units): the problem on top, the current
equation in the middle, the two previous equations above it, shrunk and
dimmed (older ones fade out, so long solutions scroll instead of piling up),
the step's sentence above the bottom band (the player's controls cover that
band when the video is paused). Everything is scaled down to fit its band.

Every step lasts a whole number of seconds, so its start time is exact at any
frame rate and a player that seeks by whole seconds lands on it. The scene can
also be rendered in chapters (``SceneCode.chapters``): a chapter's code sets
``SECTION`` and builds the screen as the previous steps left it without
animating them, so chapter 1 (step 1) plays while the rest renders, and the
chapters joined end to end are the full video.
LaTeX goes to ``MathTex`` only when it passes :func:`.texsafe.tex_ok`, and the
scene falls back to ``Text`` at render time if LaTeX still fails to compile.
"""

from __future__ import annotations

import ast
import itertools
import math
import textwrap
from dataclasses import dataclass, field
from typing import Any

from ..solution import Solution
from .texsafe import plain, safe_function, tex_ok, tex_to_text

__all__ = ["SceneCode", "Section", "scene_from_solution", "step_times_from_code", "SCENE_NAME"]

SCENE_NAME = "SolutionScene"

# Timings (seconds); the scene body below uses the same numbers from DATA.
INTRO = 0.0  # the problem is on screen from the first frame
STEP_IN = 0.8
ANSWER = 0.5 + 0.8 + 1.2
GRAPH_IN = 1.0 + 1.0
GRAPH_HOLD = 1.5
LONG_SOLUTION = 10


@dataclass(frozen=True)
class Section:
    """One chapter of a scene: the code that renders steps ``first``..``stop - 1`` (and the ending if ``tail``)."""

    code: str
    first: int
    stop: int
    tail: bool
    start_s: float

    @property
    def title(self) -> str:
        """How the chapter is named to a student, e.g. "Step 1" or "Steps 2-4 and the answer"."""
        name = f"Step {self.first + 1}" if self.stop - self.first == 1 else f"Steps {self.first + 1}-{self.stop}"
        return name + (" and the answer" if self.tail else "")


@dataclass
class SceneCode:
    """Generated Manim code, its scene name, when each step starts, and its chapters (empty: render whole)."""

    code: str
    scene: str = SCENE_NAME
    step_times: list[float] = field(default_factory=list)
    duration_s: float = 0.0
    chapters: list[Section] = field(default_factory=list)


def _hold(text: str) -> float:
    """How long a step stays on screen after it comes in: time to read its sentence.

    Rounded up so that coming in plus holding is a whole number of seconds.
    """
    reading = min(3.0, max(1.2, 0.6 + 0.04 * len(text)))
    return round(math.ceil(STEP_IN + reading - 1e-9) - STEP_IN, 2)


def _wrap(text: str, width: int = 62, lines: int = 3) -> str:
    wrapped = textwrap.wrap(plain(text), width=width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1] + "…"
    return "\n".join(wrapped)


def _math(tex: str | None) -> list:
    """[latex or None, plain text] for one formula."""
    tex = (tex or "").strip()
    return [tex if tex_ok(tex) else None, plain(tex_to_text(tex), 200) or " "]


def _nice_step(span: float) -> float:
    raw = max(span, 1e-6) / 8
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _graph(figure: dict) -> dict | None:
    """Axes ranges, curves and points for a ``function`` or ``system`` figure (None if unusable)."""
    exprs = [figure.get("expr")] if figure.get("kind") == "function" else list(figure.get("exprs") or [])[:3]
    maybe = [safe_function(e) for e in exprs if isinstance(e, str)]
    funcs = [f for f in maybe if f is not None]
    if not funcs or len(funcs) < len(maybe):
        return None
    raw_points = figure.get("points") or ([figure["point"]] if isinstance(figure.get("point"), dict) else [])
    points: list[list[Any]] = []
    for p in raw_points[:4]:
        try:
            x, y = float(p["x"]), float(p["y"])
        except (KeyError, TypeError, ValueError):
            continue
        if math.isfinite(x) and math.isfinite(y):
            points.append([x, y, plain(p.get("label", ""), 20)])
    xs = [p[0] for p in points] or [0.0]
    lo, hi = min(min(xs) - 3, -1.0), max(max(xs) + 3, 1.0)
    ys = [p[1] for p in points] + [0.0]
    for _source, func in funcs:
        for i in range(101):
            x = lo + (hi - lo) * i / 100
            try:
                y = func(x)
            except (ValueError, ZeroDivisionError, OverflowError):
                return None  # not defined on the whole range: skip the picture rather than draw it wrong
            if not math.isfinite(y):
                return None
            ys.append(y)
    ylo, yhi = min(ys) - 1, max(ys) + 1
    return {
        "x": [lo, hi, _nice_step(hi - lo)],
        "y": [ylo, yhi, _nice_step(yhi - ylo)],
        "curves": [src for src, _f in funcs],
        "points": points,
    }


def _number_line(figure: dict) -> dict | None:
    intervals = figure.get("intervals")
    if not intervals and figure.get("boundary") is not None:
        b, rel = float(figure["boundary"]), figure.get("relation", "")
        table = {
            ">=": [b, None, True, False],
            ">": [b, None, False, False],
            "<=": [None, b, False, True],
            "<": [None, b, False, False],
        }
        intervals = [table[rel]] if rel in table else None
    if not intervals:
        return None
    clean, ends = [], []
    for item in intervals[:4]:
        try:
            lo, hi, lo_closed, hi_closed = item
            lo = None if lo is None else float(lo)
            hi = None if hi is None else float(hi)
        except (TypeError, ValueError):
            return None
        clean.append([lo, hi, bool(lo_closed), bool(hi_closed)])
        ends += [v for v in (lo, hi) if v is not None and math.isfinite(v)]
    ends = ends or [0.0]
    step = _nice_step(max(ends) - min(ends) + 8) if len(ends) > 1 else 1.0
    lo = math.floor((min(ends) - 4 * step) / step) * step
    hi = math.ceil((max(ends) + 4 * step) / step) * step
    return {"range": [lo, hi, step], "intervals": clean}


def _schedule(data: dict) -> tuple[list[float], float]:
    t = INTRO
    times = []
    for step in data["steps"]:
        times.append(round(t, 2))
        t += STEP_IN + step["hold"]
    if data.get("graph"):
        t += GRAPH_IN + GRAPH_HOLD
    if data.get("numberline"):
        t += GRAPH_IN + GRAPH_HOLD
    t += ANSWER
    return times, round(t, 2)


def _sections(data: dict, times: list[float], chapters: int) -> list[Section]:
    """Step 1 alone, then the other steps in up to ``chapters - 1`` parts, the last with the ending."""
    count = len(data["steps"])
    if chapters < 2 or count < 2:
        return []
    rest = count - 1
    parts = min(chapters - 1, rest)
    bounds = [1 + round(rest * i / parts) for i in range(parts + 1)]
    spans = [(0, 1), *itertools.pairwise(bounds)]
    return [
        Section(code=_render_code(data, [lo, hi, hi == count]), first=lo, stop=hi, tail=hi == count, start_s=times[lo])
        for lo, hi in spans
    ]


def scene_from_solution(solution: Solution, chapters: int = 3) -> SceneCode:
    """Return Manim code (scene ``SolutionScene``) animating ``solution``, with step start times.

    ``chapters`` (at least 2 to split) is how many parts the scene may be
    rendered in: step 1 alone, then the rest. Unsupported solutions get a
    short scene that says so. Never raises for odd content: unusable LaTeX
    becomes text, unusable figures are skipped.
    """
    data: dict = {
        "title": _wrap(tex_to_text(solution.problem), 70, 2),
        "steps": [],
        "graph": None,
        "numberline": None,
        "answer": None,
        "unsupported": None,
    }
    if not solution.solved:
        data["unsupported"] = _wrap(solution.reason or "This problem is not supported yet.", 60, 3)
        return SceneCode(code=_render_code(data), step_times=[], duration_s=3.0)
    brisk = len(solution.steps) > LONG_SOLUTION  # long solutions move faster so the video stays short
    for step in solution.steps:
        caption = _wrap(step.text)
        hold = round(2.0 - STEP_IN, 2) if brisk else _hold(caption)
        data["steps"].append({"math": _math(step.latex), "caption": caption, "hold": hold})
    figure = solution.figure or {}
    if figure.get("kind") in ("function", "system"):
        data["graph"] = _graph(figure)
    elif figure.get("kind") == "number_line":
        data["numberline"] = _number_line(figure)
    if solution.answer_latex or solution.answer is not None:
        data["answer"] = _math(solution.answer_latex or str(solution.answer))
    times, total = _schedule(data)
    return SceneCode(
        code=_render_code(data), step_times=times, duration_s=total, chapters=_sections(data, times, chapters)
    )


def _render_code(data: dict, section: list | None = None) -> str:
    curves = (data.get("graph") or {}).get("curves", [])
    # Sources passed safe_function's node-by-node check: numbers, x, + - * / **, math functions.
    lambdas = ", ".join(f"lambda x: ({src})" for src in curves)
    return (
        f"from manim import *\nimport math\n\nDATA = {data!r}\nCURVES = [{lambdas}]\n"
        f"SECTION = {section!r}  # [first step, stop, ending?] of a chapter; None renders it all\n" + _BODY
    )


_DATA_NAMES = ("DATA", "CURVES", "SECTION")


def _body_dump(tree: ast.Module) -> str:
    return ast.dump(
        ast.Module(
            body=[
                node
                for node in tree.body
                if not (
                    isinstance(node, ast.Assign)
                    and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                    and node.targets[0].id in _DATA_NAMES
                )
            ],
            type_ignores=[],
        )
    )


def step_times_from_code(code: str) -> list[float]:
    """Step start times of edited scene code, or [] when they cannot be known.

    They are known when the code is this module's scene with only its data
    (captions, formulas, hold times) or comments changed: the ``DATA`` literal
    is read with :func:`ast.literal_eval` (never executed) and scheduled again.
    """
    try:
        tree = ast.parse(code)
        if _body_dump(tree) != _BODY_DUMP:
            return []
        node = next(
            n
            for n in tree.body
            if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name) and n.targets[0].id == "DATA"
        )
        data = ast.literal_eval(node.value)
        if data.get("unsupported") or not data["steps"]:
            return []
        steps = [{"hold": float(step["hold"])} for step in data["steps"]]
        return _schedule({**data, "steps": steps})[0]
    except (SyntaxError, ValueError, TypeError, KeyError, AttributeError, StopIteration, RecursionError):
        return []


_BODY = '''

def fit(mob, width, height):
    """Scale down (never up) so the object fits its band."""
    if mob.width > width:
        mob.scale_to_fit_width(width)
    if mob.height > height:
        mob.scale_to_fit_height(height)
    return mob


def formula(item, size=44):
    tex, text = item
    if tex is not None:
        try:
            return MathTex(tex, font_size=size)
        except Exception:  # LaTeX that does not compile: show the readable text instead
            pass
    return Text(text, font_size=int(size * 0.7))


def places(step):
    return {"num_decimal_places": 0 if float(step).is_integer() else 1}


def lines(text, size, color=WHITE):
    """Centred lines of plain text."""
    parts = text.split("\\n")
    if len(parts) == 1:
        return Text(text, font_size=size, color=color)
    return VGroup(*[Text(part, font_size=size, color=color) for part in parts]).arrange(DOWN, buff=0.12)


def caption(text):
    # kept above the bottom band (about 60 px of a 340 px high player), where its controls sit when paused
    return fit(lines(text, 24, GRAY_A), 13.0, 1.2).to_edge(DOWN, buff=1.5)


class SolutionScene(Scene):
    def construct(self):
        self.title = fit(lines(DATA["title"], 26), 13.0, 1.0).to_edge(UP, buff=0.3)
        self.add(self.title)
        if DATA["unsupported"]:
            note = fit(lines(DATA["unsupported"], 28, ORANGE), 12.5, 3.0)
            self.play(FadeIn(note), run_time=1.0)
            self.wait(2.0)
            return
        first, stop, tail = SECTION or [0, len(DATA["steps"]), True]
        self.show_steps(first, stop)
        if not tail:
            return
        if DATA["graph"]:
            self.show_graph()
        if DATA["numberline"]:
            self.show_number_line()
        self.show_answer()

    def hold(self, anims, run_time, hold):
        """One play for an animation and the reading time after it (fewer partial movies, faster)."""
        self.play(Succession(AnimationGroup(*anims, run_time=run_time), Wait(hold)), run_time=run_time + hold)

    def show_steps(self, first, stop):
        """Animate steps first..stop-1; the screen as earlier steps left it is built without animating them."""
        history, current, extras = [], None, VGroup()
        top = self.title.get_bottom()[1] - 0.55  # history sits under the problem, however many lines it has
        slots = [UP * (top - 0.8), UP * top]
        for index, step in enumerate(DATA["steps"][:stop]):
            if index < first - 3:
                continue  # faded out before this chapter starts
            live = index >= first
            new = fit(formula(step["math"]), 12.5, 1.5).move_to(UP * 0.1)
            if live:
                note = caption(step["caption"])
                counter = Text(f"{index + 1}/{len(DATA['steps'])}", font_size=18, color=GRAY_B)
                counter.to_corner(DR, buff=0.15).shift(UP * 1.4)
                self.remove(extras)
                extras = VGroup(note, counter)
                self.add(extras)  # captions switch instantly: cheaper than fading, and easier to read
            if current is None:
                anims = [Write(new)] if live else []
            else:
                shrink = min(0.75, 0.6 / max(current.height, 0.01))
                if live:
                    anims = [TransformMatchingShapes(current.copy(), new),
                             current.animate.scale(shrink).move_to(slots[0]).set_opacity(0.7)]
                    if history:
                        anims.append(history[0].animate.move_to(slots[1]).set_opacity(0.4))
                    if len(history) > 1:
                        anims.append(FadeOut(history[1]))
                else:  # the same end state, at once
                    current.scale(shrink).move_to(slots[0]).set_opacity(0.7)
                    if history:
                        history[0].move_to(slots[1]).set_opacity(0.4)
                    if len(history) > 1:
                        self.remove(history[1])
                history = [current] + history[:1]
            if live:
                self.hold(anims, 0.8, step["hold"])
            else:
                self.add(new)
            current = new

    def clear_steps(self):
        self.remove(*self.shown())

    def shown(self):
        """Everything on screen but the problem statement."""
        return [m for m in self.mobjects if m is not self.title]

    def show_graph(self):
        g = DATA["graph"]
        self.clear_steps()
        numbers = {"include_numbers": True, "font_size": 26}
        axes = Axes(x_range=g["x"], y_range=g["y"], x_length=11.0, y_length=5.6, tips=False,
                    x_axis_config={**numbers, "decimal_number_config": places(g["x"][2])},
                    y_axis_config={**numbers, "decimal_number_config": places(g["y"][2])})
        fit(axes, 13.0, 7.4 - self.title.height).next_to(self.title, DOWN, buff=0.2)
        colors = [BLUE, GREEN, PURPLE]
        curves = VGroup(*[axes.plot(f, x_range=g["x"][:2], color=colors[i % 3]) for i, f in enumerate(CURVES)])
        marks = VGroup()
        sides = [UL, UR, DOWN, UP]
        for i, (x, y, label) in enumerate(g["points"]):
            dot = Dot(axes.c2p(x, y), color=YELLOW, radius=0.07)
            text = f"({x:g}, {y:g})" + (f" {label}" if label else "")
            buff = 0.3 if i % 4 == 2 else 0.12
            marks.add(dot, Text(text, font_size=24, color=YELLOW).next_to(dot, sides[i % 4], buff=buff))
        self.play(Create(axes), run_time=1.0)
        self.hold([Create(curves), FadeIn(marks)], 1.0, 1.5)

    def show_number_line(self):
        nl = DATA["numberline"]
        self.clear_steps()
        lo, hi, step = nl["range"]
        line = NumberLine(x_range=[lo, hi, step], length=12.0, include_numbers=True, font_size=30,
                          decimal_number_config=places(step)).move_to(DOWN * 0.2)
        marks = VGroup()
        for a, b, a_closed, b_closed in nl["intervals"]:
            bar = Line(line.n2p(lo if a is None else a), line.n2p(hi if b is None else b), color=YELLOW,
                       stroke_width=10).shift(UP * 0.35)
            marks.add(bar)
            if a is None:
                marks.add(Triangle(color=YELLOW, fill_opacity=1).scale(0.15).rotate(PI / 2).move_to(bar.get_start()))
            if b is None:
                marks.add(Triangle(color=YELLOW, fill_opacity=1).scale(0.15).rotate(-PI / 2).move_to(bar.get_end()))
            for value, closed, point in ((a, a_closed, bar.get_start()), (b, b_closed, bar.get_end())):
                if value is not None:
                    marks.add(Circle(radius=0.13, color=YELLOW, fill_color=YELLOW if closed else BLACK,
                                     fill_opacity=1, stroke_width=4).move_to(point))
        self.play(Create(line), run_time=1.0)
        self.hold([Create(marks)], 1.0, 1.5)

    def show_answer(self):
        if DATA["answer"] is None:
            self.wait(2.5)
            return
        label = Text("Answer", font_size=28, color=YELLOW)
        value = fit(formula(DATA["answer"], 56), 11.0, 2.0)
        VGroup(label, value).arrange(DOWN, buff=0.35).move_to(DOWN * 0.4)
        box = SurroundingRectangle(value, color=YELLOW, buff=0.25, corner_radius=0.1)
        self.play(*[FadeOut(m) for m in self.shown()], run_time=0.5)
        self.hold([FadeIn(label), FadeIn(value), Create(box)], 0.8, 1.2)
'''

_BODY_DUMP = _body_dump(ast.parse(_render_code({})))  # the scene body as generated, for step_times_from_code
