"""Corpus counts are true: exact duplicates, and duplicates that are never rendered."""

from __future__ import annotations

from hisolver_core import labeling
from hisolver_core.extraction.clusters import assign_clusters
from hisolver_core.extraction.hashing import ast_hash
from hisolver_core.extraction.stats import SnippetFilter, count_table, search_snippets, snippet_stats
from tests.conftest import insert_snippets


def test_exact_duplicates_do_not_count_snippets_without_an_ast_hash(db):
    first, twin, other = insert_snippets(db, 3)
    insert_snippets(db, 2, start=3, ast_hash=None, repo="local:label-studio")  # imported before hashes were kept
    with db.conn:
        db.execute("UPDATE snippets SET ast_hash = 'same' WHERE id IN (?, ?)", [first, twin])
        db.execute("UPDATE snippets SET ast_hash = 'other' WHERE id = ?", [other])
    assert snippet_stats(db)["exact_duplicates"] == 1


def test_duplicates_show_as_duplicate_not_pending(db):
    rep, dup = insert_snippets(db, 2, render_status="pending")
    with db.conn:
        db.execute("UPDATE snippets SET is_representative = 0 WHERE id = ?", [dup])
    stats = snippet_stats(db)
    assert (stats["by_render_status"]["pending"], stats["by_render_status"]["duplicate"]) == (1, 1)
    assert {(r["render_status"], r["count"]) for r in count_table(db)} == {("pending", 1), ("duplicate", 1)}
    _, rows = search_snippets(db, SnippetFilter(duplicates="duplicates"))
    assert [(r["id"], r["render_status"]) for r in rows] == [(dup, "duplicate")]
    total, _ = search_snippets(db, SnippetFilter(duplicates="all", render_statuses=("pending",)))
    assert total == 1


def test_an_imported_snippet_clusters_with_its_twin_in_the_corpus(db):
    (known,) = insert_snippets(db, 1)
    code = db["snippets"].get(known)["code"]
    twin = code.replace("class Scene0(Scene):", "class Scene0(Scene):  # reformatted in Label Studio")
    labeling.import_label_studio(db, [{"id": 5, "data": {"code": twin}}])
    with db.conn:
        db.execute("UPDATE snippets SET ast_hash = ? WHERE id = ?", [ast_hash(code), known])
    new = db.execute("SELECT id, ast_hash FROM snippets WHERE id != ?", [known]).fetchone()
    assert new[1] == ast_hash(code)  # comments aside, the same code: the same hash as extraction's
    assert assign_clusters(db) == (1, 1)
    assert snippet_stats(db)["exact_duplicates"] == 1
