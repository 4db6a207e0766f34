"""Task registry: declarative benchmark files in `tasks/*.yaml` turned into `Task` objects.

A task file says where the data lives (file name, pinned sha256, hub fallback), how to build the question
from a record, how to get the gold answer, which prompt preset and generation limits to use, and the
paper's reference numbers. Gold rules and choice formatting are small named functions here, so a new
benchmark is a new YAML file, not new code.
"""

from __future__ import annotations

import os
import random
import re
import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cfteval.errors import CftevalError
from cfteval.grading.numbers import DEFAULT_TOLERANCE
from cfteval.grading.rules import GradingRules
from cfteval.latex import last_boxed

GROUPS: dict[str, tuple[str, ...]] = {
    # The six benchmarks of the CFT paper's Table 2 ("MATH" there is the full 5000-problem test set).
    "cft_math": ("math", "minerva_math", "gsm8k", "olympiadbench", "aime24", "amc23"),
}

LETTERS = string.ascii_uppercase


@dataclass(frozen=True)
class HubSource:
    """Where a user with internet gets the data through `datasets.load_dataset`."""

    path: str
    split: str
    name: str | None = None
    revision: str = "main"


@dataclass(frozen=True)
class Doc:
    """One benchmark record made ready for prompting and grading."""

    doc_id: int  # 0-based line index in the pinned file (stable because the file's sha256 is pinned)
    question: str
    gold: str
    record: dict = field(repr=False, compare=False)
    options: tuple[str, ...] = field(default=(), repr=False, compare=False)  # a choice task's options, A first


@dataclass(frozen=True)
class Task:
    name: str
    description: str
    file: str  # relative to the data dir, e.g. "math500/test.jsonl"
    sha256: str
    records: int
    source: str
    hub: HubSource | None
    question: str  # str.format template over the record's fields
    gold_field: str | None
    gold_rule: str  # a key of GOLD_RULES, or "choice" for multiple choice
    preset: str
    fewshot: str | None
    max_new_tokens: int
    stop: tuple[str, ...]
    choices: dict | None = None
    paper: dict[str, float] = field(default_factory=dict)
    rules: GradingRules = GradingRules()  # answer type, tolerance, units: how responses are graded

    def make_doc(self, doc_id: int, record: dict, where: str) -> Doc:
        """Build the question and gold of one record; a missing or empty field is an error at `where`."""
        for name in {f for _, f, _, _ in string.Formatter().parse(self.question) if f}:
            value = record.get(name)
            if value is None:
                raise CftevalError(f"{where}: record has no question field '{name}' (task {self.name})")
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):  # a number reads as its text
                raise CftevalError(
                    f"{where}: question field '{name}' is {type(value).__name__}, not text (task {self.name})"
                )
        question = self.question.format(**record)
        if not question.strip():
            raise CftevalError(f"{where}: empty question (task {self.name})")
        if self.choices is not None:
            options, correct = _choices(self, doc_id, record, where)
            question += "\nAnswer Choices: " + " ".join(f"({LETTERS[i]}) {o}" for i, o in enumerate(options))
            return Doc(doc_id, question, LETTERS[correct], record, tuple(options))
        value = record.get(self.gold_field) if self.gold_field else None
        if value is None or value == "" or value == []:
            raise CftevalError(f"{where}: record has no gold field '{self.gold_field}' (task {self.name})")
        gold = GOLD_RULES[self.gold_rule](value)
        if gold is None or not gold.strip():
            raise CftevalError(
                f"{where}: cannot get the gold answer with rule '{self.gold_rule}' "
                f"from field '{self.gold_field}' (task {self.name})"
            )
        return Doc(doc_id, question, gold.strip(), record)


def _verbatim(value: Any) -> str:
    return str(value)


def _after_hash(value: Any) -> str | None:
    text = str(value)
    return text.split("####")[-1].strip().replace(",", "") if "####" in text else None


def _first(value: Any) -> str | None:
    return str(value[0]) if isinstance(value, list) and value else None


def _strip_unit(value: Any) -> str:
    # ASDiv: "9 (apples)" -> "9"
    return re.sub(r"\s*\([^()]*\)\s*$", "", str(value))


def _strip_dollars(value: Any) -> str:
    text = str(value).strip()
    return text[1:-1].strip() if len(text) > 1 and text.startswith("$") and text.endswith("$") else text


GOLD_RULES = {
    "verbatim": _verbatim,
    "last_boxed": lambda v: last_boxed(str(v)),
    "after_hash": _after_hash,
    "first": _first,
    "strip_unit": _strip_unit,
    "strip_dollars": _strip_dollars,
}


def _choices(task: Task, doc_id: int, record: dict, where: str) -> tuple[list[str], int]:
    """Options and the index of the correct one; options are shuffled with a fixed seed per doc if asked."""
    spec = task.choices or {}
    try:
        if "field" in spec:
            options = [str(o) for o in record[spec["field"]]]
            correct = int(record[task.gold_field])
        else:
            options = [str(record[spec["correct"]]).strip()] + [str(record[k]).strip() for k in spec["incorrect"]]
            correct = 0
    except (KeyError, TypeError, ValueError) as e:
        raise CftevalError(f"{where}: record lacks a usable choice or answer field {e} (task {task.name})") from None
    if not 0 <= correct < len(options):
        raise CftevalError(f"{where}: answer index {correct} out of range (task {task.name})")
    if "shuffle_seed" in spec:
        order = list(range(len(options)))
        random.Random(f"{spec['shuffle_seed']}:{doc_id}").shuffle(order)
        options = [options[i] for i in order]
        correct = order.index(correct)
    return options, correct


def tasks_dir() -> Path:
    """`CFTEVAL_TASKS_DIR`, else the repo's `tasks/` (source checkout), else the copy inside the wheel."""
    if os.environ.get("CFTEVAL_TASKS_DIR"):
        return Path(os.environ["CFTEVAL_TASKS_DIR"])
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "tasks", here / "_tasks"):
        if candidate.is_dir():
            return candidate
    raise CftevalError("cannot find the task files (tasks/*.yaml); set CFTEVAL_TASKS_DIR")


def _parse_task(path: Path) -> Task:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        data = spec["data"]
        hub = data.get("hub")
        gold = spec.get("gold", {})
        return Task(
            name=spec["name"],
            description=spec.get("description", ""),
            file=data["file"],
            sha256=data["sha256"],
            records=int(data["records"]),
            source=data["source"],
            hub=HubSource(**hub) if hub else None,
            question=spec["question"],
            gold_field=gold.get("field"),
            gold_rule=gold.get("rule", "choice" if spec.get("choices") else "verbatim"),
            preset=spec.get("preset", "qwen25-math-cot"),
            fewshot=spec.get("fewshot"),
            max_new_tokens=int(spec.get("max_new_tokens", 2048)),
            stop=tuple(spec.get("stop", ())),
            choices=spec.get("choices"),
            paper={str(k): float(v) for k, v in (spec.get("paper") or {}).items()},
            rules=GradingRules(
                spec.get("answer_type", "math"),
                float((spec.get("grading") or {}).get("tolerance", DEFAULT_TOLERANCE)),
                bool((spec.get("grading") or {}).get("measured", False)),
            ),
        )
    except (KeyError, TypeError) as e:
        raise CftevalError(f"{path}: invalid task file ({e!r})") from None


@cache
def registry() -> dict[str, Task]:
    tasks = {}
    for path in sorted(tasks_dir().glob("*.yaml")):
        task = _parse_task(path)
        if task.gold_rule not in GOLD_RULES and task.gold_rule != "choice":
            raise CftevalError(f"{path}: unknown gold rule '{task.gold_rule}'")
        tasks[task.name] = task
    return tasks


def task_rules(name: str) -> GradingRules:
    """The grading rules of a registered task; "generic" is plain math."""
    if name == "generic":
        return GradingRules()
    known = registry()
    if name not in known:
        raise CftevalError(f"unknown task '{name}' for grading; use 'generic' or one of {', '.join(sorted(known))}")
    return known[name].rules


def resolve(names: str | list[str]) -> list[Task]:
    """Expand a comma list of task and group names into tasks, in order, without duplicates."""
    if isinstance(names, str):
        names = [n for n in names.split(",")]
    names = [n.strip() for n in names if n.strip()]
    if not names:
        raise CftevalError("no task given")
    known = registry()
    out: list[Task] = []
    for name in names:
        members = GROUPS.get(name, (name,))
        for member in members:
            if member not in known:
                raise CftevalError(f"unknown task '{member}'; known: {', '.join(sorted(known) + sorted(GROUPS))}")
            if known[member] not in out:
                out.append(known[member])
    return out
