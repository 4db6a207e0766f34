from __future__ import annotations

import pytest
from transformers import AutoTokenizer

from cfteval import prompts
from cfteval.data import load_docs
from cfteval.errors import CftevalError
from cfteval.tasks import registry

MATH500_DOC0_QWEN25_MATH_COT = (
    "<|im_start|>system\nPlease reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n"
    "<|im_start|>user\nConvert the point $(0,3)$ in rectangular coordinates to polar coordinates.  Enter your "
    "answer in the form $(r,\\theta),$ where $r > 0$ and $0 \\le \\theta < 2 \\pi.$<|im_end|>\n"
    "<|im_start|>assistant\n"
)


def _math500_doc0(data_dir):
    docs, _ = load_docs(registry()["math500"], data_dir, limit=1)
    return docs[0]


def test_qwen25_math_cot_prompt_is_pinned(data_dir):
    preset = prompts.get_preset("qwen25-math-cot")
    assert prompts.render(preset, _math500_doc0(data_dir).question) == MATH500_DOC0_QWEN25_MATH_COT


def test_deepseek_math_prompt():
    text = prompts.render(prompts.get_preset("deepseek-math"), "What is $1+1$?")
    assert text == (
        "User: What is $1+1$?\nPlease reason step by step, and put your final answer within \\boxed{}.\n\nAssistant:"
    )


def test_fewshot_presets_use_the_task_exemplars():
    preset = prompts.get_preset("fewshot-cot")
    gsm = prompts.render(preset, "How many?", "gsm8k")
    assert gsm.count("The answer is") == 8 and gsm.endswith("\n\nQ: How many?\nA:")
    minerva = prompts.render(preset, "Find $x$.", "minerva_math")
    assert minerva.count("I hope it is correct.") == 4 and minerva.endswith("Problem:\nFind $x$.\n\nSolution:")
    assert "Q:" in prompts.stop_strings(preset, (), "gsm8k")
    assert "Problem:" in prompts.stop_strings(preset, (), "minerva_math")


def test_chat_preset_uses_the_tokenizer_template(tiny_model):
    tokenizer = AutoTokenizer.from_pretrained(tiny_model)
    text = prompts.render(prompts.get_preset("chat"), "Q?", tokenizer=tokenizer)
    assert text == (
        "<|im_start|>system\n" + prompts.SYSTEM_COT + "<|im_end|>\n<|im_start|>user\nQ?<|im_end|>\n"
        "<|im_start|>assistant\n"
    )


NO_SYSTEM_TEMPLATE = (  # Gemma's and older Mistral-Instruct's templates refuse a system turn like this
    "{% for m in messages %}{% if m['role'] == 'system' %}{{ raise_exception('System role not supported') }}"
    "{% endif %}<turn>{{ 'model' if m['role'] == 'assistant' else m['role'] }}\n{{ m['content'] }}</turn>\n"
    "{% endfor %}"
    "{% if add_generation_prompt %}<turn>model\n{% endif %}"
)


def test_a_template_that_refuses_a_system_turn_gets_it_in_the_user_turn(tiny_model):
    tokenizer = AutoTokenizer.from_pretrained(tiny_model)
    tokenizer.chat_template = NO_SYSTEM_TEMPLATE
    text = prompts.render(prompts.get_preset("chat"), "Q?", tokenizer=tokenizer)
    assert text == "<turn>user\n" + prompts.SYSTEM_COT + "\n\nQ?</turn>\n<turn>model\n"
    tokenizer.chat_template = "{{ raise_exception('no chat here') }}"
    with pytest.raises(CftevalError, match="^the chat template refuses these turns: no chat here$"):
        prompts.render(prompts.get_preset("chat"), "Q?", tokenizer=tokenizer)


def test_preset_hashes_are_stable_and_distinct():
    hashes = {name: prompts.preset_hash(p, "minerva_math") for name, p in prompts.PRESETS.items()}
    assert hashes["qwen25-math-cot"] == "5181e38c61058baf"
    assert len(set(hashes.values())) == len(hashes)
    fewshot = prompts.get_preset("fewshot-cot")
    assert prompts.preset_hash(fewshot, "gsm8k") != prompts.preset_hash(fewshot, "minerva_math")


def test_unknown_preset():
    with pytest.raises(CftevalError, match="unknown prompt preset 'nope'"):
        prompts.get_preset("nope")
