"""Is an extracted answer equivalent to the gold? String normalisation, numbers with a relative tolerance,
then math-verify's symbolic check. Runs inside grading worker processes (see pool.py)."""

from __future__ import annotations

import logging
import math
import re

# math-verify warns on every call that we disabled its signal timeouts; the worker pool enforces ours.
logging.getLogger("math_verify").setLevel(logging.ERROR)

REL_TOL = 1e-4
_REPLACEMENTS = [
    ("\\dfrac", "\\frac"),
    ("\\tfrac", "\\frac"),
    ("\\left", ""),
    ("\\right", ""),
    ("\\!", ""),
    ("\\,", ""),
    ("\\;", ""),
    ("^\\circ", ""),
    ("^{\\circ}", ""),
    ("\\%", ""),
    ("%", ""),
    ("\\$", ""),
    ("$", ""),
    (" ", ""),
]


def normalize(text: str) -> str:
    text = text.strip()
    text = re.sub(r"\\(?:text|mathrm|textbf|mbox)\{([^{}]*)\}", r"\1", text)
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    return text.rstrip(".").lower()


def to_number(text: str) -> float | None:
    """A finite float if `text` is one plain number (thousands separators allowed), else None."""
    text = normalize(text.replace(" ", "\x00")).replace("\x00", " ").strip()
    text = re.sub(r"(?<=\d)(?:,|\{,\})(?=\d{3}\b)", "", text)
    if not re.fullmatch(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?", text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def numbers_close(a: float, b: float) -> bool:
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b)) if b != 0 else abs(a) <= 1e-9


def is_equivalent(pred: str, gold: str, answer_type: str = "math") -> bool:
    if answer_type == "choice":
        return normalize(pred).upper() == normalize(gold).upper()
    if normalize(pred) == normalize(gold):
        return True
    a, b = to_number(pred), to_number(gold)
    if a is not None and b is not None:
        return numbers_close(a, b)
    if answer_type == "number":
        return False
    return _math_verify(pred, gold)


def _math_verify(pred: str, gold: str) -> bool:
    from math_verify import parse, verify

    gold_parsed = parse("\\boxed{" + gold.replace("$", "") + "}", parsing_timeout=None)
    pred_parsed = parse("\\boxed{" + pred + "}", parsing_timeout=None)
    if not gold_parsed or not pred_parsed:
        return False
    return bool(verify(gold_parsed, pred_parsed, timeout_seconds=None))
