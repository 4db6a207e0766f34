"""Kill trials: SIGKILL a real `cfteval run` at chosen and random points, rerun it, and demand the result of an
uninterrupted run: one sample per (task, doc, sample), the same samples, scores and results, no torn line, no
temp file, and a clear refusal when two runs share a directory.

Each trial proves its kill landed. At the trial's point the run is frozen with SIGSTOP, so the run dir
inspected then is exactly what the kill leaves (its grading workers write nothing there and go on: a stop of
the whole group could catch a worker between vfork and exec, and then the run never stops). Then the run's
process group (started with start_new_session, so it holds the workers) is SIGKILLed; the run must die of that
signal (it had not exited by itself), its workers with it, and the run dir be unchanged. Points, and the state
the run dir must show:

- generation: at least a random number of sample lines, not all of them, nothing scored;
- grading: all sample lines, grading workers started, nothing scored, no results.json;
- writing: a scored file, no results.json (a window of 10-30 ms, reached by stepping: SIGCONT, a slice of
  SLICE seconds, SIGSTOP, look);
- random: a random time after the first sample; any state before results.json, recorded.

A trial whose run went past its point, or finished, is a miss: it is tried again in a fresh dir at an earlier
point (fewer samples, a shorter delay, a shorter slice) and never counted; after MAX_TRIES misses it fails.
The default suite kills once while results are written (test_resume kills during generation); `-m slow` runs
6 trials of each kind (24).
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

from tests.conftest import REPO, child_pids, run_cli

TASKS = "gsm8k,math500"
KINDS = ("generation", "grading", "writing", "random")
PHASES = ("load", "generation", "grading", "writing", "done")  # the order a run goes through them
MAX_TRIES = 4
SLICE = 0.002  # seconds a stepped run goes on between two looks; results are written in 10-30 ms here
POLL = 0.005  # seconds between two looks while the run goes on freely


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


def _snapshot(out: Path, total: int) -> dict:
    """What the run dir holds now, and the phase that says."""

    def lines(kind: str) -> dict[str, int]:
        folder = out / kind
        return {p.name: p.read_bytes().count(b"\n") for p in sorted(folder.glob("*.jsonl"))} if folder.exists() else {}

    samples, scored, results = sum(lines("samples").values()), lines("scored"), (out / "results.json").exists()
    phase = "done" if results else "writing" if scored else "grading" if samples >= total else "generation"
    temp = sorted(p.name for p in out.rglob("*.tmp")) if out.exists() else []
    return {"phase": phase if samples or scored or results else "load", "samples": samples, "scored": scored,
            "results": results, "temp": temp}  # fmt: skip


def _describe(snap: dict, total: int) -> str:
    if snap["phase"] == "finished":
        return "the run finished by itself before the kill point"
    temp = f", temp files {snap['temp']}" if snap["temp"] else ""
    scored = ", ".join(f"{name} {n}" for name, n in snap["scored"].items()) or "none"
    results = "results.json written" if snap["results"] else "no results.json"
    return f"{snap['phase']} ({snap['samples']}/{total} samples, scored: {scored}, {results}{temp})"


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state, ppid, pgrp, ...); None if it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _freeze(proc: subprocess.Popen) -> bool:
    """SIGSTOP the run and wait until all its threads have stopped; False if it had exited by itself."""
    os.kill(proc.pid, signal.SIGSTOP)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        main = _stat(proc.pid)
        if main is None or main[0] == "Z":
            return False
        threads = [(t, s[0] if (s := _stat(int(t))) else None) for t in os.listdir(f"/proc/{proc.pid}/task")]
        if all(s in (None, "T", "Z", "X") for _, s in threads):  # Z, X: a thread on its way out
            return proc.poll() is None
        time.sleep(0.0002)
    raise AssertionError(f"run {proc.pid} did not stop within 60 s of SIGSTOP: thread states {threads}")


def _kill(proc: subprocess.Popen) -> int:
    """SIGKILL the frozen run's process group; the number of its child processes (grading workers) killed."""
    children = child_pids(proc.pid)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, f"the run exited with {proc.returncode}, not by the SIGKILL"
    deadline = time.monotonic() + 30
    while any((s := _stat(p)) and s[0] != "Z" and int(s[2]) == proc.pid for p in children):
        assert time.monotonic() < deadline, f"child processes {children} outlived the SIGKILL of their group"
        time.sleep(0.01)
    return len(children)


def _before(kind: str, goal: str, snap: dict, proc: subprocess.Popen) -> bool:
    """Is the frozen run still before its point? A grading kill waits for the grading workers."""
    if PHASES.index(snap["phase"]) < PHASES.index(goal):
        return True
    return kind == "grading" and snap["phase"] == "grading" and not child_pids(proc.pid)


def _kill_at(kind: str, args: list[str], out: Path, total: int, point: float, slice_s: float) -> tuple[dict, bool]:
    """Start a run, freeze it at `kind`'s point and, if it is there, SIGKILL it. Returns the run dir's snapshot
    at the freeze (phase "finished" if the run exited first) and whether the kill landed."""
    proc = subprocess.Popen([sys.executable, "-m", "cfteval.cli", *args], cwd=REPO, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    finished = {"phase": "finished", "samples": None, "scored": {}, "results": None, "temp": []}
    try:
        deadline, first = time.monotonic() + 600, None
        while True:  # let the run go on freely until near the point
            assert time.monotonic() < deadline, f"{kind}: the run did not reach its point in 600 s"
            snap = _snapshot(out, total)
            if first is None and snap["samples"]:
                first = time.monotonic()
            near = {
                "generation": snap["samples"] >= point,
                "grading": snap["samples"] >= total - 1,
                "writing": snap["samples"] >= total,
                "random": first is not None and time.monotonic() - first >= point,
            }[kind]
            if near:
                break
            if proc.poll() is not None:
                return finished, False
            time.sleep(POLL)
        if not _freeze(proc):
            return finished, False
        goal = kind if kind != "random" else _snapshot(out, total)["phase"]
        while _before(kind, goal, snap := _snapshot(out, total), proc):  # step to the point
            assert time.monotonic() < deadline, f"{kind}: the run did not reach its point in 600 s"
            os.kill(proc.pid, signal.SIGCONT)
            time.sleep(slice_s)
            if not _freeze(proc):
                return finished, False
        if snap["phase"] != goal or snap["phase"] == "done":
            return snap, False
        snap["children"] = _kill(proc)
        after = _snapshot(out, total)
        assert after == {k: v for k, v in snap.items() if k != "children"}, "the run dir changed after the freeze"
        return snap, True
    finally:
        if proc.poll() is None:  # a miss, or a failure: the run is still frozen
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def reference(tiny_model, data_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("kill") / "reference"
    done = run_cli(*_args(tiny_model, data_dir, out))
    assert done.returncode == 0, done.stderr
    return _state(out)


def _trial(kind: str, seed: int, model, data_dir, tmp_path, reference, offline: bool = False) -> str:
    """Kill a run at `kind`'s point (trying earlier points after a miss), rerun it (`offline`: re-grade it with
    `cfteval grade RUN`, which reads only run.json and the samples), check it; say where it died."""
    expected = reference
    total = sum(len(v) for k, v in expected.items() if k.startswith("samples/"))
    rng = random.Random(seed)
    point = {"generation": rng.randint(1, total - 1), "random": rng.uniform(0.0, 6.0)}.get(kind, 0)
    slice_s, misses = SLICE, []
    for attempt in range(1, MAX_TRIES + 1):
        out = tmp_path / f"{kind}-{seed}-try{attempt}"
        snap, landed = _kill_at(kind, _args(model, data_dir, out), out, total, point, slice_s)
        if landed:
            break
        at = f"point {point:g}, " if kind in ("generation", "random") else ""
        misses.append(f"try {attempt} ({at}slice {slice_s:g} s) missed: {_describe(snap, total)}")
        point = max(1, point // 2) if kind == "generation" else point / 2
        slice_s /= 2
    else:
        pytest.fail(f"{kind} trial {seed}: no kill landed at its point in {MAX_TRIES} tries: " + "; ".join(misses))
    retries = f"; {len(misses)} retries: " + "; ".join(misses) if misses else ""
    where = f"killed at {_describe(snap, total)}, grading workers killed with it: {snap['children']}{retries}"
    assert snap["phase"] == kind or kind == "random", where
    rerun = run_cli("grade", str(out)) if offline else run_cli(*_args(model, data_dir, out))
    assert rerun.returncode == 0, f"{kind} trial {seed} ({where}): {rerun.stderr[-2000:]}"
    assert _state(out) == expected, f"{kind} trial {seed} ({where}) differs from the uninterrupted run"
    assert not [p for p in out.rglob("*") if p.name.startswith(".") and p.name != ".lock" or ".tmp" in p.name]
    assert not (out / ".lock").exists()
    return where


def test_one_kill_while_results_are_written(tiny_model, data_dir, tmp_path, reference):
    where = _trial("writing", 0, tiny_model, data_dir, tmp_path, reference)
    print(f"writing trial 0: {where}; survived")


def test_a_run_killed_while_grading_is_regraded_offline(tiny_model, data_dir, tmp_path, reference):
    """run.json is the contract between generation and scoring: `cfteval grade RUN`, with no model and no run
    arguments, turns a run SIGKILLed during grading into the uninterrupted run's samples, scores and results."""
    where = _trial("grading", 0, tiny_model, data_dir, tmp_path, reference, offline=True)
    print(f"grading trial 0, re-graded offline: {where}; survived")


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
