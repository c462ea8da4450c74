"""Fixtures for the serving tests: see serving_fixtures.py (shared with tests/deployment)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving_fixtures import *  # noqa: E402,F401,F403
