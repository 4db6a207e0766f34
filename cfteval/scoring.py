"""Scoring: re-read a run's samples, grade them, write scored/<task>.jsonl and results.json atomically."""

from __future__ import annotations

import platform
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from cfteval.errors import CftevalError
from cfteval.grading import grade_many
from cfteval.metrics import accuracy
from cfteval.results import SCHEMA_VERSION, GroupResult, Results, ScoredLine, TaskResult
from cfteval.runio import read_samples, write_atomic, write_json_atomic
from cfteval.tasks import GROUPS

if TYPE_CHECKING:
    from cfteval.evaluate import TaskPlan

PACKAGES = ("cfteval", "torch", "transformers", "tokenizers", "math-verify", "sympy", "vllm", "lm-eval")


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def score_run(
    run_dir: Path, plans: list[TaskPlan], config: dict, backend_info: dict, workers: int | None, timeout: float
) -> Results:
    lines: list[tuple[TaskPlan, dict, str]] = []
    for plan in plans:
        samples = read_samples(run_dir, plan.task.name)
        gold = {d.doc_id: d.gold for d in plan.docs}
        for unit in plan.units:
            if unit not in samples:
                raise CftevalError(f"run {run_dir}: task {plan.task.name} lacks sample {unit[1]} of doc {unit[0]}")
            lines.append((plan, samples[unit], gold[unit[0]]))
    grades = grade_many([(s["completion"], g, p.task.name) for p, s, g in lines], workers, timeout)

    tasks: dict[str, TaskResult] = {}
    for plan in plans:
        scored = [
            ScoredLine(
                **{k: s[k] for k in ScoredLine.__annotations__ if k in s},
                gold=g,
                extracted=gr.extracted,
                correct=gr.correct,
                status=gr.status,
            )
            for (p, s, g), gr in zip(lines, grades)
            if p is plan
        ]
        write_atomic(run_dir / "scored" / f"{plan.task.name}.jsonl", "".join(_json_line(r) for r in scored))
        acc, err, n_docs = accuracy((r["doc_id"], r["correct"]) for r in scored)
        tasks[plan.task.name] = TaskResult(
            accuracy=acc,
            stderr=err,
            n_docs=n_docs,
            n_samples=len(scored),
            n_correct=sum(r["correct"] for r in scored),
            truncated=sum(r["finish_reason"] == "length" for r in scored),
            no_answer=sum(r["status"] == "no_answer" for r in scored),
            timeouts=sum(r["status"] == "timeout" for r in scored),
            parse_errors=sum(r["status"] == "parse_error" for r in scored),
            limit=config.get("limit"),
            prompt_preset=plan.preset.name,
            prompt_hash=plan.preset_hash,
            max_new_tokens=plan.params.max_new_tokens,
            stop=list(plan.params.stop),
            dataset={
                "source": plan.data.source,
                "sha256": plan.data.sha256,
                "records": plan.data.records,
                "sha256_matches_pin": plan.data.sha256_matches_pin,
            },
            paper=plan.task.paper,
        )
    groups = {
        name: GroupResult(accuracy=sum(tasks[m]["accuracy"] for m in members) / len(members), tasks=list(members))
        for name, members in GROUPS.items()
        if all(m in tasks for m in members)
    }
    results = Results(
        schema_version=SCHEMA_VERSION,
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        config=config,
        backend=backend_info,
        versions=package_versions(),
        tasks=tasks,
        groups=groups,
    )
    write_json_atomic(run_dir / "results.json", results)
    return results


def _json_line(record: dict) -> str:
    import json

    return json.dumps(record, ensure_ascii=False) + "\n"
