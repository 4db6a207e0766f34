"""Per-sample seeds in the hf backend: a sampled completion depends on its request's seed only, not on the batch
size, the batch's other prompts, or the order and subset of requests (what a resumed run generates)."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from cfteval.backends import ModelOptions, Request, SamplingParams
from cfteval.backends.hf import HFBackend

PROMPTS = [
    "Q: Olivia has $23. She bought five bagels for $3 each. How much money does she have left?\nA:",
    "Problem:\nFind $x$ if $2x + 3 = 11$.\n\nSolution:",
    "<|im_start|>user\nHow many trees did the grove workers plant today?<|im_end|>\n<|im_start|>assistant\n",
    "Q: 2+2?\nA:",
    "Question: A train travels 60 miles in 1.5 hours. What is its average speed in miles per hour?\nAnswer:",
    "Problem:\nWhat is the remainder when 2024 is divided by 7?\n\nSolution:",
]
SAMPLED = SamplingParams(max_new_tokens=12, temperature=1.0, stop=("\n\n",))


def _requests(offset: int = 0) -> list[Request]:
    """Four samples per prompt, each with its own seed (as evaluate derives one per (doc, sample))."""
    return [Request(p, seed=offset + 1000 * doc + s) for doc, p in enumerate(PROMPTS) for s in range(4)]


def _run(backend: HFBackend, requests: list[Request], params: SamplingParams = SAMPLED) -> list[tuple]:
    out = {c.index: (c.text, c.finish_reason, c.completion_tokens) for c in backend.generate(requests, params)}
    assert sorted(out) == list(range(len(requests)))
    return [out[i] for i in range(len(requests))]


@pytest.fixture(scope="module")
def backends(tiny_model) -> dict[int, HFBackend]:
    return {size: HFBackend(str(tiny_model), ModelOptions(batch_size=size)) for size in (1, 8, 32)}


def test_sampled_completions_do_not_depend_on_batch_size_order_or_subset(backends):
    requests = _requests()
    reference = _run(backends[1], requests)
    assert _run(backends[8], requests) == reference
    assert _run(backends[32], requests) == reference
    # A resumed run generates a subset of the requests, in another order and with other batch neighbours.
    subset = [5, 22, 2, 17, 11, 23, 8, 0, 19, 14]
    assert _run(backends[8], [requests[i] for i in subset]) == [reference[i] for i in subset]
    assert _run(backends[32], requests[::-1]) == reference[::-1]
    # "length" means the budget ran out (a stop string that began in the prompt once ended a row early).
    assert all(tokens == 12 for _, finish, tokens in reference if finish == "length")
    # Not trivially equal: the samples of a prompt differ, and other seeds give other completions.
    assert len({text for text, _, _ in reference}) > len(PROMPTS) * 2
    others = _run(backends[32], _requests(offset=7))
    assert sum(a != b for a, b in zip(others, reference)) > len(reference) // 2


def test_top_p_sampling_is_per_sample_too_and_a_tiny_top_p_is_greedy(backends):
    requests = _requests()
    nucleus = SamplingParams(max_new_tokens=12, temperature=0.8, top_p=0.9)
    assert _run(backends[8], requests[::-1], nucleus) == _run(backends[32], requests, nucleus)[::-1]
    greedy = _run(backends[32], requests, SamplingParams(max_new_tokens=12))
    assert _run(backends[32], requests, SamplingParams(max_new_tokens=12, temperature=1.0, top_p=1e-9)) == greedy


def _cli_samples(tiny_model, data_dir, out, batch_size: int) -> list[tuple]:
    result = run_cli(
        "run", "--model", str(tiny_model), "--tasks", "gsm8k", "--limit", "3", "--n", "4", "--temperature", "1",
        "--max-new-tokens", "16", "--batch-size", str(batch_size), "--data-dir", str(data_dir),
        "--output", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in (out / "samples" / "gsm8k.jsonl").read_text().splitlines()]
    return sorted((x["doc_id"], x["sample"], x["completion"]) for x in lines)


def test_a_sampled_cli_run_gives_the_same_samples_at_batch_size_1_and_8(tiny_model, data_dir, tmp_path):
    one = _cli_samples(tiny_model, data_dir, tmp_path / "b1", 1)
    assert len(one) == 12 and len({text for _, _, text in one}) > 3
    assert _cli_samples(tiny_model, data_dir, tmp_path / "b8", 8) == one
