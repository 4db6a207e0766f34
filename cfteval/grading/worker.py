"""A grading worker process: imports `module:function`, then answers JSON-line requests on stdin
(`[index, args]`) with `[index, ["ok", result]]` or `[index, ["error", message]]` on stdout."""

from __future__ import annotations

import importlib
import json
import sys


def _serve(target: str) -> None:
    module, name = target.split(":")
    protocol, sys.stdout = sys.stdout, sys.stderr  # stray prints from libraries must not corrupt the protocol
    fn = getattr(importlib.import_module(module), name)
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
