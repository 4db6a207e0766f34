"""The part of a model response that can hold its answer, and signs that the response was cut off.

After a closed `</think>` (nothing when a `<think>` never closes), before an end-of-turn token or a few-shot
continuation the model wrote after its answer, with special tokens dropped and JSON-escape control characters in
LaTeX commands repaired. `looping` and `cut_off` tell from the text alone what `finish_reason: length` says: the
response never finished, so its last expression is no answer. `parse_conclusion` reads a critique's verdict line
(the "verdict" answer type)."""

from __future__ import annotations

import re

# A response whose last word is one of these stopped mid-sentence.
CUT_WORD = re.compile(
    r"\b(?:and|or|the|a|an|of|to|is|are|was|there|we|that|then|so|if|for|with|by|in|on|as|which|be|but|since|"
    r"because|where|when|let|this|these|from|into|its|their|our|can|will|would|should|must|need)\s*$",
    re.IGNORECASE,
)
LOOP_WINDOW = 6_000  # a repetition loop is looked for in the last characters (blocks of up to 2,000)
# Special tokens are never part of an answer; an end-of-turn token ends the response (what follows is a turn the
# model invented, "<|im_start|>user ...").
END_OF_TURN = re.compile(r"<\|(?:im_end|im_start|endoftext|eot_id|end|end_of_text)\|>|</s>")
SPECIAL = re.compile(r"<\|[a-z_]{1,30}\|>|</?s>")
# A new few-shot turn the model wrote after its answer ("Problem: ...", "Question 2: ...").
FEWSHOT_TURN = re.compile(
    r"\n[ \t]*(?:#+[ \t]*)?(?:\*\*)?(?:Problem|Question)(?:[ \t]+\d+)?[ \t]*:?(?:\*\*)?[ \t]*:?[ \t]*(?=\S)"
)
# `\b`, `\f`, `\t` decoded as JSON escapes in a LaTeX command (`\x08oxed`, `\x0crac`, `\ttimes`): put them back.
_CONTROL = re.compile(r"[\x08\x0c][a-z]|\t(?:imes|frac|ext|heta|an\b|au\b|ilde|riangle|o\b)")
_CONTROL_TEXT = {"\x08": "\\b", "\x0c": "\\f", "\t": "\\t"}
VERDICT = re.compile(
    r"^\W*(?:(?:this|the|that)(?:\s+(?:statement|claim|assertion|proposition))?\s+is\s+)?(yes|no|true|false)\b", re.I
)


def answer_region(response: str) -> str:
    """The part of a response that holds its answer: after a closed `</think>`, nothing when a `<think>` never
    closes (it was cut off while thinking), before an end-of-turn token, with special tokens dropped."""
    response = _CONTROL.sub(lambda m: _CONTROL_TEXT[m.group(0)[0]] + m.group(0)[1:], response)
    continuation = [m for m in FEWSHOT_TURN.finditer(response) if response[: m.start()].strip()]
    if continuation:  # the model went on to write the next few-shot problem: its answer is before it
        response = response[: continuation[0].start()]
    closed = response.rfind("</think>")
    if closed >= 0:
        response = response[closed + len("</think>") :]
    elif "<think>" in response:
        return ""
    end = END_OF_TURN.search(response)
    if end and response[: end.start()].strip():
        response = response[: end.start()]
    return SPECIAL.sub(" ", response)


def cut_off(text: str) -> bool:
    """Whether a response stops mid-sentence (on an operator, an open bracket or a function word: `dx +`,
    `(1/2`, `And`): it was cut off at the token limit, so its last expression is no answer."""
    last_line = text.rstrip().rsplit("\n", 1)[-1].rstrip("*_ \t")  # markdown emphasis is no operator
    if not last_line or last_line.endswith(":"):  # a line that introduces what came before or a heading
        return False
    if last_line[-1] in "+-/=^,(\\[{" and not last_line.endswith(("\\]", "\\)")):
        return True
    if last_line.count("(") > last_line.count(")") and "(" in last_line[-12:]:
        return True
    return bool(CUT_WORD.search(last_line[-40:]))


def looping(text: str) -> bool:
    """Whether a response ends in a repetition loop (the same block three times over): such a response was cut
    off at the token limit, so its last expression is no answer (as with `finish_reason: length`)."""
    tail = text.rstrip()[-LOOP_WINDOW:]
    for period in range(8, len(tail) // 3 + 1):
        block = tail[-period:]
        if tail.endswith(block * 3) and re.search(r"\w", block):
            return True
    return False


def leading_verdict(response: str) -> str | None:
    """`Yes`/`No`/`True`/`False` a response opens with ("No, they are not isomorphic."), for a True/False question
    whose response never repeats its verdict."""
    m = VERDICT.match(answer_region(response))
    return m.group(1) if m else None


# "Conclusion: right [END]", "**Conclusion:** Wrong", "Conclusion: the student's solution is incorrect." ... the last
# one in the text counts. Only filler words may stand between "Conclusion:" and the verdict (so "not right" is none).
_CONCLUSION_FILLER = r"(?:(?:the|student'?s?|solution|answer|his|her|this|it|is|was)\s+)*"
CONCLUSION = re.compile(
    r"conclusion\s*[*_]*\s*[:：\-]?\s*[*_`\s]*\\?(?:text\{)?\s*"
    + _CONCLUSION_FILLER
    + r"(right|wrong|correct|incorrect)\b",
    re.IGNORECASE,
)
VERDICTS = {"right": "right", "correct": "right", "wrong": "wrong", "incorrect": "wrong"}


def parse_conclusion(critique: str) -> str | None:
    """ "right", "wrong", or None when the critique has no conclusion line (tolerant of case and markdown).

    >>> parse_conclusion("The sum is off by one.\\n**Conclusion:** Wrong [END]")
    'wrong'
    >>> parse_conclusion("Looks fine. conclusion: RIGHT") , parse_conclusion("No verdict here.")
    ('right', None)
    """
    found = CONCLUSION.findall(critique or "")
    return VERDICTS[found[-1].lower()] if found else None
