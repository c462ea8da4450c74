"""Several processes create the same version name at once: exactly one wins, nothing is mixed."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from hisolver_core import datasets, labeling
from hisolver_core.config import load_settings


def _create(args: tuple[str, str, object]) -> str:
    data_dir, who, barrier = args
    settings = load_settings({"HISOLVER_DATA_DIR": data_dir}, secrets_file=Path(data_dir) / "none.toml")
    barrier.wait()
    try:
        return datasets.create_version(settings, "v1", created_by=who)["created_by"]
    except datasets.VersionExistsError:
        return "refused"


def test_racing_creators_of_one_name(settings, db, make_snippets):
    for sid in make_snippets(20):
        labeling.save_label(db, "ada", sid, f"Draw circle {sid}")
    ctx = mp.get_context("fork")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(3)
        with ctx.Pool(3) as pool:
            results = pool.map(_create, [(str(settings.data_dir), f"p{i}", barrier) for i in range(3)])
    winners = [r for r in results if r != "refused"]
    assert len(winners) == 1 and results.count("refused") == 2
    version = datasets.load_version(settings, "v1")  # hash-verified: no loser's bytes mixed in
    assert version.manifest["created_by"] == winners[0]
    assert len(list(version.iter_train())) + len(list(version.iter_val())) == 20
    assert [v["name"] for v in datasets.list_versions(settings, db=db)] == ["v1"]
