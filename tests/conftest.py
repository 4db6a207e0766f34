"""Shared fixtures: the real benchmark files from ../shared/benchmarks and the offline tiny model, built once
per pytest run into a session cache that CLI subprocesses share through CFTEVAL_CACHE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HANG_GUARD = 1800  # seconds: subprocess timeouts guard against hangs, far above the work even on a busy machine


def _data_dir() -> Path:
    candidate = Path(os.environ.get("CFTEVAL_DATA_DIR") or REPO.parent / "shared" / "benchmarks")
    if not (candidate / "math500" / "test.jsonl").is_file():
        pytest.exit(f"benchmark data not found at {candidate}; set CFTEVAL_DATA_DIR", returncode=3)
    return candidate


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return _data_dir()


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory) -> Path:
    cache = tmp_path_factory.mktemp("cfteval-cache")
    os.environ["CFTEVAL_CACHE"] = str(cache)
    return cache


@pytest.fixture(scope="session")
def tiny_model(_session_cache) -> Path:
    from cfteval.tiny import ensure_tiny_model

    return ensure_tiny_model()


def count_correct(run_dir: Path, task: str) -> tuple[int, int]:
    """(right, total) read straight from a run's scored file: a test's own count, not the code's accuracy."""
    lines = [json.loads(x) for x in (run_dir / "scored" / f"{task}.jsonl").read_text().splitlines()]
    return sum(x["correct"] is True for x in lines), len(lines)


def run_cli(*args: str, timeout: float = HANG_GUARD, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `cfteval` entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "cfteval.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=REPO,
    )


def child_pids(pid: int) -> list[int]:
    """Live child processes of `pid` (Linux /proc)."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def ruled(items):
    """(response, gold, task name) items as grade_many takes them: (response, gold, that task's GradingRules)."""
    from cfteval.tasks import task_rules

    rules: dict = {}
    for _, _, t in items:
        if t not in rules:
            rules[t] = task_rules(t)
    return [(r, g, rules[t]) for r, g, t in items]
