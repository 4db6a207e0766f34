"""Candidate solutions for critique data: (question, candidate, gold, grader verdict) rows collected from the
scored samples of one or more cfteval run dirs (any model, task and n), with an optional problem filter
(One-Shot CFT: one seed problem) and a right/wrong balance (the CFT paper's mix is about 56 % right)."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from pathlib import Path

from cfteval.data import sha256_file
from cfteval.errors import CftevalError
from cfteval.results import load_run
from cfteval.runio import read_jsonl, write_jsonl_atomic
from cfteval.tasks import registry


@dataclass(frozen=True)
class Candidate:
    """One candidate solution; `grader_correct` is cfteval's verdict (None where no gold is known)."""

    candidate_id: str  # "<run label>/<task>/<doc_id>/<sample>"; the key critiques are resumed by
    task: str
    doc_id: int
    question: str
    candidate: str
    gold: str | None
    grader_correct: bool | None
    model: str | None = None  # the run's --model
    sample: int | None = None
    extracted: str | None = None  # the answer the grader read from the candidate
    finish_reason: str | None = None


@dataclass
class CollectStats:
    runs: int = 0
    candidates: int = 0
    right: int = 0
    wrong: int = 0
    duplicates: int = 0  # identical candidate texts for the same problem, kept once
    balanced_out: int = 0  # left out to reach --right-fraction


def parse_problems(spec: str | None) -> set[tuple[str | None, int]] | None:
    """`--problems gsm8k:3,math500:17` (task:doc_id) or `3,17` (that doc id in every task)."""
    if not spec:
        return None
    wanted: set[tuple[str | None, int]] = set()
    for item in filter(None, (p.strip() for p in spec.split(","))):
        task, _, doc = item.rpartition(":")
        try:
            wanted.add((task or None, int(doc)))
        except ValueError:
            raise CftevalError(f"--problems: '{item}' is not TASK:DOC_ID or DOC_ID") from None
    return wanted


def collect_candidates(
    run_dirs: list[str],
    problems: str | None = None,
    tasks: list[str] | None = None,
    data_dir: str | None = None,
    right_fraction: float | None = None,
    seed: int = 0,
) -> tuple[list[Candidate], CollectStats]:
    """Candidates from the scored samples of finished runs, in run, task, doc, sample order."""
    if right_fraction is not None and not 0 < right_fraction < 1:
        raise CftevalError(f"--right-fraction must be between 0 and 1 (got {right_fraction})")
    wanted = parse_problems(problems)
    stats = CollectStats(runs=len(run_dirs))
    found: list[Candidate] = []
    seen: set[tuple[str, int, str]] = set()
    labels: dict[str, int] = {}
    for run_dir in map(Path, run_dirs):
        label = run_dir.resolve().name
        labels[label] = labels.get(label, 0) + 1
        label = label if labels[label] == 1 else f"{label}#{labels[label]}"
        for c in _run_candidates(run_dir, label, tasks, data_dir, wanted):
            key = (c.task, c.doc_id, c.candidate)
            if key in seen:
                stats.duplicates += 1
                continue
            seen.add(key)
            found.append(c)
    if not found:
        raise CftevalError("no candidates: the runs have no scored samples for the given --tasks/--problems")
    if right_fraction is not None:
        kept = balance(found, right_fraction, seed)
        stats.balanced_out = len(found) - len(kept)
        found = kept
    stats.candidates = len(found)
    stats.right = sum(c.grader_correct is True for c in found)
    stats.wrong = sum(c.grader_correct is False for c in found)
    return found, stats


def _run_candidates(
    run_dir: Path, label: str, tasks: list[str] | None, data_dir: str | None, wanted: set | None
) -> list[Candidate]:
    results = load_run(run_dir)
    model = str((results.get("config") or {}).get("model") or label)
    out = []
    for name, task_result in results["tasks"].items():
        if tasks is not None and name not in tasks:
            continue
        if wanted is not None and not any(t in (None, name) for t, _ in wanted):
            continue
        task = registry().get(name)
        if task is None:
            where = run_dir / "results.json"
            raise CftevalError(f"{where}: task '{name}' is not registered (critic runs are not candidates)")
        records, where = _records(run_dir, name, task.file, task_result.get("dataset") or {}, data_dir)
        scored_path = run_dir / "scored" / f"{name}.jsonl"
        if not scored_path.is_file():
            raise CftevalError(f"{scored_path} is missing; re-score the run with `cfteval grade {run_dir}`")
        questions: dict[int, str] = {}
        for line in read_jsonl(scored_path):
            doc_id = int(line["doc_id"])
            if wanted is not None and (name, doc_id) not in wanted and (None, doc_id) not in wanted:
                continue
            if doc_id not in questions:
                if not 0 <= doc_id < len(records):
                    raise CftevalError(f"{scored_path}: doc {doc_id} is not in {where}")
                questions[doc_id] = task.make_doc(doc_id, records[doc_id], f"{where}:{doc_id + 1}").question
            out.append(
                Candidate(
                    candidate_id=f"{label}/{name}/{doc_id}/{line['sample']}",
                    task=name,
                    doc_id=doc_id,
                    question=questions[doc_id],
                    candidate=line["completion"],
                    gold=line.get("gold"),
                    grader_correct=bool(line["correct"]),
                    model=model,
                    sample=int(line["sample"]),
                    extracted=line.get("extracted"),
                    finish_reason=line.get("finish_reason"),
                )
            )
    return out


def _records(run_dir: Path, task: str, file: str, dataset: dict, data_dir: str | None) -> tuple[list[dict], str]:
    """The data records the run was generated from (its results.json names the file and its sha256)."""
    source = str(dataset.get("source") or "")
    path = Path(data_dir) / file if data_dir else Path(source)
    if not path.is_file():
        raise CftevalError(
            f"{run_dir}: task {task} was generated from '{source}', not a file here; give --data-dir DIR"
        )
    if dataset.get("sha256") and sha256_file(path) != dataset["sha256"]:
        raise CftevalError(f"{path}: sha256 differs from the data run {run_dir} was generated with")
    return read_jsonl(path), str(path)


def balance(candidates: list[Candidate], right_fraction: float, seed: int = 0) -> list[Candidate]:
    """The largest subset with about `right_fraction` right among candidates with a verdict (a seeded random
    choice of which to leave out; candidates without a verdict are all kept; the order is kept)."""
    right = [i for i, c in enumerate(candidates) if c.grader_correct is True]
    wrong = [i for i, c in enumerate(candidates) if c.grader_correct is False]
    if not right or not wrong:
        return candidates
    rng = random.Random(seed)
    if len(right) / (len(right) + len(wrong)) > right_fraction:
        right = rng.sample(right, min(len(right), round(len(wrong) * right_fraction / (1 - right_fraction))))
    else:
        wrong = rng.sample(wrong, min(len(wrong), round(len(right) * (1 - right_fraction) / right_fraction)))
    keep = set(right) | set(wrong)
    return [c for i, c in enumerate(candidates) if i in keep or c.grader_correct is None]


def write_candidates(path: str | Path, candidates: list[Candidate]) -> None:
    write_jsonl_atomic(Path(path), [asdict(c) for c in candidates])


def read_candidates(path: str | Path) -> list[Candidate]:
    """Candidates from a JSONL file (ours, or any with `question` and `candidate`); each bad row is a one-line
    error naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise CftevalError(f"candidates file does not exist: {path}")
    rows = read_jsonl(path)
    if not rows:
        raise CftevalError(f"{path}: no candidates")
    out, ids = [], set()
    for number, row in enumerate(rows, start=1):
        where = f"{path}:{number}"
        for key in ("question", "candidate"):
            if not isinstance(row.get(key), str) or not row[key].strip():
                raise CftevalError(f"{where}: candidate row needs a non-empty string field '{key}'")
        verdict = row.get("grader_correct")
        if verdict is not None and not isinstance(verdict, bool):
            raise CftevalError(f"{where}: 'grader_correct' must be true, false or null (got {verdict!r})")
        candidate_id = str(row.get("candidate_id") or f"line:{number}")
        if candidate_id in ids:
            raise CftevalError(f"{where}: candidate_id '{candidate_id}' appears twice")
        ids.add(candidate_id)
        try:
            doc_id = int(row.get("doc_id", number - 1))
        except (TypeError, ValueError):
            raise CftevalError(f"{where}: 'doc_id' must be an integer (got {row.get('doc_id')!r})") from None
        known = {k: row.get(k) for k in ("model", "sample", "extracted", "finish_reason")}
        gold = row.get("gold")
        out.append(
            Candidate(
                candidate_id,
                str(row.get("task") or "unknown"),
                doc_id,
                row["question"],
                row["candidate"],
                None if gold is None else str(gold),
                verdict,
                **known,
            )  # fmt: skip
        )
    return out
