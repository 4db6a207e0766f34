"""`cfteval sweep`: evaluate every checkpoint of a training run and name the best one.

This is the CFT paper's protocol: checkpoints are saved every few steps and the model kept is the one with the best
MATH-500 score (usually mid-training). Each checkpoint gets its own run dir under the sweep dir, so an
interrupted sweep resumes where it stopped, and sweep.json records every score, the selection task and the winner.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from cfteval.errors import CftevalError
from cfteval.evaluate import evaluate
from cfteval.report.summary import SWEEP_FILE
from cfteval.runio import write_json_atomic
from cfteval.tasks import resolve

log = logging.getLogger("cfteval")
_STEP = re.compile(r"^checkpoint-(\d+)$")


@dataclass(frozen=True)
class SweepRow:
    checkpoint: str
    step: int | None  # None for a final model dir that is not a checkpoint-N
    run_dir: str
    accuracy: dict[str, float]  # task -> accuracy in [0, 1]


def expand_checkpoints(paths: list[str]) -> list[Path]:
    """The checkpoints to evaluate, ordered by step: each path is a model dir, or a training output dir whose
    checkpoint-N subdirs are taken (Trainer always checkpoints the last step, so its final model is among them)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            raise CftevalError(f"{raw}: no such checkpoint directory")
        subdirs = sorted(p for p in path.iterdir() if p.is_dir() and _STEP.search(p.name))
        partial = [p for p in subdirs if "global_step" not in _read_object(p / "trainer_state.json")]
        for p in partial:
            log.warning("skipping %s: no readable trainer_state.json (cut by a kill, or still being written)", p)
        subdirs = [p for p in subdirs if p not in partial]
        if subdirs:
            found.extend(subdirs)
        elif (path / "config.json").is_file():
            found.append(path)
        else:
            raise CftevalError(f"{raw}: neither a model (no config.json) nor a dir of checkpoint-N folders")
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return sorted(unique, key=lambda p: (step_of(p) is None, step_of(p) or 0, str(p)))


def _read_object(path: Path) -> dict:
    """A JSON object file's content; {} when it is missing, unreadable or not an object. Trainer writes a
    checkpoint's trainer_state.json last, so a checkpoint without a readable one was cut mid-save."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def step_of(path: Path) -> int | None:
    match = _STEP.search(path.name)
    return int(match.group(1)) if match else None


def _run_names(paths: list[Path]) -> list[str]:
    """checkpoint-N (final-NAME for a model dir); prefixed by the training dir when two runs share names."""
    names = [p.name if step_of(p) is not None else f"final-{p.name}" for p in paths]
    if len(set(names)) < len(names):
        names = [f"{p.parent.name}__{name}" for p, name in zip(paths, names)]
    if len(set(names)) < len(names):
        raise CftevalError("two checkpoints would share a run dir name; sweep them into separate --output dirs")
    return names


def sweep(checkpoints: list[str], tasks: str, output: str, select: str | None = None, **options) -> dict:
    """Evaluate each checkpoint on `tasks` into OUTPUT/<checkpoint>/, write OUTPUT/sweep.json, return its content.
    The best checkpoint is the one with the highest accuracy on `select` (default: the first task)."""
    task_names = [t.name for t in resolve(tasks)]
    select = select or task_names[0]
    if select not in task_names:
        raise CftevalError(f"--select {select} is not among the swept tasks ({', '.join(task_names)})")
    paths = expand_checkpoints(checkpoints)
    out = Path(output)
    rows = []
    for path, name in zip(paths, _run_names(paths)):
        run_dir = out / name
        results = evaluate(str(path), task_names, output=str(run_dir), **options)
        accuracy = {name: result["accuracy"] for name, result in results["tasks"].items()}
        rows.append(SweepRow(str(path), step_of(path), str(run_dir), accuracy))
    best = max(rows, key=lambda r: (r.accuracy[select], -(r.step or 0)))  # ties: the earlier checkpoint
    record = {
        "select": select,
        "tasks": task_names,
        "best": asdict(best),
        "checkpoints": [asdict(r) for r in rows],
    }
    write_json_atomic(out / SWEEP_FILE, record)
    return record
