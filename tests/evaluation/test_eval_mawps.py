"""MAWPS is scored like ASDiv: its rounded targets (3.33333 for 10/3) and its one wrong key in LABEL_ERRORS."""

from __future__ import annotations

import json

from hisolver_core.evaluation import load_items
from hisolver_core.evaluation.runner import score_item


def _mawps(tmp_path, rows):
    path = tmp_path / "mawps_test.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return {i.id: i for i in load_items(path, "mawps")}


def test_a_rounded_target_matches_the_exact_answer_and_a_wrong_one_does_not(tmp_path):
    items = _mawps(
        tmp_path, [{"input": "3 laps per minute; 10 laps?", "target": 3.33333, "type": "singleop", "idx": 965}]
    )
    assert score_item(items["965"], {"status": "solved", "answer_latex": r"\frac{10}{3}"}) is True
    assert score_item(items["965"], {"status": "solved", "answer_latex": r"\frac{10}{4}"}) is False


def test_the_wrong_key_of_item_799_is_corrected(tmp_path):
    row = {"input": "4 kilometers at 3 kilometers per hour?", "target": 1.0, "type": "singleop", "idx": 799}
    item = _mawps(tmp_path, [row])["799"]
    assert score_item(item, {"status": "solved", "answer_latex": r"\frac{4}{3}"}) is True
    assert score_item(item, {"status": "solved", "answer_latex": "1"}) is False
