"""The schema of a run directory's files. Every key is documented here; nothing else defines them.

RUN_DIR/
  run.json               RunConfig: what generated the samples; a rerun must match it to resume
  samples/<task>.jsonl   SampleLine per (doc, sample): append-only, written once by generation
  scored/<task>.jsonl    ScoredLine per (doc, sample): rewritten whole by each scoring pass
  results.json           Results
"""

from __future__ import annotations

from typing import TypedDict

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


class RunConfig(TypedDict, total=False):
    schema_version: int
    generation: GenerationConfig
    backend: dict  # the loaded backend's facts (device, dtype, batch size); a resume must match them


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
    config: dict  # GenerationConfig plus tasks, limit, batch_size, data_dir, grading timeout
    backend: dict  # backend facts (device, dtype, batch size); empty when nothing was generated this pass
    versions: dict[str, str]  # python, cfteval, torch, transformers, math-verify, sympy, ...
    tasks: dict[str, TaskResult]
    groups: dict[str, GroupResult]
