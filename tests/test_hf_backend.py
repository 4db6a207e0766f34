"""The transformers backend on real tiny models: stop strings, finish reasons, token counts, context limits."""

from __future__ import annotations

import pytest

from cfteval.backends import ModelOptions, Request, SamplingParams
from cfteval.backends.hf import HFBackend
from cfteval.errors import CftevalError, first_line
from cfteval.tiny import TinyConfig, build_tiny_model

PROMPTS = [
    "<|im_start|>user\nHow many trees did the grove workers plant today?<|im_end|>\n<|im_start|>assistant\n",
    "Q: Olivia has $23. She bought five bagels for $3 each. How much money does she have left?\nA:",
    "Problem:\nFind $x$.\n\nSolution:",
]


@pytest.fixture(scope="module")
def backend(tiny_model):
    return HFBackend(str(tiny_model), ModelOptions(batch_size=2))


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


def test_a_stop_string_that_begins_in_the_prompt_is_no_stop(backend):
    # The prompt ends in "\n" and the completion begins "F": "\nF" spans the two, which vLLM does not match either.
    prompt = ["Q: 2+2?\n"]
    [free] = _generate(backend, SamplingParams(max_new_tokens=12), prompt)
    assert free.text.startswith("F") and "\nF" not in free.text
    [c] = _generate(backend, SamplingParams(max_new_tokens=12, stop=("\nF",)), prompt)
    assert (c.text, c.finish_reason, c.completion_tokens) == (free.text, free.finish_reason, free.completion_tokens)


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


def _variant(tiny_model, tmp_path, name, generation=None, zero_norm=False):
    """A copy of the tiny model with an edited generation_config.json, or with its final norm zeroed (all logits
    equal, so greedy decoding emits token id 0 every step)."""
    import json
    import shutil

    import torch
    from transformers import AutoModelForCausalLM

    out = tmp_path / name
    shutil.copytree(tiny_model, out)
    if zero_norm:
        model = AutoModelForCausalLM.from_pretrained(out)
        with torch.no_grad():
            model.model.norm.weight.zero_()
        model.save_pretrained(out)
    if generation:
        path = out / "generation_config.json"
        path.write_text(json.dumps({**json.loads(path.read_text()), **generation}))
    return out


def test_the_models_shipped_sampling_defaults_do_not_change_a_greedy_run(backend, tiny_model, tmp_path):
    # Qwen2.5-Instruct ships repetition_penalty 1.05; transformers would apply it to every generate() call.
    shipped = {"repetition_penalty": 1.8, "no_repeat_ngram_size": 2, "do_sample": True, "temperature": 0.6}
    other = HFBackend(str(_variant(tiny_model, tmp_path, "shipped", shipped)), ModelOptions(batch_size=2))
    params = SamplingParams(max_new_tokens=24)
    assert [c.text for c in _generate(other, params)] == [c.text for c in _generate(backend, params)]


def test_each_prompt_gets_its_own_context_budget_whatever_the_batch(tmp_path):
    model = build_tiny_model(tmp_path / "short", TinyConfig(max_position_embeddings=48, train_steps=0))
    prompts = [PROMPTS[0], "Q: 2+2?\nA:"]  # about 25 and 8 tokens: each leaves a different room
    params = SamplingParams(max_new_tokens=100)
    batched = _generate(HFBackend(str(model), ModelOptions(batch_size=2)), params, prompts)
    alone = _generate(HFBackend(str(model), ModelOptions(batch_size=1)), params, prompts)
    assert [(c.text, c.completion_tokens) for c in batched] == [(c.text, c.completion_tokens) for c in alone]
    assert all(c.prompt_tokens + c.completion_tokens <= 48 for c in batched)
    lengths = [c for c in batched if c.finish_reason == "length"]
    assert all(c.prompt_tokens + c.completion_tokens == 48 for c in lengths)


def test_a_pad_token_the_model_generates_is_an_ordinary_token(tiny_model, tmp_path):
    model = _variant(tiny_model, tmp_path, "emits_id0", zero_norm=True)
    backend = HFBackend(str(model), ModelOptions(batch_size=2))
    # As in a model whose pad token is id 0 and whose EOS is another token: id 0 pads and does not end a row.
    backend.pad_id, backend.eos_ids = 0, [i for i in backend.eos_ids if i != 0]
    for c in _generate(backend, SamplingParams(max_new_tokens=6), PROMPTS[:2]):
        assert (c.finish_reason, c.completion_tokens) == ("length", 6)


def test_error_lines_keep_what_a_colon_introduces():
    # transformers' message for a model dir without tokenizer files
    error = OSError(
        "Couldn't instantiate the backend tokenizer from one of: \n(1) a `tokenizers` file,\n(2) a slow one"
    )
    assert (
        first_line(error)
        == "Couldn't instantiate the backend tokenizer from one of: (1) a `tokenizers` file, (2) a slow one"
    )
    assert first_line(ValueError("bad thing\nTraceback detail")) == "bad thing"
    assert first_line(ValueError("")) == "ValueError"
