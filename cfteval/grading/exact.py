"""Exact values of arithmetic answers, and size guards that keep huge values away from sympy.

An answer made only of integers, decimals, `\\frac`, `+ - * /`, integer powers, factorials and `\\binom` has an
exact rational value, computed here with Python integers: `2^{64}-1`, `\\frac{1}{50!}`, `10^{30}+1`. Comparing
those values is exact, so no float rounding (math-verify's, or a tolerance) can call `2^{64}` equal to
`2^{64}-1`. A value too large to write out (`10^{10^{10}}`, `99999999!`) raises `TooLarge` at once instead of
being computed; `too_large` finds such a sub-expression anywhere in an answer, before sympy is asked to."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from cfteval.latex import matching_braces

MAX_DIGITS = 5_000  # an exact value with more digits than this is not computed
MAX_FACTORIAL = 1_500  # 1500! has 4,115 digits
MAX_LENGTH = 500  # longer texts are not parsed as arithmetic

_TOKEN = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+|\\frac|\\binom|[-+*/^!(){}])")


class TooLarge(ValueError):
    """A value with more than MAX_DIGITS digits (or a factorial above MAX_FACTORIAL)."""


@dataclass(frozen=True)
class Exact:
    value: Fraction
    decimal: bool  # written with a decimal point somewhere (`2.5 * 4`): an approximation, not an exact value
    places: int  # the most digits after a decimal point among its numbers


def exact_value(text: str) -> Exact | None:
    """The exact value of `text` when it is plain arithmetic (after `grading.normalize.clean`), else None.
    Raises TooLarge for values too big to write out.

    >>> exact_value("2^{64}-1").value
    Fraction(18446744073709551615, 1)
    >>> exact_value("\\\\frac{1}{5!}").value
    Fraction(1, 120)
    >>> exact_value("x + 1") is None
    True
    """
    text = text.strip()
    if not text or len(text) > MAX_LENGTH:
        return None
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            return None
        tokens.append(m.group(1))
        pos = m.end()
        if text[pos:].strip() == "":
            break
    parser = _Parser(tokens)
    try:
        value = parser.expression()
    except (_NotArithmetic, ZeroDivisionError, IndexError):
        return None
    if parser.at < len(tokens):
        return None
    return Exact(value, parser.places >= 0, max(parser.places, 0))


class _NotArithmetic(Exception):
    pass


class _Parser:
    """Recursive descent over tokens: expression := term (+|- term)*; term := unary ((*|/|implicit) unary)*;
    unary := (-|+) unary | power; power := postfix (^ unary)?; postfix := atom !*."""

    def __init__(self, tokens: list[str]):
        self.tokens, self.at, self.places = tokens, 0, -1

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.tokens[self.at]
        if expected is not None and token != expected:
            raise _NotArithmetic(token)
        self.at += 1
        return token

    def expression(self) -> Fraction:
        value = self.term()
        while self.peek() in ("+", "-"):
            value = value + self.term() if self.take() == "+" else value - self.term()
        return value

    def term(self) -> Fraction:
        value = self.unary()
        while (token := self.peek()) in ("*", "/", "(", "{", "\\frac", "\\binom"):
            if token in ("*", "/"):
                self.take()
                other = self.unary()
                value = value * other if token == "*" else value / other
            else:  # implicit product: 2(3), 3\frac{1}{2} is read by the caller's mixed-number rule, not here
                value = value * self.unary()
            _check_size(value)
        return value

    def unary(self) -> Fraction:
        if self.peek() in ("-", "+"):
            return -self.unary() if self.take() == "-" else self.unary()
        return self.power()

    def power(self) -> Fraction:
        base = self.postfix()
        if self.peek() != "^":
            return base
        self.take()
        exponent = self.unary()
        if exponent.denominator != 1:
            raise _NotArithmetic("a fractional power is not rational")
        e = int(exponent)
        if base in (0, 1) or e == 0:
            return base**e if not (base == 0 and e < 0) else Fraction(1, 0)
        if base == -1:
            return Fraction(-1) ** (e % 2)
        size = max(abs(base.numerator), base.denominator)
        if abs(e) * math.log10(size) > MAX_DIGITS:
            raise TooLarge(f"a power with about {abs(e) * math.log10(size):.3g} digits")
        return base**e

    def postfix(self) -> Fraction:
        value = self.atom()
        while self.peek() == "!":
            self.take()
            if value.denominator != 1 or value < 0:
                raise _NotArithmetic("factorial of a non-integer")
            if value > MAX_FACTORIAL:
                raise TooLarge(f"{value}! is too large to compute")
            value = Fraction(math.factorial(int(value)))
        return value

    def atom(self) -> Fraction:
        token = self.take()
        if token in ("(", "{"):
            value = self.expression()
            self.take(")" if token == "(" else "}")
            return value
        if token in ("\\frac", "\\binom"):
            top, bottom = self.group(), self.group()
            if token == "\\frac":
                return top / bottom
            if top.denominator != 1 or bottom.denominator != 1 or top > MAX_FACTORIAL * 10:
                raise _NotArithmetic("binomial of non-integers")
            return Fraction(math.comb(int(top), int(bottom))) if 0 <= bottom else Fraction(0)
        if token[0].isdigit() or token[0] == ".":
            if token.isdigit() and self.peek() == "\\frac":  # a mixed number: 4\frac{4}{9} is 40/9
                self.take()
                part = self.group() / self.group()
                if not 0 < part < 1:
                    raise _NotArithmetic("not a mixed number")
                return int(token) + part
            if "." in token:
                self.places = max(self.places, len(token.split(".")[1]))
            if len(token) > MAX_DIGITS:
                raise TooLarge("a number too long to read")
            return Fraction(token)
        raise _NotArithmetic(token)

    def group(self) -> Fraction:
        if self.peek() == "{":
            return self.atom()
        token = self.take()  # \frac12: LaTeX reads one digit per argument
        if not token.isdigit():
            raise _NotArithmetic(token)
        if len(token) > 1:
            self.tokens[self.at - 1 : self.at] = [token[0], token[1:]]
        return Fraction(token[0])


def _check_size(value: Fraction) -> None:
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > MAX_DIGITS * 3.33:
        raise TooLarge("a product too large to compute")


_EXPONENT = re.compile(r"\^\s*(\{|\d+|-?\d+)")
_FACTORIAL = re.compile(r"(\d+)\s*!")
_BIG_LITERAL = re.compile(r"\d{1000}")


def too_large(text: str) -> bool:
    """Whether `text` holds a value too large for sympy to handle in time: a power whose exponent is huge
    (`10^{10^{10}}`, `x^{99999999}` evaluated, `2^{3^{40}}`), a big factorial, or a number of 1000+ digits."""
    if _BIG_LITERAL.search(text):
        return True
    for m in _FACTORIAL.finditer(text):
        if len(m.group(1)) > 5 or int(m.group(1)) > MAX_FACTORIAL:
            return True
    braces = matching_braces(text)
    for m in _EXPONENT.finditer(text):
        exponent = text[m.start(1) + 1 : braces.get(m.start(1), len(text))] if m.group(1) == "{" else m.group(1)
        try:
            value = exact_value(exponent)
        except TooLarge:
            return True
        if value is not None and abs(value.value) > 10_000:
            return True
    return False
