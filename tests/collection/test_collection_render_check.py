"""The render-check job against the real sandboxed renderer (tiny scenes; slow)."""

from __future__ import annotations

import pytest

from hisolver_core.collection import collect_local
from hisolver_core.db import open_db
from hisolver_core.extraction import extract
from hisolver_core.extraction.render_check import pending_snippets, render_check

GOOD = (
    "from manim import *\n\n\nclass Good(Scene):\n    def construct(self):\n"
    "        self.add(Square())\n        self.wait(0.2)\n"
)
BROKEN = (
    "from manim import *\n\n\nclass Broken(Scene):\n    def construct(self):\n"
    "        self.add(Square(side_length=no_such_name))\n"
)
REFUSED = (
    "from manim import *\nimport os\n\n\nclass Refused(Scene):\n    def construct(self):\n        os.system('true')\n"
)
GL = "from manimlib import *\n\n\nclass Gl(Scene):\n    def construct(self):\n        self.add(Square())\n"


@pytest.mark.slow
def test_render_check_records_status_preview_and_resumes(settings, blobs, tmp_path):
    root = tmp_path / "scenes"
    root.mkdir()
    for name, code in {"good": GOOD, "broken": BROKEN, "refused": REFUSED, "gl": GL}.items():
        (root / f"{name}.py").write_text(code)
    collect_local(settings, root)
    extract(settings, workers=1)

    result = render_check(settings, workers=2)
    assert (result.checked, result.ok, result.failed, result.rejected) == (3, 1, 1, 1), result.errors
    db = open_db(settings)
    rows = {r["scene_name"]: dict(r) for r in db.query("SELECT * FROM snippets")}
    good = rows["Good"]
    assert good["render_status"] == "ok" and blobs.exists(good["poster_key"]) and blobs.exists(good["video_key"])
    assert blobs.get(good["poster_key"]).startswith(b"\x89PNG")
    assert rows["Broken"]["render_status"] == "failed" and "no_such_name" in rows["Broken"]["render_error"]
    assert rows["Refused"]["render_status"] == "rejected" and rows["Refused"]["render_error"].startswith("policy")
    assert rows["Gl"]["render_status"] == "not_renderable"  # ManimGL is kept but never rendered here

    assert pending_snippets(db) == []
    again = render_check(settings, workers=1)
    assert again.checked == 0  # resumable: finished snippets are not rendered again
    job = db.execute("SELECT status, progress FROM jobs WHERE kind = 'render-check' ORDER BY id LIMIT 1").fetchone()
    assert job == ("succeeded", 1.0)
