"""Grading: extract a final answer and check it against the gold, in worker processes with a timeout.

Grading imports no backend and no torch; it reads per-task rules (the answer type) from the task registry.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cfteval.errors import CftevalError
from cfteval.grading.equiv import DEFAULT_TOLERANCE, boolean, is_equivalent
from cfteval.grading.extract import MAX_ANSWER
from cfteval.grading.extract import extract_answer as _extract
from cfteval.grading.pool import run_pool
from cfteval.grading.region import leading_verdict

Status = Literal["ok", "no_answer", "timeout", "parse_error"]
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Grade:
    correct: bool
    extracted: str | None
    status: Status


def rules_of(task: str) -> tuple[str, float, bool]:
    """(answer type, relative tolerance, measured quantities?) declared by a task; "generic" grades as plain
    math."""
    from cfteval.tasks import registry

    known = registry()
    if task in known:
        return known[task].answer_type, known[task].tolerance, known[task].measured
    if task != "generic":
        raise CftevalError(f"unknown task '{task}' for grading; use 'generic' or one of {', '.join(sorted(known))}")
    return "math", DEFAULT_TOLERANCE, False


def extract_answer(response: str, task: str = "generic", last_number: bool = True) -> str | None:
    r"""The final answer in a model response, or None.

    >>> extract_answer(r"... so the area is $\boxed{\frac{3}{4}}$.")
    '\\frac{3}{4}'
    >>> extract_answer("Final Answer: The final answer is $[2,5)$. I hope it is correct.")
    '[2,5)'
    >>> extract_answer("She has 23 - 15 = 8 dollars left. The answer is 8.", "gsm8k")
    '8'
    >>> extract_answer(r"The correct option is \boxed{(B)}", "mmlu_stem")
    'B'
    >>> extract_answer("Let me think about this step by step") is None
    True
    """
    return _extract(response, rules_of(task)[0], last_number=last_number)


def grade_many(
    items: Sequence[tuple[str, str, str]],
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    truncated: Sequence[bool] | None = None,
    options: Sequence[Sequence[str]] | None = None,
    questions: Sequence[str] | None = None,
) -> list[Grade]:
    """Grade `(response, gold, task)` items; results come back in input order.

    Extraction runs here (bounded regex scans); equivalence runs in worker processes, once per distinct
    (answer, gold, type). A check that overruns `timeout` seconds gets status "timeout". `truncated[i]` says
    that response i was cut off at the token limit: its last number is then not taken as an answer. `options[i]`:
    item i's option texts in a choice task, so that an answer naming an option's content counts as its letter.
    `questions[i]`: item i's question, so that a closing sentence restating one of its numbers is not the answer.
    """
    if timeout <= 0:
        raise CftevalError(f"the grading timeout must be positive (got {timeout})")
    rules = {t: rules_of(t) for t in {t for _, _, t in items}}
    cut = list(truncated) if truncated is not None else [False] * len(items)
    opts = list(options) if options is not None else [()] * len(items)
    asked = list(questions) if questions is not None else [""] * len(items)
    extracted = [_extract(r, rules[t][0], not c, o, q) for (r, _, t), c, o, q in zip(items, cut, opts, asked)]
    for i, (response, gold, _) in enumerate(items):  # a True/False question answered only by an opening verdict
        if boolean(gold) is not None and (extracted[i] is None or boolean(extracted[i]) is None):
            extracted[i] = leading_verdict(response) or extracted[i]
    keys = [(x, g, *rules[t]) for x, (_, g, t) in zip(extracted, items)]
    unique = list(dict.fromkeys(k for k in keys if k[0] is not None and len(k[0]) <= MAX_ANSWER))
    workers = workers or min(len(unique), _available_cpus()) or 1
    outcomes = dict(zip(unique, run_pool(is_equivalent, unique, workers, timeout)))
    grades = []
    for key in keys:
        if key[0] is None:
            grades.append(Grade(False, None, "no_answer"))
            continue
        if len(key[0]) > MAX_ANSWER:  # an answer too long to read as one value is never a number inside it
            grades.append(Grade(False, key[0][:200], "parse_error"))
            continue
        kind, value = outcomes[key]
        status = {"ok": "ok", "timeout": "timeout"}.get(kind, "parse_error")
        grades.append(Grade(kind == "ok" and bool(value), key[0], status))
    return grades


def equivalent_pairs(
    pairs: Sequence[tuple[str, str]],
    task: str = "generic",
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[bool]:
    """Whether each (answer, answer) pair is equivalent under `task`'s rules, in worker processes with the same
    timeout as grading (a timeout or parse error counts as not equivalent). For majority voting over samples."""
    rules = rules_of(task)
    unique = list(dict.fromkeys((a, b, *rules) for a, b in pairs))
    if not unique:
        return []
    workers = workers or min(len(unique), _available_cpus())
    outcomes = dict(zip(unique, run_pool(is_equivalent, unique, workers, timeout)))
    return [tuple(outcomes[(a, b, *rules)]) == ("ok", True) for a, b in pairs]


def _available_cpus() -> int:
    """CPUs this process may use (a container's or scheduler's limit, not the host's core count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def grade(response: str, gold: str, task: str = "generic", options: Sequence[str] = ()) -> Grade:
    r"""Grade one response against its gold answer (in a worker process, with the default timeout).

    >>> grade(r"Thus $x = \boxed{\dfrac{1}{2}}$.", "0.5")
    Grade(correct=True, extracted='\\dfrac{1}{2}', status='ok')
    >>> grade("The answer is 17.", "18", "gsm8k").correct
    False
    >>> grade(r"\boxed{(2, 5]}", "[2, 5)").correct
    False
    >>> grade("I ran out of tokens while", "3").status
    'no_answer'
    """
    return grade_many([(response, gold, task)], workers=1, options=[options])[0]


__all__ = ["Grade", "equivalent_pairs", "extract_answer", "grade", "grade_many"]
