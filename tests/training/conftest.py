"""Fixtures for the training tests: a tiny Llama built from a config, its tokenizer trained here, and
dataset versions made the real way (snippets -> labels -> ``create_version``).

The model and tokenizer are built once per session; every test gets its own data folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SNIPPET_CODE, insert_snippets

# {% generation %} markers around the assistant's content AND its <|im_end|>: the tokens that get loss.
CHAT_TEMPLATE = (
    "{% for m in messages %}"
    "{% if m['role'] == 'assistant' %}<|im_start|>assistant\n{% generation %}{{ m['content'] }}<|im_end|>"
    "{% endgeneration %}\n"
    "{% else %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
SPECIALS = ["<|endoftext|>", "<|pad|>", "<|im_start|>", "<|im_end|>"]


def summary_of(snippet_id: int) -> str:
    """The label written for snippet ``snippet_id`` in these tests."""
    return f"Draw a circle of radius {snippet_id}"


def _corpus() -> list[str]:
    from hisolver_core.datasets.build import SYSTEM_PROMPT

    codes = [SNIPPET_CODE.format(name=f"Scene{n}", n=n + 1) for n in range(60)]
    return codes + [summary_of(n) for n in range(60)] + [SYSTEM_PROMPT] * 5


def build_tiny(folder: Path, chat_template: str | None = CHAT_TEMPLATE, hidden: int = 128) -> Path:
    """Save a tiny Llama (2 layers) and a ByteLevel BPE tokenizer under ``folder``; return it."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    torch.manual_seed(0)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(_corpus(), vocab_size=400, min_frequency=2, special_tokens=SPECIALS)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|pad|>", bos_token="<|endoftext|>"
    )
    if chat_template:
        tokenizer.chat_template = chat_template
    tokenizer.save_pretrained(folder)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden,
        intermediate_size=2 * hidden,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        max_position_embeddings=1024,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=True,
    )
    LlamaForCausalLM(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    """A tiny chat model folder (config.json, weights, tokenizer with a marked chat template)."""
    return build_tiny(tmp_path_factory.mktemp("tiny") / "base")


@pytest.fixture(scope="session")
def tiny_plain_base(tiny_base: Path, tmp_path_factory) -> Path:
    """The same tiny model with a tokenizer that has no chat template (the DistilGPT2 route)."""
    folder = tmp_path_factory.mktemp("tiny-plain") / "base"
    shutil.copytree(tiny_base, folder)
    config = folder / "tokenizer_config.json"
    import json

    data = json.loads(config.read_text())
    data.pop("chat_template", None)
    config.write_text(json.dumps(data))
    (folder / "chat_template.jinja").unlink(missing_ok=True)
    return folder


def make_version(settings, db, count: int, name: str = "v1", val_fraction: float = 0.2) -> dict:
    """Insert ``count`` snippets, label each, freeze version ``name``; return its manifest."""
    from hisolver_core import datasets, labeling

    for sid in insert_snippets(db, count):
        labeling.save_label(db, "ada", sid, summary_of(sid))
    return datasets.create_version(settings, name, val_fraction=val_fraction, db=db)


@pytest.fixture
def version(settings, db) -> dict:
    """A dataset version ``v1`` of 24 labelled snippets (about a fifth in validation)."""
    return make_version(settings, db, 24)


# Full fine-tuning of the tiny model memorises its 20 training pairs (INTEGRATION-NOTES: 300 steps at 3e-3).
MEMORISE = {
    "method": "full",
    "max_steps": 300,
    "learning_rate": 3e-3,
    "batch_size": 4,
    "warmup_ratio": 0.0,
    "save_steps": 100,
    "eval_limit": 2,
    "max_new_tokens": 64,
}


@pytest.fixture(scope="session")
def full_run(tiny_base, tmp_path_factory):
    """One full fine-tuning run on a 27-snippet version (20 train, 7 val): its settings and result."""
    from hisolver_core import training
    from hisolver_core.config import load_settings
    from hisolver_core.db import open_db

    folder = tmp_path_factory.mktemp("full-run")
    settings = load_settings({"HISOLVER_DATA_DIR": str(folder / "data")}, secrets_file=folder / "none.toml")
    db = open_db(settings)
    try:
        manifest = make_version(settings, db, 27)
    finally:
        db.close()
    assert manifest["counts"]["train"] == 20
    return settings, training.start_run(settings, "v1", str(tiny_base), training.TrainParams(**MEMORISE))
