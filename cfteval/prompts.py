"""Named prompt presets. Each preset's defining text is hashed; the hash goes into every result so that two
runs are comparable only when they used the same prompt.

- `qwen25-math-cot`: the CFT paper's prompt (Qwen2.5-Math's), ChatML written out, zero-shot.
- `deepseek-math`: DeepSeekMath's instruction format.
- `chat`: the model tokenizer's own chat template with the same system prompt.
- `fewshot-cot`: for base models; Minerva 4-shot for MATH-style tasks, 8-shot CoT for GSM8K-style tasks
  (the task names its exemplar set).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

# The CFT text format, shared with training: the harness imports it here and nowhere else.
from cft_train.format import CFT_INSTRUCTION as CFT_INSTRUCTION
from cft_train.format import ChatTemplateError, apply_chat
from cft_train.format import cft_user_turn as cft_user_turn
from cfteval.errors import CftevalError
from cfteval.fewshot import FEWSHOT_SETS

SYSTEM_COT = "Please reason step by step, and put your final answer within \\boxed{}."


@dataclass(frozen=True)
class Preset:
    name: str
    template: str  # "{question}" is replaced; empty for presets built another way
    stop: tuple[str, ...] = ()
    uses_chat_template: bool = False
    fewshot: bool = False


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "qwen25-math-cot",
            "<|im_start|>system\n" + SYSTEM_COT + "<|im_end|>\n<|im_start|>user\n{question}<|im_end|>\n"
            "<|im_start|>assistant\n",
            stop=("</s>", "<|im_end|>", "<|endoftext|>"),
        ),
        Preset(
            "deepseek-math",
            "User: {question}\nPlease reason step by step, and put your final answer within \\boxed{}.\n\nAssistant:",
            stop=("</s>", "<｜end▁of▁sentence｜>", "\n\nUser:"),
        ),
        Preset("chat", "", uses_chat_template=True),
        Preset("fewshot-cot", "", fewshot=True),
    )
}


# The critic preset of `cfteval run --prompt cft-critique --candidates FILE` (cfteval.critiques.critic): the
# WebInstruct-CFT user turn in ChatML with Qwen's default system turn, the one CFT models are trained with. Kept
# out of PRESETS because the tiny model's tokenizer is trained on PRESETS' templates (a new one would change it).
CFT_CRITIQUE = Preset(
    "cft-critique",
    "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n{question}<|im_end|>\n"
    "<|im_start|>assistant\n",
    stop=("</s>", "<|im_end|>", "<|endoftext|>"),
)


def get_preset(name: str) -> Preset:
    if name == CFT_CRITIQUE.name:
        return CFT_CRITIQUE
    if name not in PRESETS:
        raise CftevalError(f"unknown prompt preset '{name}'; known: {', '.join([*PRESETS, CFT_CRITIQUE.name])}")
    return PRESETS[name]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def preset_hash(preset: Preset, fewshot: str | None = None, chat_template: str | None = None) -> str:
    """Hash of everything that defines the prompt text: template, stops, exemplars or chat template."""
    parts = [preset.name, preset.template, "\x00".join(preset.stop)]
    if preset.fewshot:
        parts.append(repr(FEWSHOT_SETS[fewshot or "minerva_math"]))
    if preset.uses_chat_template:
        parts.extend([SYSTEM_COT, chat_template or ""])
    return sha256_text("\x1f".join(parts))[:16]


def chat_messages(question: str) -> tuple[dict, ...]:
    """The turns of the `chat` preset: the paper's system prompt and the question."""
    return ({"role": "system", "content": SYSTEM_COT}, {"role": "user", "content": question})


def render(preset: Preset, question: str, fewshot: str | None = None, tokenizer: Any = None) -> str:
    """The full prompt text for one question."""
    if preset.uses_chat_template:
        if tokenizer is None or not getattr(tokenizer, "chat_template", None):
            raise CftevalError("prompt preset 'chat' needs a tokenizer with a chat template")
        try:
            return apply_chat(tokenizer, chat_messages(question), tokenize=False, add_generation_prompt=True)
        except ChatTemplateError as e:
            raise CftevalError(str(e)) from None
    if preset.fewshot:
        exemplars, q_label, a_label, _ = FEWSHOT_SETS[fewshot or "minerva_math"]
        shots = "\n\n".join(q_label + q + a_label + a for q, a in exemplars)
        return shots + "\n\n" + q_label + question + a_label.rstrip(" \n")
    return preset.template.replace("{question}", question)


def stop_strings(preset: Preset, task_stop: tuple[str, ...], fewshot: str | None = None) -> tuple[str, ...]:
    stops = list(preset.stop) + list(task_stop)
    if preset.fewshot:
        stops.extend(FEWSHOT_SETS[fewshot or "minerva_math"][3])
    return tuple(dict.fromkeys(stops))
