"""Is an extracted answer equivalent to the gold? Layered, cheapest first: string normal form, booleans and
choice letters, labels (`x = 3`), numbers with a relative tolerance and percent rules, bracketed structures
(tuples, intervals, sets) and comma lists element by element, then math-verify's symbolic check for the rest.
Runs inside grading worker processes (pool.py), which enforce the timeout. Conventions: GRADING.md."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from cfteval.grading.exact import too_large
from cfteval.grading.normalize import (
    brackets,
    clean,
    compact,
    expand_pm,
    has_relation,
    inequality_to_interval,
    number_with_unit,
    split_top,
    strip_label,
    thousands_like,
)
from cfteval.grading.numbers import DEFAULT_TOLERANCE, at_precision, number, numbers_equal, rounds_to

# math-verify warns on every call that we disabled its signal timeouts; the worker pool enforces ours.
logging.getLogger("math_verify").setLevel(logging.ERROR)

_TRUE, _FALSE = {"true", "yes", "t", "correct"}, {"false", "no", "f", "incorrect"}
_LETTER = re.compile(r"^\(?([a-jA-J])\)?[.:]?$")
MAX_LEN = 2000  # longer answers than this are compared as strings only


def boolean(text: str) -> bool | None:
    key = compact(text).strip("()")
    return True if key in _TRUE else False if key in _FALSE else None


def letter(text: str) -> str | None:
    m = _LETTER.match(clean(text).replace(" ", ""))
    return m.group(1).upper() if m else None


def _leading_letter(text: str) -> str | None:
    """`(D) 1,008,016`, `(b) Gamma`: an option letter in parentheses followed by its value or its text."""
    text = clean(text)
    m = re.match(r"\(([A-Ja-j])\)\s*[-\w\\$.]", text)
    return m.group(1).upper() if m and not re.search(r"\([A-Ja-j]\)", text[m.end() :]) else None


def _without_unit(raw: str, cleaned: str) -> str:
    """The number before a unit tail (`7 \\text{ integers}` -> `7`), judged on the text with its `\\text{}`
    still in place, since only text-typeset words or known unit symbols count as a unit."""
    return number_with_unit(clean(raw, unwrap=False)) or number_with_unit(cleaned) or cleaned


def is_equivalent(
    pred: str, gold: str, answer_type: str = "math", tolerance: float = DEFAULT_TOLERANCE, measured: bool = False
) -> bool:
    """Whether `pred` answers `gold` (both extracted final answers, LaTeX or plain). `measured`: the task's
    answers are measured quantities, accepted at the gold's stated precision."""
    if answer_type == "choice":
        return letter(pred) == letter(gold) is not None
    return _Rules(answer_type, tolerance, measured).equal(pred, gold, depth=0)


@dataclass(frozen=True)
class _Rules:
    answer_type: str
    tolerance: float
    measured: bool

    def equal(self, pred: str, gold: str, depth: int) -> bool:
        return _equal(pred, gold, self, depth)


def warm_up() -> None:
    """Import math-verify and sympy and run one symbolic check, so a new worker pays that (~1 s) at start-up,
    not inside an item's timeout (pool.py calls it before the worker reports ready)."""
    is_equivalent("x^2 + 2x", "x(x+2)")


def _equal(pred: str, gold: str, rules: _Rules, depth: int) -> bool:
    answer_type, tolerance = rules.answer_type, rules.tolerance
    if compact(pred) == compact(gold):
        return True
    gold_bool = boolean(gold)
    if gold_bool is not None:
        return boolean(pred) is gold_bool
    gold_letter = letter(gold)
    pred_option = _leading_letter(pred)
    if gold_letter is not None and (not re.fullmatch(r"[a-zA-Z]", clean(gold)) or pred_option):
        return (letter(pred) or pred_option) == gold_letter  # "\text{(C)}", or a bare "C" against "(C) 27"
    if pred_option and number(gold) is not None:  # "\textbf{(B)}\ 27" against 27.0: the option's value
        pred = re.sub(r"^\s*\(\s*[A-J]\s*\)\s*", "", clean(pred))
    p, g = clean(pred), clean(gold)
    if depth < 3 and (len(split_top(g)) > 1 or len(split_top(p)) > 1):  # lists first: labels are per item
        listed = _structures_equal(p, g, rules, depth)
        if listed is not None:
            return listed
    if number(g) is not None and number(p) is None:  # "26 \text{ dB}" against "26.0"
        p = _without_unit(pred, p)
    elif number(p) is not None and number(g) is None:
        g = _without_unit(gold, g)
    if not (has_relation(p) and has_relation(g)):  # two equations are compared whole, labels and all
        p, g = strip_label(p), strip_label(g)
        if compact(p) == compact(g):
            return True
        if has_relation(p) != has_relation(g):  # "x > 2" against "(2, \infty)", or "r^2 = 8" against "8"
            p, g = inequality_to_interval(p) or p, inequality_to_interval(g) or g
            if has_relation(p) or has_relation(g):
                return False
    if too_large(p) or too_large(g):  # 10^{10^{10}}, 99999999!: only the same writing is equal
        return compact(p) == compact(g)
    based = _based_equal(p, g)
    if based is not None:
        return based
    pn, gn = number(p), number(g)
    if pn is not None and gn is not None:
        return numbers_equal(pn, gn, tolerance, rules.measured)
    if answer_type == "number" and re.search(r"(?<!\\)\b[a-zA-Z]", re.sub(r"\\[a-zA-Z]+", "", p)):
        return False  # a numeric task: a constant expression (`\sqrt{4}`) may answer it, a formula may not
    if depth < 3:
        structured = _structures_equal(p, g, rules, depth)
        if structured is not None:
            return structured
    if len(p) > MAX_LEN or len(g) > MAX_LEN:
        return False
    return _symbolic(_plain_decimal(p), _plain_decimal(g), rules)


_BASED = re.compile(r"^([0-9A-Za-z]+)_\{?(\d{1,2})\}?$")


def _based_equal(p: str, g: str) -> bool | None:
    """`2112_6`-style numbers in a base: equal values when both name a base, equal digits when one does (the
    question fixes the base); None when neither is written in a base."""
    pm, gm = _BASED.match(p.replace(" ", "")), _BASED.match(g.replace(" ", ""))
    if not pm and not gm:
        return None
    if pm and gm:
        try:
            return int(pm.group(1), int(pm.group(2))) == int(gm.group(1), int(gm.group(2)))
        except ValueError:
            return False
    digits = (pm or gm).group(1)
    other = g if pm else p
    return digits.lower() == other.replace(" ", "").lower()


def _structures_equal(p: str, g: str, rules: _Rules, depth: int) -> bool | None:
    """Compare lists, tuples, intervals and sets element by element; None when `g` is not one of those."""

    def same(a: str, b: str) -> bool:
        return _equal(a, b, rules, depth + 1)

    g_items, p_items = expand_pm(split_top(g)), expand_pm(split_top(p))
    if len(p_items) > 1 and thousands_like(g):  # gold "70,110" against the list "110, 70": read it as a list
        g_items = g.split(",")
    labelled = _labelled_tuple(p_items, g) or _labelled_tuple(g_items, p)
    if labelled is not None:  # "x = 1, y = 2" against "(1, 2)": the labels name the tuple's entries in order
        items, inner = labelled
        return all(same(a, b) for a, b in zip(items, inner))
    if len(g_items) > 1:  # a bare comma list is a set of answers
        if len(p_items) == 1 and (b := brackets(strip_label(p))):
            inner = expand_pm(split_top(b[1]))
            if b[0] == "\\{":  # a set against a list
                return _match_unordered(_distinct(inner, same), _distinct(g_items, same), same)
            if b[0] == "(" and b[2] == ")" and len(inner) == len(g_items):  # a tuple: the list's values in order
                return all(same(a, c) for a, c in zip(inner, g_items))
        return _match_unordered(p_items, g_items, same)
    gb, pb = brackets(g), brackets(p)
    if rules.measured and gb is not None and (gb[0], gb[2]) == ("[", "]") and len(p_items) > 1 and pb is None:
        g_inner = split_top(gb[1])  # science golds are Python lists (TheoremQA's `[3, 5]`), not intervals
        return len(g_inner) == len(p_items) and all(same(a, b) for a, b in zip(p_items, g_inner))
    if gb is None and len(p_items) > 1:
        return False  # several answers for one: `3, 3` does not answer `3`
    if gb is None or "," not in gb[1]:
        return None
    g_inner = split_top(gb[1])
    if gb[0] == "\\{":  # a set: against another set or a bare list, never an interval or tuple
        if pb is not None and pb[0] != "\\{":
            return False
        p_inner = split_top(pb[1]) if pb else p_items
        return _match_unordered(_distinct(expand_pm(p_inner), same), _distinct(expand_pm(g_inner), same), same)
    if pb is None or (pb[0], pb[2]) != (gb[0], gb[2]):
        return False if pb is not None else None  # "[2,5)" vs "(2,5)": different ends
    p_inner = split_top(pb[1])
    if len(p_inner) != len(g_inner):
        return False
    return all(same(a, b) for a, b in zip(p_inner, g_inner))


def _labelled_tuple(items: list[str], other: str) -> tuple[list[str], list[str]] | None:
    """(values, tuple entries) when `items` are all labelled (`x = 1`) and `other` is a tuple of as many."""
    group = brackets(other)
    if len(items) < 2 or group is None or group[0] != "(" or group[2] != ")":
        return None
    values = [strip_label(item) for item in items]
    if any(v == item for v, item in zip(values, items)):
        return None
    inner = split_top(group[1])
    return (values, inner) if len(inner) == len(values) else None


def _distinct(items: list[str], same) -> list[str]:
    """A set's members once each: `\\{2, 2, 3\\}` is `\\{2, 3\\}` (a bare list keeps repeats: roots counted twice)."""
    kept: list[str] = []
    for item in items:
        if not any(same(item, k) for k in kept):
            kept.append(item)
    return kept


def _match_unordered(p_items: list[str], g_items: list[str], same) -> bool:
    if len(p_items) != len(g_items):
        return False
    remaining = list(p_items)
    for g in g_items:
        hit = next((i for i, p in enumerate(remaining) if same(p, g)), None)
        if hit is None:
            return False
        remaining.pop(hit)
    return True


def _plain_decimal(text: str) -> str:
    """`4.5e-7` -> `0.00000045`: math-verify reads a bare `e` as Euler's number."""
    if re.fullmatch(r"-?(?:\d+(?:\.\d*)?|\.\d+)[eE][-+]?\d{1,3}", text.strip()):
        return format(Decimal(text.strip()), "f")
    return text


def _parse(text: str) -> list:
    from latex2sympy2_extended import NormalizationConfig
    from math_verify import ExprExtractionConfig, LatexExtractionConfig, parse

    # Units were dropped by `clean` already; math-verify's own unit stripping eats variables (`\\frac{c}{2}`).
    latex = LatexExtractionConfig(
        normalization_config=NormalizationConfig(
            basic_latex=True, units=False, malformed_operators=True, nits=True, boxed="all", equations=False
        )
    )
    text = _MACRO_SUBSCRIPT.sub(r"_{\1}", text)  # L_{\odot}: a name, which math-verify cannot parse as a macro
    return parse("\\boxed{" + text + "}", [latex, ExprExtractionConfig()], parsing_timeout=None)


_MACRO_SUBSCRIPT = re.compile(r"_\{?\\(?!frac|sqrt)([a-zA-Z]+)\}?")


def _symbolic(pred: str, gold: str, rules: _Rules) -> bool:
    """math-verify's parse and verify for expressions; two constant values are decided here instead, exactly
    when both are exact (math-verify rounds to 6 decimals, so it calls `1/2^{50}` equal to `1/2^{51}`)."""
    from math_verify import verify

    if rules.measured:  # science tasks: an unbased \\log is the natural log
        pred, gold = (_UNBASED_LOG.sub(r"\\ln", x) for x in (pred, gold))
    gold_parsed, pred_parsed = _parse(gold), _parse(pred)
    if not gold_parsed or not pred_parsed or _undefined(gold_parsed[0]) or _undefined(pred_parsed[0]):
        return False
    constants = _constant_equal(pred_parsed[0], gold_parsed[0], pred, gold, rules)
    if constants is not None:
        return constants
    if verify(gold_parsed, pred_parsed, timeout_seconds=None):
        return True
    tolerance = rules.tolerance
    if rules.measured:  # decimals in either side state how closely they were computed
        tolerance = max(tolerance, _stated_precision(pred), _stated_precision(gold))
    return _numeric_value_close(pred_parsed[0], gold_parsed[0], tolerance)


_UNBASED_LOG = re.compile(r"\\log(?![a-zA-Z_])")


def _stated_precision(text: str) -> float:
    """The relative precision the decimals of an answer state: half a unit in their last place (`0.707c`: 7e-4)."""
    numbers = [m for m in re.finditer(r"(\d+)\.(\d+)", text) if float(m.group(0)) != 0]
    return max((0.5 * 10 ** -min(len(m.group(2)), 300) / float(m.group(0)) for m in numbers), default=0.0)


def _constant_equal(pred, gold, pred_text: str, gold_text: str, rules: _Rules) -> bool | None:
    """Two constants (no free symbols): equal values at 50 digits when both are exact; a decimal against an
    exact irrational gold is refused in exact-answer tasks (`3.1416` is not `\\pi`), and in measured tasks
    accepted at the gold's precision. None when either side is not a constant number."""
    import sympy

    a, b = _safe_sympy(pred), _safe_sympy(gold)
    if not all(isinstance(x, sympy.Expr) and x.is_number and not x.free_symbols for x in (a, b)):
        return None
    try:
        va, vb = complex(a.evalf(30)), complex(b.evalf(30))
        if not (math.isfinite(abs(va)) and math.isfinite(abs(vb))):
            return None
        a_float, b_float = bool(a.atoms(sympy.Float)), bool(b.atoms(sympy.Float))
        if a_float and not b_float and _exactly(a) == b:  # `10^{0.01}` is `10^{1/100}`: a decimal that is exact
            return True
        if not a_float and not b_float:
            difference = abs(complex((a - b).evalf(50)))
            return difference <= 1e-40 * max(1.0, abs(va), abs(vb))
        if rules.measured and abs(va.imag) < 1e-12 and abs(vb.imag) < 1e-12:
            gold_written, pred_written = number(gold_text), number(pred_text)
            if gold_written is not None and at_precision(Fraction(va.real), gold_written):
                return True
            if pred_written is not None and rounds_to(Fraction(vb.real), pred_written, pred_written.value):
                return True
        elif a_float and not b_float:
            return False  # a rounded decimal against an exact value
        return abs(va - vb) <= max(rules.tolerance * max(abs(va), abs(vb)), 1e-12)
    except (TypeError, ValueError, AttributeError, ZeroDivisionError, OverflowError):
        return None


def _exactly(value):
    """`value` with each decimal read as the exact rational it writes (0.01 -> 1/100)."""
    import sympy

    return value.xreplace({f: sympy.Rational(str(f)) for f in value.atoms(sympy.Float)})


def _undefined(value) -> bool:
    """`0/0`, `\\frac{1}{0}`: no value, so equal to nothing (sympy's verdict on them varies with the hash seed)."""
    import sympy

    if not isinstance(value, sympy.Basic):
        return False
    if value.has(sympy.nan, sympy.zoo):
        return True
    return any(p.base.is_zero and p.exp.is_negative for p in value.atoms(sympy.Pow))


_ARITHMETIC = re.compile(r"[0-9.\s+\-*/()^eE]+")


def _safe_sympy(value):
    """A parsed answer as a sympy object, or None. math-verify hands back the raw string when it cannot parse an
    answer (`-1./3`), and sympify would eval() it, running model output as Python
    (`__import__(chr(111)+chr(115)).system(...)`): only plain arithmetic (digits, operators, parentheses; no
    names, no attribute access) is sympified."""
    import sympy

    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, str) and _ARITHMETIC.fullmatch(value):
        try:
            return sympy.sympify(value.replace("^", "**"))
        except (sympy.SympifyError, SyntaxError, TypeError, ValueError):  # unbalanced: `(3^(`
            return None
    return None


def _numeric_value_close(pred, gold, tolerance: float) -> bool:
    """Two expressions with the same value: `0.33333` vs `\\frac{1}{3}` within the tolerance, or
    `2e^{i\\pi/3}` vs `1 + \\sqrt{3} i` (a free `i` is the imaginary unit), checked at a few points when
    variables remain."""
    import sympy

    try:
        a, b = _safe_sympy(pred), _safe_sympy(gold)
        if a is None or b is None:
            return False
        a, b = (x.subs({s: sympy.I for s in x.free_symbols if s.name == "i"}) for x in (a, b))
        symbols = sorted(a.free_symbols | b.free_symbols, key=str)
        if len(symbols) > 3 or not isinstance(a, sympy.Expr) or not isinstance(b, sympy.Expr):
            return False
        if not (a.atoms(sympy.Float) or b.atoms(sympy.Float)):
            tolerance = 1e-10  # two exact expressions: equal values, not merely close ones
        samples = ((0.37, 1.21, 2.9), (-1.73, 0.41, -0.77), (2.3, -3.1, 1.3), (-0.61, -1.9, 2.2))
        points = [dict(zip(symbols, values)) for values in samples]
        for point in points if symbols else [{}]:
            x, y = complex(a.evalf(subs=point)), complex(b.evalf(subs=point))
            if not (math.isfinite(abs(x)) and math.isfinite(abs(y))):
                return False
            if abs(x - y) > max(tolerance * max(abs(x), abs(y)), 1e-12):
                return False
        return True
    except (TypeError, ValueError, AttributeError, ZeroDivisionError, sympy.SympifyError):
        return False
