"""The maintainer pipeline end to end, through the library and the CLI, in a private data folder.

local import -> extract -> render-check (one snippet renders, one fails) -> an annotator labels
-> a maintainer approves one label and rejects another -> dataset version -> load_version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hisolver_core import labeling
from hisolver_core.blobs import open_blob_store
from hisolver_core.cli import main as cli
from hisolver_core.collection import collect_local
from hisolver_core.datasets import create_version, load_version, split_of
from hisolver_core.db import open_db
from hisolver_core.extraction import extract
from hisolver_core.extraction.render_check import render_check
from hisolver_core.jobs import list_jobs

pytestmark = pytest.mark.slow

GOOD = """from manim import *

RADIUS = 0.5


class GrowDot(Scene):
    def construct(self):
        self.play(GrowFromCenter(Dot(radius=RADIUS)), run_time=0.2)
"""
BROKEN = """from manim import *


class Broken(Scene):
    def construct(self):
        self.play(Create(no_such_mobject), run_time=0.2)
"""
MANIMGL = "from manimlib import *\n\n\nclass GL(Scene):\n    def construct(self):\n        self.wait()\n"
PY2 = 'from manimlib.imports import *\n\nclass Old(Scene):\n    def construct(self):\n        print "hi"\n'
SUMMARY = "Grow a small dot from the centre of the screen"


def write_project(root: Path) -> Path:
    (root / "scenes").mkdir(parents=True)
    (root / "scenes" / "good.py").write_text(GOOD)
    (root / "scenes" / "broken.py").write_text(BROKEN)
    (root / "gl.py").write_text(MANIMGL)
    (root / "old.py").write_text(PY2)
    (root / "notes.txt").write_text("not python")
    return root


def cli_json(settings, *args: str) -> dict:
    result = CliRunner().invoke(cli, list(args), env={"HISOLVER_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 0, result.output
    return json.loads(result.output.strip().splitlines()[-1])


def test_folder_to_dataset_version(settings, tmp_path):
    src = write_project(tmp_path / "mathviz")

    collected = collect_local(settings, src, name="mathviz")
    assert collected.files == 4  # .py only
    extracted = extract(settings, workers=1)
    assert (extracted.snippets_total, extracted.files_failed) == (3, 1)

    checked = render_check(settings, workers=2)
    assert (checked.checked, checked.ok, checked.failed) == (2, 1, 1)
    stats = cli_json(settings, "stats", "--json")
    assert stats["by_dialect"]["community"] == 2 and stats["by_dialect"]["manimgl"] == 1
    assert stats["by_render_status"]["ok"] == 1 and stats["by_render_status"]["failed"] == 1
    assert stats["files_unparsable"] == 1

    db = open_db(settings)
    try:
        jobs = {j["kind"]: j["status"] for j in list_jobs(db)}
        assert jobs == {"collect": "succeeded", "extract": "succeeded", "render-check": "succeeded"}

        labeling.set_labels_per_snippet(db, 2)
        item = labeling.next_snippet(db, "ada")  # only the snippet that rendered is offered
        assert item is not None and item.scene_name == "GrowDot" and item.video_key
        assert open_blob_store(settings).get(item.video_key)[4:8] == b"ftyp"  # a real MP4 came out of the sandbox
        ada = labeling.save_label(db, "ada", item.snippet_id, SUMMARY)
        assert labeling.next_snippet(db, "ada") is None
        bob_item = labeling.next_snippet(db, "bob")
        assert bob_item.snippet_id == item.snippet_id
        bob = labeling.save_label(db, "bob", bob_item.snippet_id, "a dot")
        labeling.review_label(db, ada, "approve", "grace")
        labeling.review_label(db, bob, "reject", "grace", "too vague")
        code_hash = db["snippets"].get(item.snippet_id)["code_hash"]
    finally:
        db.close()

    manifest = create_version(settings, "v1", approved_only=True, val_fraction=0.5, created_by="grace")
    assert manifest["counts"]["labels"] == 1
    version = load_version(settings, "v1")
    expected = split_of(code_hash, 0.5)
    other = "train" if expected == "val" else "val"
    rows = list(version.rows(expected))
    assert list(version.rows(other)) == []
    assert len(rows) == 1
    roles = [m["role"] for m in rows[0]["messages"]]
    assert roles == ["system", "user", "assistant"]
    assert rows[0]["messages"][1]["content"] == SUMMARY
    assert "class GrowDot(Scene)" in rows[0]["messages"][2]["content"]
    assert "RADIUS = 0.5" in rows[0]["messages"][2]["content"]  # the module constant came along
    shown = cli_json(settings, "dataset", "show", "v1", "--json")
    assert shown["content_hash"] == version.content_hash
