"""`cfteval run --prompt cft-critique --candidates FILE`: a model evaluated as a critic (the CFT paper's
self-critique setting). Each candidate of the given tasks becomes one doc: its prompt is the CFT user turn
(question + candidate), its gold the grader's verdict ("right"/"wrong"); the model's critique is graded by its
conclusion line (the "verdict" grading rule). Results add, per task, critic accuracy and precision/recall on wrong
candidates (metrics.verdict_metrics)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from cfteval.critiques.candidates import read_candidates
from cfteval.data import DataInfo, sha256_file
from cfteval.errors import CftevalError
from cfteval.grading import GradingRules
from cfteval.prompts import cft_user_turn
from cfteval.tasks import Doc, Task

log = logging.getLogger("cfteval")

PRESET = "cft-critique"
CRITIC_PREFIX = "critic_"  # critic results are reported as task critic_<task>, never under the benchmark's name


def critic_task(task: Task) -> Task:
    """The critic version of a benchmark task: its own name, the CFT critique preset, the verdict grading rule."""
    return replace(
        task, name=CRITIC_PREFIX + task.name, preset=PRESET, paper={}, stop=(), choices=None,
        rules=GradingRules("verdict"),
    )  # fmt: skip


def critic_docs(task: Task, candidates: str, limit: int | None) -> tuple[list[Doc], DataInfo]:
    """The judged candidates of `task` in file order (doc_id = their index), each a CFT user turn whose gold is
    the grader's verdict, and the candidates file's data info."""
    rows = read_candidates(candidates)
    info = DataInfo(str(Path(candidates)), sha256_file(Path(candidates)), len(rows), True)
    mine = [c for c in rows if c.task == task.name]
    judged = [c for c in mine if c.grader_correct is not None]
    if len(judged) < len(mine):
        log.warning("%s: %d %s candidate(s) have no grader verdict; left out", candidates, len(mine) - len(judged),
                    task.name)  # fmt: skip
    if not judged:
        present = sorted({c.task for c in rows})
        raise CftevalError(f"{candidates} has no judged candidates of task {task.name} (it has: {', '.join(present)})")
    judged = judged if limit is None else judged[:limit]
    docs = [
        Doc(
            i,
            cft_user_turn(c.question, c.candidate),
            "right" if c.grader_correct else "wrong",
            {"candidate_id": c.candidate_id, "doc_id": c.doc_id},
        )  # fmt: skip
        for i, c in enumerate(judged)
    ]
    return docs, info


def critic_table(results: dict) -> str:
    from tabulate import tabulate

    def pct(x):
        return "-" if x is None else f"{100 * x:.1f}"

    rows = [[name, m["candidates"], m["wrong_candidates"], m["no_conclusion"], pct(m["accuracy"]),
             pct(m["precision_wrong"]), pct(m["recall_wrong"])]
            for name, t in results["tasks"].items() if (m := t.get("critic"))]  # fmt: skip
    headers = ["critic task", "candidates", "wrong", "no conclusion", "accuracy", "precision (wrong)", "recall (wrong)"]
    return tabulate(rows, headers=headers, tablefmt="github")
