"""Fixtures for the deployment tests: the serving fixtures (a registered tiny model, stubs)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "serving"))

from serving_fixtures import *  # noqa: E402,F401,F403
