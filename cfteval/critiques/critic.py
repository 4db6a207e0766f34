"""`cfteval run --prompt cft-critique --candidates FILE`: a model evaluated as a critic (the CFT paper's
self-critique setting). Each candidate of the given tasks becomes one doc: its prompt is the CFT user turn
(question + candidate), its gold the grader's verdict ("right"/"wrong"); the model's critique is graded by its
conclusion line. Results add, per task, critic accuracy and precision/recall on wrong candidates (wrong is the
positive class: a critic is there to catch wrong solutions)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from cfteval.critiques.candidates import read_candidates
from cfteval.critiques.teacher import parse_conclusion
from cfteval.data import DataInfo, sha256_file
from cfteval.errors import CftevalError
from cfteval.grading import Grade
from cfteval.prompts import cft_user_turn
from cfteval.runio import read_json, read_jsonl, write_json_atomic
from cfteval.tasks import Doc, Task

log = logging.getLogger("cfteval")

PRESET = "cft-critique"
CRITIC_PREFIX = "critic_"  # critic results are reported as task critic_<task>, never under the benchmark's name


def critic_tasks(tasks: list[Task], candidates: str, limit: int | None) -> list[tuple[Task, list[Doc], DataInfo]]:
    """(critic task, docs, data info) per task: the task's candidates in file order, doc_id = their index."""
    rows = read_candidates(candidates)
    info = DataInfo(str(Path(candidates)), sha256_file(Path(candidates)), len(rows), True)
    out = []
    for task in tasks:
        mine = [c for c in rows if c.task == task.name]
        judged = [c for c in mine if c.grader_correct is not None]
        if len(judged) < len(mine):
            log.warning("%s: %d %s candidate(s) have no grader verdict; left out", candidates, len(mine) - len(judged),
                        task.name)  # fmt: skip
        if not judged:
            present = sorted({c.task for c in rows})
            raise CftevalError(
                f"{candidates} has no judged candidates of task {task.name} (it has: {', '.join(present)})"
            )
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
        critic = replace(task, name=CRITIC_PREFIX + task.name, preset=PRESET, paper={}, stop=(), choices=None)
        out.append((critic, docs, info))
    return out


def judge(completion: str, verdict: str) -> Grade:
    """A critique is correct when its conclusion matches the grader's verdict on the candidate."""
    conclusion = parse_conclusion(completion)
    if conclusion is None:
        return Grade(False, None, "no_answer")
    return Grade(conclusion == verdict, conclusion, "ok")


def critic_metrics(scored: list[dict]) -> dict:
    """Accuracy over all candidates (no conclusion counts as a miss); precision and recall on wrong ones."""
    flagged = [r for r in scored if r["extracted"] == "wrong"]
    wrong = [r for r in scored if r["gold"] == "wrong"]
    caught = sum(r["gold"] == "wrong" for r in flagged)
    return {
        "candidates": len(scored),
        "right_candidates": len(scored) - len(wrong),
        "wrong_candidates": len(wrong),
        "no_conclusion": sum(r["extracted"] is None for r in scored),
        "accuracy": sum(r["correct"] for r in scored) / len(scored) if scored else 0.0,
        "precision_wrong": caught / len(flagged) if flagged else None,
        "recall_wrong": caught / len(wrong) if wrong else None,
    }


def add_critic_metrics(run_dir: Path, results: dict) -> dict:
    """Add `critic` (critic_metrics) to each critic task of results.json, rewritten atomically."""
    for name, task in results["tasks"].items():
        task["critic"] = critic_metrics(read_jsonl(run_dir / "scored" / f"{name}.jsonl"))
    write_json_atomic(run_dir / "results.json", results)
    return results


def is_critic_run(run_dir: Path) -> bool:
    """Whether run_dir's results.json is a critic run's (re-scored by rerunning it, not by `cfteval grade`)."""
    path = run_dir / "results.json"
    results = read_json(path) if path.is_file() else None
    return isinstance(results, dict) and bool((results.get("config") or {}).get("candidates"))


def critic_table(results: dict) -> str:
    from tabulate import tabulate

    def pct(x):
        return "-" if x is None else f"{100 * x:.1f}"

    rows = [[name, m["candidates"], m["wrong_candidates"], m["no_conclusion"], pct(m["accuracy"]),
             pct(m["precision_wrong"]), pct(m["recall_wrong"])]
            for name, t in results["tasks"].items() if (m := t.get("critic"))]  # fmt: skip
    headers = ["critic task", "candidates", "wrong", "no conclusion", "accuracy", "precision (wrong)", "recall (wrong)"]
    return tabulate(rows, headers=headers, tablefmt="github")
