"""Final-answer extraction from a model response, in the order the CFT paper's toolkit uses: Minerva's
"final answer is ... I hope", the last `\\boxed{}`/`\\fbox{}` (several boxes in one closing statement read as
one list), "the answer is" / "final answer:" / GSM8K's "####" (on its line or, after a heading such as
`**Final Answer:**`, on the next one), then the final math span (`$...$`, `\\(...\\)`, `\\[...\\]`) read whole,
then the last number, read as the whole expression it belongs to. Multiple-choice tasks look for the option
letter the response commits to. A reasoning block (`<think>...</think>`) is never graded: only the text after
it, and nothing when it never closes. Regex scans read bounded windows, so time is linear in the response."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from cfteval.grading.normalize import strip_math
from cfteval.grading.region import answer_region, cut_off, looping, parse_conclusion
from cfteval.latex import boxes, matching_braces

MAX_SCAN = 20_000  # the statement, span and last-number rules read the response's last MAX_SCAN characters
MAX_LINE = 2_000  # "the answer is" is looked for in lines cut to this length
HEADING_BLOCK = 6  # lines after an answer heading read as its answer block
MAX_ANSWER = 1_000  # a longer extracted answer cannot be read as one value (grading reports parse_error)
# Single character classes between the fixed words keep every pattern free of nested backtracking.
ANSWER_IS = re.compile(r"(?:the[ \t]+)?(?:final[ \t]+)?answer[ \t]*(?:is|:|=)[ \t:]*([^\n]+)", re.IGNORECASE)
# A line that only labels the answer on the next line: "**Answer:**", "### Final answer", "Final Answer".
ANSWER_HEADING = re.compile(r"^[ \t#*_>-]*(?:the[ \t]+)?(?:final[ \t]+)?answer[ \t*_]*:?[ \t*_]*:?[ \t]*$", re.I)
HASHES = re.compile(r"####[ \t]*([^\n]+)")
FILLER = re.compile(r"^(?:therefore|thus|hence|so|then|simply|just|clearly)[ ,]+", re.IGNORECASE)
NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+")
STATED = re.compile(r"\b(?:is|are|was|were|equals|be)\s*[$*\\(\s]*-?\d")  # "is 3": a result stated
RESULT = re.compile(r"=\s*\$?\s*(-?\d[\d,]*(?:\.\d+)?)(?![\d.,]*\d)")  # a computed result: "= 60"
# The last-number fallback reads a fraction whole: "the probability is 1/3" or "$\frac{2}{3}$" is not 3.
LAST_NUMBER = re.compile(
    r"-?\\[dt]?frac\{-?\d+\}\{\d+\}|(?<![\d/.])-?(?:\d+ )?\d+/\d+(?![\d/]|\.\d)|" + NUMBER.pattern
)  # fractions whole ("3 1/2" too), dates ("3/4/2020") not
# What may stand between two boxes of one closing statement: "\boxed{2} and x = \boxed{3}", "$\boxed{2}$, $\boxed{3}$"
JOINER = re.compile(r"(?:and|or|&|\\text\{(?:and|or)\}|\\quad|\\qquad)*(?:[a-zA-Z](?:_\{?\w+\}?)?=)?")
MAX_JOIN = 40
VERDICT_BOX = re.compile(r"\s*(?:\\text\{)?\s*(?:yes|no|true|false)\s*\}?\s*", re.IGNORECASE)
# "The largest $n$ is 34": the value after the first "is" that a number or formula follows.
PROSE_IS = re.compile(r"(?:[Tt]he|[Aa]n?)\s[^\n]*?\s(?:is|are|equals)\s+([-$\\\d][^\n]*)$")
_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
)
COUNTED = re.compile(
    rf"^\s*(-?\$?\d[\d,]*(?:\.\d+)?|(?:{_WORDS}|eighteen|nineteen|twenty))\s+[a-zA-Z][a-zA-Z\s,'-]*$", re.I
)
# "our answer is correct": a verdict on a check, not a value
JUDGEMENT = re.compile(
    r"^\W*(?:correct|incorrect|not correct|wrong|right|verified|confirmed|consistent|reasonable|valid|indeed)\b", re.I
)
JSON_ANSWER = re.compile(r'"answer"\s*:\s*(?:"((?:[^"\\\n]|\\.){0,2000})"|(-?\d+(?:\.\d+)?)\b)')
CHOICE = re.compile(r"^\s*\(?\s*([A-J])\s*\)?(?:[\s.:)]|$)")
# A sentence that mentions an option to reject it: "(D) ... is incorrect", "not (B)", "rule out C".
REJECTS = re.compile(r"\b(?:not|incorrect|wrong|false|eliminat\w*|rule[sd]? out|exclud\w*|isn't|cannot)\b", re.I)
COMMITS = re.compile(
    r"(?:answer|option|choice|choose|select|pick)\w*\s*(?:is|would be|:|=)?\s*(?:\*\*|\\textbf\{|\\text\{|\$)*\s*"
    r"\(?([A-J])\)?(?![a-zA-Z])"
)


def last_boxed_group(text: str, found: list[tuple[int, int, str]] | None = None) -> str | None:
    """The last box's content, joined with the boxes right before it in the same closing statement; nested
    boxes (`\\boxed{\\boxed{73}}`) are one box. `found`: `boxes(text)`, when the caller has it."""
    spans, reach = [], -1
    for b in found if found is not None else boxes(text):  # in order of start: a box inside another ends sooner
        if b[1] > reach:
            reach = b[1]
            if b[2].strip():
                spans.append(b)
    if not spans:
        return None
    group = [spans[-1]]
    for prev in reversed(spans[:-1]):
        gap = text[prev[1] : group[0][0]]
        gap = re.sub(r"\\[()\[\]]", "", gap)  # "\(\boxed{2}\) and \(\boxed{3}\)"
        if len(gap) > MAX_JOIN or not JOINER.fullmatch(re.sub(r"[\s$,;]", "", gap)):
            break
        if bool(VERDICT_BOX.fullmatch(prev[2])) != bool(VERDICT_BOX.fullmatch(group[0][2])):
            break  # `\boxed{Yes}` (a previous part's verdict) and `\boxed{4}` are two answers, not one list
        group.insert(0, prev)
    return ", ".join(_unbox(strip_math(c)) for _, _, c in group)


def _unbox(text: str) -> str:
    inner = boxes(text)
    while len(inner) == 1 and inner[0][0] == 0 and inner[0][1] == len(text):
        text = strip_math(inner[0][2])
        inner = boxes(text)
    return text


def math_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of the `$$...$$`, `$...$`, `\\(...\\)` and `\\[...\\]` spans in `text`, in order;
    an escaped `\\$` is a currency sign, not a delimiter. Linear time."""
    spans, i, n = [], 0, len(text)
    while i < n:
        if text.startswith(("\\(", "\\["), i):
            close = "\\)" if text[i + 1] == "(" else "\\]"
            j = text.find(close, i + 2)
            if j < 0:
                break
            spans.append((i, j + 2, text[i + 2 : j]))
            i = j + 2
        elif text[i] == "$" and (i == 0 or text[i - 1] != "\\"):
            width = 2 if text.startswith("$$", i) else 1
            j = i + width
            while True:
                j = text.find("$" * width, j)
                if j < 0 or text[j - 1] != "\\":
                    break
                j += 1
            if j < 0:
                break
            spans.append((i, j + width, text[i + width : j]))
            i = j + width
        else:
            i += 1
    return spans


def _value_like(expr: str) -> bool:
    """A math span that states a value (`\\sqrt{17}`, `[0,1)`, `x \\geq 5`), not only names a variable (`$x$`)."""
    return bool(re.search(r"\d|\\(?:frac|sqrt|pi|infty|emptyset|varnothing)\b", expr))


def _final_expression(expr: str) -> str:
    """The value a final span states: the last side of a chain of equalities whose other sides are labels or
    arithmetic (`x = 5 + 5 + 1 = 11` -> `11`); an equation with one `=` and an inequality stay whole."""
    sides = [s.strip() for s in re.split(r"(?<![<>!\\])=", expr)]
    if len(sides) > 2 and sides[-1]:
        return sides[-1]
    return expr.strip()


def json_answer(text: str) -> str | None:
    """The value of the last `"answer": ...` field of a JSON answer block (ZeroEval's and similar prompts ask
    for `{"reasoning": ..., "answer": ...}`), JSON escapes decoded where the model wrote them."""
    found = list(JSON_ANSWER.finditer(text))
    if not found:
        return None
    m = found[-1]
    if m.group(2) is not None:
        return m.group(2)
    raw = m.group(1)
    if "\\\\" in raw or '\\"' in raw:  # escaped as JSON: `\\frac`; a lone `\frac` is LaTeX written raw
        try:
            return json.loads(f'"{raw}"').strip()
        except ValueError:
            pass
    return raw.strip()


def extract_math(response: str, last_number: bool = True, question: str = "") -> str | None:
    region = answer_region(response)
    text = region[-MAX_SCAN:]
    stated = json_answer(text)
    if stated is not None:  # an empty answer field is no answer: the reasoning around it is not one
        inner = last_boxed_group(stated)
        closing = re.split(r"(?<=[.!?])\s+(?=\S)", stated.strip())[-1]  # a field of prose: its last sentence
        return strip_math(inner if inner is not None else _math_statement(closing)) or None
    minerva, minerva_end = _minerva(text)
    every = boxes(region)  # boxes are matched in the whole region: a long box is never cut open
    later_box = any(b[2].strip() and b[0] >= len(region) - len(text) + minerva_end for b in every[-1:])
    if minerva is not None and not later_box:  # a box written after the Minerva line is the later statement
        inner = last_boxed_group(minerva)
        return strip_math(inner if inner is not None else minerva) or None
    if every and not every[-1][2].strip() and minerva is None:
        return None  # the response ends on an empty box: it gave up on answering
    boxed = last_boxed_group(region, every)
    if boxed:
        return boxed
    text = _before_open_box(text)
    stated = [x for x in _statements(text) if not JUDGEMENT.match(_trim_statement(x))]
    if stated:
        return strip_math(_math_statement(stated[-1]).replace("**", "")) or None
    if not last_number or looping(text) or cut_off(text):  # cut at the token limit: its last expression is a step
        return None
    return _last_expression(text, _givens(question))


def _before_open_box(text: str) -> str:
    """Text before a `\\boxed{` that never closes: what follows it is an answer cut off while being written."""
    braces = matching_braces(text)
    for m in reversed(list(re.finditer(r"\\(?:boxed|fbox)\s*\{", text))):
        if m.end() - 1 not in braces:
            return text[: m.start()]
    return text


def _givens(question: str) -> set[str]:
    """The numbers a question states (`15 minutes`, `1,200`), as plain strings."""
    return {_plain(m.group(0)) for m in NUMBER.finditer(question[:MAX_SCAN])}


def _plain(number: str) -> str:
    text = number.replace(",", "")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _restated_given(text: str, last: re.Match, givens: set[str]) -> str | None:
    """When the response's last number only restates a number of the question in a closing sentence that computes
    nothing (no `=`, no "is N"), the answer is that sentence's last number that is not a given ("Fred must deliver
    160 roses by 5 pm": 160), else the last result computed before it ("3 * 20 = 60 minutes. He also takes a 15
    minute break.": 60). None when the last number is no given, or computed or stated as a result."""
    if _plain(last.group(0)) not in givens:
        return None
    sentence_start = max(text.rfind(". ", 0, last.start()), text.rfind("\n", 0, last.start())) + 1
    if "=" in text[sentence_start:] or STATED.search(text, sentence_start, last.start() + 1):
        return None  # the closing sentence computes or states its number: "... = 3 years old", "is 3"
    sentence = [m for m in LAST_NUMBER.finditer(text, sentence_start) if not _list_marker(text, m)]
    fresh = [m for m in sentence if _plain(m.group(0)) not in givens]
    if fresh:
        return fresh[-1].group(0).replace(",", "")
    results = list(RESULT.finditer(text, 0, sentence_start))
    if not results or _plain(results[-1].group(1)) in givens:  # no result, or it restates the computation's result
        return None
    return results[-1].group(1).replace(",", "")


def _last_expression(text: str, givens: set[str] = frozenset()) -> str | None:
    """The final mathematical expression, read whole: the last math span when no number follows it, else the
    last number, or the span or LaTeX term the last number sits in (`\\sqrt{17}` is not 17)."""
    spans = math_spans(text)
    numbers = [m for m in LAST_NUMBER.finditer(text) if not _list_marker(text, m)]
    last = numbers[-1] if numbers else None
    for _start, end, content in reversed(spans):
        if last is not None and last.start() >= end:
            break  # a number after the span is the later statement
        if _value_like(content):
            return strip_math(_final_expression(content)) or None
    if last is None:
        return None
    if givens and (computed := _restated_given(text, last, givens)):
        return computed
    term = _term_around(text, last.start(), last.end())
    return term if term is not None else last.group(0).replace(",", "")


def _list_marker(text: str, m: re.Match) -> bool:
    """`4.` or `4)` opening a line of a numbered list is a step number, not a value."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return not text[line_start : m.start()].strip(" \t*#>-") and bool(re.match(r"[.)]\s", text[m.end() : m.end() + 2]))


def _term_around(text: str, start: int, end: int) -> str | None:
    """The LaTeX term a number sits in (`2\\sqrt{17}`, `10^{-3}`, `x_{1}`), or None when it stands alone."""
    left, right = start, end
    while left > 0 and not text[left - 1].isspace() and text[left - 1] not in "$,;":
        left -= 1
    while right < len(text) and not text[right].isspace() and text[right] not in "$,;":
        right += 1
    term = text[left:right].rstrip(".:!?")
    if "\\" not in term and "^" not in term and "_" not in term or not _balanced_braces(term):
        return None
    return strip_math(term) or None


def _balanced_braces(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def _minerva(text: str) -> tuple[str | None, int]:
    """X of the last "final answer is X. I hope it is correct" and where that line ends, found with two string
    searches; (None, 0) when there is none."""
    lower = text.lower()
    hope = lower.rfind("i hope it is correct")
    start = lower.rfind("final answer is", 0, hope) if hope >= 0 else -1
    if start < 0:
        return None, 0
    return text[start + len("final answer is") : hope].strip().rstrip(".").strip(), hope


def _statements(text: str) -> list[str]:
    """Answers stated as "the answer is X" / "Answer: X" / "#### X", in the order they appear; a heading line
    ("**Final Answer:**") states the next non-blank line."""
    ordered: list[str] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):  # keep line order, then position within the line
        line = line[:MAX_LINE]
        if ANSWER_HEADING.match(line):  # the answer block after a heading: its last stated value
            block = "\n".join(x[:MAX_LINE] for x in lines[i + 1 : i + 1 + HEADING_BLOCK])
            block = re.split(r"\n\s*(?:#|\*\*[^*\n]*\*\*\s*$)", block)[0]  # up to the next heading
            value = _last_expression(block) if re.search(r"\d|\\[a-z]", block) else None
            if value:
                ordered.append(f"${value}$")
            continue
        hits = sorted(
            [(m.start(), m.group(1)) for m in ANSWER_IS.finditer(line) if re.search(r"[^\s*_:\"',\\n]", m.group(1))]
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
    answer = re.split(r"\.\s|\.$|\.?\"|\\n", answer)[0]  # the sentence ends at a period, a quote, a `\\n` escape
    answer = FILLER.sub("", answer.strip())
    return re.split(
        r",?\s+(?:because|since|as|which|so that|so|for|from|when|if)\b|\s+[—–]\s+|\s+-\s+(?=[A-Za-z]{3,}\b(?![({]))",
        answer,
    )[0]


def _math_statement(answer: str) -> str:
    """A math answer's statement: "The largest $n$ is 34" -> "34" (not used for option letters)."""
    answer = _trim_statement(answer)
    m = PROSE_IS.match(answer)
    answer = m.group(1) if m else answer
    counted = COUNTED.match(answer)  # "81 lattice points within the circle": the number, the words name it
    return counted.group(1) if counted else answer


def extract_choice(response: str, options: Sequence[str] = ()) -> str | None:
    """The option letter a response gives; with the task's `options`, an answer that states an option's content
    instead of its letter ("the answer is 4.5 m/s") gives that option's letter."""
    text = answer_region(response)[-MAX_SCAN:]
    candidates = [last_boxed_group(text), *(_trim_statement(x) for x in reversed(_statements(text)))]
    for candidate in candidates:
        if candidate:
            unwrapped = re.sub(r"\\(?:text|textbf|mathrm)\{([^{}]*)\}", r"\1", strip_math(candidate.replace("*", "")))
            m = CHOICE.match(unwrapped)
            if m:
                return m.group(1)
            if named := _option_named(unwrapped, options):
                return named
    return _committed_letter(text)


def _option_named(answer: str, options: Sequence[str]) -> str | None:
    """The letter of the one option whose text the answer is (typography aside), else None."""
    from cfteval.grading.normalize import compact

    key = compact(answer)
    hits = [i for i, o in enumerate(options) if key and compact(o) == key]
    return "ABCDEFGHIJ"[hits[0]] if len(hits) == 1 and hits[0] < 10 else None


def _committed_letter(text: str) -> str | None:
    """The option a response settles on when it states no answer line: the last letter it commits to ("the
    correct option is B"), else the last option it mentions in a sentence that does not reject it."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    for sentence in reversed(sentences):
        m = list(COMMITS.finditer(sentence))
        if m and not REJECTS.search(sentence):
            return m[-1].group(1)
    for sentence in reversed(sentences):
        found = re.findall(r"\(([A-J])\)", sentence)
        if found and not REJECTS.search(sentence):
            return found[-1]
    return None


def extract_answer(
    response: str,
    answer_type: str = "math",
    last_number: bool = True,
    options: Sequence[str] = (),
    question: str = "",
) -> str | None:
    """The final answer in `response`, or None when there is none. `last_number=False` turns off the
    final-expression fallbacks (for a response cut off at the token limit, whose last number is not an
    answer). `options`: a choice task's option texts, A first. `question`: the question, whose numbers a
    closing sentence may merely restate."""
    if answer_type == "choice":
        return extract_choice(response, options)
    if answer_type == "verdict":
        return parse_conclusion(response)
    return extract_math(response, last_number, question)
