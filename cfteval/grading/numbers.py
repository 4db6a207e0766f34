"""Plain numbers in answers and when two are equal: exact values exactly (integers, fractions, exact arithmetic
through exact.py), decimals at the precision they state, `%` as a unit or as /100, and measured quantities at the
gold's stated precision. Conventions: GRADING.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from cfteval.grading.exact import exact_value
from cfteval.grading.normalize import clean

DEFAULT_TOLERANCE = 1e-4
_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?")
_SCI = re.compile(r"^(-?(?:\d+(?:\.\d*)?|\.\d+))\s*\*\s*10\^\{?(-?\d+)\}?$")
_MIXED = re.compile(r"(-?)(\d{1,9}) (\d{1,9})/(\d{1,9})")
_FRACTION = re.compile(r"^(-?)\\frac\{(-?\d+)\}\{(\d+)\}$|^(-?\d+)/(\d+)$")


@dataclass(frozen=True)
class Num:
    value: Fraction
    percent: bool  # written with a % sign
    places: int | None  # digits after the decimal point; None for a fraction (an exact value)
    sig: int | None = None  # significant figures as written (`0.0250`: 3, `150`: 2); None for exact values


def number(text: str) -> Num | None:
    """The number `text` is, when it is one plain number: `12`, `-0.25`, `1,234`, `4.5e-7`,
    `4.5 \\times 10^{-7}`, `\\frac{3}{4}`, `3/4`, `50\\%`; else None."""
    text = clean(text).replace("\\%", "%")
    percent = text.endswith("%")
    if ", " in text:  # "70, 110" is two numbers, not 70110
        return None
    text = text.rstrip("%").strip()
    if m := _MIXED.fullmatch(text):  # "4 4/9" is 40/9, not 44/9
        whole, num, den = int(m.group(2)), int(m.group(3)), int(m.group(4))
        if 0 < num < den:
            return Num((whole + Fraction(num, den)) * (-1 if m.group(1) else 1), percent, None)
    text = text.replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    try:
        if _NUMBER.fullmatch(text.lower()):
            mantissa, _, exponent = text.lower().partition("e")
            if exponent and abs(int(exponent)) > 300:
                return None
            value = Fraction(mantissa) * Fraction(10) ** int(exponent or 0)
            return Num(value, percent, _places(mantissa), _significant(mantissa))
        if m := _SCI.match(text):
            if abs(int(m.group(2))) > 300:
                return None
            value = Fraction(m.group(1)) * Fraction(10) ** int(m.group(2))
            return Num(value, percent, _places(m.group(1)), _significant(m.group(1)))
        if m := _FRACTION.match(text):
            sign, num, den = (m.group(1), m.group(2), m.group(3)) if m.group(2) else ("", m.group(4), m.group(5))
            return Num(Fraction(int(num), int(den)) * (-1 if sign else 1), percent, None)
        exact = exact_value(text)  # 2^{64}-1, \frac{1}{50!}, 10^{30}+1: exact arithmetic, never a float
    except (ValueError, ZeroDivisionError):  # TooLarge too: such values are compared as written
        return None
    if exact is None:
        return None
    return Num(exact.value, percent, exact.places if exact.decimal else None)


def _significant(mantissa: str) -> int:
    """Significant figures of a written number: `0.0250` has 3, `6.047` has 4, and an integer states its units
    digit: `150` has 3 (so `71` is not `70` rounded, nor `3400` a rounding of `3448.1`)."""
    digits = mantissa.lstrip("-+")
    if "." in digits:
        return max(1, len(digits.replace(".", "").lstrip("0")))
    return max(1, len(digits.lstrip("0")))


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def close(a: float, b: float, tolerance: float) -> bool:
    if b == 0 or a == 0:
        return abs(a - b) <= 1e-9
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def numbers_equal(pred: Num, gold: Num, tolerance: float, measured: bool = False) -> bool:
    """Exact values (integers, fractions, exact arithmetic) and numbers written to the same precision must match
    exactly (74727 is not 74726, 2^{64} is not 2^{64}-1). A decimal against a value given more or less
    precisely matches within the relative tolerance, but never a rounded decimal against an exact value that
    has no finite decimal (`42.86` vs `\frac{300}{7}`). Tasks of measured quantities (`measured`) also accept
    the answer rounded to the gold's stated precision (decimal places or significant figures). A `%` on one
    side may be read as a unit or as /100; on both sides the numbers compare as they stand."""
    if pred.percent and gold.percent:
        candidates_p, candidates_g = {pred.value}, {gold.value}
    else:
        candidates_p = {pred.value, pred.value / 100} if pred.percent else {pred.value}
        candidates_g = {gold.value, gold.value / 100} if gold.percent else {gold.value}
    if candidates_p & candidates_g:
        return True
    if measured and not _exact_integer(gold):
        return any(
            at_precision(x, gold) or rounds_to(y, pred, x) or _close_exact(x, y, tolerance)
            for x in candidates_p
            for y in candidates_g
        )
    exact = {0, None}
    same_precision = (pred.places in exact and gold.places in exact) or pred.places == gold.places
    integer_vs_fraction = (pred.value.denominator == 1) != (gold.value.denominator == 1)  # 25001.5 vs 25000
    if same_precision or integer_vs_fraction:
        return False
    if pred.places and gold.places is None and not _terminates(gold.value):
        return False
    return any(_close_exact(x, y, tolerance) for x in candidates_p for y in candidates_g)


def _exact_integer(num: Num) -> bool:
    """A one-digit integer gold (`1`, `5`): a count, coefficient or quantum number, not a rounded measurement,
    so no rounding applies to it (`0.5` does not answer `1`; `1540` may answer `1538`, `820` may answer `800`)."""
    return num.places == 0 and num.value.denominator == 1 and abs(num.value) < 10


def _terminates(value: Fraction) -> bool:
    """Whether a rational has a finite decimal expansion (its denominator has no prime factor but 2 and 5)."""
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def _close_exact(a: Fraction, b: Fraction, tolerance: float) -> bool:
    """Relative closeness computed on exact rationals (floats would lose huge or tiny values)."""
    if a == b:
        return True
    if a == 0 or b == 0:
        return False
    return abs(a - b) <= Fraction(tolerance) * max(abs(a), abs(b))


def rounds_to(gold_value: Fraction, pred: Num, pred_value: Fraction) -> bool:
    """An answer stated less precisely than the gold, to at least 2 significant figures, that is the gold rounded
    to the answer's own precision (`20.4` for `20.39`, `2.8 \\times 10^{-6}` for `2.7778e-6`; not `6` for
    `6.047`, nor `150` for `155`)."""
    if pred.places is None or (pred.sig or 0) < 2:
        return False
    return at_precision(gold_value, Num(pred_value, pred.percent, pred.places, pred.sig))


def at_precision(value: Fraction, gold: Num) -> bool:
    """Whether `value` rounded to the gold's decimal places, or to its significant figures, is the gold:
    `1.63` answers `1.6`, `31.52` does not answer `31.40`."""
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    if gold.places is None or value == 0 or gold.value == 0 or gold.places > 100:
        return False
    with localcontext() as ctx:
        ctx.prec = 400  # enough for any quantize below: values are cut to 100 places or 100 significant figures
        v = Decimal(value.numerator) / Decimal(value.denominator)
        g = Decimal(gold.value.numerator) / Decimal(gold.value.denominator)
        if v.quantize(Decimal(1).scaleb(-gold.places), ROUND_HALF_UP) == g:
            return True
        if gold.sig is None:
            return False
        if v.quantize(Decimal(1).scaleb(v.adjusted() - gold.sig + 1), ROUND_HALF_UP) == g:
            return True
        # An integer's trailing zeros may be significant (`70` exactly) or rounding (`560` nm to 2 figures): read
        # as rounding only for an answer within 1 % (`557` answers `560`; `71` does not answer `70`).
        bare = len(str(abs(gold.value.numerator)).rstrip("0"))
        if gold.places != 0 or gold.value.denominator != 1 or bare >= gold.sig or abs(v - g) > abs(g) / 100:
            return False
        return v.quantize(Decimal(1).scaleb(v.adjusted() - bare + 1), ROUND_HALF_UP) == g
