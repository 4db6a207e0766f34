"""The CFT text format, the one thing training and evaluation share besides checkpoints on disk: the
WebInstruct-CFT user turn and the chat-template rendering, so that a model trained on a template sees the same
turns when it is evaluated with it. It imports nothing else of cft_train and no torch; the harness imports it in
one place (`cfteval.prompts`)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

CFT_INSTRUCTION = "Please critique whether the following solution to the question is correct."
log = logging.getLogger(__name__)


def cft_user_turn(question: str, candidate: str) -> str:
    """The WebInstruct-CFT user turn for a (question, candidate solution) pair."""
    return f"{CFT_INSTRUCTION}\nQuestion:\n{question}\n\nSolution:\n{candidate}"


class ChatTemplateError(ValueError):
    """The tokenizer's chat template refuses these turns (its own message, one line)."""


def apply_chat(tokenizer, messages: Sequence[dict], **kwargs):
    """`tokenizer.apply_chat_template(messages, **kwargs)`. Templates that reject a system turn (Gemma, older
    Mistral-Instruct raise "System role not supported") get the system text folded into the first user turn,
    the usual workaround for those models, with a warning."""
    from jinja2.exceptions import TemplateError

    messages = list(messages)
    try:
        return tokenizer.apply_chat_template(messages, **kwargs)
    except TemplateError as e:
        error = e
    if len(messages) > 1 and messages[0]["role"] == "system" and messages[1]["role"] == "user":
        folded = [{"role": "user", "content": messages[0]["content"] + "\n\n" + messages[1]["content"]}]
        try:
            result = tokenizer.apply_chat_template(folded + messages[2:], **kwargs)
        except TemplateError as e:
            error = e
        else:
            if not getattr(tokenizer, "_cft_warned_system", False):
                log.warning("the chat template rejects a system turn (%s); its text goes into the user turn", error)
                tokenizer._cft_warned_system = True
            return result
    reason = next(iter(str(error).strip().splitlines()), type(error).__name__)  # a template's raise_exception text
    raise ChatTemplateError(f"the chat template refuses these turns: {reason[:300]}")
