"""Fixtures for labeling tests: snippets inserted directly (with their repo and file rows)."""

from __future__ import annotations

import hashlib

import pytest

CODE = '''from manim import *


class {name}(Scene):
    def construct(self):
        self.play(Create(Circle(radius={n})))
'''


def insert_snippets(db, count: int, *, start: int = 0, repo: str = "local:test", **overrides) -> list[int]:
    """Insert ``count`` queue-eligible snippets (override any column); return their ids."""
    with db.conn:
        db.execute("INSERT OR IGNORE INTO repos (full_name, source) VALUES (?, 'local')", [repo])
    repo_id = db.execute("SELECT id FROM repos WHERE full_name = ?", [repo]).fetchone()[0]
    ids = []
    for n in range(start, start + count):
        file_id = db["files"].insert({"repo_id": repo_id, "path": f"scenes/s{n}.py"}, pk="id").last_pk
        code = CODE.format(name=f"Scene{n}", n=n + 1)
        row = {
            "file_id": file_id, "scene_name": f"Scene{n}", "code": code, "dialect": "community",
            "code_hash": hashlib.sha256(code.encode()).hexdigest(), "is_representative": 1,
            "render_status": "ok", "video_key": None, "poster_key": None,
        }
        row.update(overrides)
        ids.append(db["snippets"].insert(row, pk="id").last_pk)
    return ids


@pytest.fixture
def make_snippets(db):
    """Call ``make_snippets(count, **columns)`` to add snippets to the test database."""
    counter = {"next": 0}

    def make(count: int = 1, **overrides) -> list[int]:
        ids = insert_snippets(db, count, start=counter["next"], **overrides)
        counter["next"] += count
        return ids

    return make
