"""Grading: extract a final answer and check it against the gold, in worker processes with a timeout.

Grading imports no backend and no torch; it reads per-task rules (the answer type) from the task registry.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cfteval.grading.equiv import is_equivalent
from cfteval.grading.extract import extract_answer as _extract
from cfteval.grading.pool import run_pool

Status = Literal["ok", "no_answer", "timeout", "parse_error"]
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Grade:
    correct: bool
    extracted: str | None
    status: Status


def answer_type_of(task: str) -> str:
    """The answer type a task declares ("generic" and unknown names grade as plain math)."""
    from cfteval.tasks import registry

    known = registry()
    return known[task].answer_type if task in known else "math"


def extract_answer(response: str, task: str = "generic") -> str | None:
    return _extract(response, answer_type_of(task))


def grade_many(
    items: Sequence[tuple[str, str, str]], workers: int | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[Grade]:
    """Grade `(response, gold, task)` items; results come back in input order.

    Extraction runs here (bounded regex scans); equivalence runs in worker processes, once per distinct
    (answer, gold, type). A check that overruns `timeout` seconds gets status "timeout".
    """
    types = [answer_type_of(t) for _, _, t in items]
    extracted = [_extract(r, at) for (r, _, _), at in zip(items, types)]
    keys = [(x, g, at) for x, (_, g, _), at in zip(extracted, items, types)]
    unique = list(dict.fromkeys(k for k in keys if k[0] is not None))
    workers = workers or min(len(unique), os.cpu_count() or 1) or 1
    outcomes = dict(zip(unique, run_pool(is_equivalent, unique, workers, timeout)))
    grades = []
    for key in keys:
        if key[0] is None:
            grades.append(Grade(False, None, "no_answer"))
            continue
        kind, value = outcomes[key]
        status = {"ok": "ok", "timeout": "timeout"}.get(kind, "parse_error")
        grades.append(Grade(kind == "ok" and bool(value), key[0], status))
    return grades


def grade(response: str, gold: str, task: str = "generic") -> Grade:
    return grade_many([(response, gold, task)], workers=1)[0]


__all__ = ["Grade", "extract_answer", "grade", "grade_many"]
