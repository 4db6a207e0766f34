"""Harness overhead of `cfteval run --backend hf` against raw `model.generate` on the same prompts.

    python bench/harness_overhead.py --data-dir ../shared/benchmarks [--prompts 64 --tokens 128 --batch-size 16]

Builds a random 12-layer, hidden-768 Qwen2-shaped model with the tiny tokenizer (offline), takes the first N
MATH-500 prompts in the `qwen25-math-cot` preset, and times (a) raw batched `generate` with the same
left-padded, length-sorted batches and (b) `cfteval.evaluate` end to end (plan, generate, append samples,
grade, write results). Prints tokens/s for both and their ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from cfteval import evaluate, prompts
from cfteval.data import load_docs
from cfteval.tasks import registry
from cfteval.tiny import TinyConfig, build_tiny_model


def raw_generate(model_dir: Path, texts: list[str], tokens: int, batch_size: int) -> tuple[float, int]:
    tokenizer = AutoTokenizer.from_pretrained(model_dir, padding_side="left")
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    order = sorted(range(len(texts)), key=lambda i: -len(tokenizer(texts[i])["input_ids"]))
    generated = 0
    start = time.perf_counter()
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            enc = tokenizer([texts[i] for i in order[b : b + batch_size]], return_tensors="pt", padding=True)
            out = model.generate(**enc, max_new_tokens=tokens, do_sample=False, pad_token_id=tokenizer.pad_token_id)
            new = out[:, enc["input_ids"].shape[1] :]
            generated += int((new != tokenizer.pad_token_id).sum())
    return time.perf_counter() - start, generated


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--prompts", type=int, default=64)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shape = TinyConfig(
            hidden_size=768, num_layers=12, num_heads=12, num_kv_heads=2, intermediate_size=2048, train_steps=0
        )
        model_dir = build_tiny_model(Path(tmp) / "model", shape)
        docs, _ = load_docs(registry()["math500"], args.data_dir, limit=args.prompts)
        preset = prompts.get_preset("qwen25-math-cot")
        texts = [prompts.render(preset, d.question) for d in docs]
        raw_s, raw_tokens = raw_generate(model_dir, texts, args.tokens, args.batch_size)

        start = time.perf_counter()
        evaluate(
            str(model_dir),
            "math500",
            limit=args.prompts,
            data_dir=args.data_dir,
            output=f"{tmp}/run",
            max_new_tokens=args.tokens,
            batch_size=args.batch_size,
            progress=False,
        )
        harness_s = time.perf_counter() - start
        lines = (Path(tmp) / "run" / "samples" / "math500.jsonl").read_text().splitlines()
        import json

        harness_tokens = sum(json.loads(x)["completion_tokens"] for x in lines)
    print(f"raw generate      : {raw_tokens} tokens in {raw_s:.1f}s = {raw_tokens / raw_s:.1f} tok/s")
    print(
        f"cfteval evaluate  : {harness_tokens} tokens in {harness_s:.1f}s = {harness_tokens / harness_s:.1f} tok/s "
        "(end to end: model load, generation, samples, grading, results)"
    )
    print(f"ratio harness/raw tok/s: {(harness_tokens / harness_s) / (raw_tokens / raw_s):.3f}")


if __name__ == "__main__":
    main()
