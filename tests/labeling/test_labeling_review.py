"""Review decisions, per-annotator counts and agreement scores."""

from __future__ import annotations

import pytest

from hisolver_core import labeling
from hisolver_core.errors import NotFoundError
from hisolver_core.labeling import LabelingError


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("Draw a circle", "draw a CIRCLE", 1.0),
        ("turn a circle into a square", "a circle turns into a square", 4 / 6),
        ("plot a parabola", "write the title", 0.0),
        ("", "", 1.0),
    ],
)
def test_similarity_is_word_set_jaccard(a, b, expected):
    assert labeling.similarity(a, b) == pytest.approx(expected)


def test_review_sets_status_reviewer_and_note(db, make_snippets):
    (a,) = make_snippets(1)
    label_id = labeling.save_label(db, "ada", a, "draw a circle")
    row = labeling.review_label(db, label_id, "approve", "grace", "good")
    assert (row["status"], row["reviewer"], row["review_note"]) == ("approved", "grace", "good")
    assert row["reviewed_at"]
    with pytest.raises(LabelingError):
        labeling.review_label(db, label_id, "maybe", "grace")
    with pytest.raises(LabelingError):
        labeling.review_label(db, label_id, "approve", " ")
    with pytest.raises(NotFoundError):
        labeling.review_label(db, 999, "approve", "grace")
    # Editing an approved label sends it back for review.
    labeling.save_label(db, "ada", a, "draw a blue circle")
    assert db["labels"].get(label_id)["status"] == "submitted"
    assert db["labels"].get(label_id)["reviewer"] is None


def test_counts_and_list_filters(db, make_snippets):
    a, b, c = make_snippets(3)
    ids = [labeling.save_label(db, "ada", s, f"label {s}") for s in (a, b)]
    labeling.save_label(db, "bob", c, "label c")
    labeling.review_label(db, ids[0], "approve", "grace")
    labeling.review_label(db, ids[1], "reject", "grace")
    counts = {r["annotator"]: r for r in labeling.annotator_counts(db)}
    assert (counts["ada"]["approved"], counts["ada"]["rejected"], counts["ada"]["total"]) == (1, 1, 2)
    assert counts["bob"]["submitted"] == 1
    assert [r["id"] for r in labeling.list_labels(db, status="approved")] == [ids[0]]
    assert {r["annotator"] for r in labeling.list_labels(db, annotator="bob")} == {"bob"}


def test_agreement_lists_multi_label_snippets_least_agreement_first(db, make_snippets):
    a, b, c = make_snippets(3)
    labeling.set_labels_per_snippet(db, 2)
    labeling.save_label(db, "ada", a, "draw a circle")
    labeling.save_label(db, "bob", a, "draw a circle slowly")
    labeling.save_label(db, "ada", b, "plot the parabola")
    labeling.save_label(db, "bob", b, "write a title")
    labeling.save_label(db, "ada", c, "only one label")
    rows = labeling.agreement(db)
    assert [r.snippet_id for r in rows] == [b, a]
    assert rows[0].score == 0.0 and rows[1].score == pytest.approx(0.75)
    assert [lab["annotator"] for lab in rows[1].labels] == ["ada", "bob"]


def test_resaving_the_same_summary_keeps_the_review(db, make_snippets):
    (a,) = make_snippets(1)
    label_id = labeling.save_label(db, "ada", a, "draw a circle")
    labeling.review_label(db, label_id, "approve", "grace")
    labeling.save_label(db, "ada", a, "draw a circle ")  # a double submit after review
    row = db["labels"].get(label_id)
    assert (row["status"], row["reviewer"]) == ("approved", "grace")
