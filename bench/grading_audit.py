"""Audit cfteval's grader against real model outputs and their source graders' verdicts (../shared/grading-corpus).

    python bench/grading_audit.py --corpus ../shared/grading-corpus [--out ../audit] [--files a.jsonl,b.jsonl]
        [--limit N] [--workers N] [--no-math-verify] [--mv-cache FILE]
    python bench/grading_audit.py --sample-from AUDIT_DIR --file skythought_math500.jsonl [--n 300] [--seed 0]

Every row is graded twice: by `cfteval.grading.grade_many` under its task's rules (`math_level5` grades as
`math`, an unknown task as "generic") with the row's question, as `cfteval run` grades, and by math-verify
alone, its documented usage `verify(parse(gold), parse(response))` with the gold wrapped in `$...$`, run
through cfteval's worker pool with a 10 s timeout per item (a timeout or error counts as False). Both are
compared with the source's label, which is not ground truth (see the corpus README).

Writes to `--out` (default `../audit` next to the repo, never inside it): `summary.json`, `table.md` (also
printed), `disagreements.jsonl` (every row where cfteval's verdict differs from the label; the response's last
1500 characters and the question's first 300, not whole texts) and `disagreements_<file stem>.jsonl` per file.
`--sample-from` writes `sample_<stem>.jsonl`: a fixed-seed random sample of one file's disagreements (all of them
when there are no more than `--n`), for reading by hand.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib
import json
import logging
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from math_verify import parse, verify
from tabulate import tabulate

import cfteval
from cfteval.errors import CftevalError
from cfteval.grading import Grade, grade_many
from cfteval.grading.pool import run_pool
from cfteval.tasks import task_rules

logging.getLogger("math_verify").setLevel(logging.CRITICAL)

REPO = Path(__file__).resolve().parents[1]
FIELDS = ("task", "doc_id", "gold", "response", "label", "model", "extracted", "question")
CHUNK = 2000
MV_TIMEOUT = 10.0


def math_verify_item(response: str, gold: str) -> list:
    """[verdict, extracted] of plain math-verify (as `math_verify_plain` in grading_accuracy.py), in a worker."""
    answer = parse(response)
    correct = bool(verify(parse(gold if "$" in gold else f"${gold}$"), answer))
    return [correct, str(answer[-1])[:200] if answer else None]


@dataclass
class MvResult:
    correct: bool
    extracted: str | None
    status: str  # ok | timeout | error


@dataclass
class Tally:
    n: int = 0
    label_true: int = 0
    cf_agree: int = 0
    cf_true: int = 0
    cf_false_accepts: int = 0
    cf_false_rejects: int = 0
    cf_status: Counter = field(default_factory=Counter)
    mv_agree: int = 0
    mv_true: int = 0
    mv_false_accepts: int = 0
    mv_false_rejects: int = 0
    mv_status: Counter = field(default_factory=Counter)

    def add(self, label: bool, cf: Grade, mv: MvResult | None) -> None:
        self.n += 1
        self.label_true += label
        self.cf_agree += cf.correct == label
        self.cf_true += cf.correct
        self.cf_false_accepts += cf.correct and not label
        self.cf_false_rejects += label and not cf.correct
        self.cf_status[cf.status] += 1
        if mv is not None:
            self.mv_agree += mv.correct == label
            self.mv_true += mv.correct
            self.mv_false_accepts += mv.correct and not label
            self.mv_false_rejects += label and not mv.correct
            self.mv_status[mv.status] += 1

    def as_json(self) -> dict:  # not dataclasses.asdict: it rebuilds a Counter from (key, count) pairs
        return {k: dict(v) if isinstance(v, Counter) else v for k, v in vars(self).items()}

    def merge(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, name: str, task: str, with_mv: bool) -> list:
        def pct(k: int) -> str:
            return f"{100 * k / self.n:.1f}" if self.n else "-"

        mv = (lambda v: v) if with_mv else (lambda v: "-")
        s, m = self.cf_status, self.mv_status
        cols = [name, task, self.n, self.label_true, pct(self.cf_agree), mv(pct(self.mv_agree)), pct(self.cf_true)]
        cols += [mv(pct(self.mv_true)), self.cf_false_accepts, self.cf_false_rejects, s["no_answer"]]
        return cols + [f"{s['timeout']}/{s['parse_error']}", mv(f"{m['timeout']}/{m['error']}")]


# cf = cfteval, mv = math-verify; FA/FR: false accepts/rejects against the label (accepted where it says wrong etc.)
HEADERS = "file|task|n|label true|cf agree %|mv agree %|cf acc %|mv acc %|cf FA|cf FR|cf no answer|"
HEADERS = (HEADERS + "cf timeout/parse err|mv timeout/err").split("|")


def fail(message: str) -> None:
    """One line on stderr and exit status 2, as the cfteval CLI answers bad input."""
    print(message, file=sys.stderr)
    raise SystemExit(2)


def read_rows(path: Path, limit: int | None) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if limit is not None and len(rows) >= limit:
                break
            try:
                row = json.loads(line)
            except ValueError as e:
                fail(f"{path}:{lineno}: bad JSON: {e}")
            missing = [k for k in FIELDS if k not in row]
            if missing:
                fail(f"{path}:{lineno}: missing field(s) {', '.join(missing)}")
            row["_line"] = lineno
            rows.append(row)
    return rows


@functools.cache
def cfteval_task(task: str) -> str:
    """The cfteval task a corpus row grades under: `math_level5` is MATH, an unknown task "generic"."""
    name = "math" if task == "math_level5" else task
    try:
        task_rules(name)
    except CftevalError:
        return "generic"
    return name


cached_rules = functools.cache(task_rules)


def in_chunks(what: str, stem: str, items: list, grade) -> list:
    out = []
    for start in range(0, len(items), CHUNK):
        t = time.perf_counter()
        out += grade(items[start : start + CHUNK])
        print(f"  {stem} {what}: {len(out)}/{len(items)} ({time.perf_counter() - t:.1f}s)", file=sys.stderr)
    return out


def audit_file(path: Path, args, mv_fn) -> tuple[dict[str, Tally], list[dict], float]:
    start = time.perf_counter()
    rows = read_rows(path, args.limit)
    items = [(r["response"], r["gold"], cfteval_task(r["task"])) for r in rows]
    asked = [(*item, r["question"]) for item, r in zip(items, rows)]  # graded with the question, as runs are
    grades = in_chunks(
        "cfteval",
        path.stem,
        asked,
        lambda c: grade_many([(r, g, cached_rules(t)) for r, g, t, _ in c], args.workers, questions=[i[3] for i in c]),
    )
    mvs: list[MvResult | None] = [None] * len(rows)
    if mv_fn is not None:
        cache = MvCache(args.mv_cache)
        pairs = [i[:2] for i in items]
        todo = [p for p in dict.fromkeys(pairs) if cache.get(p) is None]
        outcomes = in_chunks("math-verify", path.stem, todo, lambda c: run_pool(mv_fn, c, args.workers, MV_TIMEOUT))
        cache.add(todo, [MvResult(*v, "ok") if kind == "ok" else MvResult(False, None, kind) for kind, v in outcomes])
        mvs = [cache.get(p) for p in pairs]
    tallies: dict[str, Tally] = {}
    disagreements = []
    for r, g, mv in zip(rows, grades, mvs):
        label = bool(r["label"])
        for key in ("all", r["task"]):
            tallies.setdefault(key, Tally()).add(label, g, mv)
        if g.correct != label:
            d = {"file": path.name, "line": r["_line"], **{k: r[k] for k in ("task", "doc_id", "model", "gold")}}
            d |= {"label": label, "source_extracted": r["extracted"], "cfteval_correct": g.correct}
            d |= {"cfteval_extracted": g.extracted, "cfteval_status": g.status}
            d |= {f"mv_{k}": getattr(mv, k, None) for k in ("correct", "extracted", "status")}
            disagreements.append(d | {"question_head": r["question"][:300], "response_tail": r["response"][-1500:]})
    return tallies, disagreements, time.perf_counter() - start


class MvCache:
    """math-verify's verdicts, kept between audits in a JSONL file keyed by a hash of (response, gold) and the
    math-verify version: they do not change when cfteval's grader does, and they are most of an audit's time."""

    def __init__(self, path: str | None):
        from importlib import metadata

        self.path = Path(path) if path else None
        self.version = metadata.version("math-verify")
        self.known: dict[str, MvResult] = {}
        if self.path and self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                key, value = json.loads(line)
                self.known[key] = MvResult(*value)

    def key(self, pair: tuple[str, str]) -> str:
        return hashlib.sha256("\x00".join((self.version, *pair)).encode()).hexdigest()[:24]

    def get(self, pair: tuple[str, str]) -> MvResult | None:
        return self.known.get(self.key(pair))

    def add(self, pairs: list, results: list[MvResult]) -> None:
        new = {self.key(p): r for p, r in zip(pairs, results)}
        self.known |= new
        if self.path:
            with self.path.open("a", encoding="utf-8") as f:
                f.writelines(json.dumps([k, [r.correct, r.extracted, r.status]]) + "\n" for k, r in new.items())


def grader_version() -> dict:
    """The grader audited: its commit, files changed since, and a hash of its code and task files (another
    engineer may be editing it; workers restarted after a timeout load the code as it is then)."""
    root = Path(cfteval.__file__).resolve().parents[1]
    files = sorted([*root.glob("cfteval/**/*.py"), *root.glob("tasks/*.yaml")])
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", root, *args], capture_output=True, text=True).stdout.strip()

    changed = git("status", "--porcelain", "cfteval", "tasks").splitlines()
    return {"root": str(root), "commit": git("rev-parse", "HEAD") or None, "changed": changed, "code_sha256": digest}


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def run_audit(args) -> None:
    corpus = Path(args.corpus)
    names = args.files.split(",") if args.files else sorted(p.name for p in corpus.glob("*.jsonl"))
    paths = [corpus / n for n in names]
    for p in paths:
        if not p.is_file():
            fail(f"no corpus file {p}")
    out = Path(args.out) if args.out else REPO.parent / "audit"
    if out.resolve().is_relative_to(REPO):
        fail(f"--out {out} is inside the repo; write the audit outside it")
    out.mkdir(parents=True, exist_ok=True)
    args.workers = args.workers or len(os.sched_getaffinity(0))
    mv_fn = None
    if not args.no_math_verify:
        # run_pool's workers import fn.__module__; run as a script this file is __main__, so import it by name.
        bench_dir = str(Path(__file__).resolve().parent)
        sys.path.insert(0, bench_dir)
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [bench_dir, os.environ.get("PYTHONPATH")]))
        mv_fn = importlib.import_module("grading_audit").math_verify_item
    version, start = grader_version(), time.perf_counter()
    summary, table, every, total = {}, [], [], Tally()
    for path in paths:
        tallies, disagreements, seconds = audit_file(path, args, mv_fn)
        write_jsonl(out / f"disagreements_{path.stem}.jsonl", disagreements)
        every += disagreements
        per_task = {k: v for k, v in tallies.items() if k != "all"}
        by_task = {k: v.as_json() for k, v in per_task.items()} if len(per_task) > 1 else {}
        summary[path.name] = {**tallies["all"].as_json(), "wall_s": round(seconds, 1), "by_task": by_task}
        table.append(tallies["all"].row(path.stem, ",".join(per_task), mv_fn is not None))
        if len(per_task) > 1:
            table += [t.row(f"  {path.stem}", k, mv_fn is not None) for k, t in per_task.items()]
        total.merge(tallies["all"])
        print(f"{path.name}: {len(disagreements)} disagreements, {seconds:.1f}s", file=sys.stderr)
    table.append(total.row("all", "", mv_fn is not None))
    wall = time.perf_counter() - start
    write_jsonl(out / "disagreements.jsonl", every)
    meta = {"corpus": str(corpus), "limit": args.limit, "workers": args.workers, "math_verify": mv_fn is not None}
    meta |= {"mv_timeout_s": MV_TIMEOUT, "wall_s": round(wall, 1), "grader": version}
    if grader_version()["code_sha256"] != version["code_sha256"]:
        meta["grader_at_end"] = grader_version()
        print("warning: the grader's code changed during the audit; results may mix versions", file=sys.stderr)
    (out / "summary.json").write_text(json.dumps({**meta, "total": total.as_json(), "files": summary}, indent=1) + "\n")
    markdown = tabulate(table, headers=HEADERS, tablefmt="github")
    (out / "table.md").write_text(markdown + "\n")
    print(markdown)
    print(f"\n{len(every)} disagreements, wall {wall:.1f}s, {args.workers} workers; written to {out}")


def run_sample(args) -> None:
    stem = Path(args.file).stem
    source = Path(args.sample_from) / f"disagreements_{stem}.jsonl"
    if not source.is_file():
        fail(f"no {source}; run the audit first")
    rows = sorted((json.loads(line) for line in source.open(encoding="utf-8")), key=lambda r: r["line"])
    picked = rows if len(rows) <= args.n else random.Random(args.seed).sample(rows, args.n)
    picked.sort(key=lambda r: r["line"])
    target = Path(args.sample_from) / f"sample_{stem}.jsonl"
    write_jsonl(target, picked)
    print(f"{len(picked)} of {len(rows)} disagreements of {stem} (seed {args.seed}) written to {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", help="the corpus folder (../shared/grading-corpus)")
    parser.add_argument("--out", help="output folder (default: ../audit next to the repo)")
    parser.add_argument("--files", help="comma-separated file names in the corpus (default: all *.jsonl)")
    parser.add_argument("--limit", type=int, help="first N rows of each file")
    parser.add_argument("--workers", type=int, help="grading worker processes (default: all available CPUs)")
    parser.add_argument("--no-math-verify", action="store_true", help="grade with cfteval only")
    parser.add_argument("--mv-cache", help="a JSONL file of math-verify verdicts reused between audits")
    parser.add_argument("--sample-from", help="an audit folder: sample one file's disagreements instead")
    parser.add_argument("--file", help="with --sample-from: the corpus file (name or stem)")
    parser.add_argument("--n", type=int, default=300, help="with --sample-from: sample size")
    parser.add_argument("--seed", type=int, default=0, help="with --sample-from: random seed")
    args = parser.parse_args()
    if args.sample_from:
        if not args.file:
            parser.error("--sample-from needs --file")
        run_sample(args)
    elif args.corpus:
        run_audit(args)
    else:
        parser.error("give --corpus (audit) or --sample-from and --file (sample)")


if __name__ == "__main__":
    main()
