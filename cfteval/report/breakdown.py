"""Where a run's accuracy comes from: per-task failure rates and accuracy by MATH level and subject.

Reads a finished run's scored/<task>.jsonl and, for the level/subject split, the task's data file recorded in
results.json (records are matched by doc_id, their 0-based index in that file). Accuracy here is the same
per-doc mean as results.json's (avg@n), so a level's numbers add up to the task's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cfteval.errors import CftevalError
from cfteval.results import Results, ScoredLine, load_run, load_scored, scored_path
from cfteval.runio import read_jsonl

LEVEL_KEYS = ("level",)  # math500: int 1-5; MATH: "Level 3"
SUBJECT_KEYS = ("subject", "type", "subfield")  # math500: subject; MATH, Minerva: type; OlympiadBench: subfield


@dataclass
class Group:
    docs: int = 0
    correct: float = 0.0  # sum over docs of the per-doc mean correctness

    @property
    def accuracy(self) -> float:
        return self.correct / self.docs if self.docs else 0.0


@dataclass
class TaskBreakdown:
    task: str
    samples: int
    truncated: int  # finish_reason "length"
    no_answer: int  # no final answer extracted
    samples_file: Path
    by_level: dict[str, Group] = field(default_factory=dict)  # "1".."5", sorted
    by_subject: dict[str, Group] = field(default_factory=dict)  # sorted by name
    note: str = ""  # why there is no level/subject split, when there is none

    @property
    def truncated_rate(self) -> float:
        return self.truncated / self.samples if self.samples else 0.0

    @property
    def no_answer_rate(self) -> float:
        return self.no_answer / self.samples if self.samples else 0.0


def _level(value) -> str | None:
    found = re.search(r"\d+", str(value)) if value is not None else None
    return found.group(0) if found else None


def _records(results: dict, task: str) -> tuple[list[dict] | None, str]:
    """The task's data records as the run read them, or None and why not."""
    dataset = results["tasks"][task].get("dataset", {})
    source = Path(str(dataset.get("source", "")))
    if not source.is_file():
        return None, f"data file {source} is not here"
    try:
        return read_jsonl(source), ""
    except CftevalError as error:
        return None, str(error)


def _per_doc(docs: dict[int, list[ScoredLine]]) -> dict[int, float]:
    """doc_id -> the mean correctness of its samples."""
    return {doc: sum(bool(line["correct"]) for line in lines) / len(lines) for doc, lines in docs.items()}


def _split(per_doc: dict[int, float], records: list[dict], keys: tuple[str, ...], label) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for doc, score in per_doc.items():
        record = records[doc] if 0 <= doc < len(records) else {}
        value = next((record[k] for k in keys if record.get(k) is not None), None)
        name = label(value)
        if name is None:
            continue
        group = groups.setdefault(name, Group())
        group.docs += 1
        group.correct += score
    return groups


def task_breakdown(run_dir: Path, task: str, results: dict) -> TaskBreakdown:
    """One task's failure counts from its scored lines and, when its data file is here, its level/subject split."""
    docs = load_scored(run_dir, task)
    lines = [line for doc_lines in docs.values() for line in doc_lines]
    out = TaskBreakdown(
        task=task,
        samples=len(lines),
        truncated=sum(line.get("finish_reason") == "length" for line in lines),
        no_answer=sum(line.get("status") == "no_answer" for line in lines),
        samples_file=scored_path(run_dir, task),
    )
    records, why = _records(results, task)
    if records is None:
        out.note = why
        return out
    per_doc = _per_doc(docs)
    levels = _split(per_doc, records, LEVEL_KEYS, _level)
    subjects = _split(per_doc, records, SUBJECT_KEYS, lambda v: None if v is None else str(v))
    out.by_level = dict(sorted(levels.items(), key=lambda kv: int(kv[0])))
    out.by_subject = dict(sorted(subjects.items()))
    return out


def run_breakdown(run_dir: Path, tasks: list[str] | None = None, results: Results | None = None) -> list[TaskBreakdown]:
    """One TaskBreakdown per task of a finished run (or per listed task it has), in results.json's order;
    `results`: the run's results.json when the caller has read it already."""
    results = load_run(run_dir) if results is None else results
    names = [t for t in results["tasks"] if tasks is None or t in tasks]
    return [task_breakdown(run_dir, name, results) for name in names]
