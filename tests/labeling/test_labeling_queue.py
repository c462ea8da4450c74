"""The annotator queue: eligibility, ordering, leases, saves, skips, flags, progress."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hisolver_core import labeling
from hisolver_core.errors import NotFoundError
from hisolver_core.labeling import LabelingError

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_only_rendered_community_representatives_are_queued(db, make_snippets):
    make_snippets(1, dialect="manimgl")
    make_snippets(1, render_status="failed")
    make_snippets(1, is_representative=0)
    (good,) = make_snippets(1)
    item = labeling.next_snippet(db, "ada", now=T0)
    assert item.snippet_id == good
    assert "class Scene3(Scene)" in item.code
    labeling.save_label(db, "ada", good, "Draw a circle")
    assert labeling.next_snippet(db, "ada", now=T0) is None


def test_fewest_labels_first_and_k_limits_labels(db, make_snippets):
    a, b = make_snippets(2)
    labeling.set_labels_per_snippet(db, 2)
    labeling.save_label(db, "x", a, "grow a circle")
    assert labeling.next_snippet(db, "ada", now=T0).snippet_id == b  # b has 0 labels, a has 1
    labeling.save_label(db, "ada", b, "a circle appears")
    assert labeling.next_snippet(db, "ada", now=T0).snippet_id == a
    labeling.save_label(db, "ada", a, "a circle appears")
    assert labeling.next_snippet(db, "bob", now=T0).snippet_id == b  # a now has k = 2 labels
    labeling.save_label(db, "bob", b, "circle")
    assert labeling.next_snippet(db, "carl", now=T0) is None


def test_lease_keeps_snippet_from_others_until_it_expires(db, make_snippets):
    a, b = make_snippets(2)
    assert labeling.next_snippet(db, "ada", now=T0).snippet_id == a
    assert labeling.next_snippet(db, "ada", now=T0 + timedelta(minutes=1)).snippet_id == a  # stable on reload
    assert labeling.next_snippet(db, "bob", now=T0).snippet_id == b
    assert labeling.next_snippet(db, "carl", now=T0) is None  # both leased, k = 1
    late = T0 + timedelta(seconds=labeling.LEASE_SECONDS + 61)
    assert labeling.next_snippet(db, "carl", now=late).snippet_id == a


def test_k2_lets_two_annotators_hold_one_snippet_but_not_three(db, make_snippets):
    (a,) = make_snippets(1)
    labeling.set_labels_per_snippet(db, 2)
    assert labeling.next_snippet(db, "ada", now=T0).snippet_id == a
    assert labeling.next_snippet(db, "bob", now=T0).snippet_id == a
    assert labeling.next_snippet(db, "carl", now=T0) is None


def test_save_twice_updates_one_label_and_records_suggestion(db, make_snippets):
    (a,) = make_snippets(1)
    first = labeling.save_label(db, "ada", a, "draw a circle")
    second = labeling.save_label(db, "ada", a, "  draw a red circle  ", suggested_from="A circle is drawn.")
    assert first == second
    rows = list(db["labels"].rows)
    assert len(rows) == 1
    assert rows[0]["summary"] == "draw a red circle"
    assert rows[0]["source"] == "llm-suggested" and rows[0]["suggested_from"] == "A circle is drawn."
    assert rows[0]["status"] == "submitted"


def test_save_rejects_bad_input(db, make_snippets):
    (a,) = make_snippets(1)
    with pytest.raises(LabelingError, match="empty"):
        labeling.save_label(db, "ada", a, "   ")
    with pytest.raises(LabelingError):
        labeling.save_label(db, "", a, "text")
    with pytest.raises(NotFoundError):
        labeling.save_label(db, "ada", 9999, "text")
    with pytest.raises(LabelingError):
        labeling.set_labels_per_snippet(db, 0)


def test_skip_and_flag_leave_other_annotators_queue_alone(db, make_snippets):
    a, b = make_snippets(2)
    labeling.skip_snippet(db, "ada", a, "cannot tell what it shows")
    labeling.skip_snippet(db, "ada", b, "syntax error", flag=True)
    assert labeling.next_snippet(db, "ada", now=T0) is None
    assert labeling.next_snippet(db, "bob", now=T0).snippet_id == a
    flags = labeling.list_flags(db)
    assert [(f["snippet_id"], f["reason"]) for f in flags] == [(b, "syntax error")]
    counts = {r["annotator"]: r for r in labeling.annotator_counts(db)}
    assert counts["ada"]["skipped"] == 1 and counts["ada"]["flagged"] == 1


def test_rejected_label_reopens_the_snippet(db, make_snippets):
    (a,) = make_snippets(1)
    label_id = labeling.save_label(db, "ada", a, "circle")
    assert labeling.next_snippet(db, "bob", now=T0) is None
    labeling.review_label(db, label_id, "reject", "grace", "describes code, not the animation")
    assert labeling.next_snippet(db, "bob", now=T0).snippet_id == a


def test_progress_counts_today_and_remaining(db, make_snippets):
    a, b, c = make_snippets(3)
    labeling.save_label(db, "ada", a, "one", now=T0 - timedelta(days=1))
    labeling.save_label(db, "ada", b, "two", now=T0)
    p = labeling.progress(db, "ada", now=T0 + timedelta(hours=1))
    assert (p.labeled_today, p.labeled_total, p.remaining) == (1, 2, 1)
    assert labeling.progress(db, "bob", now=T0).remaining == 1  # a and b have their k = 1 labels


def test_suggestion_is_none_without_a_backend(settings):
    assert labeling.suggest_summary(settings, "class A(Scene): pass") is None


def test_a_save_after_the_lease_expired_is_kept_not_lost(db, make_snippets):
    (a,) = make_snippets(1)
    labeling.next_snippet(db, "ada", now=T0)
    late = T0 + timedelta(seconds=labeling.LEASE_SECONDS + 1)
    assert labeling.next_snippet(db, "bob", now=late).snippet_id == a  # ada's lease ran out
    labeling.save_label(db, "bob", a, "a circle", now=late)
    labeling.save_label(db, "ada", a, "draw a circle", now=late)  # ada was slow: still saved
    assert sorted(r["annotator"] for r in db["labels"].rows) == ["ada", "bob"]
    assert labeling.next_snippet(db, "carl", now=late) is None
