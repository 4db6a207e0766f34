"""Kill trials: SIGKILL a real `cfteval run` at chosen and random points, rerun it, and demand the result of an
uninterrupted run: one sample per (task, doc, sample), the same samples, scores and results, no torn line, no
temp file, and a clear refusal when two runs share a directory.

Points: during generation (after a random number of sample lines), during grading (all samples written, nothing
scored yet), while results are written (a scored file exists, results.json not yet), and at a random time after the
first sample. The default suite kills once while results are written (test_resume kills during generation); `-m slow`
runs 6 trials of each kind (24).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

TASKS = "gsm8k,math500"
KINDS = ("generation", "grading", "writing", "random")


def _args(model, data_dir, out) -> list[str]:
    return ["run", "--model", str(model), "--tasks", TASKS, "--limit", "4", "--max-new-tokens", "24",
            "--batch-size", "1", "--data-dir", str(data_dir), "--output", str(out), "--no-progress"]  # fmt: skip


def _lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert not raw or raw.endswith(b"\n"), f"torn last line left in {path}"
    return [json.loads(line) for line in raw.decode().splitlines()]


def _state(out: Path) -> dict:
    """Everything a finished run leaves that must not depend on whether it was killed."""
    state = {}
    for kind in ("samples", "scored"):
        for path in sorted((out / kind).glob("*.jsonl")):
            lines = _lines(path)
            keys = [(x["doc_id"], x["sample"]) for x in lines]
            assert len(keys) == len(set(keys)), f"duplicate lines in {path}"
            state[f"{kind}/{path.name}"] = sorted(lines, key=lambda x: (x["doc_id"], x["sample"]))
    results = json.loads((out / "results.json").read_text())
    state["results"] = {"tasks": results["tasks"], "groups": results["groups"]}
    return state


def _sample_lines(out: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in (out / "samples").glob("*.jsonl")) if out.exists() else 0


@pytest.fixture(scope="module")
def reference(tiny_model, data_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("kill") / "reference"
    done = run_cli(*_args(tiny_model, data_dir, out))
    assert done.returncode == 0, done.stderr
    return _state(out)


def _kill_at(kind: str, proc: subprocess.Popen, out: Path, total: int, rng: random.Random) -> str:
    """Wait for the kill point of `kind`, SIGKILL the run, and say where it was hit."""
    target = rng.randint(1, total - 1)
    delay = rng.uniform(0.0, 2.0)  # after the first sample: generation, grading and writing take about 2 s here
    start, first = time.monotonic(), None
    while proc.poll() is None and time.monotonic() - start < 300:
        scored = list((out / "scored").glob("*.jsonl")) if (out / "scored").exists() else []
        if first is None and _sample_lines(out):
            first = time.monotonic()
        hit = {
            "generation": _sample_lines(out) >= target,
            "grading": _sample_lines(out) >= total and not scored,
            "writing": bool(scored) and not (out / "results.json").exists(),
            "random": first is not None and time.monotonic() - first >= delay,
        }[kind]
        if hit:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return f"killed at {_sample_lines(out)}/{total} samples, scored={len(scored)}"
        time.sleep(0.002)
    proc.wait()
    return "finished before the kill point"


def _trial(kind: str, seed: int, model, data_dir, tmp_path, reference) -> str:
    expected = reference
    total = sum(len(v) for k, v in expected.items() if k.startswith("samples/"))
    out = tmp_path / f"{kind}-{seed}"
    proc = subprocess.Popen([sys.executable, "-m", "cfteval.cli", *_args(model, data_dir, out)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    where = _kill_at(kind, proc, out, total, random.Random(seed))
    rerun = run_cli(*_args(model, data_dir, out))
    assert rerun.returncode == 0, f"{kind} trial {seed} ({where}): {rerun.stderr[-2000:]}"
    assert _state(out) == expected, f"{kind} trial {seed} ({where}) differs from the uninterrupted run"
    assert not [p for p in out.rglob("*") if p.name.startswith(".") and p.name != ".lock" or ".tmp" in p.name]
    assert not (out / ".lock").exists()
    return where


def test_one_kill_while_results_are_written(tiny_model, data_dir, tmp_path, reference):
    _trial("writing", 0, tiny_model, data_dir, tmp_path, reference)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(1, 7))
@pytest.mark.parametrize("kind", KINDS)
def test_kill_trials(kind, seed, tiny_model, data_dir, tmp_path, reference):
    where = _trial(kind, seed, tiny_model, data_dir, tmp_path, reference)
    print(f"{kind} trial {seed}: {where}; survived")


def test_second_run_on_the_same_dir_refuses_and_never_interleaves(tiny_model, data_dir, tmp_path, reference):
    out = tmp_path / "shared"
    first = subprocess.Popen([sys.executable, "-m", "cfteval.cli", *_args(tiny_model, data_dir, out)], cwd=REPO,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while not (out / ".lock").exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    second = run_cli(*_args(tiny_model, data_dir, out))
    assert second.returncode == 2
    assert "is in use by another cfteval process (pid" in second.stderr and len(second.stderr.splitlines()) == 1
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert _state(out) == reference
