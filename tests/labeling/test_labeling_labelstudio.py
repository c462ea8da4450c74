"""Label Studio JSON: export, import into a fresh database, export again: same content."""

from __future__ import annotations

import json

import pytest

from hisolver_core import labeling
from hisolver_core.config import load_settings
from hisolver_core.db import open_db
from hisolver_core.labeling import LabelingError


def _content(tasks):
    """What must survive a round trip: each task's code and its (annotator, summary) pairs."""
    return sorted(
        (
            t["data"]["code"],
            tuple(sorted((a["completed_by"]["email"], a["result"][0]["value"]["text"][0]) for a in t["annotations"])),
        )
        for t in tasks
    )


def test_round_trip_keeps_code_annotators_and_summaries(tmp_path, db, make_snippets):
    a, b, _unlabeled = make_snippets(3)
    labeling.set_labels_per_snippet(db, 2)
    labeling.save_label(db, "ada", a, "Draw a circle with radius one")
    labeling.save_label(db, "bob", a, "A circle appears\nthen stays")
    approved = labeling.save_label(db, "ada", b, "Draw a circle of radius two")
    labeling.review_label(db, approved, "approve", "grace")
    tasks = labeling.export_label_studio(db)
    assert len(tasks) == 2 and sum(len(t["annotations"]) for t in tasks) == 3
    region = tasks[0]["annotations"][0]["result"][0]
    assert (region["type"], region["from_name"], region["to_name"]) == ("textarea", "summary", "code")

    path = tmp_path / "export.json"
    labeling.write_label_studio_file(tasks, path)
    other = open_db(load_settings({"HISOLVER_DATA_DIR": str(tmp_path / "other")}, secrets_file=tmp_path / "x.toml"))
    report = labeling.import_label_studio(other, labeling.read_label_studio_file(path))
    assert (report.tasks, report.snippets_created, report.labels_saved) == (2, 2, 3)
    again = labeling.export_label_studio(other)
    assert _content(again) == _content(tasks)
    # Importing the same file again changes nothing: snippets matched, labels updated in place.
    report2 = labeling.import_label_studio(other, labeling.read_label_studio_file(path))
    assert (report2.snippets_matched, report2.snippets_created) == (2, 0)
    assert other["labels"].count == 3 and other["snippets"].count == 2
    new = dict(other.execute("SELECT dialect, render_status FROM snippets LIMIT 1").fetchall())
    assert new == {"community": "pending"}
    other.close()


def test_import_matches_known_code_and_reads_label_studio_shapes(tmp_path, db, make_snippets):
    (a,) = make_snippets(1)
    code = db["snippets"].get(a)["code"]
    export = [
        {
            "id": 7,
            "data": {"code": code},
            "annotations": [
                {
                    "id": 1,
                    "completed_by": 3,
                    "result": [
                        {
                            "type": "textarea",
                            "from_name": "summary",
                            "to_name": "code",
                            "value": {"text": ["Draw", "a circle"]},
                        },
                        {"type": "choices", "from_name": "ok", "to_name": "code", "value": {"choices": ["yes"]}},
                    ],
                },
                {"id": 2, "completed_by": 4, "was_cancelled": True, "result": []},
                {"id": 3, "completed_by": {"id": 5, "email": "eve@example.org"}, "result": []},
            ],
        },
        {"data": {"code": "from manimlib import *\nclass Old(Scene):\n    pass\n"}},  # the seed's snippet JSON
    ]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(export))
    report = labeling.import_label_studio(db, labeling.read_label_studio_file(path), status="approved")
    assert report.to_dict() == {
        "tasks": 2,
        "snippets_matched": 1,
        "snippets_created": 1,
        "labels_saved": 1,
        "annotations_skipped": 2,
        "awaiting_render": 0,
        "not_renderable": 1,
        "unmatched_tasks": ["#2"],
    }
    (label,) = db["labels"].rows
    assert (label["snippet_id"], label["annotator"], label["summary"]) == (a, "ls-user-3", "Draw\na circle")
    assert label["status"] == "approved" and label["reviewer"] == "label-studio-import"
    new = db.execute("SELECT scene_name, dialect FROM snippets WHERE id != ?", [a]).fetchone()
    assert tuple(new) == ("Old", "manimgl")


def test_import_rejects_tasks_without_code_and_non_json(tmp_path, db):
    with pytest.raises(LabelingError, match="no text in data.code"):
        labeling.import_label_studio(db, [{"id": 1, "data": {"text": "x"}}])
    bad = tmp_path / "bad.json"
    bad.write_text("not json {")
    with pytest.raises(LabelingError, match="not Label Studio JSON"):
        labeling.read_label_studio_file(bad)
    assert db["snippets"].count == 0


@pytest.mark.parametrize(
    "code, dialect",
    [
        ("from manim import *", "community"),
        ("class A(Scene:\n", "unknown"),
        ("import manim\n", "community"),
        ("from manimlib import *", "manimgl"),
        ("from manimlib.imports import *", "manimlib_old"),
        ("from big_ol_pile_of_manim_imports import *", "manimlib_old"),
        ("import numpy", "unknown"),
    ],
)
def test_guess_dialect(code, dialect):
    assert labeling.guess_dialect(code) == dialect


def test_export_filters_by_status_and_can_include_unlabeled(db, make_snippets):
    a, b, c = make_snippets(3)
    keep = labeling.save_label(db, "ada", a, "approved one")
    labeling.review_label(db, keep, "approve", "grace")
    labeling.save_label(db, "ada", b, "only submitted")
    approved = labeling.export_label_studio(db, statuses=("approved",))
    assert [(t["id"], len(t["annotations"])) for t in approved] == [(a, 1)]
    everything = labeling.export_label_studio(db, statuses=("approved",), include_unlabeled=True)
    assert [(t["id"], len(t["annotations"])) for t in everything] == [(a, 1), (b, 0), (c, 0)]


@pytest.mark.parametrize(
    "text, message",
    [
        ('[{"data": "x"}]', "'data' must be an object"),
        ('[{"data": {"code": "c"}, "annotations": ["x"]}]', "'annotations' must be a list of objects"),
        ('[{"data": {"code": "c"}, "annotations": [{"result": "x"}]}]', "'result' must be a list"),
        (
            '[{"data": {"code": "c"}, "annotations": [{"result": [{"type": "textarea", "value": [1]}]}]}]',
            "'value' must be an object",
        ),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_hostile_exports_are_clear_errors(text, message):
    from hisolver_core.labeling.labelstudio import parse_label_studio

    with pytest.raises(LabelingError, match=message):
        parse_label_studio(text)


def test_code_not_in_the_corpus_waits_for_render_check_or_is_marked_unrenderable(db, make_snippets):
    (known,) = make_snippets(1)
    community = (
        "from manim import *\n\nclass Helper:\n    pass\n\nclass Fresh(Scene):\n"
        "    def construct(self):\n        self.add(Dot())\n"
    )
    tasks = [
        {"id": 11, "data": {"code": db["snippets"].get(known)["code"]}},
        {"id": 12, "data": {"code": community}},
        {"id": 13, "data": {"code": "class NoImport(Scene):\n    def construct(self):\n        pass\n"}},
        {"id": 14, "data": {"code": "x = 1\n"}},
    ]
    report = labeling.import_label_studio(db, tasks)
    assert (report.snippets_matched, report.awaiting_render, report.not_renderable) == (1, 1, 2)
    assert report.unmatched_tasks == ("12", "13", "14")
    rows = {
        r["scene_name"]: (r["dialect"], r["render_status"])
        for r in db.query("SELECT scene_name, dialect, render_status FROM snippets WHERE id != ?", [known])
    }
    # the Scene subclass is the scene, not the first class in the file
    assert rows == {
        "Fresh": ("community", "pending"),
        "NoImport": ("unknown", "not_renderable"),
        "task_14": ("unknown", "not_renderable"),
    }
    text = report.summary()
    assert "(12, 13, 14)" in text and "1 wait for 'hisolver render-check'" in text
