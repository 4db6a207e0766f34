"""Final-answer extraction from a model response, in the order the CFT paper's toolkit uses: Minerva's
"final answer is ... I hope", the last `\\boxed{}`/`\\fbox{}` (several boxes in one closing statement read as
one list), "the answer is" / "final answer:" / GSM8K's "####", then the last number. Multiple-choice tasks
look for an option letter instead. Only the last MAX_SCAN characters are read, so time is bounded."""

from __future__ import annotations

import re

from cfteval.grading.normalize import strip_math
from cfteval.latex import boxes

MAX_SCAN = 20_000
MINERVA = re.compile(r"final answer is\s*(.+?)\.?\s*I hope it is correct", re.IGNORECASE | re.DOTALL)
ANSWER_IS = re.compile(
    r"(?:the\s+)?(?:final\s+)?answer\s*(?:is|:|=)\s*:?\s*(.+?)(?:\.\s|\.$|\n|$)", re.IGNORECASE | re.MULTILINE
)
HASHES = re.compile(r"####\s*([^\n]+)")
NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+")
# What may stand between two boxes of one closing statement: "\boxed{2} and x = \boxed{3}", "$\boxed{2}$, $\boxed{3}$"
JOINER = re.compile(
    r"^[\s$,;]*(?:and|or|&|\\text\{\s*(?:and|or)\s*\}|\\quad|\\qquad)?[\s$,;]*"
    r"(?:[a-zA-Z](?:_\{?\w+\}?)?\s*=\s*)?[\s$]*$"
)
CHOICE = re.compile(r"^\s*\(?\s*([A-J])\s*\)?(?:[\s.:)]|$)")


def last_boxed_group(text: str) -> str | None:
    """The last box's content, joined with the boxes right before it in the same closing statement."""
    spans = [b for b in boxes(text) if b[2].strip()]
    if not spans:
        return None
    group = [spans[-1]]
    for prev in reversed(spans[:-1]):
        if not JOINER.match(text[prev[1] : group[0][0]]):
            break
        group.insert(0, prev)
    return ", ".join(strip_math(c) for _, _, c in group)


def extract_math(response: str) -> str | None:
    text = response[-MAX_SCAN:]
    minerva = MINERVA.findall(text)
    if minerva:
        inner = last_boxed_group(minerva[-1])
        return strip_math(inner if inner is not None else minerva[-1]) or None
    boxed = last_boxed_group(text)
    if boxed:
        return boxed
    stated = [m for m in ANSWER_IS.findall(text) if m.strip()] + [m for m in HASHES.findall(text) if m.strip()]
    if stated:
        return strip_math(_trim_statement(_last_by_position(text, stated)).replace("**", "")) or None
    numbers = NUMBER.findall(text)
    return numbers[-1].replace(",", "") if numbers else None


def _trim_statement(answer: str) -> str:
    """ "Answer: The final answer is $15" -> "$15"; "7 apples because 3 + 4 = 7" -> "7 apples"."""
    for _ in range(3):
        inner = ANSWER_IS.search(answer)
        if not inner or not inner.group(1).strip():
            break
        answer = inner.group(1)
    return re.split(r"\s+(?:because|since|as|which|so that|so|for|from|when|if)\b|\s+[-—]\s+", answer)[0]


def _last_by_position(text: str, candidates: list[str]) -> str:
    return max(candidates, key=lambda c: text.rfind(c))


def extract_choice(response: str) -> str | None:
    text = response[-MAX_SCAN:]
    candidates = [last_boxed_group(text), *reversed(ANSWER_IS.findall(text)), *reversed(HASHES.findall(text))]
    for candidate in candidates:
        if candidate:
            unwrapped = re.sub(r"\\(?:text|textbf|mathrm)\{([^{}]*)\}", r"\1", strip_math(candidate.replace("*", "")))
            m = CHOICE.match(unwrapped)
            if m:
                return m.group(1)
    matches = re.findall(r"\(([A-J])\)", text)
    return matches[-1] if matches else None


def extract_answer(response: str, answer_type: str = "math") -> str | None:
    """The final answer in `response`, or None when there is none."""
    if answer_type == "choice":
        return extract_choice(response)
    return extract_math(response)
