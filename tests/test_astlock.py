"""Every ast.parse in the process takes one lock (a CPython < 3.13 bug breaks concurrent parses)."""

from __future__ import annotations

import ast
import sys
import threading

import pytest

import hisolver_core  # noqa: F401  (importing the library installs the lock)
from hisolver_core.astlock import PARSE_LOCK, install


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="the bug is fixed there; nothing is installed")
def test_a_parse_elsewhere_waits_while_the_lock_is_held() -> None:
    done = threading.Event()

    def parse_like_streamlit_magic() -> None:  # Streamlit calls ast.parse on each page script
        ast.parse("x = 1\n", "page.py", "exec")
        done.set()

    with PARSE_LOCK:
        worker = threading.Thread(target=parse_like_streamlit_magic)
        worker.start()
        assert not done.wait(0.2)  # blocked behind the lock this thread holds
    worker.join(5)
    assert done.is_set()


def test_install_twice_wraps_once_and_parses_as_before() -> None:
    install()
    wrapped = ast.parse
    install()
    assert ast.parse is wrapped
    tree = ast.parse("y = 2")
    assert isinstance(tree.body[0], ast.Assign) and tree.body[0].value.value == 2
    with PARSE_LOCK:  # re-entrant: the policy parses while holding it
        assert isinstance(ast.parse("z = 3"), ast.Module)
