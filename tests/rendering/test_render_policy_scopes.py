"""The static check decides by what a name resolves to: ordinary Community code passes, tricks around it do not."""

from __future__ import annotations

import re
import types

import pytest

from hisolver_core.errors import RenderError
from hisolver_core.rendering import check_code
from hisolver_core.rendering.policy import CORE_MODULES, FORBIDDEN_SUBMODULES

HEAD = "from manim import *\n"
SCENE = "\nclass Probe(Scene):\n    def construct(self):\n        self.add(Square())\n"


def _scene(body: str) -> str:
    lines = "".join(f"        {line}\n" for line in body.splitlines())
    return f"{HEAD}class S(Scene):\n    def construct(self):\n{lines}"


# Each was refused before (false positives found on the documentation's examples and on scraped code).
ACCEPTED = {
    "image_from_array": _scene("img = ImageMobject(np.uint8([[0, 100, 30, 200], [255, 0, 5, 33]]))\nself.add(img)"),
    "image_from_array_name": HEAD + "import numpy as np\nclass S(Scene):\n    def construct(self):\n"
    "        pixels = np.zeros((8, 8, 3), dtype=np.uint8)\n        pixels[2:6, 2:6] = 255\n"
    "        self.add(ImageMobject(pixels).scale(2))\n",
    "image_keyword_array": _scene("self.add(ImageMobject(filename_or_array=np.full((4, 4), 128, dtype=np.uint8)))"),
    "manim_version": "import manim\nfrom manim import *\nclass S(Scene):\n    def construct(self):\n"
    "        self.add(Text(manim.__version__))\n",
    "version_import": HEAD + "from manim import __version__\nclass S(Scene):\n    def construct(self):\n"
    "        self.add(Text(__version__))\n",
    "networkx": HEAD + "import networkx as nx\nclass S(Scene):\n    def construct(self):\n"
    "        g = nx.complete_graph(5)\n        pos = nx.spring_layout(g, seed=1)\n"
    "        self.add(Graph(list(g.nodes), list(g.edges), layout='circular'))\n",
    "networkx_from": HEAD + "from networkx import path_graph, shortest_path\nclass S(Scene):\n"
    "    def construct(self):\n        self.add(Text(str(shortest_path(path_graph(4), 0, 3))))\n",
    "manimpango": HEAD + "import manimpango\nclass S(Scene):\n    def construct(self):\n"
    "        fonts = manimpango.list_fonts()\n        self.add(Text(str(len(fonts))))\n",
    "scipy": HEAD + "import scipy.special\nfrom scipy import integrate, optimize\n"
    "from scipy.spatial.transform import Rotation\nclass S(Scene):\n    def construct(self):\n"
    "        area, _ = integrate.quad(lambda x: x**2, 0, 1)\n        root = optimize.brentq(lambda x: x - 0.5, 0, 1)\n"
    "        self.add(Text(f'{area:.2f} {root:.2f} {scipy.special.comb(5, 2)}'))\n",
    "local_names": _scene(
        "code = Code(code_string='x = 1', language='python')\nstring = 'abc'\ninput = 3\n"
        "help = Text('help')\ntypes = [Square, Circle]\nself.add(code, help, Text(string * input))"
    ),
    "parameter_named_input": HEAD + "def double(input, help=None):\n    return input * 2\n"
    "class S(Scene):\n    def construct(self):\n        self.add(Text(str(double(2))))\n",
    "module_level_names": HEAD + "code = 'x = 1'\nstring = 'abc'\nclass S(Scene):\n    def construct(self):\n"
    "        self.add(Code(code_string=code, language='python'), Text(string))\n",
    "own_attributes": HEAD + "class Counter(VGroup):\n    def __init__(self, **kw):\n        super().__init__(**kw)\n"
    "        self._count = 0\n        self.types = [Square, Circle]\n        self.string = 'x'\n"
    "    def _bump(self):\n        self._count += 1\n        return self.types[self._count % 2]()\n"
    "class S(Scene):\n    def construct(self):\n        c = Counter()\n        self.add(c)\n"
    "        self.code = Text(str(c._count))\n        self.play(Write(self.code))\n",
    "own_method_through_base": HEAD + "class A(Scene):\n    def setup(self):\n        self._n = 1\n"
    "class B(A):\n    def setup(self):\n        A.setup(self)\n        super().setup()\n"
    "    def construct(self):\n        self.add(Text(str(self._n)))\n",
    "classmethod_private": HEAD + "class Shape(VMobject):\n    _made = 0\n    @classmethod\n    def make(cls):\n"
    "        cls._made += 1\n        return cls()\nclass S(Scene):\n    def construct(self):\n"
    "        self.add(Shape.make())\n",
    "lambda_sees_self": _scene(
        "self._t = ValueTracker(0)\nd = always_redraw(lambda: Dot().shift(self._t.get_value() * RIGHT))\nself.add(d)"
    ),
    "decorators_properties_comprehensions": HEAD + "import functools\n@functools.lru_cache()\ndef make(n):\n"
    "    code = Text(str(n))\n    return code\nclass S(Scene):\n    @property\n    def types(self):\n"
    "        return self._types\n    @types.setter\n    def types(self, value):\n        self._types = value\n"
    "    def construct(self):\n        items = [input for input in range(3)]\n"
    "        lookup = {help: help for help in range(2)}\n        f = lambda string: string * 2\n"
    "        self.types = [Circle]\n        self.add(make(1), Text(f('x')), *[t() for t in self.types])\n",
    "typst": _scene("self.add(Typst('Hello, *Typst*: $a^2 + b^2 = c^2$'))"),
    "set_default": HEAD + "Triangle.set_default(stroke_width=20)\nclass S(Scene):\n    def construct(self):\n"
    "        self.add(Triangle())\n",
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_ordinary_community_code_passes(name: str) -> None:
    check_code(ACCEPTED[name])


# Each is module-level code placed before a harmless scene.
HOSTILE = {
    "conditional_binding": "if False:\n    open = None\nopen('/etc/passwd')",
    "used_before_binding": "data = open('/etc/passwd').read()\nopen = print",
    "function_called_before_binding": "def f():\n    return open('/etc/passwd').read()\nx = f()\nopen = len",
    "class_body_before_binding": "class A:\n    x = open('/etc/passwd')\n    open = len",
    "deleted_binding": "open = len\ndel open\nopen('/etc/passwd')",
    "except_unbinds": "open = len\ntry:\n    pass\nexcept Exception as open:\n    pass\nopen('/etc/passwd')",
    "star_import_after_binding": "input = len\nfrom manim import *\ninput()",
    "comprehension_skips_class": "class A:\n    open = len\n    x = [open('/etc/passwd') for _ in range(1)]",
    "numpy_star_lib": "from numpy import *\nnpyio = lib.npyio",
    "numpy_star_ctypeslib": "from numpy import *\nctypeslib.load_library('libc', '/lib')",
    "self_rebound": (
        "class S2(Scene):\n    def construct(self):\n        self = typing\n        self.types.FunctionType"
    ),
    "self_nonlocal": "class S2(Scene):\n    def construct(self):\n        def g():\n            nonlocal self\n"
    "            self = typing\n        g()\n        self.types.FunctionType",
    "staticmethod_self": "class A:\n    @staticmethod\n    def f(self):\n        return self.types\nA.f(typing)",
    "own_decorator_self": (
        "def deco(f):\n    return lambda: f(typing)\nclass A:\n    @deco\n    def f(self):\n"
        "        return self.types\nA.f()"
    ),
    "unbound_method": "class A:\n    def f(self):\n        return self.types.FunctionType\nA.f(typing)",
    "unbound_method_by_name": "class A:\n    def f(self):\n        return self.types\ng = A.f\ng(typing)",
    "unbound_via_cls": "class A:\n    def f(self):\n        return self.types\n    @classmethod\n    def g(cls):\n"
    "        return cls.f(typing)",
    "classmethod_rebound": "def classmethod(f):\n    return lambda *a: f(typing)\nclass A:\n    @classmethod\n"
    "    def f(cls):\n        return cls.types",
    "fake_setter": "class P:\n    def setter(self, f):\n        return lambda: f(typing)\nclass A:\n    types = P()\n"
    "    @types.setter\n    def g(self):\n        return self.types",
    "property_function_taken_out": "class A:\n    @property\n    def p(self):\n        return self.types\n"
    "f = A.p.fget\nf(typing)",
    "class_body_call": "class A:\n    def f(self):\n        return self.types\n    x = f(typing)",
    "private_not_its_own": "class S2(Scene):\n    def construct(self):\n        self._get_manager()",
    "private_of_other_object": "class A:\n    def f(self, other):\n        self._x = 1\n        return other._x",
    "instance_of_class_with_new": "class A:\n    def __new__(cls):\n        return typing\na = A()\nt = a.types",
    "instance_rebound": "class A:\n    pass\na = A()\na = typing\nt = a.types",
    "instance_of_decorated_class": (
        "def deco(c):\n    return lambda: typing\n@deco\nclass A:\n    pass\na = A()\nt = a.types"
    ),
    "metaclass_instance": "class A:\n    def f(self):\n        return self.types\nclass M(type):\n    pass\n"
    "c = M('C', (A,), {})\nc.f(typing)",
    "metaclass_by_alias": "T = type\nclass A:\n    def f(self):\n        return self.types\nclass M(T):\n    pass\n"
    "c = M('C', (A,), {})\nc.f(typing)",
    "metaclass_from_enum": "from enum import *\nclass A:\n    def f(self):\n        return self.types\n"
    "class M(EnumMeta):\n    pass\nc = M('C', (A,), {})\nc.f(typing)",
    "super_rebound": "super = lambda: typing\nclass A:\n    def f(self):\n        return super().types",
    "image_from_path_name": "p = '/etc/hostname'\nImageMobject(p)",
    "image_np_rebound": (
        "class F:\n    def uint8(self, x):\n        return '/etc/hostname'\nnp = F()\nImageMobject(np.uint8(1))"
    ),
    "image_keyword_path": "ImageMobject(filename_or_array='/etc/hostname')",
    "image_mixed_name": "p = np.zeros(3)\np = '/etc/hostname'\nImageMobject(p)",
    "networkx_read": "import networkx as nx\nnx.read_edgelist('/etc/passwd')",
    "networkx_write": "import networkx as nx\nnx.write_gml(nx.path_graph(2), '/tmp/pwned')",
    "networkx_from_read": "from networkx import read_gml",
    "networkx_star": "from networkx import *",
    "networkx_readwrite": "import networkx.readwrite",
    "networkx_open_file": "import networkx as nx\nnx.utils.open_file",
    "networkx_agraph": "import networkx as nx\nnx.nx_agraph.read_dot('/etc/passwd')",
    "scipy_io": "import scipy.io",
    "scipy_from_io": "from scipy import io",
    "scipy_io_attr": "import scipy\nscipy.io.loadmat('/etc/passwd')",
    "scipy_datasets": "import scipy\nscipy.datasets.face()",
    "scipy_npz": "import scipy.sparse\nscipy.sparse.load_npz('/etc/passwd')",
    "scipy_odr": "from scipy.odr import ODR",
    "scipy_lowlevel": "import scipy\nscipy.LowLevelCallable",
    "scipy_test": "import scipy\nscipy.test()",
    "scipy_private": "from scipy._lib import _ccallback",
    "manimpango_text2svg": "import manimpango\nmanimpango.text2svg",
    "manimpango_register_font": "import manimpango\nmanimpango.register_font('/etc/passwd')",
    "manimpango_star": "from manimpango import *",
    "manim_register_font": "with register_font('/etc/passwd'):\n    pass",
    "numpy_test": "np.test()",
    "typst_read": "t = Typst('#read(\"/etc/passwd\")')",
    "typst_include": "t = MathTypst('x') if False else Typst('#include \"/etc/hostname\"')",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_tricks_around_scope_analysis_are_refused(name: str) -> None:
    with pytest.raises(RenderError) as info:
        check_code(HEAD + HOSTILE[name] + SCENE)
    assert info.value.kind == "policy"
    assert re.search(r"line \d+: .+ \[rule: [a-z-]+\]$", str(info.value)), str(info.value)


def test_every_refusal_names_its_rule_and_line() -> None:
    from tests.rendering.test_render_policy import HOSTILE as OLD

    for name, payload in {**OLD, **HOSTILE}.items():
        with pytest.raises(RenderError) as info:
            check_code(HEAD + payload + SCENE)
        assert re.search(r"line \d+: .+ \[rule: [a-z-]+\]$", str(info.value)), (name, str(info.value))


def test_the_refusal_points_at_the_right_line() -> None:
    with pytest.raises(RenderError, match=r"line 4: .*'open'.*\[rule: builtins\]"):
        check_code(HEAD + "x = 1\nif x:\n    y = open('/etc/passwd')\n" + SCENE)


# Star-imported modules that sit under a refused package but hold only math (numpy's ``emath``).
HARMLESS = {"numpy.lib.scimath"}


@pytest.mark.parametrize("module", sorted(CORE_MODULES - {"__future__", "colour"}))
def test_star_imports_bring_no_unchecked_module(module: str) -> None:
    """Every module a star import of an allowed module brings in is allowed, or its name is refused."""
    namespace: dict = {}
    exec(f"from {module} import *", namespace)  # trusted: the allowed modules themselves
    for name, value in namespace.items():
        if not isinstance(value, types.ModuleType) or name.startswith("__"):
            continue
        dotted = value.__name__
        if dotted in HARMLESS:
            continue
        risky = dotted.split(".")[0] not in CORE_MODULES | {"networkx", "scipy", "manimpango"} or any(
            dotted == m or dotted.startswith(m + ".") for m in FORBIDDEN_SUBMODULES
        )
        if risky:
            with pytest.raises(RenderError):
                check_code(f"from {module} import *\nx = {name}\n" + SCENE)
