"""`cfteval` command line: thin wrappers over library functions. The only place that reads argv, prints and
exits; a CftevalError becomes one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import fields
from pathlib import Path

from cfteval.cli_compare import add_compare_parsers
from cfteval.cli_data import add_data_parsers
from cfteval.errors import CftevalError
from cfteval.grading import DEFAULT_TIMEOUT
from cfteval.options import add_options
from cfteval.tiny import BUILTIN, ensure_tiny_model


def _lm_eval_aliases(args: argparse.Namespace) -> None:
    """Fold lm-eval's flag spellings into cfteval's (`--model_args pretrained=X,dtype=Y`, `--gen_kwargs ...`)."""
    for key, value in _pairs(args.model_args, "--model_args").items():
        if key == "pretrained":
            args.model = args.model or value
        elif key == "dtype":
            args.dtype = value
        elif key == "trust_remote_code":
            args.trust_remote_code = value.lower() == "true"
        elif key == "batch_size":
            if value != "auto":  # lm-eval's default; cfteval keeps its own
                args.batch_size = _number(value, "--model_args batch_size", int)
        elif key == "device":
            args.device = value
        else:
            raise CftevalError(f"--model_args: cfteval has no equivalent of '{key}'")
    gen_kwargs = _pairs(args.gen_kwargs, "--gen_kwargs")
    for key, value in gen_kwargs.items():
        if key == "temperature":
            args.temperature = _number(value, "--gen_kwargs temperature")
        elif key == "top_p":
            args.top_p = _number(value, "--gen_kwargs top_p")
        elif key in ("max_gen_toks", "max_new_tokens"):
            args.max_new_tokens = _number(value, f"--gen_kwargs {key}", int)
        elif key == "do_sample":
            if value.lower() == "false":
                args.temperature = 0.0
        elif key == "seed":
            args.seed = _number(value, "--gen_kwargs seed", int)
        else:
            raise CftevalError(f"--gen_kwargs: cfteval has no equivalent of '{key}'")
    if gen_kwargs.get("do_sample", "").lower() == "true" and "temperature" not in gen_kwargs and not args.temperature:
        args.temperature = 1.0  # lm-eval samples at temperature 1 when only do_sample is given
    if args.apply_chat_template:
        args.prompt = "chat"
    if not args.model:
        raise CftevalError("give --model (or --model_args pretrained=...)")


def _number(value: str, flag: str, kind=float):
    try:
        return kind(value)
    except ValueError:
        raise CftevalError(f"{flag}: '{value}' is not a {kind.__name__}") from None


def _pairs(text: str | None, flag: str) -> dict[str, str]:
    pairs = {}
    for item in filter(None, (text or "").split(",")):
        if "=" not in item:
            raise CftevalError(f"{flag}: expected key=value pairs, got '{item}'")
        key, value = item.split("=", 1)
        pairs[key.strip()] = value.strip()
    return pairs


def _run(args: argparse.Namespace) -> int:
    from cfteval.evaluate import EvalOptions, evaluate

    _lm_eval_aliases(args)
    results = evaluate(args.model, args.tasks, **{f.name: getattr(args, f.name) for f in fields(EvalOptions)})
    _print_results(results)
    return 0


def _merge(args: argparse.Namespace) -> int:
    from cfteval.report import results_table
    from cfteval.scoring import score_run
    from cfteval.shards import merge

    merge(Path(args.run_dir))
    print(results_table(score_run(args.run_dir, args.data_dir)))
    return 0


def _grade(args: argparse.Namespace) -> int:
    from cfteval.scoring import grade_file, score_run

    if args.input:
        if args.run_dir:
            raise CftevalError("give either RUN_DIR or --input, not both")
        if not (args.response_field and args.gold_field):
            raise CftevalError("--input needs --response-field and --gold-field")
        summary = grade_file(
            args.input,
            args.response_field,
            args.gold_field,
            args.task,
            args.output,
            args.grading_workers,
            args.grading_timeout or DEFAULT_TIMEOUT,
        )
        print(" ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in summary.items()))
        return 0
    if not args.run_dir:
        raise CftevalError("give a RUN_DIR to re-score, or --input FILE.jsonl")
    _print_results(score_run(args.run_dir, args.data_dir, args.grading_workers, args.grading_timeout))
    return 0


def _print_results(results: dict) -> None:
    from cfteval.critiques.critic import critic_table
    from cfteval.report import results_table

    print(results_table(results))
    if any("critic" in t for t in results["tasks"].values()):
        print(critic_table(results))


def _export(args: argparse.Namespace) -> int:
    from cfteval.lmeval import export_tasks

    for path in export_tasks(args.out, args.tasks, args.data_dir, args.prompt, args.max_new_tokens):
        print(path)
    return 0


def _import_lm_eval(args: argparse.Namespace) -> int:
    from cfteval.lmeval import import_run
    from cfteval.report import results_table

    results, disagreements = import_run(args.results_dir, args.output)
    print(results_table(results))
    for task in results["tasks"]:
        rows = disagreements.get(task, [])
        print(f"{task}: lm-eval exact_match and cfteval disagree on {len(rows)} sample(s)")
    if disagreements:
        print(f"details: {args.output}/lm_eval_disagreements.jsonl")
    return 0


def _tasks(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from cfteval.tasks import GROUPS, registry

    rows = [[t.name, t.records, t.rules.answer_type, t.preset, t.source] for t in registry().values()]
    print(tabulate(rows, headers=["task", "records", "answer", "preset", "source"], tablefmt="github"))
    for name, members in GROUPS.items():
        print(f"group {name}: {', '.join(members)}")
    return 0


def _tiny_model(args: argparse.Namespace) -> int:
    from cfteval.tiny import TinyConfig, build_tiny_model

    print(build_tiny_model(args.out, TinyConfig(seed=args.seed)))
    return 0


def _train(args: argparse.Namespace) -> int:
    from cft_train.config import load_config
    from cft_train.errors import CftTrainError

    try:
        config = load_config(args.config, args.overrides)
        if config.model == BUILTIN:
            config.model = str(ensure_tiny_model())
        if args.show_tokens:
            return _show_tokens(config, args.show_tokens)
        from cft_train.train import train

        summary = train(config)
    except CftTrainError as e:
        raise CftevalError(str(e)) from None
    if int(os.environ.get("RANK", "0")) == 0:
        data = summary.data
        print(
            f"trained {summary.global_steps} steps on {data['kept']} rows "
            f"({data['dropped_too_long']} longer than cutoff dropped), {summary.world_size} process(es) x "
            f"accumulation {summary.gradient_accumulation_steps}; final loss {summary.final_loss}; "
            f"{summary.tokens_per_second} tokens/s; model in {summary.output_dir}"
        )
    return 0


def _show_tokens(config, count: int) -> int:
    from cft_train.tokenization import show_tokens
    from cft_train.train import load_tokenizer, prepare_data

    tokenizer = load_tokenizer(config)
    encoded, stats = prepare_data(config, tokenizer)
    for item in encoded[:count]:
        print(show_tokens(tokenizer, item))
        print()
    print(
        f"rows {stats.rows}, kept {stats.kept}, dropped (longer than {config.data.cutoff_len} tokens) "
        f"{stats.dropped_too_long}, trained tokens {stats.trained_tokens} of {stats.total_tokens}"
    )
    return 0


def _sweep(args: argparse.Namespace) -> int:
    from cfteval.report.summary import sweep_table
    from cfteval.sweep import sweep

    options = {name: getattr(args, name) for name in SWEEP_OPTIONS}
    record = sweep(args.checkpoints, args.tasks, args.output, select=args.select, **options)
    print(sweep_table(record))
    best = record["best"]
    print(f"best on {record['select']}: {best['checkpoint']} ({100 * best['accuracy'][record['select']]:.1f}%)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cfteval", description="CFT math evaluation harness")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_run_parser(sub)
    add_compare_parsers(sub)
    _add_run_dir_parsers(sub)
    _add_training_parsers(sub)
    add_data_parsers(sub)
    return parser


def _add_run_parser(sub) -> None:
    from cfteval.backends import ServerOptions
    from cfteval.evaluate import VLLM_OPTIONS, EvalOptions

    run = sub.add_parser("run", help="generate, grade and report on one model")
    run.add_argument("--model", help="HF checkpoint path or hub id; 'cfteval:tiny' = built-in tiny model")
    run.add_argument("--tasks", required=True, help="comma list of tasks and groups, e.g. math500,gsm8k or cft_math")
    server_fields = tuple(f.name for f in fields(ServerOptions))
    add_options(run, EvalOptions, skip=server_fields + VLLM_OPTIONS)
    add_options(run.add_argument_group("vllm backend"), EvalOptions, only=VLLM_OPTIONS)
    server = run.add_argument_group("openai backend", "any OpenAI-compatible server; key from $OPENAI_API_KEY")
    add_options(server, ServerOptions)
    aliases = run.add_argument_group("lm-eval spellings", "accepted where they mean the same thing")
    aliases.add_argument("--model_args", help="pretrained=PATH,dtype=...,trust_remote_code=...,batch_size=...")
    aliases.add_argument("--gen_kwargs", help="temperature=...,top_p=...,max_gen_toks=...,do_sample=...,seed=...")
    aliases.add_argument("--apply_chat_template", action="store_true", help="= --prompt chat")
    aliases.add_argument("--log_samples", action="store_true", help="accepted; cfteval always logs samples")
    run.set_defaults(func=_run)


def _add_run_dir_parsers(sub) -> None:
    """Subcommands over run dirs and task files: merge, export, import-lm-eval, grade, tasks."""
    merge = sub.add_parser("merge", help="join the shard-I-of-N run dirs under RUN_DIR and score the whole run")
    merge.add_argument("run_dir", help="the --output the shards were run with")
    merge.add_argument("--data-dir", help="folder of <task>/test.jsonl (default: the shards' own)")
    merge.set_defaults(func=_merge)

    export = sub.add_parser("export", help="write cfteval's tasks for another harness")
    export.add_argument("harness", choices=["lm-eval"])
    export.add_argument("out", help="folder to write the task YAMLs into (use it as lm-eval's --include_path)")
    export.add_argument("--tasks", default="cft_math")
    export.add_argument("--data-dir", help="folder of <task>/test.jsonl (default $CFTEVAL_DATA_DIR)")
    export.add_argument("--prompt", help="prompt preset for every task (default: each task's own)")
    export.add_argument("--max-new-tokens", type=int)
    export.set_defaults(func=_export)

    importer = sub.add_parser("import-lm-eval", help="turn lm-eval --log_samples output into a cfteval run")
    importer.add_argument("results_dir", help="lm-eval's --output_path")
    importer.add_argument("--output", required=True, help="the cfteval run dir to create")
    importer.set_defaults(func=_import_lm_eval)

    grade = sub.add_parser("grade", help="re-score a run's samples offline, or grade any JSONL file")
    grade.add_argument("run_dir", nargs="?", help="a run dir written by `cfteval run` (reads its run.json, samples/)")
    grade.add_argument("--data-dir", help="folder of <task>/test.jsonl (default: the run's own)")
    grade.add_argument("--input", help="a JSONL file to grade instead of a run dir")
    grade.add_argument("--response-field", help="with --input: the field holding the model response")
    grade.add_argument("--gold-field", help="with --input: the field holding the gold answer")
    grade.add_argument("--task", default="generic", help="with --input: task whose grading rules apply")
    grade.add_argument("--output", help="with --input: write the graded lines here")
    grade.add_argument(
        "--grading-timeout", type=float, help=f"seconds per equivalence check (default {DEFAULT_TIMEOUT:g})"
    )
    grade.add_argument("--grading-workers", type=int)
    grade.set_defaults(func=_grade)

    tasks = sub.add_parser("tasks", help="list registered tasks and groups")
    tasks.set_defaults(func=_tasks)


def _add_training_parsers(sub) -> None:
    """tiny-model, train, sweep."""
    from cfteval.evaluate import EvalOptions

    tiny = sub.add_parser("tiny-model", help="build the offline tiny test model into a folder")
    tiny.add_argument("--out", required=True)
    tiny.add_argument("--seed", type=int, default=0)
    tiny.set_defaults(func=_tiny_model)

    train = sub.add_parser("train", help="critique (or SFT) fine-tuning with cft_train; see configs/")
    train.add_argument("--config", help="a YAML config, e.g. configs/tiny_cft.yaml (its first lines say how to launch)")
    train.add_argument("overrides", nargs="*", help="section.key=value overrides, e.g. train.max_steps=10")
    train.add_argument("--show-tokens", type=int, default=0, metavar="N",
                       help="print N encoded examples with the trained tokens inside [[ ]] and exit")  # fmt: skip
    train.set_defaults(func=_train)

    swp = sub.add_parser("sweep", help="evaluate every checkpoint of a training run and name the best")
    swp.add_argument("--checkpoints", nargs="+", required=True, help="checkpoint dirs, or a training output dir")
    swp.add_argument("--tasks", required=True)
    swp.add_argument("--output", required=True, help="sweep dir: one run dir per checkpoint plus sweep.json")
    swp.add_argument("--select", help="task that picks the best checkpoint (default: the first task)")
    add_options(swp, EvalOptions, only=SWEEP_OPTIONS)
    swp.set_defaults(func=_sweep)


SWEEP_OPTIONS = ("data_dir", "limit", "max_new_tokens", "prompt", "dtype", "device", "batch_size", "progress")


def main(argv: list[str] | None = None) -> int:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("cfteval: %(message)s"))
    for name in ("cfteval", "cft_train"):  # the harness's messages and the training core's, one format
        log = logging.getLogger(name)
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    args = build_parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # a reader that went away surfaces here, not at interpreter exit
        return code
    except BrokenPipeError:  # the reader went away (`cfteval table | head`): exit quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CftevalError as e:
        print(f"cfteval: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # the file system said no: an output path under a file, no permission, disk full
        print(f"cfteval: error: {e.strerror or e}: {e.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cfteval: interrupted; rerun the same command to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
