"""After a kill: orphan .part blobs, temporary folders and 'running' job rows are cleaned by the next run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from hisolver_core.collection import collect_local
from hisolver_core.collection.cleanup import PART_AGE_S, clean_leftovers, temp_prefix
from hisolver_core.jobs import get_job, start_job

SCENE = "from manim import *\n\nclass A(Scene):\n    def construct(self):\n        self.add(Dot())\n"


def _old(path: Path, age: float = PART_AGE_S + 60) -> Path:
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_runs_leftovers_are_cleaned_and_live_ones_kept(settings, db, tmp_path):
    raw = settings.blob_dir / "raw" / "local" / "x"
    raw.mkdir(parents=True)
    orphan = raw / ".scene.py.abc123.part"
    orphan.write_bytes(b"half")
    _old(orphan)
    writing = raw / ".other.py.def456.part"  # a write in progress right now
    writing.write_bytes(b"half")
    blob = raw / "scene.py"
    blob.write_text(SCENE)
    _old(blob)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    dead = tmp / f"hisolver-collect-{_dead_pid()}-abc"
    (dead / "sub").mkdir(parents=True)
    mine = tmp / (temp_prefix("render") + "xyz")
    mine.mkdir()
    unrelated = tmp / "someone-else-123-"
    unrelated.mkdir()
    job = start_job(db, "collect", {})
    with db.conn:
        db.execute("UPDATE jobs SET pid = ? WHERE id = ?", [_dead_pid(), job])

    found = clean_leftovers(settings, db, tmp_dir=tmp)
    assert (found.part_files, found.temp_dirs, found.lost_jobs) == (1, 1, (job,))
    assert not orphan.exists() and writing.exists() and blob.exists()
    assert not dead.exists() and mine.exists() and unrelated.exists()
    assert get_job(db, job)["status"] == "failed"


def test_the_next_collect_run_cleans_first(settings, db, tmp_path):
    raw = settings.blob_dir / "raw"
    raw.mkdir(parents=True)
    orphan = raw / ".killed.part"
    orphan.write_bytes(b"x")
    _old(orphan)
    job = start_job(db, "collect", {})
    with db.conn:
        db.execute("UPDATE jobs SET pid = ? WHERE id = ?", [_dead_pid(), job])
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.py").write_text(SCENE)
    collect_local(settings, source)
    assert not orphan.exists()
    assert get_job(db, job)["status"] == "failed"
