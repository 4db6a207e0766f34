"""Deterministic synthetic critique data: small arithmetic and algebra problems, right and wrong candidate
solutions, and templated critiques that end in the paper's conclusion line.

It exists so that CFT can be trained and measured end to end on a CPU: a tiny model trained on these rows learns
to check the candidate and state the correct answer in \\boxed{}, which the `synth_critique` task grades
(`synth_solve` asks the same problems without a candidate). Problems are split into train and eval by a fixed
hash, so no eval problem is ever trained on. The eval file depends on nothing but this code (its sha256 is pinned
in tasks/synth_critique.yaml); the training rows depend on the seed.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

EVAL_FILE = "synthetic/test.jsonl"


@dataclass(frozen=True)
class Problem:
    question: str
    work: str  # the computation as written in solutions and critiques, without its result: "17 + 25"
    answer: int


def _problems() -> list[Problem]:
    problems = []
    for a in range(1, 21):
        for b in range(1, 21):
            problems.append(Problem(f"What is {a} + {b}?", f"{a} + {b}", a + b))
            if a > b:
                problems.append(Problem(f"What is {a} - {b}?", f"{a} - {b}", a - b))
            problems.append(Problem(f"Solve for x: x + {a} = {a + b}.", f"x = {a + b} - {a}", b))
    for a in range(2, 10):
        for b in range(2, 10):
            problems.append(Problem(f"What is {a} * {b}?", f"{a} * {b}", a * b))
    return problems


def _is_eval(problem: Problem) -> bool:
    return hashlib.sha256(problem.question.encode()).digest()[0] % 8 == 0


def solution(problem: Problem, answer: int) -> str:
    return f"{problem.work} = {answer}.\nThe answer is \\boxed{{{answer}}}."


def critique(problem: Problem, claimed: int) -> str:
    head = f"The solution computes {problem.work} = {claimed}.\nChecking: {problem.work} = {problem.answer}"
    if claimed == problem.answer:
        return f"{head}, so the answer \\boxed{{{problem.answer}}} is right.\nConclusion: right [END]"
    return f"{head}, not {claimed}, so the correct answer is \\boxed{{{problem.answer}}}.\nConclusion: wrong [END]"


def _candidate(problem: Problem, rng: random.Random, right_fraction: float) -> int:
    if rng.random() < right_fraction:
        return problem.answer
    return problem.answer + rng.choice([d for d in range(-3, 4) if d and problem.answer + d >= 0])


def _row(problem: Problem, claimed: int) -> dict:
    return {
        "question": problem.question,
        "candidate": solution(problem, claimed),
        "critique": critique(problem, claimed),
        "solution": solution(problem, problem.answer),
        "answer": str(problem.answer),
        "verdict": "right" if claimed == problem.answer else "wrong",
    }


def critique_rows(count: int, seed: int = 0, right_fraction: float = 0.5) -> list[dict]:
    """`count` training rows drawn from the train problems; each has question, candidate, critique (for CFT)
    and solution (for SFT)."""
    train = [p for p in _problems() if not _is_eval(p)]
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        problem = rng.choice(train)
        rows.append(_row(problem, _candidate(problem, rng, right_fraction)))
    return rows


def eval_rows() -> list[dict]:
    """One row per held-out problem with a fixed candidate: the data of the synth_critique/synth_solve tasks."""
    rng = random.Random(1234)
    return [_row(p, _candidate(p, rng, 0.5)) for p in _problems() if _is_eval(p)]


def write_synthetic(out_dir: str | Path, train_rows: int = 4000, seed: int = 0) -> dict[str, Path]:
    """Write train_cft.jsonl (question/candidate/critique), train_sft.jsonl (question/solution) and the eval
    file `synthetic/test.jsonl` under out_dir (a `--data-dir` for the synth tasks)."""
    out = Path(out_dir)
    (out / "synthetic").mkdir(parents=True, exist_ok=True)
    rows = critique_rows(train_rows, seed)
    files = {
        "cft": (out / "train_cft.jsonl", [{k: r[k] for k in ("question", "candidate", "critique")} for r in rows]),
        "sft": (out / "train_sft.jsonl", [{k: r[k] for k in ("question", "solution")} for r in rows]),
        "eval": (out / EVAL_FILE, eval_rows()),
    }
    for path, lines in files.values():
        path.write_text("".join(json.dumps(line, sort_keys=True) + "\n" for line in lines), encoding="utf-8")
    return {name: path for name, (path, _) in files.items()}
