"""The schema of a run directory's files. Every key is documented here; nothing else defines them.

RUN_DIR/
  run.json               RunConfig: what generated the samples (a rerun must match it to resume) and all that
                         scoring needs besides the samples
  samples/<task>.jsonl   SampleLine per (doc, sample): append-only, written once by generation
  scored/<task>.jsonl    ScoredLine per (doc, sample): rewritten whole by each scoring pass
  results.json           Results

`load_run` and `load_scored` read a finished run's results.json and scored lines back (the report's way in).
"""

from __future__ import annotations

from pathlib import Path
from typing import TypedDict

from cfteval.errors import CftevalError

SCHEMA_VERSION = 1


class GenerationConfig(TypedDict):
    """Everything that changes what the model writes. A run dir accepts only one."""

    model: str  # path or hub id, as given
    backend: str  # "hf"
    prompt: str | None  # preset name forced for every task, or None = each task's own preset
    max_new_tokens: int | None  # forced for every task, or None = each task's own limit
    n: int  # samples per doc
    temperature: float  # 0 = greedy
    top_p: float
    seed: int
    dtype: str  # "auto", "float32", "bfloat16", "float16"
    think_end_token: str | None  # reasoning models: answers are read after it; task stops apply only there


class TaskSpec(TypedDict):
    """run.json "tasks"[name]: everything scoring needs of one task, written by generation."""

    docs: dict  # docsource.DocSource: kind, registered task, data folder or file, limit, shard
    dataset: dict  # the data the samples were generated from: {"source", "sha256", "records", "sha256_matches_pin"}
    n: int  # samples per doc: every (doc, 0..n-1) must be in samples/<task>.jsonl
    prompt_preset: str
    prompt_hash: str
    max_new_tokens: int
    stop: list[str]
    rules: dict  # grading.GradingRules (answer type, tolerance, units, think-end token and answer-part stops)
    paper: dict[str, float]


class RunConfig(TypedDict, total=False):
    """run.json: the contract between generation and scoring. `generation` and `backend` pin what a resume must
    match; `config` and `tasks` are (re)written by each `cfteval run` once its samples are complete, and are all
    that `cfteval grade RUN` reads besides samples/."""

    schema_version: int
    generation: GenerationConfig
    backend: dict  # the loaded backend's facts (device, dtype, batch size); a resume must match them
    config: dict  # results.json's "config": GenerationConfig plus tasks, limit, data_dir, grading timeout, ...
    tasks: dict[str, TaskSpec]


class SampleLine(TypedDict):
    doc_id: int  # 0-based record index in the task's data file
    sample: int  # 0..n-1
    prompt_hash: str  # sha256[:16] of the exact prompt text
    completion: str  # raw completion, cut before the first stop string
    finish_reason: str  # "stop" (EOS or stop string) | "length" (hit max_new_tokens)
    prompt_tokens: int
    completion_tokens: int


class ScoredLine(SampleLine):
    gold: str  # the gold answer as the task's rule produced it
    extracted: str | None  # the answer found in the completion, None if none
    correct: bool
    status: str  # "ok" | "no_answer" | "timeout" | "parse_error"


class TaskResult(TypedDict):
    accuracy: float  # mean over docs of the per-doc mean correctness (= avg@n; plain accuracy for n=1)
    stderr: float  # standard error of `accuracy` over docs
    n_docs: int
    n_samples: int  # scored samples (n_docs * n)
    n_correct: int
    truncated: int  # samples with finish_reason "length"
    no_answer: int  # samples where no final answer was extracted
    timeouts: int  # samples whose equivalence check hit the grading timeout
    parse_errors: int  # samples whose equivalence check raised
    limit: int | None  # --limit used (first N docs), None = all
    prompt_preset: str
    prompt_hash: str  # hash of the preset's defining text (template, stops, exemplars or chat template)
    max_new_tokens: int
    stop: list[str]
    dataset: dict  # {"source": path or hub id, "sha256": ..., "records": ..., "sha256_matches_pin": bool}
    paper: dict[str, float]  # the CFT paper's reference numbers for this benchmark, in percent
    sampling: dict  # {"n", "temperature", "top_p"} the samples were drawn with (read pass@k/maj@k with these)
    pass_at_k: dict[str, float]  # "k" -> unbiased pass@k (Chen et al. 2021) for k = 1..n; pass@1 = accuracy
    maj_at_k: dict[str, float]  # "k" -> majority vote over the first k samples' answers (equivalence-aware)


class GroupResult(TypedDict):
    accuracy: float  # unweighted mean of member task accuracies (the paper's AVG column)
    tasks: list[str]


class Results(TypedDict):
    schema_version: int
    created: str  # ISO 8601 UTC time of this scoring pass
    config: dict  # GenerationConfig plus tasks, limit, batch_size, data_dir, grading timeout, rules_version
    backend: dict  # backend facts (device, dtype, batch size); empty when nothing was generated this pass
    versions: dict[str, str]  # python, cfteval, torch, transformers, math-verify, sympy, ...
    tasks: dict[str, TaskResult]
    groups: dict[str, GroupResult]


def load_run(run_dir: str | Path) -> Results:
    """A finished run's results.json, read once; a run dir without one, or a file with no `tasks` dict, is an
    error naming it."""
    from cfteval.runio import read_json  # runio imports SampleLine from this module

    path = Path(run_dir) / "results.json"
    if not path.is_file():
        raise CftevalError(f"{run_dir} has no results.json; finish the run (or `cfteval merge` it) first")
    results = read_json(path)
    if not isinstance(results, dict) or not isinstance(results.get("tasks"), dict):
        raise CftevalError(f"{path} is not a cfteval results file (no tasks)")
    return results


def scored_path(run_dir: str | Path, task: str) -> Path:
    return Path(run_dir) / "scored" / f"{task}.jsonl"


def load_scored(run_dir: str | Path, task: str) -> dict[int, list[ScoredLine]]:
    """A scored run's lines for one task grouped by doc_id: docs in file order, each doc's lines in sample order;
    a task with no scored file is an error saying how to score it."""
    from cfteval.runio import read_jsonl

    path = scored_path(run_dir, task)
    if not path.is_file():
        raise CftevalError(f"{path} is missing; score the run first (`cfteval grade {run_dir}`)")
    docs: dict[int, list[ScoredLine]] = {}
    for line in read_jsonl(path):
        docs.setdefault(int(line["doc_id"]), []).append(line)
    for lines in docs.values():
        lines.sort(key=lambda line: line["sample"])
    return docs
