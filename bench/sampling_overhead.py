"""Cost of per-sample seeds in the hf backend: `SeededSampler` (one generator per row, drawn in a logits processor,
greedy picks the drawn token) against transformers' own sampling (one global seed per batch), same model, same
prompts, same temperature / top-p.

    python bench/sampling_overhead.py [--vocab 151936 --hidden 256 --layers 2 --batch 16 --tokens 64 --repeats 3]

A random Qwen2-shaped model with the Qwen2.5 vocabulary: with a small body the per-step vocabulary work (softmax,
top-p sort, draw) weighs the most it can next to the forward pass, so the ratio printed is an upper bound for
real 0.5B-7B models. Prints tokens/s of each, alternated, and the ratio of medians.
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
from transformers import GenerationConfig, LogitsProcessorList, Qwen2Config, Qwen2ForCausalLM

from cfteval.backends.hf import SeededSampler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab", type=int, default=151936)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--prompt-len", type=int, default=128)
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--top-p", type=float, default=0.95)
    args = parser.parse_args()
    torch.manual_seed(0)
    config = Qwen2Config(vocab_size=args.vocab, hidden_size=args.hidden, intermediate_size=4 * args.hidden,
                         num_hidden_layers=args.layers, num_attention_heads=4, num_key_value_heads=2,
                         max_position_embeddings=4096, tie_word_embeddings=False)  # fmt: skip
    model = Qwen2ForCausalLM(config).eval()
    ids = torch.randint(0, args.vocab, (args.batch, args.prompt_len))
    common = dict(max_new_tokens=args.tokens, min_new_tokens=args.tokens, pad_token_id=0, eos_token_id=None)

    def theirs() -> None:
        torch.manual_seed(1)
        config = GenerationConfig(do_sample=True, temperature=1.0, top_p=args.top_p, top_k=0, **common)
        model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), generation_config=config)

    def ours() -> None:
        sampler = SeededSampler(list(range(args.batch)), 1.0, args.top_p)
        model.generate(input_ids=ids, attention_mask=torch.ones_like(ids),
                       generation_config=GenerationConfig(do_sample=False, **common),
                       logits_processor=LogitsProcessorList([sampler]))  # fmt: skip

    times: dict[str, list[float]] = {"transformers sampling": [], "SeededSampler": []}
    with torch.inference_mode():
        ours(), theirs()  # warm-up
        for _ in range(args.repeats):
            for name, fn in (("transformers sampling", theirs), ("SeededSampler", ours)):
                start = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - start)
    tokens = args.batch * args.tokens
    for name, runs in times.items():
        print(f"{name:22s} {tokens / statistics.median(runs):8.1f} tok/s  runs: "
              + ", ".join(f"{tokens / t:.1f}" for t in runs))  # fmt: skip
    ratio = statistics.median(times["transformers sampling"]) / statistics.median(times["SeededSampler"])
    print(f"SeededSampler / transformers sampling throughput: {ratio:.3f}")


if __name__ == "__main__":
    main()
