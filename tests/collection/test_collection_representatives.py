"""A cluster's representative is a member that renders: chosen so, and re-chosen after render-check."""

from __future__ import annotations

import pytest

from hisolver_core.collection import collect_local
from hisolver_core.db import open_db
from hisolver_core.extraction import extract
from hisolver_core.extraction.clusters import assign_clusters, rechoose_representatives
from hisolver_core.extraction.render_check import render_check
from tests.conftest import insert_snippets


def _reps(db) -> dict[int, int]:
    return {cid: sid for cid, sid in db.execute("SELECT cluster_id, id FROM snippets WHERE is_representative = 1")}


def test_a_failed_representative_hands_its_place_to_an_untried_twin(db):
    failed, twin, other = insert_snippets(db, 3, render_status="pending", is_representative=0)
    with db.conn:
        db.execute("UPDATE snippets SET cluster_id = ? WHERE id IN (?, ?)", [failed, failed, twin])
        db.execute("UPDATE snippets SET cluster_id = ?, is_representative = 1 WHERE id = ?", [other, other])
        db.execute("UPDATE snippets SET is_representative = 1, render_status = 'failed' WHERE id = ?", [failed])
    assert rechoose_representatives(db) == 1
    assert _reps(db) == {failed: twin, other: other}
    assert rechoose_representatives(db) == 0  # nothing failed is representative any more


def test_clustering_prefers_a_member_that_rendered(db):
    ids = insert_snippets(db, 3, render_status="pending")
    code = db["snippets"].get(ids[0])["code"]
    with db.conn:  # three exact twins: the first failed, the second rendered
        db.execute("UPDATE snippets SET ast_hash = 'same', code = ?", [code])
        db.execute("UPDATE snippets SET render_status = 'failed' WHERE id = ?", [ids[0]])
        db.execute("UPDATE snippets SET render_status = 'ok' WHERE id = ?", [ids[1]])
    assert assign_clusters(db) == (1, 2)
    assert _reps(db) == {ids[0]: ids[1]}


def _scene(name: str, side: str) -> str:
    lines = "".join(
        f"        self.add(Square(side_length={side if k == 7 else 1}).shift({k} * 0.1 * UP))\n" for k in range(16)
    )
    return f"from manim import *\n\n\nclass {name}(Scene):\n    def construct(self):\n{lines}"


@pytest.mark.slow
def test_render_check_renders_the_twin_when_the_representative_fails(settings, tmp_path):
    root = tmp_path / "scenes"
    root.mkdir()
    (root / "a_broken.py").write_text(_scene("Rows", "no_such_name"))  # collected first: the smaller id
    (root / "b_good.py").write_text(_scene("Rows", "1"))
    collect_local(settings, root)
    extract(settings, workers=1)
    db = open_db(settings)
    (cluster,) = {r[0] for r in db.execute("SELECT cluster_id FROM snippets")}  # near duplicates: one cluster
    result = render_check(settings, workers=1)
    assert (result.checked, result.ok, result.failed, result.rechosen) == (2, 1, 1, 1)
    rep = db.execute("SELECT render_status FROM snippets WHERE is_representative = 1").fetchall()
    assert rep == [("ok",)]  # so the cluster reaches the label queue
