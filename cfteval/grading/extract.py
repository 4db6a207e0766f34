"""Final-answer extraction from a model response (first pass; the grading issue refines it).

Order, as in the CFT paper's toolkit: Minerva "final answer is ... I hope", last `\\boxed{}`/`\\fbox{}`,
"the answer is", last number. Multiple-choice tasks look for an option letter instead.
"""

from __future__ import annotations

import re

from cfteval.tasks import last_boxed

MINERVA = re.compile(r"final answer is\s*(.+?)\.?\s*I hope it is correct", re.IGNORECASE | re.DOTALL)
ANSWER_IS = re.compile(r"(?:the )?(?:final )?answer is[:\s]*(.+?)(?:\.\s|\.$|\n|$)", re.IGNORECASE)
NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+")
LETTER = re.compile(r"\(([A-J])\)|\b([A-J])\b")

MAX_SCAN = 20_000  # characters from the end of a response that extraction looks at


def _strip_math(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] == "$" and text[-1] == "$":
        text = text[1:-1].strip()
    return text.rstrip(".").strip()


def extract_math(response: str) -> str | None:
    text = response[-MAX_SCAN:]
    m = MINERVA.search(text)
    if m:
        inner = last_boxed(m.group(1))
        return _strip_math(inner if inner is not None else m.group(1))
    boxed = last_boxed(text)
    if boxed is not None and boxed.strip():
        return _strip_math(boxed)
    matches = ANSWER_IS.findall(text)
    if matches and matches[-1].strip():
        return _strip_math(matches[-1])
    numbers = NUMBER.findall(text)
    if numbers:
        return numbers[-1].replace(",", "")
    return None


def extract_choice(response: str) -> str | None:
    text = response[-MAX_SCAN:]
    for candidate in (last_boxed(text), *reversed(ANSWER_IS.findall(text))):
        if candidate:
            m = LETTER.search(_strip_math(candidate).replace("\\text{", "").upper())
            if m:
                return m.group(1) or m.group(2)
    matches = re.findall(r"\(([A-J])\)", text)
    return matches[-1] if matches else None


def extract_answer(response: str, answer_type: str = "math") -> str | None:
    """The final answer in `response`, or None when there is none."""
    if answer_type == "choice":
        return extract_choice(response)
    return extract_math(response)
