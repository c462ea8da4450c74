"""The solve-flow tests drive model backends against the same stub servers as tests/llm,
and render through the real service or tests/rendering/render_doubles.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "llm"))
sys.path.append(str(Path(__file__).resolve().parent.parent / "rendering"))  # render_doubles

from llm_fixtures import *  # noqa: E402,F401,F403
