"""Label Studio interchange: read its JSON exports, write the same shape back.

A task is ``{"id", "data": {"code": ...}, "annotations": [...]}``; each
annotation's ``result`` holds a text-area region whose ``value.text`` is the
summary (list of lines). That is the project shape :data:`LABEL_CONFIG`
describes, and the ``{"data": {"code": ...}}`` snippet JSON of the original
pipeline is a task without annotations.

Import matches a task to a snippet by its exact code (sha256 of the text, then
the text itself); a task whose code is not known yet becomes a new snippet
under the repository ``local:label-studio`` (dialect guessed from its imports),
so a whole Label Studio project can move in. Such a snippet is not rendered yet:
Community code with a Scene class waits as ``pending`` for ``hisolver
render-check``, anything else is ``not_renderable``; a dataset version holds
only rendered Community snippets, and the import report names those tasks.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..db import iso, now_utc, transaction
from ..errors import HiSolverError
from ..extraction.hashing import ast_hash, minhash, minhash_to_bytes
from ..extraction.scenes import detect_dialect
from ..rendering.policy import find_scenes
from .queue import LabelingError, upsert_label

__all__ = [
    "LABEL_CONFIG",
    "ImportReport",
    "export_label_studio",
    "import_label_studio",
    "read_label_studio_file",
    "parse_label_studio",
    "dumps_label_studio",
    "guess_dialect",
    "annotation_record",
    "write_label_studio_file",
]

log = logging.getLogger(__name__)

# The Label Studio labeling config of a compatible project.
LABEL_CONFIG = """<View>
  <Header value="Manim scene"/>
  <Text name="code" value="$code"/>
  <Header value="What would a student or teacher type to get this animation?"/>
  <TextArea name="summary" toName="code" rows="4" editable="true" maxSubmissions="1"/>
</View>"""

IMPORT_REPO = "local:label-studio"
_SCENE = re.compile(r"^class\s+(\w+)\s*\(", re.M)


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the CLI and the page."""

    tasks: int
    snippets_matched: int
    snippets_created: int
    labels_saved: int
    annotations_skipped: int
    awaiting_render: int = 0  # new Community snippets: in a dataset only after render-check renders them
    not_renderable: int = 0  # new snippets that are not Community code with a Scene: never in a dataset
    unmatched_tasks: tuple[str, ...] = ()  # ids of the tasks whose code was not in the corpus

    def to_dict(self) -> dict[str, Any]:
        """The counts and the unmatched task ids as a plain dict (for ``--json``)."""
        return {**self.__dict__, "unmatched_tasks": list(self.unmatched_tasks)}

    def summary(self) -> str:
        """One line for people: the counts, and what becomes of code that was not in the corpus."""
        line = (
            f"{self.tasks} tasks: {self.snippets_matched} matched, {self.snippets_created} new snippets; "
            f"{self.labels_saved} labels saved, {self.annotations_skipped} annotations skipped"
        )
        if self.unmatched_tasks:
            shown = ", ".join(self.unmatched_tasks[:10]) + (", ..." if len(self.unmatched_tasks) > 10 else "")
            line += (
                f". Tasks whose code is not in the corpus ({shown}): {self.awaiting_render} wait for "
                f"'hisolver render-check' before a dataset can hold them, {self.not_renderable} are not "
                "Manim Community scenes and never will"
            )
        return line


def guess_dialect(code: str) -> str:
    """Return community | manimgl | manimlib_old | unknown from the imports in ``code``.

    Uses the extraction pipeline's rule, so imported and collected snippets agree;
    code that does not parse is ``unknown``.
    """
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return "unknown"
    return detect_dialect(tree)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def annotation_record(label: dict, annotator_ids: dict[str, int]) -> dict[str, Any]:
    """One label as a Label Studio annotation (text-area result on the ``code`` field)."""
    return {
        "id": label["id"],
        "completed_by": {
            "id": annotator_ids.setdefault(label["annotator"], len(annotator_ids) + 1),
            "email": label["annotator"],
        },
        "result": [
            {
                "id": f"summary-{label['id']}",
                "from_name": "summary",
                "to_name": "code",
                "type": "textarea",
                "origin": "manual",
                "value": {"text": [label["summary"]]},
            }
        ],
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": label["created_at"],
        "updated_at": label["updated_at"],
        "lead_time": 0,
        "task": label["snippet_id"],
    }


def export_label_studio(
    db: Database, *, statuses: Iterable[str] = ("submitted", "approved"), include_unlabeled: bool = False
) -> list[dict[str, Any]]:
    """Return Label Studio tasks: one per snippet, with its labels in ``statuses`` as annotations.

    With ``include_unlabeled`` every queue-eligible snippet is a task, labeled or not
    (to label them in Label Studio instead).
    """
    wanted = list(statuses)
    marks = ",".join("?" * len(wanted)) or "NULL"
    labels = list(db.query(f"SELECT * FROM labels WHERE status IN ({marks}) ORDER BY snippet_id, id", wanted))
    eligible = (
        "OR (s.dialect = 'community' AND s.render_status = 'ok' AND s.is_representative = 1)"
        if include_unlabeled
        else ""
    )
    snippets = {
        r["id"]: r
        for r in db.query(
            f"SELECT s.id, s.scene_name, s.code FROM snippets s "
            f"WHERE s.id IN (SELECT snippet_id FROM labels WHERE status IN ({marks})) {eligible}",
            wanted,
        )
    }
    annotator_ids: dict[str, int] = {}
    for name in sorted({lab["annotator"] for lab in labels}):
        annotator_ids[name] = len(annotator_ids) + 1
    tasks = {
        sid: {
            "id": sid,
            "data": {"code": s["code"], "scene_name": s["scene_name"] or "", "hisolver_snippet_id": sid},
            "annotations": [],
            "predictions": [],
        }
        for sid, s in sorted(snippets.items())
    }
    for lab in labels:
        tasks[lab["snippet_id"]]["annotations"].append(annotation_record(lab, annotator_ids))
    return list(tasks.values())


def parse_label_studio(text: str, source: str = "input") -> list[dict[str, Any]]:
    """Parse a Label Studio JSON export (a list of tasks, one task, or JSON lines).

    Raises :class:`LabelingError` when ``text`` is not JSON of that shape.
    """
    try:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise LabelingError(f"{source} is not Label Studio JSON: {exc}") from exc
    except RecursionError as exc:
        raise LabelingError(f"{source} is nested too deeply to be a Label Studio export") from exc
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(t, dict) for t in data):
        raise LabelingError(f"{source} is not Label Studio JSON: expected a list of tasks")
    for n, task in enumerate(data, 1):
        _check_task(task, n, source)
    return data


def _check_task(task: dict, n: int, source: str) -> None:
    """Raise :class:`LabelingError` unless ``task`` has the shapes the importer reads."""
    where = f"{source}: task {task.get('id', n)}"
    if not isinstance(task.get("data", {}), dict):
        raise LabelingError(f"{where}: 'data' must be an object")
    annotations = task.get("annotations") or task.get("completions") or []
    if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
        raise LabelingError(f"{where}: 'annotations' must be a list of objects")
    for ann in annotations:
        result = ann.get("result") or []
        if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
            raise LabelingError(f"{where}: an annotation's 'result' must be a list of objects")
        if any(not isinstance(r.get("value", {}), dict) for r in result):
            raise LabelingError(f"{where}: a result's 'value' must be an object")


def read_label_studio_file(path: str | Path) -> list[dict[str, Any]]:
    """Read and parse a Label Studio JSON export file; raises :class:`LabelingError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelingError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    return parse_label_studio(text, str(path))


def _annotator(completed_by: Any, default: str) -> str:
    if isinstance(completed_by, dict):
        name = completed_by.get("email") or completed_by.get("username") or completed_by.get("id")
        return str(name) if name else default
    if isinstance(completed_by, int):
        return f"ls-user-{completed_by}"
    return str(completed_by).strip() if completed_by else default


def _summary(annotation: dict) -> str:
    parts: list[str] = []
    for region in annotation.get("result") or []:
        if isinstance(region, dict) and region.get("type") == "textarea":
            text = (region.get("value") or {}).get("text") or []
            parts.extend([text] if isinstance(text, str) else [str(t) for t in text])
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _snippet_for(conn, code: str, task_id: Any, stamp: str) -> tuple[int, str | None]:
    """Return (snippet id, render status if created now else None) for ``code``, creating it if new."""
    code_hash = _sha(code)
    row = conn.execute("SELECT id FROM snippets WHERE code_hash = ? ORDER BY id LIMIT 1", [code_hash]).fetchone()
    row = row or conn.execute("SELECT id FROM snippets WHERE code = ? ORDER BY id LIMIT 1", [code]).fetchone()
    if row:
        return row[0], None
    conn.execute(
        "INSERT INTO repos (full_name, source, collected_at, status) VALUES (?, 'local', ?, 'imported') "
        "ON CONFLICT(full_name) DO NOTHING",
        [IMPORT_REPO, stamp],
    )
    repo_id = conn.execute("SELECT id FROM repos WHERE full_name = ?", [IMPORT_REPO]).fetchone()[0]
    path = f"label-studio/{code_hash[:16]}.py"
    conn.execute(
        "INSERT INTO files (repo_id, path, sha256, size, collected_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(repo_id, path) DO NOTHING",
        [repo_id, path, code_hash, len(code.encode()), stamp],
    )
    file_id = conn.execute("SELECT id FROM files WHERE repo_id = ? AND path = ?", [repo_id, path]).fetchone()[0]
    scenes = find_scenes(code)
    dialect = guess_dialect(code)
    # Only Community code with a Scene class can render; the rest must never wait for a render that cannot come.
    status = "pending" if dialect == "community" and scenes else "not_renderable"
    fallback = _SCENE.search(code)
    scene_name = scenes[0] if scenes else fallback.group(1) if fallback else f"task_{task_id}"
    # The extraction pipeline's hashes, so the next clustering groups it with its twins in the corpus.
    cur = conn.execute(
        "INSERT INTO snippets (file_id, scene_name, code, dialect, code_hash, ast_hash, minhash, is_representative, "
        "render_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
        [file_id, scene_name, code, dialect, code_hash, ast_hash(code), minhash_to_bytes(minhash(code)), status, stamp],
    )
    return cur.lastrowid, status


def import_label_studio(
    db: Database,
    tasks: list[dict[str, Any]],
    *,
    status: str = "submitted",
    code_field: str = "code",
    default_annotator: str = "label-studio",
    reviewer: str = "label-studio-import",
) -> ImportReport:
    """Import Label Studio tasks and their text-area annotations in one transaction.

    Each non-cancelled annotation with text becomes (or updates) the label of
    its annotator on the task's snippet, with ``status`` (``submitted``, or
    ``approved`` to trust a reviewed project; then ``reviewer`` is recorded).
    Raises :class:`LabelingError` for a task without ``data.<code_field>``.
    """
    if status not in ("submitted", "approved"):
        raise LabelingError("imported labels are 'submitted' or 'approved'")
    stamp = iso(now_utc())
    matched = created = saved = skipped = 0
    unmatched: list[str] = []
    statuses: list[str] = []
    with transaction(db) as conn:
        for n, task in enumerate(tasks, 1):
            code = (task.get("data") or {}).get(code_field)
            if not isinstance(code, str) or not code.strip():
                raise LabelingError(f"task {task.get('id', n)} has no text in data.{code_field}")
            snippet_id, new_status = _snippet_for(conn, code, task.get("id", n), stamp)
            is_new = new_status is not None
            created, matched = created + is_new, matched + (not is_new)
            if new_status is not None:
                unmatched.append(str(task.get("id", f"#{n}")))
                statuses.append(new_status)
            for ann in task.get("annotations") or task.get("completions") or []:
                summary = _summary(ann)
                if ann.get("was_cancelled") or not summary:
                    skipped += 1
                    continue
                who = _annotator(ann.get("completed_by"), default_annotator)
                label_id = upsert_label(conn, snippet_id, who[:100], summary[:2000], status, None, stamp)
                if status == "approved":
                    conn.execute(
                        "UPDATE labels SET reviewer = COALESCE(reviewer, ?), "
                        "reviewed_at = COALESCE(reviewed_at, ?) WHERE id = ?",
                        [reviewer, stamp, label_id],
                    )
                saved += 1
    report = ImportReport(
        len(tasks),
        matched,
        created,
        saved,
        skipped,
        statuses.count("pending"),
        statuses.count("not_renderable"),
        tuple(unmatched),
    )
    log.info("Label Studio import: %s", report)
    return report


def dumps_label_studio(tasks: list[dict[str, Any]]) -> str:
    """Return ``tasks`` as the text of a Label Studio JSON export."""
    return json.dumps(tasks, ensure_ascii=False, indent=2) + "\n"


def write_label_studio_file(tasks: list[dict[str, Any]], path: str | Path) -> None:
    """Write ``tasks`` as a Label Studio JSON export to ``path``; raises :class:`HiSolverError`."""
    try:
        Path(path).write_text(dumps_label_studio(tasks), encoding="utf-8")
    except OSError as exc:
        raise HiSolverError(f"cannot write {path}: {exc.strerror or exc}") from exc
