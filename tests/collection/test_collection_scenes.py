"""Scene finding, dependency closure, dialects, bad input: pure functions on source text."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hisolver_core.extraction.hashing import ast_hash, code_hash, minhash
from hisolver_core.extraction.scenes import parse_source

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.py.txt").read_bytes()


def scenes(name: str) -> dict[str, str]:
    result = parse_source(fixture(name))
    assert result.error is None
    return {s.scene_name: s.code for s in result.snippets}


def test_helpers_spread_across_file_are_pulled_in_transitively_in_source_order():
    code = scenes("spread_helpers")["SquareRow"]
    ast.parse(code)  # the snippet is valid Python on its own
    for needed in ("from manim import *", "import numpy as np", "import random", "SIDE = 1.5", "PALETTE =",
                   "def make_square", "def jitter"):  # fmt: skip
        assert needed in code, needed
    assert "UNUSED_CONSTANT" not in code and "unused_helper" not in code
    assert "__main__" not in code
    assert code.index("def make_square") < code.index("class SquareRow") < code.index("def jitter")


def test_inheritance_chain_includes_local_bases_and_skips_non_scenes():
    found = scenes("inheritance")
    assert set(found) == {"CircleScene", "RedCircleScene", "ThreeD"}  # TitledScene has no construct
    red = found["RedCircleScene"]
    assert "class TitledScene(Scene)" in red and "class CircleScene(TitledScene)" in red
    assert "Unrelated" not in red
    assert "TitledScene" not in found["ThreeD"]


@pytest.mark.parametrize(
    "name, dialect",
    [("spread_helpers", "community"), ("gl_scene", "manimgl"), ("old_lib", "manimlib_old")],
)
def test_dialect_comes_from_imports(name, dialect):
    result = parse_source(fixture(name))
    assert result.dialect == dialect and result.snippets


def test_unknown_dialect_when_no_manim_import():
    result = parse_source(b"class Foo(Scene):\n    def construct(self):\n        pass\n")
    assert result.dialect == "unknown" and [s.scene_name for s in result.snippets] == ["Foo"]


@pytest.mark.parametrize(
    "data, reason",
    [
        (
            b'from manimlib.imports import *\nclass A(Scene):\n    def construct(self):\n        print "x"\n',
            "SyntaxError",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "binary"),
        (b"caf\xe9 = 1\n", "not UTF-8"),
        (b"x = " + b"(" * 5000 + b")" * 5000 + b"\n", "nested"),
        (b"# filler\n" * 300_000, "too large"),
    ],
    ids=["python2", "binary", "latin1", "deep", "huge"],
)
def test_bad_files_are_skipped_with_a_reason(data, reason):
    result = parse_source(data)
    assert result.snippets == []
    assert result.error and reason in result.error


def test_huge_but_allowed_file_still_parses_quickly():
    body = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(5000))
    src = "from manim import *\n" + body + "class Big(Scene):\n    def construct(self):\n        f4999(1)\n"
    (snippet,) = parse_source(src.encode()).snippets
    assert "def f4999" in snippet.code and "def f0(" not in snippet.code


def test_semicolon_statements_and_decorators_are_cut_exactly():
    src = (
        "from manim import *\nimport functools\nA = 1; B = 2\n\n"
        "@functools.lru_cache\ndef h():\n    return B\n\n"
        "class S(Scene):\n    def construct(self):\n        h()\n"
    )
    (snippet,) = parse_source(src.encode()).snippets
    assert "B = 2" in snippet.code and "A = 1" not in snippet.code
    assert "@functools.lru_cache\ndef h():" in snippet.code
    ast.parse(snippet.code)


def test_ast_hash_ignores_layout_comments_docstrings_but_not_code():
    a = "class A(Scene):\n    def construct(self):\n        x = 1  # c\n"
    b = 'class A(Scene):\n    def construct(self):\n        """doc"""\n        x   =   1\n'
    c = "class A(Scene):\n    def construct(self):\n        x = 2\n"
    assert ast_hash(a) == ast_hash(b) != ast_hash(c)
    assert code_hash(a) != code_hash(b)


def test_minhash_is_close_for_small_edits_and_far_for_different_code():
    a = fixture("near_dup").decode()
    b = fixture("near_dup2").decode()
    other = fixture("inheritance").decode()
    assert minhash(a).jaccard(minhash(b)) > 0.85
    assert minhash(a).jaccard(minhash(other)) < 0.3


@pytest.mark.parametrize("name", ["spread_helpers", "inheritance", "duplicate_a", "old_lib"])
def test_pipeline_hash_of_a_snippet_equals_ast_hash_of_its_code(name):
    from hisolver_core.extraction import extract_file

    out = extract_file(fixture(name))
    assert out["snippets"]
    for snippet in out["snippets"]:
        assert snippet["ast_hash"] == ast_hash(snippet["code"])
        assert snippet["code_hash"] == code_hash(snippet["code"])


@pytest.mark.parametrize(
    "a, b",
    [
        ("f(a, b)", "f((a, b))"),
        ("x = [1, [2]]", "x = [[1], 2]"),
        ("x = 1", "x = 1.0"),
        ("x = 1", "x = True"),
        ("x = 'a'", "x = b'a'"),
        ("def f(a, b=1): pass", "def f(a=1, b): pass".replace("a=1, b", "a, *, b=1")),
        ("if a:\n    b()\nc()", "if a:\n    b()\n    c()"),
        ("{a: b, **c}", "{a: b, c: c}"),
        ("class A(B):\n    def f(self): return 1", "class A(B):\n    def g(self): return 1"),
    ],
)
def test_structurally_different_code_hashes_differently(a, b):
    assert ast_hash(a) != ast_hash(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("x = (1)", "x = 1"),
        ("f(a,\n  b)  # call", "f(a, b)"),
        ('def f():\n    """doc"""\n    return 1', "def f():\n    return 1"),
        ("class A:\n    'doc'", "class A:\n    pass"),
    ],
)
def test_layout_comments_and_docstrings_do_not_change_the_hash(a, b):
    assert ast_hash(a) == ast_hash(b)


DEFAULTS = """from manim import *
import numpy as np

Triangle.set_default(stroke_width=20)
np.random.seed(7)
Square.CONFIG = {"color": RED}
print("building the scenes")
config.background_color = WHITE


class Tri(Scene):
    def construct(self):
        self.add(Triangle().shift(np.random.rand(3)))


class Circ(Scene):
    def construct(self):
        self.add(Circle())
"""


def test_module_statements_acting_on_names_the_scene_uses_are_kept_in_order():
    snippets = {s.scene_name: s.code for s in parse_source(DEFAULTS).snippets}
    tri = snippets["Tri"]
    kept = ["Triangle.set_default(stroke_width=20)", "np.random.seed(7)", "config.background_color = WHITE"]
    assert [tri.index(line) for line in kept] == sorted(tri.index(line) for line in kept)
    assert "Square.CONFIG" not in tri and "print(" not in tri  # they act on names Tri does not use
    circ = snippets["Circ"]
    assert "set_default" not in circ and "np.random.seed" not in circ
    assert "config.background_color = WHITE" in circ
    for code in snippets.values():
        ast.parse(code)


def test_a_call_keeps_what_it_needs_itself():
    source = (
        "from manim import *\nWIDTH = 12\nTriangle.set_default(stroke_width=WIDTH)\n\n"
        "class T(Scene):\n    def construct(self):\n        self.add(Triangle())\n"
    )
    (snippet,) = parse_source(source).snippets
    assert snippet.code.index("WIDTH = 12") < snippet.code.index("Triangle.set_default(stroke_width=WIDTH)")
