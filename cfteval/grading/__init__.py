"""Grading: extract a final answer and check it against the gold, in worker processes with a timeout.

Grading imports no backend and no torch; what to apply comes with each item as a `GradingRules` value.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cfteval.errors import CftevalError
from cfteval.grading.equiv import boolean, is_equivalent
from cfteval.grading.extract import MAX_ANSWER
from cfteval.grading.extract import extract_answer as _extract
from cfteval.grading.pool import run_pool
from cfteval.grading.region import leading_verdict
from cfteval.grading.rules import RULES_VERSION, GradingRules

PLAIN_MATH = GradingRules()  # no task: answers graded as plain math
Status = Literal["ok", "no_answer", "timeout", "parse_error"]
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Grade:
    correct: bool
    extracted: str | None
    status: Status


def extract_answer(response: str, rules: GradingRules = PLAIN_MATH, last_number: bool = True) -> str | None:
    r"""The final answer in a model response, or None.

    >>> extract_answer(r"... so the area is $\boxed{\frac{3}{4}}$.")
    '\\frac{3}{4}'
    >>> extract_answer("Final Answer: The final answer is $[2,5)$. I hope it is correct.")
    '[2,5)'
    >>> extract_answer(r"The correct option is \boxed{(B)}", GradingRules("choice"))
    'B'
    >>> extract_answer("The sum is off by one.\n**Conclusion:** Wrong [END]", GradingRules("verdict"))
    'wrong'
    >>> extract_answer("Let me think about this step by step") is None
    True
    """
    if not isinstance(rules, GradingRules):
        raise CftevalError("extract_answer(response, rules): pass GradingRules, e.g. tasks.task_rules(name)")
    return _extract(rules.answer_part(response), rules.answer_type, last_number=last_number)


def grade_many(
    items: Sequence[tuple[str, str, GradingRules]],
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    truncated: Sequence[bool] | None = None,
    options: Sequence[Sequence[str]] | None = None,
    questions: Sequence[str] | None = None,
) -> list[Grade]:
    """Grade `(response, gold, rules)` items; results come back in input order.

    Extraction runs here (bounded regex scans); equivalence runs in worker processes, once per distinct
    (answer, gold, rules). A check that overruns `timeout` seconds gets status "timeout". `truncated[i]` says
    that response i was cut off at the token limit: its last number is then not taken as an answer. `options[i]`:
    item i's option texts in a choice task, so that an answer naming an option's content counts as its letter.
    `questions[i]`: item i's question, so that a closing sentence restating one of its numbers is not the answer.
    """
    if timeout <= 0:
        raise CftevalError(f"the grading timeout must be positive (got {timeout})")
    cut = list(truncated) if truncated is not None else [False] * len(items)
    opts = list(options) if options is not None else [()] * len(items)
    asked = list(questions) if questions is not None else [""] * len(items)
    parts = [rules.answer_part(r) for r, _, rules in items]
    extracted = [
        _extract(part, rules.answer_type, not c, o, q)
        for part, (_, _, rules), c, o, q in zip(parts, items, cut, opts, asked)
    ]
    for i, (_, gold, _) in enumerate(items):  # a True/False question answered only by an opening verdict
        if boolean(gold) is not None and (extracted[i] is None or boolean(extracted[i]) is None):
            extracted[i] = leading_verdict(parts[i]) or extracted[i]
    keys = [(x, g, *_checked(rules)) for x, (_, g, rules) in zip(extracted, items)]
    outcomes = _check(keys, workers, timeout)
    grades = []
    for key in keys:
        if key[0] is None:
            grades.append(Grade(False, None, "no_answer"))
        elif len(key[0]) > MAX_ANSWER:  # an answer too long to read as one value is never a number inside it
            grades.append(Grade(False, key[0][:200], "parse_error"))
        else:
            kind, value = outcomes[key]
            status = {"ok": "ok", "timeout": "timeout"}.get(kind, "parse_error")
            grades.append(Grade(kind == "ok" and bool(value), key[0], status))
    return grades


def equivalent_pairs(
    pairs: Sequence[tuple[str, str]],
    rules: GradingRules = PLAIN_MATH,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[bool]:
    """Whether each (answer, answer) pair is equivalent under `rules`, in worker processes with the same
    timeout as grading (a timeout or parse error counts as not equivalent). For majority voting over samples."""
    keys = [(a, b, *_checked(rules)) for a, b in pairs]
    outcomes = _check(keys, workers, timeout)
    return [tuple(outcomes[k]) == ("ok", True) for k in keys]


def _checked(rules: GradingRules) -> tuple[str, float, bool]:
    """The part of the rules equivalence reads (what a worker gets, as JSON)."""
    return rules.answer_type, rules.tolerance, rules.measured


def _check(keys: list[tuple], workers: int | None, timeout: float) -> dict[tuple, tuple]:
    """Outcome per distinct (answer, gold, *rules) key: verdicts compare as words here, the rest in workers."""
    unique = list(dict.fromkeys(k for k in keys if k[0] is not None and len(k[0]) <= MAX_ANSWER))
    outcomes = {k: ("ok", k[0] == k[1]) for k in unique if k[2] == "verdict"}
    rest = [k for k in unique if k not in outcomes]
    if rest:
        workers = workers or min(len(rest), _available_cpus())
        outcomes.update(zip(rest, run_pool(is_equivalent, rest, workers, timeout)))
    return outcomes


def _available_cpus() -> int:
    """CPUs this process may use (a container's or scheduler's limit, not the host's core count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def grade(
    response: str,
    gold: str,
    rules: GradingRules | None = None,
    options: Sequence[str] = (),
    *,
    task: str | None = None,
) -> Grade:
    r"""Grade one response against its gold answer (in a worker process, with the default timeout), under
    `rules`, or under a registered task's rules (`task="math500"`; the convenience for one-off use).

    >>> grade(r"Thus $x = \boxed{\dfrac{1}{2}}$.", "0.5")
    Grade(correct=True, extracted='\\dfrac{1}{2}', status='ok')
    >>> grade("The answer is 17.", "18", task="gsm8k").correct
    False
    >>> grade(r"\boxed{(2, 5]}", "[2, 5)").correct
    False
    >>> grade("I ran out of tokens while", "3").status
    'no_answer'
    """
    if isinstance(rules, str):
        raise CftevalError(f"grade(response, gold, rules): for a task's rules by name use task={rules!r}")
    if task is not None:
        if rules is not None:
            raise CftevalError("give grading rules or a task name, not both")
        from cfteval.tasks import task_rules

        rules = task_rules(task)
    return grade_many([(response, gold, rules or PLAIN_MATH)], workers=1, options=[options])[0]


__all__ = [
    "DEFAULT_TIMEOUT", "PLAIN_MATH", "RULES_VERSION", "Grade", "GradingRules", "equivalent_pairs", "extract_answer",
    "grade", "grade_many",
]  # fmt: skip
