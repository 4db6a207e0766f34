"""Run a function over items in worker processes with a hard per-item timeout.

Symbolic checks can hang (`10^{10^{10}}`, `99999!`) and signal-based timeouts only work on a main thread,
so each item runs in a child process; one that overruns its deadline is killed, reported as a timeout and
replaced, and the rest of the batch goes on.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

Outcome = tuple[str, Any]  # ("ok", value) | ("timeout", None) | ("error", message)


def _serve(conn: Connection, fn: Callable) -> None:
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        index, args = message
        try:
            outcome: Outcome = ("ok", fn(*args))
        except Exception as e:  # an item's failure is reported, never fatal to the batch
            outcome = ("error", f"{type(e).__name__}: {str(e)[:200]}")
        try:
            conn.send((index, outcome))
        except (BrokenPipeError, EOFError):
            return


class _Worker:
    def __init__(self, ctx, fn: Callable):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, fn), daemon=True)
        self.process.start()
        child.close()
        self.item: int | None = None
        self.deadline = 0.0

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


def run_pool(fn: Callable, items: Sequence[tuple], workers: int, timeout: float) -> list[Outcome]:
    """Outcomes of `fn(*item)` for each item, in input order. `fn` must be a module-level function."""
    results: list[Outcome | None] = [None] * len(items)
    if not items:
        return []
    ctx = mp.get_context("spawn")
    pending = deque(range(len(items)))
    pool = [_Worker(ctx, fn) for _ in range(max(1, min(workers, len(items))))]
    try:
        while pending or any(w.item is not None for w in pool):
            for w in pool:
                if w.item is None and pending:
                    w.item = pending.popleft()
                    w.deadline = time.monotonic() + timeout
                    w.conn.send((w.item, items[w.item]))
            busy = [w for w in pool if w.item is not None]
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout=wait_for)
            for i, w in enumerate(pool):
                if w.item is None:
                    continue
                if w.conn in ready:
                    try:
                        index, outcome = w.conn.recv()
                        results[index] = outcome
                        w.item = None
                        continue
                    except (EOFError, OSError):
                        results[w.item] = ("error", "grading worker died")
                elif time.monotonic() < w.deadline:
                    continue
                else:
                    results[w.item] = ("timeout", None)
                w.kill()
                pool[i] = _Worker(ctx, fn)
    finally:
        for w in pool:
            try:
                w.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for w in pool:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
    return [r if r is not None else ("error", "lost") for r in results]
