"""The constraints file pins the whole resolved set and agrees with every requirement."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;#]+)")


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        found = PIN.match(line.strip())
        if found:
            pins[re.sub(r"[-_.]+", "-", found.group(1)).lower()] = found.group(2)
    return pins


def test_every_requirement_matches_its_constraint() -> None:
    constraints = _pins(ROOT / "constraints.txt")
    for name in ("requirements.txt", "requirements-dev.txt"):
        for package, version in _pins(ROOT / name).items():
            assert constraints.get(package) == version, (
                f"{name} pins {package}=={version}; constraints.txt has {constraints.get(package)}"
            )


def test_the_dependencies_that_broke_before_are_constrained() -> None:
    constraints = _pins(ROOT / "constraints.txt")
    assert constraints["pillow"] == "12.3.0"  # Pillow 13 breaks ImageMobject from arrays and ZoomedScene
    for package in ("numpy", "scipy", "networkx", "manimpango", "pycairo", "av", "transformers", "typst"):
        assert package in constraints, package


def test_every_install_uses_the_constraints() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install .*-r requirements\.txt.*-c constraints\.txt", makefile)
    # torch still goes first, on its own, so pip takes the CPU build
    assert makefile.index("pip install -q torch==") < makefile.index("-c constraints.txt")
    assert "-c constraints.txt" in (ROOT / "Dockerfile").read_text()
