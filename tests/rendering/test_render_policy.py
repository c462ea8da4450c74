"""The static check: a hostile corpus is refused, ordinary Manim code passes."""

from __future__ import annotations

import pytest

from hisolver_core.errors import RenderError
from hisolver_core.rendering import check_code
from hisolver_core.rendering.policy import find_scenes

SCENE = "\nclass Evil(Scene):\n    def construct(self):\n        self.add(Square())\n"

# Each entry is module-level code placed before a harmless scene.
HOSTILE = {
    "import_os": "import os\nos.system('touch /tmp/pwned')",
    "from_os": "from os import system\nsystem('id')",
    "subprocess": "import subprocess\nsubprocess.run(['id'])",
    "socket": "import socket\nsocket.create_connection(('127.0.0.1', 80))",
    "urllib": "import urllib.request\nurllib.request.urlopen('http://127.0.0.1')",
    "dunder_import": "__import__('os').system('id')",
    "importlib": "import importlib\nimportlib.import_module('os')",
    "open_read": "data = open('/etc/passwd').read()",
    "open_write": "open('/tmp/pwned', 'w').write('x')",
    "exec": "exec('import os')",
    "eval": "eval('1 + 1')",
    "compile": "compile('1', 'f', 'exec')",
    "getattr_dunder": "getattr(Square(), '__class__')",
    "subclasses": "().__class__.__bases__[0].__subclasses__()",
    "builtins_name": "__builtins__['open']('/etc/passwd')",
    "globals": "globals()['__builtins__']",
    "np_load": "np.load('/etc/passwd')",
    "np_save": "np.save('/tmp/pwned.npy', np.zeros(3))",
    "np_fromfile": "np.fromfile('/etc/passwd')",
    "np_lib": "np.lib.npyio.loadtxt('/etc/passwd')",
    "np_ctypeslib": "from numpy import ctypeslib",
    "sys_modules": "import sys\nsys.modules['os'].system('id')",
    "shutil": "import shutil\nshutil.rmtree('/work')",
    "ctypes": "import ctypes\nctypes.CDLL(None).system(b'id')",
    "pathlib": "from pathlib import Path\nPath('/tmp/pwned').write_text('x')",
    "pickle": "import pickle\npickle.loads(b'cos\\nsystem\\n')",
    "func_globals": "f = lambda: 0\ng = f.__globals__",
    "obj_dict": "d = Square().__dict__",
    "code_object": "c = (lambda: 0).__code__",
    "manim_file_ops": "import manim.utils.file_ops",
    "from_manim_file_ops": "from manim.utils import file_ops",
    "manim_attr_file_ops": "utils.file_ops.open_file('/etc/passwd')",
    "tex_input": "t = MathTex(r'\\input{/etc/passwd}')",
    "tex_write18": "t = Tex(r'\\immediate\\write18{touch /tmp/pwned}')",
    "breakpoint": "breakpoint()",
    "vars": "v = vars(Square())",
    "multiprocessing": "import multiprocessing",
    "threading": "import threading",
    "relative_import": "from . import secrets",
    "format_dunder": "s = '{0.__class__.__subclasses__}'.format(1)",
    "file_writer": "class S2(Scene):\n    def construct(self):\n        self.renderer.file_writer.movie_file_path",
    "media_dir": "config.media_dir = '/work'",
    "private_attr": "import random\nrandom._os.system('id')",
    "typing_sys": "typing.sys.modules",
    "global_stmt": "def f():\n    global Scene\n    Scene = None",
    "setattr": "setattr(np, 'x', 1)",
    "input": "input()",
    "string_formatter": "import string\nstring.Formatter().get_field('0.__cl' + 'ass__', [1], {})",
    "module_reexport": "g = typing.types.FunctionType",
    "manim_commands": "utils.commands.capture(['id'])",
    "manim_commands_import": "from manim.utils.commands import capture",
    "manim_module_ops": "from manim.utils import module_ops",
    "numpy_f2py": "np.f2py.compile('x', 'm')",
    "match_class_pattern": "match ():\n    case object(__class__=t):\n        pass",
    "code_file": "Code(code_file='/etc/passwd')",
    "code_positional_file": "Code('/etc/passwd')",
    "image_file": "ImageMobject('/etc/hostname')",
    "svg_file": "SVGMobject(file_name='/root/.ssh/id_rsa')",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_code_is_refused(name: str) -> None:
    with pytest.raises(RenderError) as info:
        check_code("from manim import *\n" + HOSTILE[name] + SCENE)
    assert info.value.kind == "policy"
    assert str(info.value).startswith("refused by the safety check")


def test_corpus_is_large_enough() -> None:
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize(
    "bad", ["", "   ", "class (:", "x = 1\n" * 100_000, "y = " + "x + " * 40_000 + "x", "y = " + "(" * 300 + ")" * 300]
)
def test_empty_broken_or_huge_code_is_refused(bad: str) -> None:
    with pytest.raises(RenderError) as info:
        check_code(bad)
    assert info.value.kind == "policy"


def test_the_refusal_names_the_line() -> None:
    with pytest.raises(RenderError, match="line 3"):
        check_code("from manim import *\nx = 1\nimport os\n" + SCENE)


ORDINARY = [
    "from manim import *\nimport numpy as np\nclass A(Scene):\n    def construct(self):\n"
    "        ax = Axes(x_range=[-3, 3], y_range=[-1, 9])\n        g = ax.plot(lambda x: x**2, color=BLUE)\n"
    "        self.play(Create(ax), Create(g))\n        self.wait()\n",
    "from manim import *\nimport math, random, itertools, functools\nfrom typing import List\n"
    "config.background_color = WHITE\nclass B(MovingCameraScene):\n    def __init__(self, **kw):\n"
    "        super().__init__(**kw)\n    def construct(self):\n        t = MathTex(r'\\frac{a}{b}')\n"
    "        self.play(Write(t), run_time=math.pi / 3)\n",
    "from manim import *\nclass C(ThreeDScene):\n    def construct(self):\n"
    "        self.set_camera_orientation(phi=75 * DEGREES)\n"
    "        self.add(Sphere())\n",
]


@pytest.mark.parametrize("code", ORDINARY)
def test_ordinary_scenes_pass(code: str) -> None:
    check_code(code)


def test_find_scenes_lists_scene_classes() -> None:
    assert find_scenes(ORDINARY[1]) == ["B"]
    assert find_scenes("class Helper:\n    pass\nclass S(Scene):\n    pass\nclass T(ZoomedScene):\n    pass\n") == [
        "S",
        "T",
    ]
    assert find_scenes("class (:") == []


def test_the_match_attribute_bypass_found_in_review_is_refused() -> None:
    code = """from manim import *
class S(Scene):
    def construct(self):
        match ():
            case object(__class__=t):
                pass
        match t:
            case object(__base__=b):
                pass
        for c in b.mro():
            self.add(Text(str(c)))
"""
    with pytest.raises(RenderError, match="'match' statements are not allowed"):
        check_code(code)


def test_code_from_a_string_is_still_allowed() -> None:
    check_code(
        "from manim import *\nclass S(Scene):\n    def construct(self):\n"
        "        self.add(Code(code_string='x = 1', language='python'))\n"
    )


def test_parses_are_serialised_across_threads(monkeypatch) -> None:
    """check_code and find_scenes never run ast.parse concurrently (a CPython parser bug hit one run)."""
    import ast
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from hisolver_core.rendering import policy

    inside, most = 0, 0
    guard = threading.Lock()

    class CountingAst:
        def __getattr__(self, name):
            return getattr(ast, name)

        @staticmethod
        def parse(code, *args, **kwargs):
            nonlocal inside, most
            with guard:
                inside += 1
                most = max(most, inside)
            time.sleep(0.005)  # long enough for an unserialised parse to overlap
            try:
                return ast.parse(code, *args, **kwargs)
            finally:
                with guard:
                    inside -= 1

    monkeypatch.setattr(policy, "ast", CountingAst())
    scene = "from manim import *\n\nclass S(Scene):\n    def construct(self):\n        self.add(Circle())\n"
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda i: (check_code(scene), find_scenes(scene)), range(24)))
    assert all(names == ["S"] for _, names in results)
    assert most == 1
