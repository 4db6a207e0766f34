"""A tiny causal LM built offline, for tests, CI and the README demo.

A byte-level BPE tokenizer is trained with `tokenizers` on text that ships with cfteval (the few-shot
exemplars and prompt presets), and a small Qwen2 model, fitted for a few steps on the same text so that greedy
output is math-like text rather than one repeated token, is saved with `save_pretrained`, so the Auto classes,
vLLM and lm-eval load it like any hub checkpoint. Deterministic given the seed. head_dim is 64 because vLLM's
CPU attention rejects smaller heads. Its answers are noise (it checks the pipeline, not accuracy), but every
code path (tokenize, batch, generate, stop, extract, grade) runs for real.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from cfteval.errors import CftevalError

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
BUILTIN = "cfteval:tiny"  # the `--model` value that means "build (once) and use the tiny model"


@dataclass(frozen=True)
class TinyConfig:
    seed: int = 0
    vocab_size: int = 1024
    hidden_size: int = 128
    num_layers: int = 2
    num_heads: int = 2  # head_dim = hidden_size / num_heads = 64
    num_kv_heads: int = 1
    intermediate_size: int = 256
    max_position_embeddings: int = 4096
    train_steps: int = 150  # a short fit on the corpus so greedy output is math-like text, not one token

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:12]


def _corpus() -> list[str]:
    from cfteval.fewshot import FEWSHOT_SETS
    from cfteval.prompts import PRESETS

    texts = [p.template for p in PRESETS.values() if p.template]
    for exemplars, q_label, a_label, _ in FEWSHOT_SETS.values():
        texts.extend(q_label + q + a_label + a for q, a in exemplars)
    texts.append(" ".join(str(i) for i in range(1000)))
    texts.append("The answer is \\boxed{} \\frac{1}{2} \\sqrt{2} \\pi x^2 + y^2 = z^2 (a, b) [0, 1)")
    return texts


def build_tiny_model(out_dir: str | os.PathLike, config: TinyConfig = TinyConfig()) -> Path:
    """Write a tokenizer and a random Qwen2 model to `out_dir` and return the path."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GenerationConfig, PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=config.vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(_corpus(), trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|endoftext|>", unk_token=None
    )
    tokenizer.chat_template = CHATML_TEMPLATE
    tokenizer.save_pretrained(out)

    torch.manual_seed(config.seed)
    model_config = Qwen2Config(
        vocab_size=len(tokenizer),
        hidden_size=config.hidden_size,
        intermediate_size=config.intermediate_size,
        num_hidden_layers=config.num_layers,
        num_attention_heads=config.num_heads,
        num_key_value_heads=config.num_kv_heads,
        head_dim=config.hidden_size // config.num_heads,
        max_position_embeddings=config.max_position_embeddings,
        tie_word_embeddings=True,
        bos_token_id=None,
        eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
        pad_token_id=tokenizer.pad_token_id,
    )
    model = Qwen2ForCausalLM(model_config)
    _fit(model, tokenizer, config)
    model.generation_config = GenerationConfig(
        eos_token_id=[tokenizer.convert_tokens_to_ids(t) for t in ("<|im_end|>", "<|endoftext|>")],
        pad_token_id=tokenizer.pad_token_id,
    )
    model.save_pretrained(out)
    return out


def _fit(model, tokenizer, config: TinyConfig) -> None:
    """A few deterministic AdamW steps of next-token prediction on the corpus (ChatML-wrapped exemplars)."""
    import torch

    texts = _corpus() + [
        f"<|im_start|>user\n{q}<|im_end|>\n<|im_start|>assistant\n{a}<|im_end|>" for q, a in _qa_pairs()
    ]
    ids = torch.tensor(tokenizer("\n\n".join(texts))["input_ids"])
    block, batch = 128, 8
    generator = torch.Generator().manual_seed(config.seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
    model.train()
    for _ in range(config.train_steps):
        starts = torch.randint(0, len(ids) - block - 1, (batch,), generator=generator)
        x = torch.stack([ids[s : s + block] for s in starts])
        loss = model(input_ids=x, labels=x).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    model.eval()


def _qa_pairs() -> list[tuple[str, str]]:
    from cfteval.fewshot import FEWSHOT_SETS

    return [pair for exemplars, *_ in FEWSHOT_SETS.values() for pair in exemplars]


def default_cache_dir() -> Path:
    root = os.environ.get("CFTEVAL_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "cfteval"
    )
    return Path(root)


def ensure_tiny_model(config: TinyConfig = TinyConfig()) -> Path:
    """Build the tiny model into the cache once (atomically: build aside, then rename) and return its path."""
    target = default_cache_dir() / f"tiny-{config.fingerprint()}"
    if (target / "config.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    build_tiny_model(staging, config)
    try:
        os.replace(staging, target)
    except OSError:
        if not (target / "config.json").is_file():  # lost a race with another builder: theirs is fine
            raise CftevalError(f"cannot place the tiny model at {target}") from None
        import shutil

        shutil.rmtree(staging, ignore_errors=True)
    return target
