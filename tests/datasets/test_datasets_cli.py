"""The ``hisolver label`` and ``hisolver dataset`` commands, end to end on a temporary data folder."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hisolver_core import labeling
from hisolver_core.cli import main


@pytest.fixture
def runner(settings, monkeypatch):
    monkeypatch.setenv("HISOLVER_DATA_DIR", str(settings.data_dir))
    return CliRunner()


def _last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def test_label_and_dataset_commands(runner, tmp_path, db, make_snippets):
    a, b, c = make_snippets(3)
    ids = [labeling.save_label(db, "ada", s, f"Draw circle {s}") for s in (a, b, c)]

    r = runner.invoke(main, ["label", "review", str(ids[0]), "approve", "--reviewer", "grace"])
    assert r.exit_code == 0 and "approved" in r.output
    r = runner.invoke(main, ["label", "k", "2"])
    assert r.exit_code == 0 and "2" in r.output
    r = runner.invoke(main, ["label", "counts", "--json"])
    counts = _last_json(r.output)
    assert counts["labels_per_snippet"] == 2 and counts["annotators"][0]["approved"] == 1

    out = tmp_path / "ls.json"
    r = runner.invoke(main, ["label", "export", str(out), "--approved-only"])
    assert r.exit_code == 0, r.output
    assert len(json.loads(out.read_text())) == 1
    r = runner.invoke(main, ["label", "import", str(out), "--json"])
    assert _last_json(r.output)["snippets_matched"] == 1

    r = runner.invoke(main, ["dataset", "create", "v1", "--approved-only", "--created-by", "t", "--json"])
    assert r.exit_code == 0, r.output
    assert _last_json(r.output)["counts"]["labels"] == 1
    r = runner.invoke(main, ["dataset", "create", "v1"])
    assert r.exit_code == 1 and "already exists" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["dataset", "create", "v2", "--val-fraction", "0"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["dataset", "list", "--json"])
    assert [v["name"] for v in _last_json(r.output)["versions"]] == ["v2", "v1"]
    r = runner.invoke(main, ["dataset", "show", "v2", "--json"])
    manifest = _last_json(r.output)
    assert manifest["parent"] == "v1" and manifest["counts"] == {
        "rows": 3,
        "train": 3,
        "val": 0,
        "labels": 3,
        "snippets": 3,
    }
    r = runner.invoke(main, ["dataset", "show", "v2"])
    assert "train.jsonl" in r.output
    r = runner.invoke(main, ["dataset", "diff", "v1", "v2", "--json"])
    assert sorted(_last_json(r.output)["added"]) == sorted(ids[1:])
    r = runner.invoke(main, ["dataset", "show", "nope"])
    assert r.exit_code == 1 and "no dataset version" in r.output
