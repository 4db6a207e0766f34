"""The `data` subcommands: synthetic training data, and the critique data pipeline (candidates from runs ->
teacher critiques -> verified CFT training rows). See README "Critique data pipeline"."""

from __future__ import annotations

import argparse
from pathlib import Path

from cfteval.errors import CftevalError
from cfteval.options import add_options, from_args


def _data_synth(args: argparse.Namespace) -> int:
    from cft_train.synthetic import write_synthetic

    for name, path in write_synthetic(args.out, args.rows, args.seed).items():
        print(f"{name}: {path}")
    return 0


def _data_candidates(args: argparse.Namespace) -> int:
    from cfteval.critiques.candidates import collect_candidates, write_candidates
    from cfteval.tasks import resolve

    tasks = [t.name for t in resolve(args.tasks)] if args.tasks else None
    found, stats = collect_candidates(
        args.run_dirs, args.problems, tasks, args.data_dir, args.right_fraction, args.seed
    )
    write_candidates(args.out, found)
    share = 100 * stats.right / max(1, stats.right + stats.wrong)
    print(
        f"wrote {stats.candidates} candidates from {stats.runs} run(s) to {args.out}: {stats.right} right, "
        f"{stats.wrong} wrong ({share:.1f}% right); {stats.duplicates} duplicate(s) kept once, "
        f"{stats.balanced_out} left out to balance"
    )
    return 0


def _data_critique(args: argparse.Namespace) -> int:
    from cfteval.critiques.candidates import read_candidates
    from cfteval.critiques.teacher import PROBE_TIMEOUT, CritiqueOptions, generate_critiques, parse_teacher
    from cfteval.critiques.verify import read_critiques, report_table, verify

    candidates = read_candidates(args.candidates)
    if args.limit is not None:
        if args.limit < 1:
            raise CftevalError(f"--limit must be at least 1 (got {args.limit})")
        candidates = candidates[: args.limit]
    if args.temperature < 0 or not 0 < args.top_p <= 1 or args.max_new_tokens < 1:
        raise CftevalError("need --temperature >= 0, --top-p in (0, 1] and --max-new-tokens >= 1")
    teachers = [
        parse_teacher(spec, args.teacher_backend, min(PROBE_TIMEOUT, args.request_timeout)) for spec in args.teacher
    ]
    labels = [t.label for t in teachers]
    if len(set(labels)) < len(labels):
        raise CftevalError(f"two --teacher options name the same teacher ({', '.join(labels)})")
    opts = from_args(CritiqueOptions, args)
    written = generate_critiques(candidates, teachers, Path(args.out), opts)
    rows = read_critiques(args.out)
    print(report_table(verify(rows)[1]))
    print(f"{written} new critique(s), {len(rows)} in {args.out}; filter: cfteval data verify {args.out} --out FILE")
    return 0


def _data_verify(args: argparse.Namespace) -> int:
    from cfteval.critiques.verify import read_critiques, report_table, verify, write_training_file

    verified, report = verify(read_critiques(args.critiques))
    count = write_training_file(args.out, verified, args.verify, args.format)
    if args.report:
        from cfteval.runio import write_json_atomic

        write_json_atomic(Path(args.report), report.as_dict())
    print(report_table(report))
    print(f"wrote {count} of {len(verified)} critiques to {args.out} (--verify {args.verify}, --format {args.format})")
    return 0


def add_data_parsers(sub) -> None:
    from cfteval.critiques.teacher import CritiqueOptions
    from cfteval.critiques.verify import FORMATS, VERIFY_MODES

    data = sub.add_parser("data", help="training data: synthetic rows, and critique data from runs")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    synth = data_sub.add_parser("synth", help="write the synthetic critique data and its eval file")
    synth.add_argument("--out", required=True, help="folder; also a --data-dir for tasks synth_critique, synth_solve")
    synth.add_argument("--rows", type=int, default=4000)
    synth.add_argument("--seed", type=int, default=0)
    synth.set_defaults(func=_data_synth)

    cands = data_sub.add_parser("candidates", help="candidate solutions with the grader's verdict, from run dirs")
    cands.add_argument("run_dirs", nargs="+", help="finished `cfteval run` dirs (one per model for One-Shot CFT)")
    cands.add_argument("--out", required=True, help="the candidates JSONL file to write")
    cands.add_argument("--tasks", help="only these tasks or groups (default: every task of each run)")
    cands.add_argument("--problems", help="only these problems: TASK:DOC_ID or DOC_ID, comma separated")
    cands.add_argument("--right-fraction", type=float, help="subsample to this share of right candidates (paper: 0.56)")
    cands.add_argument("--seed", type=int, default=0, help="which candidates --right-fraction leaves out")
    cands.add_argument("--data-dir", help="where the runs' data files are, if not at the paths the runs recorded")
    cands.set_defaults(func=_data_candidates)

    crit = data_sub.add_parser("critique", help="teacher critiques of candidates (resumable: rerun to continue)")
    crit.add_argument("candidates", help="candidates JSONL (from `data candidates`, or any with question/candidate)")
    crit.add_argument("--teacher", action="append", required=True,
                      help="URL, NAME@URL (OpenAI-compatible server) or a local model; repeat for several")  # fmt: skip
    crit.add_argument("--out", required=True, help="critiques JSONL, appended as they finish (plain schema + metadata)")
    crit.add_argument("--teacher-backend", default="auto", help="for local teachers: auto | hf | vllm")
    crit.add_argument("--limit", type=int, help="critique only the first N candidates")
    add_options(crit, CritiqueOptions, skip=("base_url", "api"))  # a teacher's URL is in its spec; it is asked by chat
    crit.set_defaults(func=_data_critique)

    ver = data_sub.add_parser("verify", help="check critiques against the grader and the teachers' majority")
    ver.add_argument("critiques", help="the critiques file `data critique` wrote")
    ver.add_argument("--out", required=True, help="the training file to write (reads with `cfteval train`)")
    ver.add_argument("--verify", choices=VERIFY_MODES, default="drop",
                     help="drop (default): only consistent critiques; flag: all, with flags; keep: all")  # fmt: skip
    ver.add_argument("--format", choices=FORMATS, default="webinstruct",
                     help="webinstruct: instruction/input/output; plain: question/candidate/critique")  # fmt: skip
    ver.add_argument("--report", help="also write the disagreement report as JSON here")
    ver.set_defaults(func=_data_verify)


__all__ = ["add_data_parsers"]
