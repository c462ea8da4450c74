"""Re-importing an unchanged folder keeps what extraction learned about its files."""

from __future__ import annotations

from pathlib import Path

from hisolver_core.collection import collect_local
from hisolver_core.db import open_db
from hisolver_core.extraction import extract
from hisolver_core.extraction.stats import snippet_stats

PY2 = 'from manimlib.imports import *\n\nclass Old(Scene):\n    def construct(self):\n        print "hi"\n'
CE = "from manim import *\n\n\nclass Ok(Scene):\n    def construct(self):\n        self.add(Dot())\n"


def _unparsable(settings) -> list[tuple[str, str | None]]:
    db = open_db(settings)
    try:
        return [(r["path"], r["parse_error"]) for r in db.query("SELECT path, parse_error FROM files ORDER BY path")]
    finally:
        db.close()


def test_reimport_of_unchanged_files_keeps_their_parse_error(settings, tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "old.py").write_text(PY2)
    (src / "ok.py").write_text(CE)
    collect_local(settings, src, name="demo")
    extract(settings, workers=1)
    before = dict(_unparsable(settings))
    assert before["ok.py"] is None and "Python 2" in before["old.py"]

    collect_local(settings, src, name="demo")  # same content again: nothing new to extract
    assert extract(settings, workers=1).files == 0
    assert dict(_unparsable(settings)) == before
    db = open_db(settings)
    try:
        assert snippet_stats(db)["files_unparsable"] == 1
    finally:
        db.close()


def test_reimport_of_a_fixed_file_clears_its_parse_error(settings, tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "old.py").write_text(PY2)
    collect_local(settings, src, name="demo")
    extract(settings, workers=1)
    (src / "old.py").write_text(PY2.replace('print "hi"', 'print("hi")'))
    collect_local(settings, src, name="demo")
    extract(settings, workers=1)
    assert dict(_unparsable(settings)) == {"old.py": None}
