"""The solve-flow tests drive model backends against the same stub servers as tests/llm."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "llm"))

from llm_fixtures import *  # noqa: E402,F401,F403
