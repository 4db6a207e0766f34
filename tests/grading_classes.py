"""Grading cases for the failure classes of issue 15, each stated as a principle and pinned with more than one
instance (other numbers, other wrappers), so that a rule fitted to one string fails the others.

Fields as in grading_cases.Case: (klass, gold, response, expected, why, task). `klass` is the issue's class number.
Real excerpts from model outputs are in tests/grading_real.py; these are the classes' own statements.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    klass: int
    gold: str
    response: str
    expected: bool
    why: str
    task: str = "generic"
    status: str | None = None  # the grading status expected, where it is not "ok" / "no_answer"


B = r"The answer is $\boxed{%s}$."  # a boxed final answer


def boxed(x: str) -> str:
    return B % x


CASES: list[Case] = [
    # 1. exact before approximate: exact values compare by exact arithmetic, never within a float tolerance
    Case(1, r"\frac{1}{2^{50}}", boxed(r"\frac{1}{2^{51}}"), False, "halving a tiny value is a different value"),
    Case(1, r"\frac{1}{2^{50}}", boxed(r"2^{-50}"), True, "the same power written another way"),
    Case(1, r"\frac{1}{2^{40}}", boxed(r"\frac{1}{2^{41}}"), False, "another tiny power"),
    Case(1, r"\frac{1}{50!}", boxed(r"\frac{1}{48!}"), False, "factorials differ by a factor 2450"),
    Case(1, r"\frac{1}{30!}", boxed(r"\frac{1}{29!}"), False, "another pair of tiny factorials"),
    Case(1, r"\frac{1}{4!}", boxed(r"\frac{1}{24}"), True, "a factorial's exact value"),
    Case(1, r"2^{64}", boxed(r"2^{64}-1"), False, "off by one at 1.8e19"),
    Case(1, r"2^{64}-1", boxed("18446744073709551615"), True, "written out exactly"),
    Case(1, r"2^{64}-1", boxed("18446744073709551616"), False, "written out, off by one"),
    Case(1, r"3^{40}", boxed(r"3^{40}+2"), False, "off by two at 1.2e19"),
    Case(1, r"10^{30}", boxed("1000000000000000000000000000001"), False, "10^30 + 1 written out"),
    Case(1, r"10^{30}", boxed("1000000000000000000000000000000"), True, "10^30 written out"),
    Case(1, "123456789012345678901", boxed("123456789012345678902"), False, "huge integers compare exactly"),
    Case(1, r"\sqrt{2}/2", boxed(r"\frac{1}{\sqrt{2}}"), True, "exact radicals, equal"),
    Case(1, r"\sqrt{2}+\sqrt{3}", boxed(r"\sqrt{5+2\sqrt{6}}"), True, "a denested radical, equal"),
    Case(1, r"\sqrt{10^{12}+1}", boxed(r"10^{6}"), False, "a radical within 1e-13 of 10^6 is still not 10^6"),
    # 2. percent on both sides: the numbers compare as they stand
    Case(2, r"25\%", boxed(r"0.25\%"), False, "0.25% is not 25%"),
    Case(2, r"40\%", boxed(r"0.4\%"), False, "0.4% is not 40%"),
    Case(2, r"25\%", boxed(r"25\%"), True, "the same percent"),
    Case(2, r"25\%", boxed("0.25"), True, "one-sided percent: /100 (GRADING.md)"),
    Case(2, "25", boxed(r"25\%"), True, "one-sided percent: a unit (GRADING.md)"),
    # 3. whole expressions, never digits inside LaTeX
    Case(3, r"\sqrt{17}", r"So the side is $\sqrt{17}$", True, "the final span, read whole"),
    Case(3, "17", r"So the side is $\sqrt{17}$", False, "17 is inside a square root"),
    Case(3, "23", r"The distance is $2\sqrt{23}$.", False, "the digits inside the radical are not the answer"),
    Case(3, r"2\sqrt{23}", r"The distance is $2\sqrt{23}$.", True, "a coefficient and its radical"),
    Case(3, "13", r"The probability is $\frac13$.", False, "\\frac13 is one third"),
    Case(3, r"\frac{1}{3}", r"The probability is $\frac13$.", True, "\\frac13 read as LaTeX does"),
    Case(3, "1", r"The set of values is $[0,1)$.", False, "an interval, not its right end"),
    Case(3, "[0,1)", r"The set of values is $[0,1)$.", True, "the interval itself"),
    Case(3, r"[5,\infty)", r"$x \geq 5$ is the solution", True, "an inequality stated before 'is the solution'"),
    Case(3, "5", r"$x \geq 5$ is the solution", False, "an inequality is not its bound"),
    Case(3, r"\frac{1+\sqrt{5}}{2}", r"$\frac{1+\sqrt5}{2}$", True, "a bare expression as the whole response"),
    Case(3, "2", r"$\frac{1+\sqrt5}{2}$", False, "not its denominator"),
    Case(3, r"\frac{3}{4}", r"\( \frac{3}{4} \)", True, "a bare \\(...\\) response"),
    Case(3, r"10^{-3}", r"The concentration is 10^{-3}", True, "a power of ten in plain text is read whole"),
    Case(3, "-3", r"The concentration is 10^{-3}", False, "not its exponent"),
    # 4. labels and chains
    Case(4, "(1,2)", boxed("(x, y) = (1, 2)"), True, "a tuple label"),
    Case(4, "(3,2,7)", boxed("(p,q,r)=(3,2,7)"), True, "a three-variable tuple label"),
    Case(4, "(3,7,2)", boxed("(p,q,r)=(3,2,7)"), False, "the labelled tuple keeps its order"),
    Case(4, "4", boxed(r"m_{\max} = 4"), True, "a subscripted variable label"),
    Case(4, "2", boxed("x_1 = 2"), True, "a numbered variable label"),
    Case(4, "-1", boxed(r"\hat{y} = -1"), True, "a decorated variable label"),
    Case(4, "11:21", boxed("V_1 : V_2 = 11 : 21"), True, "a ratio label"),
    Case(4, "1", boxed("|AB| = 1"), True, "a length label"),
    Case(4, "2", boxed(r"\frac{NO}{BO} = 2"), True, "a ratio of segments as a label"),
    Case(4, "11", boxed("x = 5 + 5 + 1 = 11"), True, "a chain states its last side"),
    Case(4, "10", boxed("x = 5 + 5 + 1 = 11"), False, "a chain's last side is the value"),
    Case(4, "(0,1)", boxed("0 < f(x) < 1"), True, "a range of a function is an interval"),
    Case(4, r"(-\infty,-1) \cup (2,\infty)", boxed(r"x < -1 \text{ or } x > 2"), True, "a union of inequalities"),
    Case(4, r"(-\infty,-1] \cup (2,\infty)", boxed(r"x < -1 \text{ or } x > 2"), False, "an end's closedness counts"),
    Case(4, "8", boxed("r^2 = 8"), False, "an equation is not a label (GRADING.md)"),
    # 5. lists and sets
    Case(5, "1, 3", boxed(r"x_1 = 1,\quad x_2 = 3"), True, "\\quad separates labelled roots"),
    Case(5, "1, 3", boxed(r"x_1 = 1 \qquad x_2 = 3"), True, "\\qquad alone separates too"),
    Case(5, "2, 5", boxed("2; 5"), True, "a semicolon list"),
    Case(5, "2500, 7500", boxed(r"2,500 \text{ and } 7,500"), True, "thousands groups survive 'and'"),
    Case(5, "2500, 750", boxed(r"2,500 \text{ and } 7,500"), False, "and are two numbers"),
    Case(5, r"\{2,3,5\}", boxed("{2,3,5}"), True, "a plain-brace set"),
    Case(5, r"\{2,3\}", boxed(r"\{2,2,3\}"), True, "a repeated member names the same set"),
    Case(5, "73", boxed(r"\boxed{73}"), True, "a box in a box"),
    Case(5, "7", boxed("7,"), True, "a trailing comma"),
    Case(5, "2, 3", r"The roots are \(\boxed{2}\) and \(\boxed{3}\).", True, "boxes in \\(...\\) joined by 'and'"),
    Case(5, "3", r"The roots are \(\boxed{2}\) and \(\boxed{3}\).", False, "two answers, not the last one"),
    # 6. options and values
    Case(6, "27.0", boxed(r"\textbf{(B)}\ 27"), True, "the option's value against a numeric gold", "amc23"),
    Case(6, "26.0", boxed(r"\textbf{(B)}\ 27"), False, "a different value", "amc23"),
    Case(6, "B", boxed(r"\textbf{(B)}\ 27"), True, "the option's letter against a letter gold"),
    Case(6, r"\text{(C)}", boxed(r"\textbf{(B)}\ 27"), False, "a different letter"),
    # 7. reasoning output
    Case(7, "5", r"<think>So maybe the answer is \boxed{5}", False, "cut off while thinking: no answer"),
    Case(7, "5", r"<think>maybe \boxed{4}</think>The answer is \boxed{5}", True, "only the text after the block"),
    Case(7, "4", r"<think>maybe \boxed{4}</think>The answer is \boxed{5}", False, "not a box inside the block"),
    Case(7, "12", "Thinking done.</think>\n\nSo $x = 12$.", True, "a block opened by the chat template"),
    # 8. size: no number from inside an unreadable answer, huge values cheap
    Case(
        8,
        "1",
        boxed("+".join(["x"] * 20000) + "+1"),
        False,
        "a 20,000-term box is too long to read",
        status="parse_error",
    ),
    Case(8, "7", boxed("{" * 60 + "7" + "}" * 60), True, "60 levels of braces around a number"),
    Case(8, "1", boxed(r"10^{10^{10^{10}}}"), False, "a power tower is no small number"),
    Case(8, "1", boxed("99999999!"), False, "a huge factorial"),
    Case(8, "2", r"The answer is \boxed{x+x+x+2", False, "a box cut off while being written"),
    # 9. where real models put the answer
    Case(9, "42", "**Answer:**\n\n42", True, "the line after a bold label"),
    Case(9, r"\frac{1}{2}", "**Final Answer:**\n$\\frac{1}{2}$", True, "a span on the line after the label"),
    Case(9, "12", "### Final answer\n\n12 apples", True, "the line after a markdown heading"),
    Case(9, "13", "### Final answer\n\n12 apples", False, "that line's value"),
    Case(9, "12", "The answer is 12</s>", True, "an end-of-sequence token is no part of the answer"),
    Case(9, "12", r"\boxed{12}<|im_end|>", True, "nor is <|im_end|>"),
    Case(9, "12", "The answer is 12<|im_end|>\n<|im_start|>user\nNow 13?", True, "a turn the model invented"),
    Case(
        9,
        "B",
        "(D) would mean a negative area, which is incorrect. The correct option is B.",
        True,
        "the letter committed to",
        "mmlu_stem",
    ),
    Case(
        9,
        "D",
        "(D) would mean a negative area, which is incorrect. The correct option is B.",
        False,
        "not the letter rejected",
        "mmlu_stem",
    ),
    Case(
        9,
        "9",
        '{"reasoning": "8 + 1 = 9", "answer": "9"}\nThe key steps are:\n1. Add\n4. Check',
        True,
        "a JSON answer field, not a later list marker",
    ),
    Case(
        9,
        r"\frac{1}{2}",
        '```json\n{"reasoning": "half", "answer": "\\\\frac{1}{2}"}\n```',
        True,
        "JSON escapes in the answer field",
    ),
    Case(
        9,
        "5",
        "So the answer is 5.\n\nProblem: Find y if 2y = 14.\nSolution: The answer is 7.",
        True,
        "a few-shot continuation after the answer is not graded",
    ),
    Case(
        9,
        "7",
        "So the answer is 5.\n\nProblem: Find y if 2y = 14.\nSolution: The answer is 7.",
        False,
        "nor is the continuation's answer",
    ),
    Case(
        9,
        "42",
        "The answer is 42.\nThis answer is correct.\nThis answer is correct.",
        True,
        "a self-verdict is no answer",
    ),
    Case(9, "True", "This statement is true. A DAG has a topological order.", True, "an opening verdict", "theoremqa"),
    Case(
        9,
        "4",
        r"So \boxed{Yes} for part (a), and the period is \boxed{4}.",
        True,
        "a verdict box and a value box are two answers",
        "minerva_math",
    ),
    Case(4, "0", r"\boxed{\lim_{x \to 0} \frac{\sin^2 x}{x} = 0}", True, "a limit the question names is a label"),
    Case(4, r"\frac{1}{3}", r"\boxed{\int_0^1 x^2\,dx = \frac{1}{3}}", True, "an integral the question names too"),
    Case(
        8,
        "16",
        "So 16 - 8 = 8 seconds. " + "It took 16 seconds to row. So 16 / 2 = 8 seconds. " * 4,
        False,
        "a response ending in a repetition loop was cut off: no last number",
    ),
    Case(8, "12", "First 3 * 4 = 12, and then we subtract the", False, "a response that stops mid-sentence"),
    Case(8, "12", "First 3 * 4 = 12, so the total is 12.", True, "the same numbers, finished"),
    # 10. tolerance bounded by the precision asked
    Case(10, "31.40", boxed("31.52"), False, "an arithmetic slip beyond the gold's 2 decimals", "minerva_math"),
    Case(10, "6.047", boxed("6.000"), False, "a slip stated to the gold's precision", "minerva_math"),
    Case(10, "155", boxed("150"), False, "150 is not 155 at any stated precision", "theoremqa"),
    Case(10, "1.6", boxed("1.63"), True, "the answer rounded to the gold's one decimal", "minerva_math"),
    Case(10, "20.39", boxed("20.4"), True, "the gold rounded to the answer's 3 figures", "minerva_math"),
    Case(10, "6.047", boxed("6"), False, "one significant figure is not an answer to four", "minerva_math"),
    Case(10, "560", boxed("557"), True, "trailing zeros as rounding, within 1 %", "minerva_math"),
    Case(10, "70", boxed("71"), False, "trailing zeros as rounding only within 1 %", "theoremqa"),
    Case(10, "1", boxed("0.5"), False, "a one-digit integer gold is exact", "minerva_math"),
    Case(10, "2.2", boxed(r"\ln 9"), True, "an exact value at the gold's precision", "minerva_math"),
    Case(10, r"\frac{300}{7}", boxed("42.86"), False, "a rounded decimal against a non-terminating value", "math500"),
    Case(10, r"\frac{3}{8}", boxed("0.375"), True, "the exact decimal of a terminating fraction", "math500"),
    Case(
        10,
        "1e-19",
        boxed(r"3.2 \times 10^{-19}\ \text{J}"),
        False,
        "scientific notation with units read whole",
        "minerva_math",
    ),
    Case(10, "3.2e-19", boxed(r"3.2 \times 10^{-19}\ \text{J}"), True, "the same value with its unit", "minerva_math"),
    # 11. multisets and notation
    Case(11, "3, 3", boxed("3"), False, "a double root counts twice"),
    Case(11, "3", boxed("3, 3"), False, "two answers for one"),
    Case(11, "E_{1}", boxed("E_1"), True, "a subscript's braces are typography"),
    Case(11, r"\ln 2", boxed(r"\log 2"), True, "an unbased log is natural in the science tasks", "minerva_math"),
    Case(11, "-3", boxed(r"\text{negative } 3"), True, "'negative 3' is -3"),
    Case(11, "(1,4),(4,1)", boxed(r"(1,4) \text{ and } (4,1)"), True, "pairs joined by 'and' are a list"),
    Case(11, "1,2,3", boxed("(1,2,3)"), True, "a tuple against a comma-list gold, in order"),
    Case(11, "1,2,3", boxed("(3,2,1)"), False, "a tuple is ordered"),
    Case(11, "[3, 5]", "The answer is 3, 5.", True, "a science gold in brackets is a list", "theoremqa"),
    Case(
        5,
        "E_1, E_2",
        boxed(r"E_1 \text{ with probability } \frac{1}{3}, \text{ and } E_2 \text{ with probability } \frac{2}{3}"),
        True,
        "outcomes listed with their probabilities",
        "minerva_math",
    ),
    Case(
        5,
        "H, T",
        boxed(r"H \text{ with probability } 0.4 \text{ or } T \text{ with probability } 0.6"),
        True,
        "another such list",
    ),
    Case(
        5,
        "H, T",
        boxed(r"H \text{ with probability } 0.4 \text{ or } H \text{ with probability } 0.6"),
        False,
        "the outcomes themselves still count",
    ),
    Case(11, "[3, 5]", "The answer is 5, 3.", False, "a list gold keeps its order", "theoremqa"),
    Case(11, "[3, 5]", "The answer is 3, 5.", False, "in MATH, [3, 5] is an interval", "math500"),
]
