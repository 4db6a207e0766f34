"""Accuracy of graders on the labelled regression table (tests/grading_cases.py), per category.

    python bench/grading_accuracy.py [--cases table|heldout|classes|real]

`--cases table` (default): tests/grading_cases.py, per category. `--cases heldout`: tests/grading_heldout.py,
cases written from real benchmark golds without looking at the grader, per task. `--cases classes`:
tests/grading_classes.py, issue 15's failure classes, per class. `--cases real`: tests/grading_real.py, excerpts of
real model outputs from the grading-corpus audit, judged by hand, per task.

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
from cfteval.grading import extract_answer, grade_many  # noqa: E402
from cfteval.tasks import task_rules  # noqa: E402

logging.getLogger("math_verify").setLevel(logging.ERROR)
logging.getLogger("lm-eval").setLevel(logging.ERROR)


MODULES = {"table": "grading_cases", "heldout": "grading_heldout", "classes": "grading_classes", "real": "grading_real"}


def math_verify_plain(response: str, gold: str) -> bool:
    try:
        return bool(verify(parse(gold if "$" in gold else f"${gold}$"), parse(response)))
    except Exception:
        return False


def main() -> None:
    import argparse
    import importlib

    from lm_eval.tasks.minerva_math import utils as minerva

    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", choices=tuple(MODULES), default="table")
    args = parser.parse_args()
    module = importlib.import_module(MODULES[args.cases])
    cases = module.CASES

    def lm_eval_minerva(response: str, gold: str) -> bool:
        answer = minerva.normalize_final_answer(minerva.get_unnormalized_answer(response))
        return bool(minerva.is_equiv(answer, minerva.normalize_final_answer(gold)))

    def lm_eval_on_ours(response: str, gold: str, task: str) -> bool:
        extracted = extract_answer(response, task_rules(task))
        if extracted is None:
            return False
        return bool(minerva.is_equiv(minerva.normalize_final_answer(extracted), minerva.normalize_final_answer(gold)))

    ours = grade_many([(c.response, c.gold, task_rules(c.task)) for c in cases], workers=2)
    verdicts = {
        "cfteval": [g.correct for g in ours],
        "math-verify": [math_verify_plain(c.response, c.gold) for c in cases],
        "lm-eval minerva": [lm_eval_minerva(c.response, c.gold) for c in cases],
        "lm-eval is_equiv on cfteval extraction": [lm_eval_on_ours(c.response, c.gold, c.task) for c in cases],
    }
    by_category: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cases):
        by_category[str(getattr(c, "category", None) or getattr(c, "klass", None) or c.task)].append(i)
    rows = []
    for category, indices in by_category.items():
        row = [category, len(indices)]
        for v in verdicts.values():
            row.append(f"{100 * sum(v[i] == cases[i].expected for i in indices) / len(indices):.1f}")
        rows.append(row)
    total = ["all", len(cases)]
    for v in verdicts.values():
        total.append(f"{100 * sum(x == c.expected for x, c in zip(v, cases)) / len(cases):.1f}")
    rows.append(total)
    label = "category" if args.cases == "table" else "task"
    print(tabulate(rows, headers=[label, "cases", *verdicts], tablefmt="github"))
    misses = [c for c, v in zip(cases, verdicts["cfteval"]) if v != c.expected]
    for c in misses:
        print(f"cfteval miss: {getattr(c, 'source', c.task)} gold={c.gold!r} expected={c.expected} ({c.why})")


if __name__ == "__main__":
    main()
