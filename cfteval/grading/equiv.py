"""Is an extracted answer equivalent to the gold? Layered, cheapest first: string normal form, booleans and
choice letters, labels (`x = 3`), numbers with a relative tolerance and percent rules, bracketed structures
(tuples, intervals, sets) and comma lists element by element, then math-verify's symbolic check for the rest.
Runs inside grading worker processes (pool.py), which enforce the timeout. Conventions: GRADING.md."""

from __future__ import annotations

import logging
import math
import re
from decimal import Decimal

from cfteval.grading.normalize import brackets, clean, compact, split_top, strip_label

# math-verify warns on every call that we disabled its signal timeouts; the worker pool enforces ours.
logging.getLogger("math_verify").setLevel(logging.ERROR)

DEFAULT_TOLERANCE = 1e-4
_TRUE, _FALSE = {"true", "yes", "t", "correct"}, {"false", "no", "f", "incorrect"}
_LETTER = re.compile(r"^\(?([a-jA-J])\)?[.:]?$")
_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?")
_SCI = re.compile(r"^(-?(?:\d+(?:\.\d*)?|\.\d+))\s*\*\s*10\^\{?(-?\d+)\}?$")
_FRACTION = re.compile(r"^(-?)\\frac\{(-?\d+)\}\{(\d+)\}$|^(-?\d+)/(\d+)$")
MAX_LEN = 2000  # longer answers than this are compared as strings only


def boolean(text: str) -> bool | None:
    key = compact(text).strip("()")
    return True if key in _TRUE else False if key in _FALSE else None


def letter(text: str) -> str | None:
    m = _LETTER.match(clean(text).replace(" ", ""))
    return m.group(1).upper() if m else None


def number(text: str) -> tuple[float, bool] | None:
    """(value, had a percent sign) when `text` is one plain number: decimals, `1,234`, `4.5e-7`,
    `4.5 \\times 10^{-7}`, `\\frac{3}{4}`, `3/4`, `50\\%`; else None."""
    text = clean(text).replace("\\%", "%")
    percent = text.endswith("%")
    text = text.rstrip("%").strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    value: float | None = None
    if _NUMBER.fullmatch(text.lower()):
        value = float(text.lower())
    elif m := _SCI.match(text):
        value = float(m.group(1)) * 10.0 ** int(m.group(2)) if abs(int(m.group(2))) < 300 else None
    elif m := _FRACTION.match(text):
        sign, num, den = (m.group(1), m.group(2), m.group(3)) if m.group(2) else ("", m.group(4), m.group(5))
        value = (-1 if sign else 1) * int(num) / int(den) if int(den) else None
    if value is None or not math.isfinite(value):
        return None
    return value, percent


def close(a: float, b: float, tolerance: float) -> bool:
    if b == 0 or a == 0:
        return abs(a - b) <= 1e-9
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def numbers_equal(pred: tuple[float, bool], gold: tuple[float, bool], tolerance: float) -> bool:
    """A `%` on either side may be read as a unit or as /100; with no `%` the values must match."""
    (p, p_pct), (g, g_pct) = pred, gold
    candidates_p = {p, p / 100} if p_pct else {p}
    candidates_g = {g, g / 100} if g_pct else {g}
    return any(close(x, y, tolerance) for x in candidates_p for y in candidates_g)


def is_equivalent(pred: str, gold: str, answer_type: str = "math", tolerance: float = DEFAULT_TOLERANCE) -> bool:
    """Whether `pred` answers `gold` (both extracted final answers, LaTeX or plain)."""
    if answer_type == "choice":
        return letter(pred) == letter(gold) is not None
    return _equal(pred, gold, answer_type, tolerance, depth=0)


def _equal(pred: str, gold: str, answer_type: str, tolerance: float, depth: int) -> bool:
    if compact(pred) == compact(gold):
        return True
    gold_bool = boolean(gold)
    if gold_bool is not None:
        return boolean(pred) is gold_bool
    gold_letter = letter(gold)
    if gold_letter is not None and not re.fullmatch(r"[a-zA-Z]", clean(gold)):  # "\text{(C)}", not a variable
        return letter(pred) == gold_letter
    p, g = strip_label(clean(pred)), strip_label(clean(gold))
    if compact(p) == compact(g):
        return True
    pn, gn = number(p), number(g)
    if pn is not None and gn is not None:
        return numbers_equal(pn, gn, tolerance)
    if answer_type == "number":
        return False
    if depth < 3:
        structured = _structures_equal(p, g, answer_type, tolerance, depth)
        if structured is not None:
            return structured
    if len(p) > MAX_LEN or len(g) > MAX_LEN:
        return False
    return _symbolic(_plain_decimal(p), _plain_decimal(g), tolerance)


def _structures_equal(p: str, g: str, answer_type: str, tolerance: float, depth: int) -> bool | None:
    """Compare lists, tuples, intervals and sets element by element; None when `g` is not one of those."""

    def same(a: str, b: str) -> bool:
        return _equal(a, b, answer_type, tolerance, depth + 1)

    g_items, p_items = split_top(g), split_top(p)
    if len(g_items) > 1:  # a bare comma list is a set of answers
        p_items = split_top(p[1:-1]) if len(p_items) == 1 and (b := brackets(p)) and b[0] == "\\{" else p_items
        return _match_unordered(p_items, g_items, same)
    gb, pb = brackets(g), brackets(p)
    if gb is None or "," not in gb[1]:
        return None
    g_inner = split_top(gb[1])
    if gb[0] == "\\{":  # a set
        p_inner = split_top(pb[1]) if pb else p_items
        return _match_unordered(p_inner, g_inner, same)
    if pb is None or (pb[0], pb[2]) != (gb[0], gb[2]):
        return False if pb is not None else None  # "[2,5)" vs "(2,5)": different ends
    p_inner = split_top(pb[1])
    if len(p_inner) != len(g_inner):
        return False
    return all(same(a, b) for a, b in zip(p_inner, g_inner))


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


def _symbolic(pred: str, gold: str, tolerance: float) -> bool:
    from math_verify import parse, verify

    gold_parsed = parse("\\boxed{" + gold + "}", parsing_timeout=None)
    pred_parsed = parse("\\boxed{" + pred + "}", parsing_timeout=None)
    if not gold_parsed or not pred_parsed:
        return False
    if verify(gold_parsed, pred_parsed, timeout_seconds=None):
        return True
    return _numeric_value_close(pred_parsed[0], gold_parsed[0], tolerance)


def _numeric_value_close(pred, gold, tolerance: float) -> bool:
    """A decimal against an exact constant (`0.33333` vs `\\frac{1}{3}`) within the tolerance."""
    try:
        if getattr(pred, "free_symbols", True) or getattr(gold, "free_symbols", True):
            return False
        a, b = complex(pred.evalf()), complex(gold.evalf())
    except (TypeError, ValueError, AttributeError):
        return False
    if a.imag or b.imag:
        return abs(a - b) <= tolerance * max(abs(a), abs(b))
    return math.isfinite(a.real) and math.isfinite(b.real) and close(a.real, b.real, tolerance)
