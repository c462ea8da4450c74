"""Fixtures for the LLM backend tests: see llm_fixtures.py (shared with tests/solving)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llm_fixtures import *  # noqa: E402,F401,F403
