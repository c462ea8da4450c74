"""Per-row facts for dataset charts: lengths, dialect and a keyword topic.

The topic is the first of these that matches the summary or the code (case
insensitive), in this order, else ``other``:

=========  ============================================  ===============================================
topic      words in the summary                          names in the code
=========  ============================================  ===============================================
3d         3d, three-dimensional, sphere, cube, surface  ThreeDScene, ThreeDAxes, Surface, Sphere, Cube
graph      graph, plot, function, axes, curve, parabola  Axes, NumberPlane, plot(, get_graph, FunctionGraph
equation   equation, formula, solve, algebra, integral,  MathTex, Tex(, TexMobject
           derivative, fraction
geometry   triangle, circle, square, angle, polygon      Polygon, Triangle, Angle, RegularPolygon
text       text, title, word, write, letter              Text(, MarkupText, Paragraph, Title(
=========  ============================================  ===============================================

It is a coarse, explainable mix for spotting imbalance, not a classifier.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["TOPICS", "topic_of", "summarize_items"]

TOPICS: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "3d",
        re.compile(r"\b3d\b|three[- ]dimension|\bsphere|\bcube|\bsurface", re.I),
        re.compile(r"ThreeDScene|ThreeDAxes|\bSurface\b|\bSphere\b|\bCube\b"),
    ),
    (
        "graph",
        re.compile(r"\bgraph|\bplot|\bfunction|\baxes|\bcurve|parabola", re.I),
        re.compile(r"\bAxes\b|NumberPlane|\.plot\(|get_graph|FunctionGraph|ParametricFunction"),
    ),
    (
        "equation",
        re.compile(r"equation|formula|\bsolv|algebra|integral|derivative|fraction", re.I),
        re.compile(r"MathTex|\bTex\(|TexMobject"),
    ),
    (
        "geometry",
        re.compile(r"triangle|circle|square|\bangle|polygon", re.I),
        re.compile(r"\bPolygon\b|\bTriangle\b|\bAngle\b|RegularPolygon"),
    ),
    (
        "text",
        re.compile(r"\btext|\btitle|\bword|\bwrite|\bletter", re.I),
        re.compile(r"\bText\(|MarkupText|Paragraph|\bTitle\("),
    ),
]


def topic_of(summary: str, code: str) -> str:
    """Return the topic of one (summary, code) pair, per the table in this module's docstring."""
    for name, words, names in TOPICS:
        if words.search(summary or "") or names.search(code or ""):
            return name
    return "other"


def summarize_items(items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Return counts by split, dialect, topic and source, and length lists, from manifest items."""
    items = list(items)
    return {
        "rows": len(items),
        "split": dict(Counter(i["split"] for i in items)),
        "dialect": dict(Counter(i.get("dialect") or "unknown" for i in items)),
        "topic": dict(Counter(i.get("topic") or "other" for i in items)),
        "source": dict(Counter(i.get("source") or "human" for i in items)),
        "summary_chars": [i.get("summary_chars", 0) for i in items],
        "code_chars": [i.get("code_chars", 0) for i in items],
    }
