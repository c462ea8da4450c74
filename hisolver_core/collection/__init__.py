"""Collection: Manim code from GitHub (PyGithub) or local folders/archives into ``raw/`` blobs.

Repositories and files are recorded in the ``repos`` and ``files`` tables;
blobs live under ``raw/{owner}/{repo}/{path}``.
"""

from .local import collect_local, collect_upload
from .records import CollectResult, list_repos

__all__ = ["CollectResult", "collect_local", "collect_upload", "collect_github", "list_repos"]


def collect_github(*args, **kwargs):
    """See :func:`hisolver_core.collection.github.collect_github` (imported lazily: PyGithub is slow to import)."""
    from .github import collect_github as _collect

    return _collect(*args, **kwargs)
