"""What the trainer sees: the label mask, which weights train, parameters, and base-model checks."""

from __future__ import annotations

import pytest

from hisolver_core.training import TrainingError, TrainParams
from hisolver_core.training.data import load_tokenizer, resolve_base, training_rows, uses_chat
from hisolver_core.training.trainer import build_trainer, hardware, load_model, template_marks_assistant
from tests.llm.llm_tiny_model import CHAT_TEMPLATE as UNMARKED_TEMPLATE

CODE = (
    "from manim import *\n\n\nclass Scene1(Scene):\n    def construct(self):\n"
    "        self.play(Create(Circle(radius=2)))\n"
)
ROW = {
    "messages": [
        {"role": "system", "content": "You write Manim code."},
        {"role": "user", "content": "Draw a circle of radius 2"},
        {"role": "assistant", "content": CODE},
    ]
}


def _trainer(base, tmp_path, params=None, tokenizer=None):
    params = params or TrainParams(method="lora", max_steps=3, learning_rate=1e-2)
    tokenizer = tokenizer or load_tokenizer(str(base))
    chat = uses_chat(tokenizer, params.prompt_format)
    model = load_model(str(base), params, hardware())
    return build_trainer(model, tokenizer, [ROW] * 4, [ROW], params, hardware(), tmp_path / "ckpt", chat), tokenizer


def _labelled_text(trainer, tokenizer) -> str:
    row = trainer.train_dataset[0]
    return tokenizer.decode([t for t, lab in zip(row["input_ids"], row["labels"], strict=True) if lab != -100])


def test_label_mask_is_exactly_the_code_and_the_end_of_turn_token(tiny_base, tmp_path):
    trainer, tokenizer = _trainer(tiny_base, tmp_path)
    assert trainer.args.assistant_only_loss
    assert _labelled_text(trainer, tokenizer) == CODE + "<|im_end|>"
    # and the collator keeps it so (padding is -100, the end token is not mistaken for padding)
    batch = trainer.data_collator([trainer.train_dataset[0], {"input_ids": [1, 2], "labels": [-100, 2]}])
    assert int((batch["labels"][0] != -100).sum()) == sum(
        1 for lab in trainer.train_dataset[0]["labels"] if lab != -100
    )


def test_a_template_without_generation_markers_trains_on_the_assistant_turn(tiny_base, tmp_path):
    tokenizer = load_tokenizer(str(tiny_base))
    tokenizer.chat_template = UNMARKED_TEMPLATE
    assert not template_marks_assistant(tokenizer)
    trainer, _ = _trainer(tiny_base, tmp_path, tokenizer=tokenizer)
    labelled = _labelled_text(trainer, tokenizer)
    assert labelled.startswith(CODE + "<|im_end|>") and "Draw a circle" not in labelled


def test_a_model_without_chat_template_trains_on_prompt_completion_with_eos(tiny_plain_base, tmp_path):
    trainer, tokenizer = _trainer(tiny_plain_base, tmp_path)
    assert not trainer.args.assistant_only_loss
    assert _labelled_text(trainer, tokenizer) == CODE + "<|im_end|>"
    assert training_rows([ROW], chat=False)[0]["prompt"].endswith("Request: Draw a circle of radius 2\n\nCode:\n")


def test_lora_changes_adapter_weights_and_leaves_the_base_frozen(tiny_base, tmp_path):
    trainer, _ = _trainer(tiny_base, tmp_path)
    before = {n: p.detach().clone() for n, p in trainer.model.named_parameters()}
    trainer.train()
    after = dict(trainer.model.named_parameters())
    trainable = [n for n, p in after.items() if p.requires_grad]
    frozen = [n for n, p in after.items() if not p.requires_grad]
    assert trainable and all("lora_" in n for n in trainable)
    assert any("embed_tokens" in n for n in frozen)
    assert any(not after[n].detach().equal(before[n]) for n in trainable if "lora_B" in n)
    assert all(after[n].detach().equal(before[n]) for n in frozen)


def test_full_fine_tuning_trains_every_weight(tiny_base, tmp_path):
    trainer, _ = _trainer(tiny_base, tmp_path, TrainParams(method="full", max_steps=2, learning_rate=1e-2))
    before = {n: p.detach().clone() for n, p in trainer.model.named_parameters()}
    trainer.train()
    changed = [n for n, p in trainer.model.named_parameters() if not p.detach().equal(before[n])]
    assert len(changed) == len(before)


def test_a_base_folder_without_config_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(TrainingError, match="no config.json"):
        resolve_base(str(tmp_path / "empty"))
    with pytest.raises(TrainingError, match="not a folder"):
        resolve_base(str(tmp_path / "missing"))


def test_a_hub_id_fails_fast_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(TrainingError, match="HF_HUB_OFFLINE"):
        resolve_base("Qwen/Qwen2.5-Coder-0.5B-Instruct")
    with pytest.raises(TrainingError, match="neither a folder nor"):
        resolve_base("not a model id!")


def test_a_hub_id_fails_fast_when_the_hub_is_unreachable(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # discard port: nothing listens
    with pytest.raises(TrainingError, match="cannot reach the Hugging Face Hub"):
        resolve_base("distilgpt2")


def test_chat_format_needs_a_chat_template(tiny_plain_base):
    tokenizer = load_tokenizer(str(tiny_plain_base))
    with pytest.raises(TrainingError, match="no chat template"):
        uses_chat(tokenizer, "chat")
    assert uses_chat(tokenizer, "auto") is False


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"method": "dpo"}, "unknown method"),
        ({"learning_rate": "nan"}, "learning_rate"),
        ({"batch_size": 0}, "batch_size must be at least 1"),
        ({"lora_r": "x"}, "lora_r must be a int"),
        ({"epochs": 0, "max_steps": -1}, "max_steps or a positive"),
    ],
)
def test_bad_parameters_are_named(changes, message):
    with pytest.raises(TrainingError, match=message):
        TrainParams.from_dict(changes)


def test_params_round_trip_and_coerce():
    params = TrainParams.from_dict({"lora_r": "8", "packing": "true", "unknown": 1})
    assert (params.lora_r, params.packing) == (8, True)
    assert TrainParams.from_dict(params.to_dict()) == params
