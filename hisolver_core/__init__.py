"""HiSolver's core library: everything the app, the CLI and the jobs share.

Domains live in their own subpackages (storage, store, mathengine, rendering,
llm, collection, extraction, labeling, datasets, evaluation, cli); this module
re-exports the few names nearly every caller needs.
"""

from . import astlock
from .config import Settings, load_settings
from .errors import HiSolverError
from .solution import Solution, Step

__all__ = ["Settings", "load_settings", "HiSolverError", "Solution", "Step", "__version__"]

__version__ = "0.1.0"

astlock.install()  # before any thread of the app parses: see astlock
