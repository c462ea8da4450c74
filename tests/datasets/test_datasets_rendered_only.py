"""A dataset version holds only Manim Community snippets that rendered; the manifest says so per row."""

from __future__ import annotations

import pytest

from hisolver_core import datasets, labeling
from hisolver_core.datasets import DatasetError

FRESH = "from manim import *\n\nclass Fresh(Scene):\n    def construct(self):\n        self.add(Dot())\n"
NO_IMPORT = "class NoImport(Scene):\n    def construct(self):\n        pass\n"
GL = "from manimlib import *\n\nclass Old(Scene):\n    def construct(self):\n        pass\n"


def _task(task_id: int, code: str, summary: str) -> dict:
    return {
        "id": task_id,
        "data": {"code": code},
        "annotations": [
            {
                "completed_by": {"email": "ls@example.org"},
                "result": [{"type": "textarea", "value": {"text": [summary]}}],
            }
        ],
    }


def test_a_dataset_after_a_label_studio_import_holds_only_rendered_community_snippets(settings, db, make_snippets):
    (rendered,) = make_snippets(1)
    (failed,) = make_snippets(1, render_status="failed")
    labeling.save_label(db, "ada", rendered, "Draw a small circle")
    labeling.save_label(db, "ada", failed, "Draw a broken circle")
    report = labeling.import_label_studio(
        db, [_task(1, FRESH, "Show a dot"), _task(2, NO_IMPORT, "Nothing"), _task(3, GL, "Old dialect")]
    )
    assert report.snippets_created == 3 and report.labels_saved == 3

    manifest = datasets.create_version(settings, "v1", db=db)
    assert [i["snippet_id"] for i in manifest["items"]] == [rendered]
    assert {(i["dialect"], i["render_status"]) for i in manifest["items"]} == {("community", "ok")}
    assert manifest["left_out_not_rendered"] == 4
    version = datasets.load_version(settings, "v1")
    codes = [row["messages"][2]["content"] for row in [*version.iter_train(), *version.iter_val()]]
    assert codes == [db["snippets"].get(rendered)["code"]]

    # render-check renders the imported Community scene: the next version holds it too.
    fresh = db.execute("SELECT id, render_status FROM snippets WHERE scene_name = 'Fresh'").fetchone()
    assert fresh[1] == "pending"
    with db.conn:
        db.execute("UPDATE snippets SET render_status = 'ok' WHERE id = ?", [fresh[0]])
    again = datasets.create_version(settings, "v2", db=db)
    assert sorted(i["snippet_id"] for i in again["items"]) == sorted([rendered, fresh[0]])
    assert again["left_out_not_rendered"] == 3


def test_nothing_rendered_yet_says_what_to_run(settings, db, make_snippets):
    (pending,) = make_snippets(1, render_status="pending")
    labeling.save_label(db, "ada", pending, "Draw a circle")
    with pytest.raises(DatasetError, match="1 labels are on snippets that are not rendered.*render-check"):
        datasets.create_version(settings, "v1", db=db)
    assert db["dataset_versions"].count == 0
