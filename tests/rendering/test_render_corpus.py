"""The fixture corpus of Community scenes passes the safety check and renders in the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from hisolver_core.errors import RenderError
from hisolver_core.rendering import Renderer, check_code, find_scenes

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
BROKEN = "broken_on_purpose.py"
SCENES = [(p.name, s) for p in sorted(CORPUS.glob("*.py")) for s in find_scenes(p.read_text())]


def test_the_corpus_covers_what_was_refused_or_broken() -> None:
    text = "\n".join(p.read_text() for p in CORPUS.glob("*.py"))
    for needle in (
        "ImageMobject(np.uint8",
        "manim.__version__",
        "self._count",
        "import networkx",
        ".set_default(",
        "ZoomedScene",
        "Typst(",
        "from scipy",
        "manimpango",
        "code = ",
    ):
        assert needle in text, needle
    assert len(SCENES) >= 10


@pytest.mark.parametrize("name", sorted({name for name, _ in SCENES}))
def test_every_corpus_file_passes_the_safety_check(name: str) -> None:
    check_code((CORPUS / name).read_text())


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    from hisolver_core.config import load_settings

    root = tmp_path_factory.mktemp("corpus")
    settings = load_settings({"HISOLVER_DATA_DIR": str(root / "data")}, secrets_file=root / "none.toml")
    with Renderer(settings, workers=1) as r:
        yield r


@pytest.mark.slow
@pytest.mark.parametrize("name, scene", SCENES)
def test_every_corpus_scene_renders_in_the_sandbox(renderer: Renderer, name: str, scene: str) -> None:
    code = (CORPUS / name).read_text()
    if name == BROKEN:
        with pytest.raises(RenderError, match=r"line 8: AttributeError"):
            renderer.render(code, scene)
        return
    result = renderer.render(code, scene)
    assert (result.width, result.height) == (854, 480) and result.duration_s > 0
