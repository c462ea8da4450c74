"""Benchmark discovery: the packaged SAT-style sets, the configured folder, uploads kept without leaks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hisolver_core.errors import ProblemError
from hisolver_core.evaluation import benchmark_files, guess_format, load_items, packaged_set, save_upload, sets

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = {"sat_style_dev.jsonl", "sat_style_fresh.jsonl", "sat_traps.jsonl"}


def test_the_packaged_sets_load_without_the_tests_folder():
    assert PACKAGED <= {p.name for p in sets.PACKAGED_DIR.glob("*.jsonl")}
    assert sets.PACKAGED_DIR.parent == Path(sets.__file__).parent  # inside the package, not under tests/
    items = load_items(packaged_set("sat_style_dev"), "agieval")
    assert len(items) == 170 and all(i.expected_letter for i in items)
    assert packaged_set("sat_traps.jsonl") == packaged_set("sat_traps")


def test_an_unknown_set_names_the_ones_there_are():
    with pytest.raises(ProblemError, match="sat_style_dev"):
        packaged_set("sat_style_devv")


def test_configured_files_come_first_with_a_guessed_format(settings, tmp_path):
    folder = tmp_path / "bench"
    folder.mkdir()
    for name in ("math500_test.jsonl", "gsm8k_test.jsonl", "other.jsonl", "sat_traps.jsonl"):
        (folder / name).write_text("{}\n")
    files = benchmark_files(settings.replace(eval_data_dir=str(folder)))
    assert list(files)[:4] == ["gsm8k_test.jsonl", "math500_test.jsonl", "other.jsonl", "sat_traps.jsonl"]
    assert [files[n].format for n in list(files)[:3]] == ["gsm8k", "math", "agieval"]
    assert not files["sat_traps.jsonl"].packaged  # a configured file with the same name wins
    assert files["sat_style_dev.jsonl"].packaged and files["sat_style_dev.jsonl"].format == "agieval"


def test_a_missing_folder_still_offers_the_packaged_sets(settings, tmp_path):
    files = benchmark_files(settings.replace(eval_data_dir=str(tmp_path / "nowhere")))
    assert set(files) == PACKAGED and all(f.packaged for f in files.values())


@pytest.mark.parametrize("name, fmt", [("MATH500.jsonl", "math"), ("aqua_dev.jsonl", "aqua"), ("x.jsonl", "agieval")])
def test_guess_format(name, fmt):
    assert guess_format(name) == fmt


def test_the_same_upload_is_one_file_however_often_the_page_reruns(settings):
    data = b'{"question": "What is 1 + 1?", "options": ["(A)2", "(B)3"], "label": "A"}\n'
    paths = {save_upload(settings, data) for _ in range(5)}
    assert len(paths) == 1 and next(iter(paths)).read_bytes() == data
    folder = next(iter(paths)).parent
    assert [p.name for p in folder.iterdir()] == [next(iter(paths)).name]  # no temporary files left behind


def test_old_uploads_are_pruned(settings, monkeypatch):
    monkeypatch.setattr(sets, "KEEP_UPLOADS", 3)
    paths = [save_upload(settings, f'{{"n": {n}}}\n'.encode()) for n in range(5)]
    assert sorted(p.name for p in paths[0].parent.iterdir()) == sorted(p.name for p in paths[-3:])


@pytest.mark.parametrize("data, message", [(b"", "empty"), (b"  \n", "empty")])
def test_an_empty_upload_is_refused(settings, data, message):
    with pytest.raises(ProblemError, match=message):
        save_upload(settings, data)
    assert not (settings.data_dir / "cache" / "eval-uploads").exists() or not any(
        (settings.data_dir / "cache" / "eval-uploads").iterdir()
    )


def test_the_wheel_carries_the_sets(tmp_path):
    """What the Docker image installs (`pip install .`) holds the sets: the page works from the image."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "hisolver_core", src / "hisolver_core", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            str(src),
            "-w",
            str(tmp_path / "dist"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next((tmp_path / "dist").glob("hisolver-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"hisolver_core/evaluation/data/{n}" for n in PACKAGED} <= names
