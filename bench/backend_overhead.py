"""Harness overhead per backend: `cfteval.evaluate` through hf and vllm against the raw engines on the same prompts.

    .venv-vllm/bin/python bench/backend_overhead.py --data-dir ../shared/benchmarks [--prompts 64 --tokens 128]

Run it with the vLLM venv's python (.ci/vllm builds it). Builds a random 12-layer, hidden-768 Qwen2-shaped model
with the tiny tokenizer (offline; it never emits EOS, so every prompt generates exactly --tokens), takes the first
N MATH-500 prompts in the `qwen25-math-cot` preset, and times, alternating raw and harness, --repeats times:
  vllm raw      LLM(...) + LLM.generate on the same token ids (engine start included, as in the harness)
  vllm harness  cfteval.evaluate(backend="vllm") end to end (engine start, generation, samples, grading)
  hf raw        model load + length-sorted batched model.generate (bench/harness_overhead.py's raw side)
  hf harness    cfteval.evaluate(backend="hf") end to end
and prints tokens/s, the harness/raw ratio per backend, and vLLM's generate-only figure for reference.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness_overhead import raw_generate  # noqa: E402

from cfteval import evaluate, prompts  # noqa: E402
from cfteval.data import load_docs  # noqa: E402
from cfteval.tasks import registry  # noqa: E402
from cfteval.tiny import TinyConfig, build_tiny_model  # noqa: E402


def vllm_raw(model_dir: Path, texts: list[str], tokens: int) -> tuple[float, float, int]:
    import vllm

    start = time.perf_counter()
    llm = vllm.LLM(model=str(model_dir), dtype="float32", max_model_len=2048, gpu_memory_utilization=0.5, seed=0)
    tokenizer = llm.get_tokenizer()
    ids = [{"prompt_token_ids": tokenizer(t)["input_ids"]} for t in texts]
    params = vllm.SamplingParams(temperature=0.0, max_tokens=tokens)
    generate_start = time.perf_counter()
    outputs = llm.generate(ids, params, use_tqdm=False)
    end = time.perf_counter()
    generated = sum(len(o.outputs[0].token_ids) for o in outputs)
    del llm
    gc.collect()
    return end - start, end - generate_start, generated


def harness(model_dir: Path, backend: str, data_dir: str, n: int, tokens: int, out: str) -> tuple[float, int]:
    start = time.perf_counter()
    options = {"max_model_len": 2048} if backend == "vllm" else {}
    evaluate(str(model_dir), "math500", backend=backend, limit=n, data_dir=data_dir, output=out,
             max_new_tokens=tokens, dtype="float32", progress=False, **options)  # fmt: skip
    seconds = time.perf_counter() - start
    lines = (Path(out) / "samples" / "math500.jsonl").read_text().splitlines()
    gc.collect()
    return seconds, sum(json.loads(x)["completion_tokens"] for x in lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--prompts", type=int, default=64)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--skip-hf", action="store_true")
    args = parser.parse_args()
    rates: dict[str, list[float]] = {k: [] for k in ("vllm raw", "vllm harness", "hf raw", "hf harness")}
    generate_only = []
    with tempfile.TemporaryDirectory() as tmp:
        shape = TinyConfig(
            hidden_size=768, num_layers=12, num_heads=12, num_kv_heads=2, intermediate_size=2048, train_steps=0
        )
        model_dir = build_tiny_model(Path(tmp) / "model", shape)
        docs, _ = load_docs(registry()["math500"], args.data_dir, limit=args.prompts)
        texts = [prompts.render(prompts.get_preset("qwen25-math-cot"), d.question) for d in docs]
        for r in range(args.repeats):
            total, gen, n = vllm_raw(model_dir, texts, args.tokens)
            rates["vllm raw"].append(n / total)
            generate_only.append(n / gen)
            s, n = harness(model_dir, "vllm", args.data_dir, args.prompts, args.tokens, f"{tmp}/vllm{r}")
            rates["vllm harness"].append(n / s)
            if not args.skip_hf:
                s, n = raw_generate(model_dir, texts, args.tokens, 16)
                rates["hf raw"].append(n / s)
                s, n = harness(model_dir, "hf", args.data_dir, args.prompts, args.tokens, f"{tmp}/hf{r}")
                rates["hf harness"].append(n / s)
            print(f"repeat {r}: " + ", ".join(f"{k} {v[-1]:.1f}" for k, v in rates.items() if v), flush=True)
    for name, values in rates.items():
        if values:
            print(f"{name:13s}: median {statistics.median(values):.1f} tok/s over {len(values)} runs {values}")
    print(f"vllm generate-only (no engine start): median {statistics.median(generate_only):.1f} tok/s")
    for backend in ("vllm", "hf"):
        if rates[f"{backend} raw"]:
            ratio = statistics.median(rates[f"{backend} harness"]) / statistics.median(rates[f"{backend} raw"])
            print(f"{backend}: harness/raw tok/s = {ratio:.3f}")


if __name__ == "__main__":
    main()
