"""A tiny causal LM for the local-backend tests: Llama config (2 layers, d=64), a ByteLevel BPE
tokenizer trained here on the project's own source, and a random (non-zero) LoRA adapter.

Its output is nonsense by design; the tests check the plumbing, not the answers.
"""

from __future__ import annotations

from pathlib import Path

CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
SPECIALS = ["<|endoftext|>", "<|pad|>", "<|im_start|>", "<|im_end|>"]


def _corpus() -> list[str]:
    root = Path(__file__).resolve().parents[2] / "hisolver_core"
    return [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.py"))][:60]


def build_tiny_model(folder: Path) -> tuple[Path, Path]:
    """Save a tiny model + tokenizer under ``folder/model`` and a LoRA adapter under ``folder/adapter``."""
    import torch
    from peft import LoraConfig, get_peft_model
    from tokenizers import ByteLevelBPETokenizer
    from transformers import AutoModelForCausalLM, LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    torch.manual_seed(0)
    model_dir, adapter_dir = folder / "model", folder / "adapter"
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(_corpus(), vocab_size=600, min_frequency=2, special_tokens=SPECIALS)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|pad|>", bos_token="<|endoftext|>"
    )
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(model_dir)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=4,
        max_position_embeddings=8192,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=True,
    )
    LlamaForCausalLM(config).save_pretrained(model_dir)
    base = AutoModelForCausalLM.from_pretrained(model_dir)  # so the adapter records this folder as its base
    lora = LoraConfig(r=4, lora_alpha=16, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    get_peft_model(base, lora).save_pretrained(adapter_dir)
    return model_dir, adapter_dir
