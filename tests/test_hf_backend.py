"""The transformers backend on real tiny models: stop strings, finish reasons, token counts, context limits."""

from __future__ import annotations

import pytest

from cfteval.backends import Request, SamplingParams
from cfteval.backends.hf import HFBackend
from cfteval.errors import CftevalError
from cfteval.tiny import TinyConfig, build_tiny_model

PROMPTS = [
    "<|im_start|>user\nHow many trees did the grove workers plant today?<|im_end|>\n<|im_start|>assistant\n",
    "Q: Olivia has $23. She bought five bagels for $3 each. How much money does she have left?\nA:",
    "Problem:\nFind $x$.\n\nSolution:",
]


@pytest.fixture(scope="module")
def backend(tiny_model):
    return HFBackend(str(tiny_model), batch_size=2)


def _generate(backend, params, prompts=PROMPTS):
    requests = [Request(p, seed=i) for i, p in enumerate(prompts)]
    out = {c.index: c for c in backend.generate(requests, params)}
    assert sorted(out) == list(range(len(prompts)))
    return [out[i] for i in range(len(prompts))]


def test_length_finish_and_token_counts(backend):
    for c in _generate(backend, SamplingParams(max_new_tokens=10)):
        assert c.completion_tokens <= 10 and c.prompt_tokens > 5
        assert c.finish_reason == ("length" if c.completion_tokens == 10 else "stop")


def test_stop_string_cuts_the_text(backend):
    free = _generate(backend, SamplingParams(max_new_tokens=40))
    text = next(c.text for c in free if len(c.text.strip()) > 12)
    stop = text.strip()[6:10]  # a string the model is known to produce
    index = PROMPTS[[c.text for c in free].index(text)]
    [cut] = _generate(backend, SamplingParams(max_new_tokens=40, stop=(stop,)), [index])
    assert cut.text == text[: text.find(stop)]
    assert cut.finish_reason == "stop" and cut.completion_tokens < 40


def test_greedy_is_deterministic_and_plan_covers_pending(backend):
    a = _generate(backend, SamplingParams(max_new_tokens=12))
    b = _generate(backend, SamplingParams(max_new_tokens=12))
    assert [c.text for c in a] == [c.text for c in b]
    requests = [Request(p, 0) for p in PROMPTS]
    plan = backend.plan(requests, done=set())
    assert sorted(i for batch in plan for i in batch) == [0, 1, 2] and all(len(b) <= 2 for b in plan)
    assert all(any(i != 0 for i in b) for b in backend.plan(requests, done={0}))


def test_generation_is_clamped_to_the_context_and_overlong_prompts_are_refused(tmp_path):
    model = build_tiny_model(tmp_path / "short", TinyConfig(max_position_embeddings=40, train_steps=0))
    backend = HFBackend(str(model))
    [c] = _generate(backend, SamplingParams(max_new_tokens=100), [PROMPTS[0]])
    assert c.prompt_tokens + c.completion_tokens <= 40
    with pytest.raises(CftevalError, match="does not fit the model's context of 40"):
        _generate(backend, SamplingParams(max_new_tokens=5), [PROMPTS[1] * 10])
