"""Accuracy of graders on the labelled regression table (tests/grading_cases.py), per category.

    python bench/grading_accuracy.py

Graders, all run here on the same cases:
- cfteval: `cfteval.grading.grade_many` (the task's rules where a case names a task).
- math-verify: its documented usage, `verify(parse(gold), parse(response))`, the gold wrapped in `$...$`.
- lm-eval minerva: lm-evaluation-harness's `minerva_math` scoring: `get_unnormalized_answer` (the Minerva
  "Final Answer: ..." line, else "[invalidanswer]") + `normalize_final_answer` + `is_equiv` against the
  normalised gold.
- lm-eval is_equiv on cfteval's extraction: the same `is_equiv`, fed the answer cfteval extracts, to separate
  extraction misses from equivalence misses.
"""

from __future__ import annotations

import logging
import sys
from collections import defaultdict
from pathlib import Path

from math_verify import parse, verify
from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from grading_cases import CASES  # noqa: E402

from cfteval.grading import extract_answer, grade_many  # noqa: E402

logging.getLogger("math_verify").setLevel(logging.ERROR)
logging.getLogger("lm-eval").setLevel(logging.ERROR)


def math_verify_plain(response: str, gold: str) -> bool:
    try:
        return bool(verify(parse(gold if "$" in gold else f"${gold}$"), parse(response)))
    except Exception:
        return False


def main() -> None:
    from lm_eval.tasks.minerva_math import utils as minerva

    def lm_eval_minerva(response: str, gold: str) -> bool:
        answer = minerva.normalize_final_answer(minerva.get_unnormalized_answer(response))
        return bool(minerva.is_equiv(answer, minerva.normalize_final_answer(gold)))

    def lm_eval_on_ours(response: str, gold: str, task: str) -> bool:
        extracted = extract_answer(response, task)
        if extracted is None:
            return False
        return bool(minerva.is_equiv(minerva.normalize_final_answer(extracted), minerva.normalize_final_answer(gold)))

    ours = grade_many([(c.response, c.gold, c.task) for c in CASES], workers=2)
    verdicts = {
        "cfteval": [g.correct for g in ours],
        "math-verify": [math_verify_plain(c.response, c.gold) for c in CASES],
        "lm-eval minerva": [lm_eval_minerva(c.response, c.gold) for c in CASES],
        "lm-eval is_equiv on cfteval extraction": [lm_eval_on_ours(c.response, c.gold, c.task) for c in CASES],
    }
    by_category: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(CASES):
        by_category[c.category].append(i)
    rows = []
    for category, indices in by_category.items():
        row = [category, len(indices)]
        for v in verdicts.values():
            row.append(f"{100 * sum(v[i] == CASES[i].expected for i in indices) / len(indices):.1f}")
        rows.append(row)
    total = ["all", len(CASES)]
    for v in verdicts.values():
        total.append(f"{100 * sum(x == c.expected for x, c in zip(v, CASES)) / len(CASES):.1f}")
    rows.append(total)
    print(tabulate(rows, headers=["category", "cases", *verdicts], tablefmt="github"))


if __name__ == "__main__":
    main()
