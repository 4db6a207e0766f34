"""Examples -> token ids and labels, with the loss on the target only.

The prompt is the chat template applied to the messages with the generation prompt; the full sequence is the
template applied to the messages plus the assistant turn. The prompt must be a token prefix of the full sequence
(else masking by length would be wrong: an error, never a guess). Labels are -100 on the prompt and the token ids on
everything after it: the target, its end-of-turn token and whatever the template closes the turn with. Rows
longer than the cutoff are dropped and counted, never truncated: a cut critique would lose its conclusion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cft_train.data import Example
from cft_train.errors import CftTrainError
from cft_train.format import ChatTemplateError, apply_chat

IGNORE = -100


@dataclass(frozen=True)
class Encoded:
    input_ids: list[int]
    labels: list[int]

    @property
    def trained_tokens(self) -> int:
        return sum(label != IGNORE for label in self.labels)


@dataclass
class EncodeStats:
    rows: int = 0
    kept: int = 0
    dropped_too_long: int = 0
    trained_tokens: int = 0
    total_tokens: int = 0
    longest_kept: int = 0
    dropped_where: list[str] = field(default_factory=list)  # the first few, to find them


def _template_ids(tokenizer, messages: list[dict], generation_prompt: bool) -> list[int]:
    ids = apply_chat(tokenizer, messages, add_generation_prompt=generation_prompt, tokenize=True, return_dict=False)
    return list(ids)


def encode(tokenizer, example: Example) -> Encoded:
    """Token ids and labels of one example (no length limit applied here)."""
    if not getattr(tokenizer, "chat_template", None):
        raise CftTrainError("the tokenizer has no chat template; CFT rows are trained as chat turns")
    messages = list(example.messages)
    try:
        prompt = _template_ids(tokenizer, messages, True)
        full = _template_ids(tokenizer, messages + [{"role": "assistant", "content": example.target}], False)
    except ChatTemplateError as e:
        raise CftTrainError(f"{example.where}: {e}") from None
    if full[: len(prompt)] != prompt or len(full) <= len(prompt):
        raise CftTrainError(
            f"{example.where}: the chat template's prompt is not a prefix of prompt + answer, so the loss mask "
            "cannot be placed; use a template that renders the generation prompt as the start of the answer turn"
        )
    return Encoded(full, [IGNORE] * len(prompt) + full[len(prompt) :])


def encode_all(tokenizer, examples: list[Example], cutoff_len: int) -> tuple[list[Encoded], EncodeStats]:
    """Encode every example, dropping (and counting) those longer than cutoff_len tokens."""
    stats = EncodeStats()
    kept = []
    for example in examples:
        stats.rows += 1
        encoded = encode(tokenizer, example)
        if len(encoded.input_ids) > cutoff_len:
            stats.dropped_too_long += 1
            if len(stats.dropped_where) < 5:
                stats.dropped_where.append(example.where)
            continue
        kept.append(encoded)
        stats.kept += 1
        stats.trained_tokens += encoded.trained_tokens
        stats.total_tokens += len(encoded.input_ids)
        stats.longest_kept = max(stats.longest_kept, len(encoded.input_ids))
    if not kept:
        raise CftTrainError(f"all {stats.rows} rows are longer than cutoff_len={cutoff_len} tokens")
    return kept, stats


def show_tokens(tokenizer, encoded: Encoded) -> str:
    """One example as text with the trained span marked: prompt tokens plain, trained tokens inside [[ ]]."""
    parts, trained = [], False
    for token_id, label in zip(encoded.input_ids, encoded.labels):
        is_trained = label != IGNORE
        if is_trained != trained:
            parts.append("[[" if is_trained else "]]")
            trained = is_trained
        parts.append(tokenizer.decode([token_id]))
    if trained:
        parts.append("]]")
    return "".join(parts) + f"\n-- {len(encoded.input_ids)} tokens, {encoded.trained_tokens} trained"
