"""Verification of teacher critiques, the check the CFT paper lacked (it found ~20 % of GPT-4o critiques wrong):
each critique's conclusion is compared with cfteval's grader verdict on the candidate (where a gold answer is
known) and, with several teachers, with the majority conclusion of the teachers on the same candidate.

A critique is consistent when it has a conclusion line, does not contradict the grader and does not contradict
the teachers' majority. `--verify keep` writes every row, `flag` every row with a `flags` list, `drop` only the
consistent rows. The report gives, per task, the disagreement rate with the grader.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from tabulate import tabulate

from cfteval.errors import CftevalError
from cfteval.grading.region import parse_conclusion
from cfteval.prompts import CFT_INSTRUCTION
from cfteval.runio import read_jsonl, write_jsonl_atomic

VERIFY_MODES = ("keep", "drop", "flag")
FORMATS = ("plain", "webinstruct")
METADATA = ("candidate_id", "task", "doc_id", "gold", "grader_correct", "teacher", "conclusion", "verdict_agrees",
            "majority", "majority_agrees")  # fmt: skip


@dataclass
class TaskReport:
    critiques: int = 0
    no_conclusion: int = 0
    judged: int = 0  # with a conclusion and a grader verdict
    disagree: int = 0  # conclusion contradicts the grader
    contradict_majority: int = 0
    consistent: int = 0

    @property
    def disagreement_rate(self) -> float | None:
        return self.disagree / self.judged if self.judged else None


@dataclass
class Report:
    tasks: dict[str, TaskReport] = field(default_factory=dict)
    teachers: dict[str, TaskReport] = field(default_factory=dict)
    total: TaskReport = field(default_factory=TaskReport)

    def as_dict(self) -> dict:
        def one(r: TaskReport) -> dict:
            return {**r.__dict__, "disagreement_rate": r.disagreement_rate}

        return {"total": one(self.total), "tasks": {k: one(v) for k, v in self.tasks.items()},
                "teachers": {k: one(v) for k, v in self.teachers.items()}}  # fmt: skip


def read_critiques(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise CftevalError(f"critiques file does not exist: {path}")
    rows = read_jsonl(path, repair=True)
    for number, row in enumerate(rows, start=1):
        missing = [k for k in ("question", "candidate", "critique", "candidate_id", "teacher") if k not in row]
        if missing:
            raise CftevalError(f"{path}:{number}: critique row lacks {', '.join(missing)}")
    if not rows:
        raise CftevalError(f"{path}: no critiques")
    return rows


def verify(rows: list[dict]) -> tuple[list[dict], Report]:
    """Each row with conclusion, verdict_agrees (vs the grader), majority, majority_agrees and flags added."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        conclusion = parse_conclusion(row["critique"])
        if conclusion is not None:
            votes[str(row["candidate_id"])][conclusion] += 1
    report = Report()
    out = []
    for row in rows:
        conclusion = parse_conclusion(row["critique"])
        verdict = row.get("grader_correct")
        agrees = None if conclusion is None or verdict is None else (conclusion == "right") == bool(verdict)
        majority = _majority(votes[str(row["candidate_id"])])
        with_majority = None if conclusion is None or majority is None else conclusion == majority
        flags = [name for name, bad in (("no_conclusion", conclusion is None), ("contradicts_grader", agrees is False),
                                        ("contradicts_majority", with_majority is False)) if bad]  # fmt: skip
        out.append({**row, "conclusion": conclusion, "verdict_agrees": agrees, "majority": majority,
                    "majority_agrees": with_majority, "flags": flags})  # fmt: skip
        for r in (report.total, report.tasks.setdefault(str(row.get("task")), TaskReport()),
                  report.teachers.setdefault(str(row["teacher"]), TaskReport())):  # fmt: skip
            r.critiques += 1
            r.no_conclusion += conclusion is None
            r.judged += agrees is not None
            r.disagree += agrees is False
            r.contradict_majority += with_majority is False
            r.consistent += not flags
    return out, report


def _majority(counts: Counter) -> str | None:
    """The conclusion most teachers reached on one candidate; None with fewer than two or a tie."""
    if sum(counts.values()) < 2 or counts["right"] == counts["wrong"]:
        return None
    return "right" if counts["right"] > counts["wrong"] else "wrong"


def select(verified: list[dict], mode: str) -> list[dict]:
    if mode not in VERIFY_MODES:
        raise CftevalError(f"--verify must be one of {', '.join(VERIFY_MODES)} (got '{mode}')")
    if mode == "drop":
        return [r for r in verified if not r["flags"]]
    if mode == "keep":
        return [{k: v for k, v in r.items() if k != "flags"} for r in verified]
    return verified


def training_row(row: dict, fmt: str) -> dict:
    """A row `cfteval train` reads: the plain critique schema or WebInstruct-CFT (instruction/input/output, the
    user turn being instruction + "\\n" + input, the same text as cft_train.format.cft_user_turn), plus metadata."""
    meta = {k: row.get(k) for k in METADATA}
    if "flags" in row:
        meta["flags"] = row["flags"]
    if fmt == "plain":
        return {"question": row["question"], "candidate": row["candidate"], "critique": row["critique"], **meta}
    if fmt == "webinstruct":
        text = f"Question:\n{row['question']}\n\nSolution:\n{row['candidate']}"
        return {"instruction": CFT_INSTRUCTION, "input": text, "output": row["critique"], **meta}
    raise CftevalError(f"--format must be one of {', '.join(FORMATS)} (got '{fmt}')")


def write_training_file(path: str | Path, rows: list[dict], mode: str, fmt: str) -> int:
    chosen = [training_row(r, fmt) for r in select(rows, mode)]
    write_jsonl_atomic(Path(path), chosen)
    return len(chosen)


def report_table(report: Report) -> str:
    """Per task (and per teacher when several): critiques, no conclusion, disagreement with the grader."""

    def line(name: str, r: TaskReport) -> list:
        rate = "-" if r.disagreement_rate is None else f"{100 * r.disagreement_rate:.1f}%"
        return [name, r.critiques, r.no_conclusion, r.judged, r.disagree, rate, r.contradict_majority, r.consistent]

    headers = ["task", "critiques", "no conclusion", "judged", "disagree", "disagreement", "vs majority", "consistent"]
    rows = [line(k, v) for k, v in sorted(report.tasks.items())] + [line("all", report.total)]
    text = tabulate(rows, headers=headers, tablefmt="github")
    if len(report.teachers) > 1:
        teacher_rows = [line(k, v) for k, v in sorted(report.teachers.items())]
        text += "\n\n" + tabulate(teacher_rows, headers=["teacher", *headers[1:]], tablefmt="github")
    return text
