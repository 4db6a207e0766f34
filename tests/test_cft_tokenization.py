"""Loss masking on a real ChatML (Qwen-style) template: only the assistant turn, end-of-turn token included."""

from __future__ import annotations

import pytest
from transformers import AutoTokenizer

from cft_train.data import to_example
from cft_train.errors import CftTrainError
from cft_train.tokenization import IGNORE, encode, encode_all, show_tokens

ROW = {
    "question": "What is 17 + 25?",
    "candidate": "17 + 25 = 43.\nThe answer is \\boxed{43}.",
    "critique": "Checking: 17 + 25 = 42, not 43.\nConclusion: wrong [END]",
}


@pytest.fixture(scope="module")
def tokenizer(tiny_model):
    return AutoTokenizer.from_pretrained(tiny_model)


def test_labels_cover_exactly_the_critique_and_its_end_of_turn(tokenizer):
    example = to_example(ROW, "cft", "You are a helpful assistant.", "row")
    encoded = encode(tokenizer, example)
    prompt = tokenizer.apply_chat_template(list(example.messages), add_generation_prompt=True, tokenize=False)
    n_prompt = len(tokenizer(prompt, add_special_tokens=False)["input_ids"])
    assert encoded.labels[:n_prompt] == [IGNORE] * n_prompt
    trained = [t for t, label in zip(encoded.input_ids, encoded.labels) if label != IGNORE]
    assert trained == encoded.input_ids[n_prompt:] == encoded.labels[n_prompt:]
    assert tokenizer.decode(trained) == ROW["critique"] + "<|im_end|>\n"
    assert tokenizer.convert_tokens_to_ids("<|im_end|>") in trained
    assert tokenizer.decode(encoded.input_ids[:n_prompt]).endswith("<|im_start|>assistant\n")
    assert tokenizer.decode(encoded.input_ids[:n_prompt]).startswith("<|im_start|>system\nYou are a helpful")


def test_sft_rows_train_on_the_solution(tokenizer):
    encoded = encode(tokenizer, to_example({"question": "2+2?", "solution": "4"}, "sft", None, "row"))
    assert tokenizer.decode([t for t, lab in zip(encoded.input_ids, encoded.labels) if lab != IGNORE]) == (
        "4<|im_end|>\n"
    )


def test_template_whose_prompt_is_not_a_prefix_is_refused(tokenizer, tiny_model):
    broken = AutoTokenizer.from_pretrained(tiny_model)
    # A generation prompt the answer turn does not start with (a thinking-model pattern gone wrong).
    broken.chat_template = tokenizer.chat_template.replace(
        "'<|im_start|>assistant\n'", "'<|im_start|>assistant\n<think>\n'"
    )
    assert "<think>" in broken.chat_template
    with pytest.raises(CftTrainError, match="^row: the chat template's prompt is not a prefix"):
        encode(broken, to_example(ROW, "cft", None, "row"))


def test_a_template_that_refuses_a_system_turn_trains_with_it_in_the_user_turn(tiny_model):
    from test_prompts import NO_SYSTEM_TEMPLATE

    gemma_like = AutoTokenizer.from_pretrained(tiny_model)
    gemma_like.chat_template = NO_SYSTEM_TEMPLATE
    encoded = encode(gemma_like, to_example(ROW, "cft", "You are a helpful assistant.", "row"))
    trained = [t for t, label in zip(encoded.input_ids, encoded.labels) if label != IGNORE]
    assert gemma_like.decode(trained) == ROW["critique"] + "</turn>\n"
    assert gemma_like.decode(encoded.input_ids).startswith("<turn>user\nYou are a helpful assistant.\n\n")


def test_tokenizer_without_chat_template_is_refused(tiny_model):
    plain = AutoTokenizer.from_pretrained(tiny_model)
    plain.chat_template = None
    with pytest.raises(CftTrainError, match="no chat template"):
        encode(plain, to_example(ROW, "cft", None, "row"))


def test_rows_longer_than_cutoff_are_dropped_and_counted(tokenizer):
    short = to_example(ROW, "cft", None, "f:1")
    long = to_example({**ROW, "critique": "step. " * 400 + "Conclusion: wrong [END]"}, "cft", None, "f:2")
    cutoff = len(encode(tokenizer, short).input_ids)
    kept, stats = encode_all(tokenizer, [short, long, short], cutoff)
    assert (stats.rows, stats.kept, stats.dropped_too_long, stats.dropped_where) == (3, 2, 1, ["f:2"])
    assert all(len(e.input_ids) == cutoff for e in kept)  # kept rows are never cut
    assert stats.trained_tokens == 2 * encode(tokenizer, short).trained_tokens
    with pytest.raises(CftTrainError, match="all 1 rows are longer than cutoff_len=10"):
        encode_all(tokenizer, [long], 10)


def test_show_tokens_marks_the_trained_span(tokenizer):
    text = show_tokens(tokenizer, encode(tokenizer, to_example(ROW, "cft", None, "row")))
    assert "<|im_start|>assistant\n[[Checking: 17 + 25 = 42" in text
    assert text.count("[[") == 1 and "Conclusion: wrong [END]<|im_end|>\n]]" in text
    assert text.splitlines()[-1].startswith("-- ") and "trained" in text.splitlines()[-1]
