"""Extraction: collected files -> self-contained Manim Scene snippets, deduplicated, exported.

Only :mod:`ast` reads the code; nothing collected is ever executed here.
"""

from .pipeline import ExtractResult, export_snippets, extract, extract_file
from .scenes import ParseResult, SceneSnippet, detect_dialect, parse_source

__all__ = [
    "ExtractResult",
    "ParseResult",
    "SceneSnippet",
    "detect_dialect",
    "export_snippets",
    "extract",
    "extract_file",
    "parse_source",
]
