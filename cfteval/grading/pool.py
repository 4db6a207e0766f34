"""Run a function over items in worker processes with a hard per-item timeout.

Symbolic checks can hang (`10^{10^{10}}`, `99999!`) and signal-based timeouts only work on a main thread,
so each item runs in a child process; one that overruns its deadline is killed, reported as a timeout and
replaced, and the rest of the batch goes on. A worker that dies (killed from outside, out of memory) is
replaced and its item tried once more, then reported as an error; no item is lost. Workers are plain
`python -m cfteval.grading.worker` subprocesses speaking JSON lines: unlike multiprocessing's spawn they never
re-import the caller's main script, and unlike fork they inherit no threads or GPU state.
"""

from __future__ import annotations

import atexit
import json
import os
import selectors
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Outcome = tuple[str, Any]  # ("ok", value) | ("timeout", None) | ("error", message)
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
READY = -1  # the index of the line a worker sends once it has imported its function
STARTUP_TIMEOUT = 120.0  # seconds a new worker may take to start (Python + sympy imports on a busy machine)
WALL_FACTOR = 10.0
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process (Linux /proc); None where that cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


# Healthy idle workers kept between calls, so that grading one item at a time (lm-eval's process_results)
# does not pay a Python start-up per item. They die with this process (see worker.py).
_IDLE: dict[str, list[_Worker]] = {}
_SENT = [0]  # items handed to workers by this process, retries included (items_sent)


def items_sent() -> int:
    """How many items this process has handed to grading workers so far: what deduplication saves shows here."""
    return _SENT[0]


class _Worker:
    """One worker process and the item it is checking (None when idle)."""

    def __init__(self, target: str):
        env = {
            **os.environ,
            "CFTEVAL_GRADING_PARENT": str(os.getpid()),
            "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")])),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cfteval.grading.worker", target],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            bufsize=1,
        )
        self.item: int | None = None
        self.deadline = 0.0
        self.ready = False  # a new worker says so once its imports are done; start-up is not check time
        self.cpu_start: float | None = None
        self.buffer = b""
        self.wall_start = 0.0

    def start_clock(self, timeout: float) -> None:
        self.cpu_start, self.wall_start = _cpu_seconds(self.process.pid), time.monotonic()
        self.deadline = self.wall_start + timeout

    def out_of_time(self, timeout: float) -> bool:
        """Past the deadline? The budget is CPU time, so a check slowed by a busy machine is not cut short;
        wall time is capped at WALL_FACTOR x timeout so a check that blocks without using CPU still ends."""
        now = time.monotonic()
        if now < self.deadline:
            return False
        used = _cpu_seconds(self.process.pid)
        if used is None or self.cpu_start is None or not self.ready:
            return True
        spent = used - self.cpu_start
        if spent < timeout and now - self.wall_start < WALL_FACTOR * timeout:
            self.deadline = now + max(0.05, timeout - spent)
            return False
        return True

    def send(self, index: int, args: tuple) -> None:
        _SENT[0] += 1
        self.process.stdin.write(json.dumps([index, list(args)]) + "\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def close(self) -> None:
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


def run_pool(fn: Callable, items: Sequence[tuple], workers: int, timeout: float) -> list[Outcome]:
    """Outcomes of `fn(*item)` for each item, in input order. `fn` must be a module-level function whose
    arguments and result are JSON values."""
    if not items:
        return []
    target = f"{fn.__module__}:{fn.__qualname__}"
    results: list[Outcome | None] = [None] * len(items)
    pending = deque(range(len(items)))
    deaths = [0] * len(items)
    pool = _take_workers(target, max(1, min(workers, len(items))))
    selector = selectors.DefaultSelector()
    try:
        while pending or any(w.item is not None for w in pool):
            _hand_out(pool, pending, items, selector, timeout)
            wait_for = max(0.0, min(w.deadline for w in pool if w.item is not None) - time.monotonic())
            ready = {key.data for key, _ in selector.select(timeout=wait_for)}
            for i, w in enumerate(pool):
                if w.item is None:
                    continue
                if w in ready:
                    dead = _read_outcomes(w, results, timeout)
                    if w.item is None:
                        selector.unregister(w.process.stdout)
                        continue
                    if not dead:
                        continue
                    selector.unregister(w.process.stdout)
                    deaths[w.item] += 1
                    if deaths[w.item] < 2:
                        pending.appendleft(w.item)  # once more, in a fresh worker
                    else:
                        results[w.item] = ("error", "grading worker died twice on this item")
                elif not w.out_of_time(timeout):
                    continue
                else:
                    selector.unregister(w.process.stdout)
                    results[w.item] = ("timeout", None)
                w.kill()
                pool[i] = _Worker(target)
    finally:
        selector.close()
        _release(target, pool)
    return [r if r is not None else ("error", "lost") for r in results]


def _take_workers(target: str, wanted: int) -> list[_Worker]:
    """`wanted` workers for `target`: healthy idle ones first, new ones for the rest; spare idle ones close."""
    idle = [w for w in _IDLE.pop(target, []) if w.process.poll() is None]
    for extra in idle[wanted:]:
        extra.close()
    return idle[:wanted] + [_Worker(target) for _ in range(wanted - len(idle[:wanted]))]


def _hand_out(pool: list[_Worker], pending: deque, items: Sequence[tuple], selector, timeout: float) -> None:
    """Give each free worker the next pending item and watch its output."""
    for w in pool:
        if w.item is None and pending:
            w.item = pending.popleft()
            w.start_clock(timeout)
            if not w.ready:
                w.deadline += STARTUP_TIMEOUT
            try:
                w.send(w.item, items[w.item])
            except (BrokenPipeError, OSError):
                pass  # a dead worker shows up as EOF when its output is read
            selector.register(w.process.stdout, selectors.EVENT_READ, w)


def _read_outcomes(w: _Worker, results: list, timeout: float) -> bool:
    """Read what a worker wrote: its ready line restarts its clock, an outcome line frees it. True when the
    worker is dead (EOF, or a garbled line)."""
    # Raw reads, not readline(): a buffered second line would be invisible to select().
    chunk = os.read(w.process.stdout.fileno(), 1 << 16)
    w.buffer += chunk
    while b"\n" in w.buffer and w.item is not None:
        line, w.buffer = w.buffer.split(b"\n", 1)
        try:
            index, outcome = json.loads(line)
        except ValueError:
            return True
        if index == READY:
            w.ready = True
            w.start_clock(timeout)
        else:
            results[index] = tuple(outcome)
            w.item = None
    return not chunk


def _release(target: str, pool: list[_Worker]) -> None:
    """Keep healthy idle workers for the next call; kill busy or dead ones."""
    for w in pool:
        if w.item is not None or w.process.poll() is not None:
            w.kill()
        else:
            _IDLE.setdefault(target, []).append(w)


@atexit.register
def _close_idle() -> None:
    for workers in _IDLE.values():
        for w in workers:
            w.close()
    _IDLE.clear()
