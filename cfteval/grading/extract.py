"""Final-answer extraction from a model response, in the order the CFT paper's toolkit uses: Minerva's
"final answer is ... I hope", the last `\\boxed{}`/`\\fbox{}` (several boxes in one closing statement read as
one list), "the answer is" / "final answer:" / GSM8K's "####", then the last number. Multiple-choice tasks
look for an option letter instead. Only the last MAX_SCAN characters are read, so time is bounded."""

from __future__ import annotations

import re

from cfteval.grading.normalize import strip_math
from cfteval.latex import boxes

MAX_SCAN = 20_000
MAX_LINE = 2_000  # "the answer is" is looked for in lines cut to this length
# Single character classes between the fixed words keep every pattern free of nested backtracking.
ANSWER_IS = re.compile(r"(?:the[ \t]+)?(?:final[ \t]+)?answer[ \t]*(?:is|:|=)[ \t:]*([^\n]+)", re.IGNORECASE)
HASHES = re.compile(r"####[ \t]*([^\n]+)")
FILLER = re.compile(r"^(?:therefore|thus|hence|so|then|simply|just|clearly)[ ,]+", re.IGNORECASE)
NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+")
# The last-number fallback reads a fraction whole: "the probability is 1/3" or "$\frac{2}{3}$" is not 3.
LAST_NUMBER = re.compile(
    r"-?\\[dt]?frac\{-?\d+\}\{\d+\}|(?<![\d/.])-?(?:\d+ )?\d+/\d+(?![\d/]|\.\d)|" + NUMBER.pattern
)  # fractions whole ("3 1/2" too), dates ("3/4/2020") not
# What may stand between two boxes of one closing statement: "\boxed{2} and x = \boxed{3}", "$\boxed{2}$, $\boxed{3}$"
JOINER = re.compile(r"(?:and|or|&|\\text\{(?:and|or)\}|\\quad|\\qquad)*(?:[a-zA-Z](?:_\{?\w+\}?)?=)?")
MAX_JOIN = 40
# "The largest $n$ is 34": the value after the first "is" that a number or formula follows.
PROSE_IS = re.compile(r"(?:[Tt]he|[Aa]n?)\s[^\n]*?\s(?:is|are|equals)\s+([-$\\\d][^\n]*)$")
# A response that ends on "... is $X$." states X, as a closing statement without the word "answer".
CLOSING_MATH = re.compile(r"\b(?:is|are|equals|=)\s*\$([^$\n]{1,300})\$[ \t]*\.?\s*$")
SPECIAL_TOKENS = re.compile(r"<\|[a-z_]{1,30}\|>[a-z]{0,12}\s*$")  # a chat turn the model started: "<|im_start|>user"
CHOICE = re.compile(r"^\s*\(?\s*([A-J])\s*\)?(?:[\s.:)]|$)")


def last_boxed_group(text: str) -> str | None:
    """The last box's content, joined with the boxes right before it in the same closing statement."""
    spans = [b for b in boxes(text) if b[2].strip()]
    if not spans:
        return None
    group = [spans[-1]]
    for prev in reversed(spans[:-1]):
        gap = text[prev[1] : group[0][0]]
        if len(gap) > MAX_JOIN or not JOINER.fullmatch(re.sub(r"[\s$,;]", "", gap)):
            break
        group.insert(0, prev)
    return ", ".join(strip_math(c) for _, _, c in group)


def extract_math(response: str, last_number: bool = True) -> str | None:
    text = response[-MAX_SCAN:]
    minerva = _minerva(text)
    if minerva is not None:
        inner = last_boxed_group(minerva)
        return strip_math(inner if inner is not None else minerva) or None
    boxed = last_boxed_group(text)
    if boxed:
        return boxed
    stated = _statements(text)
    if stated:
        return strip_math(_math_statement(stated[-1]).replace("**", "")) or None
    closing = CLOSING_MATH.search(SPECIAL_TOKENS.sub("", text[-MAX_LINE:])) if last_number else None
    if closing:
        return strip_math(closing.group(1)) or None
    numbers = LAST_NUMBER.findall(text) if last_number else []
    return numbers[-1].replace(",", "") if numbers else None


def _minerva(text: str) -> str | None:
    """X of the last "final answer is X. I hope it is correct", found with two string searches."""
    lower = text.lower()
    hope = lower.rfind("i hope it is correct")
    start = lower.rfind("final answer is", 0, hope) if hope >= 0 else -1
    if start < 0:
        return None
    return text[start + len("final answer is") : hope].strip().rstrip(".").strip()


def _statements(text: str) -> list[str]:
    """Answers stated as "the answer is X" / "Answer: X" / "#### X", in the order they appear."""
    ordered: list[str] = []
    for line in text.splitlines():  # keep line order, then position within the line
        line = line[:MAX_LINE]
        hits = sorted(
            [(m.start(), m.group(1)) for m in ANSWER_IS.finditer(line) if m.group(1).strip()]
            + [(m.start(), m.group(1)) for m in HASHES.finditer(line) if m.group(1).strip()]
        )
        ordered += [h for _, h in hits]
    return ordered


def _trim_statement(answer: str) -> str:
    """ "Answer: The final answer is $15" -> "$15"; "7 apples because 3 + 4 = 7" -> "7 apples";
    "therefore 18." -> "18"; "4. Wait, ..." -> "4"."""
    for _ in range(3):
        inner = ANSWER_IS.search(answer)
        if not inner or not inner.group(1).strip():
            break
        answer = inner.group(1)
    answer = re.split(r"\.\s|\.$", answer)[0]  # the sentence ends at a period followed by a space
    answer = FILLER.sub("", answer.strip())
    return re.split(r",?\s+(?:because|since|as|which|so that|so|for|from|when|if)\b|\s+[-—]\s+", answer)[0]


def _math_statement(answer: str) -> str:
    """A math answer's statement: "The largest $n$ is 34" -> "34" (not used for option letters)."""
    answer = _trim_statement(answer)
    m = PROSE_IS.match(answer)
    return m.group(1) if m else answer


def extract_choice(response: str) -> str | None:
    text = response[-MAX_SCAN:]
    candidates = [last_boxed_group(text), *(_trim_statement(x) for x in reversed(_statements(text)))]
    for candidate in candidates:
        if candidate:
            unwrapped = re.sub(r"\\(?:text|textbf|mathrm)\{([^{}]*)\}", r"\1", strip_math(candidate.replace("*", "")))
            m = CHOICE.match(unwrapped)
            if m:
                return m.group(1)
    matches = re.findall(r"\(([A-J])\)", text)
    return matches[-1] if matches else None


def extract_answer(response: str, answer_type: str = "math", last_number: bool = True) -> str | None:
    """The final answer in `response`, or None when there is none. `last_number=False` turns off the
    last-number fallback (for a response cut off at the token limit, whose last number is not an answer)."""
    if answer_type == "choice":
        return extract_choice(response)
    return extract_math(response, last_number)
