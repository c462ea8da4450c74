"""Dataset versions: immutable (summary -> code) snapshots in chat format, with manifests.

Typical use::

    manifest = create_version(settings, "v1", approved_only=True)
    version = load_version(settings, "v1")
    for row in version.iter_train():
        row["messages"]            # [system, user (summary), assistant (code)]
"""

from .build import SYSTEM_PROMPT, DatasetError, VersionExistsError, check_name, create_version, split_of
from .stats import summarize_items, topic_of
from .versions import DatasetVersion, diff_details, diff_versions, list_versions, load_version, read_manifest

__all__ = [
    "SYSTEM_PROMPT",
    "DatasetError",
    "DatasetVersion",
    "VersionExistsError",
    "check_name",
    "create_version",
    "diff_versions",
    "diff_details",
    "list_versions",
    "load_version",
    "read_manifest",
    "split_of",
    "summarize_items",
    "topic_of",
]
