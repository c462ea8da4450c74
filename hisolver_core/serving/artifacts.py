"""Where a served model's weights come from: a registered model's blobs, a folder, or ``gs://``.

A registered model keeps ``models/<run>/adapter/`` (a peft adapter plus tokenizer, loaded on top
of the row's ``base_model``) and optionally ``models/<run>/merged/`` (a standalone transformers
folder). Blobs are copied once into ``data_dir/cache/models/<name>/`` (written to a temporary
folder, then renamed, so a half-copied model is never used).
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..blobs import BlobStore
from ..config import Settings
from ..errors import HiSolverError

__all__ = ["ServeError", "ModelFiles", "fetch_registered", "from_storage_uri", "check_files", "resolve_model_files"]

log = logging.getLogger(__name__)


class ServeError(HiSolverError):
    """A model cannot be served (missing or unreadable artifacts); the message says what to fix."""


@dataclass(frozen=True)
class ModelFiles:
    """Local folders of one model: ``model_path`` (config.json) and an optional peft ``adapter_path``."""

    name: str
    model_path: str  # a folder, or a Hugging Face id when only the adapter is local
    adapter_path: str | None = None

    @property
    def model_is_folder(self) -> bool:
        """True when ``model_path`` is a local folder (the local backend needs one)."""
        return (Path(self.model_path) / "config.json").is_file()


def _copy_prefix(blobs: BlobStore, prefix: str, dest: Path) -> None:
    """Copy every blob under ``prefix`` into ``dest`` atomically; raises :class:`ServeError`."""
    if (dest / ".complete").is_file():
        return  # copied before; blobs under a run never change
    keys = list(blobs.list(prefix))
    if not keys:
        raise ServeError(f"the artifact {prefix} is empty or cannot be read from {blobs.describe()}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=dest.name + ".", dir=dest.parent))
    try:
        for key in keys:
            target = tmp / key[len(prefix) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blobs.get(key))
        (tmp / ".complete").write_text("ok")
        shutil.rmtree(dest, ignore_errors=True)
        tmp.rename(dest)
    except HiSolverError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ServeError(f"the artifact {prefix} cannot be read: {exc}") from exc
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ServeError(f"cannot copy {prefix} to {dest}: {exc.strerror or exc}") from exc


def _adapter_base(adapter: Path, base_model: str | None) -> str:
    if base_model:
        return base_model
    config = json.loads((adapter / "adapter_config.json").read_text())
    base = config.get("base_model_name_or_path")
    if not base:
        raise ServeError(f"{adapter} is an adapter without base_model_name_or_path: pass --base-model")
    return str(base)


def fetch_registered(settings: Settings, blobs: BlobStore, model: dict[str, Any]) -> ModelFiles:
    """Return local folders for registered ``model`` (a registry row), copying its blobs if needed.

    A merged model is preferred (standalone); otherwise the adapter on top of ``base_model``.
    Raises :class:`ServeError` when the artifacts are missing or unreadable.
    """
    artifacts = model.get("artifacts") or {}
    root = Path(settings.data_dir) / "cache" / "models" / model["name"]
    if artifacts.get("merged"):
        _copy_prefix(blobs, artifacts["merged"], root / "merged")
        return check_files(ModelFiles(model["name"], str(root / "merged")))
    if artifacts.get("adapter"):
        _copy_prefix(blobs, artifacts["adapter"], root / "adapter")
        return check_files(ModelFiles(model["name"], model.get("base_model") or "", str(root / "adapter")))
    raise ServeError(f"{model['name']} has neither an adapter nor a merged artifact: it cannot be served")


def _files_in(folder: Path, name: str, base_model: str | None) -> ModelFiles:
    if (folder / "merged" / "config.json").is_file():
        return ModelFiles(name, str(folder / "merged"))
    if (folder / "adapter" / "adapter_config.json").is_file():
        return ModelFiles(name, _adapter_base(folder / "adapter", base_model), str(folder / "adapter"))
    if (folder / "adapter_config.json").is_file():
        return ModelFiles(name, _adapter_base(folder, base_model), str(folder))
    if (folder / "config.json").is_file():
        return ModelFiles(name, str(folder))
    raise ServeError(
        f"{folder} holds no model: expected merged/config.json, adapter/adapter_config.json, "
        "adapter_config.json or config.json"
    )


def from_storage_uri(settings: Settings, uri: str, name: str = "", base_model: str | None = None) -> ModelFiles:
    """Return local folders for ``uri`` (``AIP_STORAGE_URI``: ``gs://bucket/path`` or a folder).

    Raises :class:`ServeError` when nothing loadable is there.
    """
    name = name or uri.rstrip("/").rsplit("/", 1)[-1] or "model"
    if uri.startswith("gs://"):
        from ..blobs.gcs import GCSBlobStore

        bucket, _, path = uri[len("gs://") :].partition("/")
        store = GCSBlobStore(bucket, project=settings.gcs_project, credentials_file=settings.gcs_credentials_file)
        dest = Path(settings.data_dir) / "cache" / "models" / f"uri-{name}"
        _copy_prefix(store, path.strip("/") + "/" if path.strip("/") else "", dest)
        return check_files(_files_in(dest, name, base_model))
    folder = Path(uri).expanduser()
    if not folder.is_dir():
        raise ServeError(f"the model folder {folder} does not exist")
    return check_files(_files_in(folder, name, base_model))


def check_files(files: ModelFiles) -> ModelFiles:
    """Return ``files`` when they look loadable; raises :class:`ServeError` with what is missing.

    A Hugging Face id as the base is accepted here (transformers resolves it); folders must hold
    their config files.
    """
    model = Path(files.model_path)
    looks_like_folder = files.model_path.startswith(("/", ".", "~")) or model.exists()
    if not files.model_path:
        raise ServeError(f"{files.name} names no base model for its adapter")
    if looks_like_folder and not (model / "config.json").is_file():
        raise ServeError(f"no model at {model}: the folder needs a config.json (is the base model copied here?)")
    if files.adapter_path and not (Path(files.adapter_path) / "adapter_config.json").is_file():
        raise ServeError(f"no peft adapter at {files.adapter_path} (adapter_config.json missing)")
    return files


def resolve_model_files(
    settings: Settings, name: str | None = None, uri: str | None = None, base_model: str | None = None
) -> ModelFiles:
    """Return the folders to serve: registered model ``name``, else ``uri`` (a folder or ``gs://``).

    Raises :class:`ServeError` when neither is given or nothing loadable is there, and
    :class:`~hisolver_core.models.ModelNotFound` for an unknown name.
    """
    if name:
        from ..blobs import open_blob_store
        from ..db import open_db
        from ..models import get_model

        db = open_db(settings)
        try:
            model = get_model(db, name)
        finally:
            db.close()
        return fetch_registered(settings, open_blob_store(settings), model)
    if uri:
        return from_storage_uri(settings, uri, base_model=base_model)
    raise ServeError("name a registered model (hisolver model list) or a model folder / gs:// URI (AIP_STORAGE_URI)")
