"""String normalisation of answers before comparison: typography, wrappers, units, labels, list splitting.
Pure string work, no sympy; the conventions are in GRADING.md."""

from __future__ import annotations

import re
from fractions import Fraction

_TYPOGRAPHY = [
    ("\\dfrac", "\\frac"),
    ("\\tfrac", "\\frac"),
    ("\\left", ""),
    ("\\right", ""),
    ("\\!", ""),
    ("\\,", " "),
    ("\\;", " "),
    ("\\:", " "),
    ("\\ ", " "),
    ("~", " "),
    ("\\displaystyle", ""),
    ("\\cdot", "*"),
    ("\\times", "*"),
    ("×", "*"),
    ("·", "*"),
    ("{,}", ","),
    ("\u2212", "-"),
    ("\u00b0", "^\\circ"),
    ("\\infinity", "\\infty"),
    ("\\AA", " angstrom"),
    ("\\mathring{A}", " angstrom"),
    ("!=", "\\ne "),
    ("\\$", ""),
    ("$", ""),
]
_WRAPPERS = re.compile(r"\\(?:text|textnormal|textbf|textit|mathrm|mathbf|mbox|operatorname|boldsymbol)\s*\{([^{}]*)\}")
_DEGREES = re.compile(r"\^\s*\{?\\circ\}?|\\circ|\\degree|degrees?\b")
_UNIT_WORDS = (
    "units?|square units|sq units|cm|centimeters?|mm|millimeters?|km|kilometers?|meters?|metres?|inch(?:es)?|"
    "feet|foot|ft|yards?|miles?|mph|km/h|seconds?|sec|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|"
    "dollars?|cents?|pounds?|lbs?|kg|kilograms?|grams?|liters?|litres?|ml|gallons?|ounces?|oz|degrees?|"
    "people|students?|apples?|cookies|marbles|ways|times|points?|pages?|books?|boxes|eggs|cups?|bottles?|"
    "questions?|games?|tickets?|cars?|balls?|items?|pieces?|rides?|trees?|m/s|Hz|Pa|mol|eV|nm"
)
_TRAILING_UNIT = re.compile(rf"(?<=[\d}})])\s*(?:{_UNIT_WORDS})(?:\^\{{?[23]\}}?)?\.?\s*$")
_TRIG_ARGUMENT = re.compile(r"\\(sin|cos|tan|cot|sec|csc|ln|log|exp)\s*(-?\d*\.?\d*\s*\\?[a-zA-Z]+|\d+)(?![\w({^])")
# A variable: a letter or Greek name, maybe decorated (`\hat{x}`), subscripted (`x_1`, `m_{\max}`), primed, or a
# function of variables (`f(x)`).
_VAR = (
    r"(?:\\(?:hat|bar|tilde|vec|overline)\{[a-zA-Z]\}|[a-zA-Z]|\\[a-zA-Z]+)"
    r"(?:_(?:\{(?:[^{}=]|\{[^{}=]*\}){1,20}\}|\\?[a-zA-Z0-9]+))?'*(?:\^\*)?(?:\([a-zA-Z0-9, ]*\))?"
)
# A named quantity: a variable, a segment, angle or area (`AB`, `\angle ABC`, `[ABCD]`), its length `|AB|`, a ratio
# of named quantities (`\frac{NO}{BO}`, `V_1 : V_2`), or a tuple of variables (`(x, y)`).
_NAME = rf"(?:{_VAR}|(?:m\s*)?\\angle\s*[A-Z]{{1,3}}|\\overline\{{[A-Z]{{2}}\}}|\[?[A-Z]{{2,4}}\]?)"
_NAMED = rf"(?:\|{_NAME}\||\\frac\{{{_NAME}\}}\{{{_NAME}\}}|{_NAME})"
_LABEL_SIDE = rf"(?:\(\s*{_VAR}(?:\s*,\s*{_VAR})+\s*\)|{_NAMED}(?:\s*:\s*{_NAMED})*)"
_RIGHT_LABEL = re.compile(rf"(?<![=<>!])=\s*{_VAR}\s*$")
_LABEL = re.compile(rf"^\s*{_LABEL_SIDE}\s*(?:=|\\in)\s*(?!=)")
# `\lim_{x \to c} f(x) = 0`, `\int_0^1 x dx = 1/2`: the expression the question asks about, as a label
_BOUND_LABEL = re.compile(r"^\s*\\(?:lim|int|sum|prod)(?![a-zA-Z])[^=]*?(?<![<>!\\])=\s*(?!=)")
_EQUALS = re.compile(r"(?<![<>!\\])=")
_ARITHMETIC_SIDE = r"(?:[\d.,+\-*/^()\[\]{}\s!]|\\frac|\\sqrt|\\cdot|\\times|\\pi)+"  # digits and operators only


def strip_math(text: str) -> str:
    """Remove surrounding `$`, `\\(`/`\\)`, `\\[`/`\\]` and trailing punctuation."""
    text = text.strip()
    for left, right in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")):
        if text.startswith(left) and text.endswith(right) and len(text) >= len(left) + len(right):
            text = text[len(left) : len(text) - len(right)].strip()
    return _trim_end(text)


def _trim_end(text: str) -> str:
    """Drop trailing punctuation (`7,` is 7), but keep the ellipsis of an open list: `1, 2, 3, ...` is not
    `1, 2, 3` (while `0.3333...` is 1/3)."""
    if m := _OPEN_LIST.search(text):
        return text[: m.end()].strip()
    return _TRAILING_PUNCT.sub("", text).strip()


_TRAILING_PUNCT = re.compile(r"(?:(?<!\\)[,.;:]|\s)+$")  # not the `\,` of a thin space
_OPEN_LIST = re.compile(r"(?:,\s*|\d)(?:\.\.\.|\\[lc]?dots)(?=[\s.;:]*$)")  # also `0.3333...` (clean reads it)


def strip_braces(text: str) -> str:
    """`{{7}}` -> `7`: braces that wrap the whole answer group nothing (60 levels deep too, in linear time)."""
    from cfteval.latex import matching_braces

    text = text.strip()
    if not text.startswith("{"):
        return text
    match, k, n = matching_braces(text), 0, len(text)
    while k < n - 1 - k and text[k] == "{" and match.get(k) == n - 1 - k:
        k += 1
    return strip_braces(text[k : n - k]) if k else text


def clean(text: str, drop_units: bool = True, unwrap: bool = True) -> str:
    """Typographic normal form of an answer: no wrappers, no `$`, no degrees, no units, single spaces.
    `unwrap=False` keeps `\\text{...}` so that `number_with_unit` can tell text-typeset units."""
    text = strip_braces(strip_math(_DOTTED.sub(_dotted_to_fraction, text)))
    text = _DOUBLED.sub(r"\\", text).translate(_SUPERSCRIPTS)
    text = _CONDITION.split(text)[0]  # "A = ..., \quad \text{for } \omega^2 \ne 4": the condition is no answer
    text = _ORDINAL.sub("", text)
    text = _NEGATIVE.sub("-", text)
    for _ in range(3 if unwrap else 0):  # nested wrappers: \text{\textbf{5}}
        text = _WRAPPERS.sub(r"\1", text)
    text = _WITH_PROBABILITY.sub("", text)  # "E_1 with probability 1/3, and E_2 ...": the outcomes are the answer
    text = re.sub(r"(^|,)\s*(?:and|or)\s+", r"\1 ", text)  # ", and E_2": a list's last item
    text = re.sub(r"(?<=\w)\s+(?:and|or)\s+(?=[A-Z]\b)", ", ", text)  # "H or T": two outcomes
    text = _QUAD_WORD.sub(r" \1 ", text)
    text = _QUAD.sub(", ", text).lstrip(" ,")
    text = re.sub(r",\s*\\!\s*", ",", text)  # "11,\! 111" is one number
    text = text.replace("\\\\", "\x00")  # keep row separators of matrices out of the replacements below
    for old, new in _TYPOGRAPHY:
        text = text.replace(old, new)
    text = text.replace("\x00", "\\\\")
    text = re.sub(r"\b(?:np|math|sympy|sp)\.([a-z]+)\(", r"\\\1(", text)  # Minerva golds in numpy notation
    text = re.sub(r"\^\{?\\prime\}?", "'", text)
    text = _ONE_CHAR_GROUP.sub(r"\1\2", text)  # E_{1} is E_1, x^{2} is x^2
    text = re.sub(r"\\frac\s*(\d)\s*(\d)", r"\\frac{\1}{\2}", text)  # \frac52, as LaTeX reads it
    text = _BARE_FUNCTION.sub(r"\\\1(", text)  # sin(1) written without its backslash
    text = _TRIG_ARGUMENT.sub(r"\\\1(\2)", text)
    text = _DEGREES.sub("", text)
    text = _REPEATING.sub(_repeating_to_fraction, text)
    text = _RELATION_SHORT.sub(r"\\\1", text)
    text = _LT_GT.sub(lambda m: "<" if m.group(1) == "l" else ">", text)
    text = _ORDINAL.sub("", text)
    text = _AND_OR.sub(", ", text)
    if drop_units:
        previous = None
        while previous != text:
            previous = text
            text = _TRAILING_UNIT.sub("", text).strip()
    text = _trim_end(re.sub(r"\s+", " ", text))
    if m := _WORD_ANSWER.fullmatch(text):  # "an ellipse", "five"
        text = m.group(1)
    return _NUMBER_NAMES.get(text.lower(), text)


_REPEATING = re.compile(r"(?<![\d.])(-?)(\d{0,30})\.(\d{0,30})\\(?:overline|bar)\s*\{?(\d{1,12})\}?")
_RELATION_SHORT = re.compile(r"\\(le|ge|ne)q(?![a-zA-Z])")  # \leq -> \le
_LT_GT = re.compile(r"\\([lg])t(?![a-zA-Z])")
_ORDINAL = re.compile(
    r"(?<=\d)\^\s*\{\s*(?:\\(?:text|mathrm|textrm|rm)\s*\{\s*)?(?:st|nd|rd|th)\s*\}?\s*\}|(?:(?<=1)st|(?<=2)nd|(?<=3)rd|(?<=\d)th)(?![a-zA-Z])"
)  # 5^{th}, 1st, 22nd; not "2rd" (a product of variables)
_AND_OR = re.compile(r"(?<=[\d})\]])\s+(?:and|or)\s+(?=-?[\d\\(\[]|[a-zA-Z]\s*=)")  # "3 and 5" -> "3, 5"
_DOUBLED = re.compile(r"\\\\(?=[a-zA-Z]{2,})")  # `\\frac` copied from a JSON-escaped prompt is `\frac`
_SUPERSCRIPTS = str.maketrans(
    {"Å": " angstrom", "²": "^2", "³": "^3", "¹": "^1", "⁻": "^-", "√": "\\sqrt", "π": "\\pi", "∞": "\\infty"}
)
_BARE_FUNCTION = re.compile(r"(?<![\\a-zA-Z])(sin|cos|tan|cot|sec|csc|ln|log|exp|arcsin|arccos|arctan)\(")
_WITH_PROBABILITY = re.compile(
    r"\s+with\s+(?:a\s+)?probabilit(?:y|ies)\s+(?:of\s+)?[^,;]+?(?=\s+(?:and|or)\s+|\s*[,;]|\s*$)"
)
_CONDITION = re.compile(r"\s*(?:,|\\q?quad)\s*(?:\\q?quad\s*)?(?:\\text\{\s*)?(?:for|where|when|if)\b(?![a-zA-Z])")
_NEGATIVE = re.compile(r"\b(?:negative|minus)\s+(?=\d)", re.IGNORECASE)  # "negative 3" is -3
_QUAD_WORD = re.compile(r"\s*\\q?quad\s*(and|or)\s*\\q?quad\s*")  # "\quad and \quad" is the word
_QUAD = re.compile(r"\s*,?\s*\\q?quad\s*,?\s*")  # otherwise a list separator: "x_1 = 1,\quad x_2 = 3"
_ONE_CHAR_GROUP = re.compile(r"([_^])\{(\w)\}")
_WORD_ANSWER = re.compile(r"(?:a|an|the)\s+([a-zA-Z]{2,}[a-zA-Z ]*)", re.IGNORECASE)
_NUMBER_NAMES = {
    name: str(i)
    for i, name in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}


_DOTTED = re.compile(r"(?<![\d.])(-?)(\d{0,30})\.(\d{2,40})(?:\.\.\.|\\[lc]?dots)")


def _dotted_to_fraction(m: re.Match) -> str:
    """`0.3333...`, `0.142857142857...`: a decimal whose last digits repeat (a block twice, a digit three
    times) before an ellipsis is that repeating decimal; other dotted decimals just drop the dots."""
    sign, whole, digits = m.groups()
    for period in range(1, 7):
        block = digits[-period:]
        times = 3 if period == 1 else 2
        if len(digits) >= period * times and digits.endswith(block * times):
            fixed = digits[: len(digits) - period * times]
            while fixed.endswith(block):  # 0.1666...: fixed part "1", period "6"
                fixed = fixed[:-period]
            return _repeating_to_fraction(_Groups(sign, whole, fixed, block))
    return f"{sign}{whole}.{digits}"


class _Groups:
    """The four groups `_repeating_to_fraction` reads, for a repeating decimal found another way."""

    def __init__(self, *groups: str):
        self._groups = groups

    def groups(self) -> tuple[str, ...]:
        return self._groups


def _repeating_to_fraction(m: re.Match) -> str:
    """`0.1\\overline{6}` -> `\\frac{1}{6}`: a repeating decimal as the exact fraction it names."""
    sign, whole, fixed, period = m.groups()
    value = Fraction(int(whole or 0)) + Fraction(int(fixed or 0), 10 ** len(fixed))
    value += Fraction(int(period), 10 ** len(fixed) * (10 ** len(period) - 1))
    body = str(value.numerator) if value.denominator == 1 else f"\\frac{{{value.numerator}}}{{{value.denominator}}}"
    return sign + body


def compact(text: str) -> str:
    """`clean` without spaces (but those between two digits), lower-cased: the string-equality key."""
    return re.sub(r"(?<!\d) | (?!\d)", "", clean(text)).lower()  # "4 4/9" (a mixed number) is not "44/9"


def strip_label(text: str) -> str:
    """`x = 3` -> `3`, `x \\in [1, 2]` -> `[1, 2]`, `2x + 1 = y` -> `2x + 1`, `(x, y) = (1, 2)` -> `(1, 2)`,
    `x = 5 + 5 + 1 = 11` -> `11`; only when that side names a quantity (a variable, segment, ratio or tuple)."""
    sides = _EQUALS.split(text)
    arithmetic = len(sides) == 2 and re.fullmatch(_ARITHMETIC_SIDE, sides[0].strip()) and re.search(r"\d", sides[0])
    if len(sides) > 2 or arithmetic:  # a chain `x = 5 + 5 + 1 = 11`, a computation `\frac{3}{20} = 0.15`
        last = sides[-1].strip()
        return last if last and not re.fullmatch(_VAR, last) else text
    m = _LABEL.match(text) or _BOUND_LABEL.match(text)
    if m:
        return text[m.end() :].strip()
    m = _RIGHT_LABEL.search(text)
    return text[: m.start()].strip() if m and m.start() > 0 else text


def has_relation(text: str) -> bool:
    """Whether an (unlabelled) answer is an equation or inequality rather than a value."""
    return bool(re.search(r"(?<![<>!\\])=|<|>|\\[lgn]eq?\b", text))


_INEQUALITY = re.compile(rf"^\s*({_VAR})\s*(<|>|\\leq?|\\geq?)\s*(.+?)\s*$")
_DOUBLE = re.compile(rf"^\s*(.+?)\s*(<|\\leq?)\s*({_VAR})\s*(<|\\leq?)\s*(.+?)\s*$")
_UNION = re.compile(r"\s+or\s+|\s*\\(?:cup|lor|vee)\s*")


def inequality_to_interval(text: str) -> str | None:
    """`x > 2` -> `(2, \\infty)`, `-1 \\le x < 3` -> `[-1, 3)`, `0 < f(x) < 1` -> `(0, 1)`, `x < -1 or x > 2` ->
    `(-\\infty, -1) \\cup (2, \\infty)`; None for anything else."""
    parts = _UNION.split(text)
    if len(parts) > 1:
        intervals = [inequality_to_interval(part) for part in parts]
        return " \\cup ".join(intervals) if all(intervals) else None
    m = _DOUBLE.match(text)
    if m:
        left = "[" if m.group(2).startswith("\\le") else "("
        right = "]" if m.group(4).startswith("\\le") else ")"
        return f"{left}{m.group(1)}, {m.group(5)}{right}"
    m = _INEQUALITY.match(text)
    if not m or re.search(r"[<>=]|\\[lg]eq?", m.group(3)):
        return None
    op, bound = m.group(2), m.group(3)
    closed = op.startswith(("\\le", "\\ge"))
    if op in (">",) or op.startswith("\\ge"):
        return ("[" if closed else "(") + f"{bound}, \\infty)"
    return f"(-\\infty, {bound}" + ("]" if closed else ")")


def expand_pm(items: list[str]) -> list[str]:
    """`1 \\pm \\sqrt{5}` -> [`1 + \\sqrt{5}`, `1 - \\sqrt{5}`], `(0, \\pm 2)` -> [`(0, 2)`, `(0, -2)`]; items
    without one `\\pm`, and sets (whose members expand on their own), stay."""
    out = []
    for item in items:
        group = brackets(item)
        if item.count("\\pm") == 1 and (group is None or group[0] != "\\{"):
            plus = re.sub(r"([(\[,]\s*)\+", r"\1", item.replace("\\pm", "+", 1)).lstrip("+ ").strip()
            out.extend([plus, item.replace("\\pm", "-", 1)])
        else:
            out.append(item)
    return out


def split_top(text: str, separators: str = ",;") -> list[str]:
    """Split at separators outside any bracket: `(1,2), (3,4)` -> [`(1,2)`, `(3,4)`]."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "([{" or text.startswith("\\{", i):
            depth += 1
        elif ch in ")]}" or text.startswith("\\}", i):
            depth -= 1
        elif ch in separators and depth == 0 and not _THOUSANDS_COMMA.match(text, i - 1):
            parts.append(text[start:i].strip())
            start = i + 1
        i += 2 if text.startswith(("\\{", "\\}"), i) else 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]  # "2,500, 7,500": a comma between digit groups is a thousands separator


_THOUSANDS_COMMA = re.compile(r"\d,\d{3}(?!\d)")


def thousands_like(text: str) -> bool:
    """`1,234` or `58,500`: digits grouped by commas with no space. ("70, 110" is a list.)"""
    return bool(re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", text.strip()))


def brackets(text: str) -> tuple[str, str, str] | None:
    """(`open`, `inner`, `close`) when the whole text is one bracketed group, else None."""
    text = text.strip()
    pairs = {"(": ")]", "[": ")]", "\\{": "\\}"}
    for left, rights in pairs.items():
        if not text.startswith(left):
            continue
        for right in [rights] if left == "\\{" else list(rights):
            if text.endswith(right) and _balanced(text[len(left) : len(text) - len(right)]):
                return left, text[len(left) : len(text) - len(right)], right
    return None


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


_TEXT = r"\\(?:text|textnormal|mathrm|mbox|rm)\s*\{"  # opens a text-typeset group
_UNIT_TAIL = re.compile(
    r"^(-?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:\s*(?:\*|\\times)\s*10\^\{?-?\d+\}?|e-?\d+)?)\s*"
    rf"((?:{_TEXT}[^{{}}]*\}}|[a-zA-Z]|\^\{{?-?\d\}}?|/|\s|[{{}}~])+)$"
)
_UNIT_TOKENS = set(
    "m s g L K J N W V A F C Hz Pa eV keV MeV GeV kg mg cm mm km nm um pm ml mL l mol kcal cal erg ergs dB yr yrs "
    "h hr hrs min mins sec rad sr lb lbs oz ft in yd mi mph kph kmh AU pc kpc Mpc ly T G Ohm ohm ohms dyn atm bar "
    "torr Torr psi kWh kW MW GW mA kV mV Gy Sv Bq Ci lx lm cd M mM uM nM bit bits byte bytes B KB MB GB TB KiB MiB "
    "GiB bps kbps Mbps Gbps".split()
)
_UNIT_WORDS_EN = set(
    "inch inches foot feet yard yards mile miles meter meters metre metres centimeter centimeters millimeter "
    "millimeters kilometer kilometers second seconds minute minutes hour hours day days week weeks month months "
    "year years dollar dollars cent cents pound pounds gram grams kilogram kilograms liter liters litre litres "
    "gallon gallons ounce ounces degree degrees unit units square cubic sq per radian radians angstrom "
    "angstroms".split()
)
_NUMBER_WORDS = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "percent", "half", "quarter"}
# Words that make text after a number part of the answer, not a unit: "2 squared", "5 or more", "10 less than x".
_NOT_UNITS = {"squared", "cubed", "minus", "plus", "times", "less", "more", "than", "or", "and", "not", "over"}


def number_with_unit(text: str) -> str | None:
    """`4.48 \\times 10^{33} erg s^{-1}` -> `4.48 \\times 10^{33}`, `26 \\text{ dB}` -> `26`: the number before a
    tail of unit text. The tail must be typeset as text (`\\text{...}`) or made of known unit symbols, so a
    variable (`2ab`, `5x`) or a number word (`3 \\text{ thousand}`) is never dropped."""
    m = _UNIT_TAIL.match(text.strip())
    if not m:
        return None
    tail = m.group(2)
    as_text = re.findall(_TEXT + r"([^{}]*)\}", tail)
    bare = re.sub(_TEXT + r"[^{}]*\}", " ", tail)
    words = re.findall(r"[a-zA-Z]+", " ".join(as_text)) + re.findall(r"[a-zA-Z]+", bare)
    if not words or any(w.lower() in _NUMBER_WORDS | _NOT_UNITS for w in words):
        return None
    if any(w not in _UNIT_TOKENS and w.lower() not in _UNIT_WORDS_EN for w in re.findall(r"[a-zA-Z]+", bare)):
        return None
    return m.group(1).strip()
