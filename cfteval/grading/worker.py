"""A grading worker process: imports `module:function`, then answers JSON-line requests on stdin
(`[index, args]`) with `[index, ["ok", result]]` or `[index, ["error", message]]` on stdout."""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import signal
import sys


def _die_with_parent(parent: int) -> None:
    """A killed parent closes our stdin, but a check stuck in one long C call (a huge power) never reads it
    and holds the GIL, so ask Linux to SIGKILL us when the parent dies (elsewhere: best effort)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def _serve(target: str) -> None:
    module, name = target.split(":")
    _die_with_parent(int(os.environ.get("CFTEVAL_GRADING_PARENT", os.getppid())))
    protocol, sys.stdout = sys.stdout, sys.stderr  # stray prints from libraries must not corrupt the protocol
    loaded = importlib.import_module(module)
    fn = getattr(loaded, name)
    if callable(warm_up := getattr(loaded, "warm_up", None)):
        warm_up()  # lazy imports (math-verify, sympy) are start-up, not the first item's check time
    protocol.write(json.dumps([-1, ["ready", None]]) + "\n")  # pool.READY: start-up done, checks may be timed
    protocol.flush()
    for line in sys.stdin:
        index, args = json.loads(line)
        try:
            outcome = ("ok", fn(*args))
        except Exception as e:  # an item's failure is reported, never fatal to the batch
            outcome = ("error", f"{type(e).__name__}: {str(e)[:200]}")
        protocol.write(json.dumps([index, outcome]) + "\n")
        protocol.flush()


if __name__ == "__main__":
    _serve(sys.argv[1])
