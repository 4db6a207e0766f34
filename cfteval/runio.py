"""Run-directory I/O: atomic whole-file writes, durable line appends, and reading JSONL with repair.

Every file a run writes goes through `write_atomic` (temp file + fsync + rename) or `append_lines`
(one write + fsync per batch), so a SIGKILL at any point leaves either the old or the new content,
plus at most one torn last line in an append-only file, which `read_jsonl(..., repair=True)` removes.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cfteval.errors import CftevalError
from cfteval.results import SampleLine

log = logging.getLogger("cfteval")


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so that readers see the old or the new file, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; results are meant to be shared like any file
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_json_atomic(path: Path, obj: Any) -> None:
    write_atomic(path, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def jsonl_text(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def write_jsonl_atomic(path: Path, records: Iterable[dict]) -> None:
    write_atomic(path, jsonl_text(records))


def read_json(path: Path):
    """A whole JSON file; invalid JSON is an error naming the file."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise CftevalError(f"{path}: not valid JSON ({e})") from None


def append_lines(path: Path, records: Iterable[dict]) -> None:
    """Append one JSON line per record in a single write, then fsync."""
    data = jsonl_text(records)
    if not data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def read_jsonl(path: Path, repair: bool = False) -> list[dict]:
    """Read a JSONL file; a malformed line is an error naming file and line number.

    With `repair=True` (our own append-only files), a torn last line, the trace of a crash mid-write,
    is cut off the file and reported on stderr instead of failing.
    """
    raw = path.read_bytes()
    if repair and raw and not raw.endswith(b"\n"):
        keep = raw.rfind(b"\n") + 1
        _truncate(path, keep)
        raw = raw[:keep]
        log.warning("repaired %s: dropped a torn last line left by an interrupted run", path)
    records: list[dict] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            reason = e.msg if isinstance(e, json.JSONDecodeError) else "not UTF-8"
            raise CftevalError(f"{path}:{number}: malformed JSON line ({reason})") from None
        if not isinstance(record, dict):
            raise CftevalError(f"{path}:{number}: expected a JSON object, got {type(record).__name__}")
        records.append(record)
    return records


def samples_path(run_dir: Path, task: str) -> Path:
    return run_dir / "samples" / f"{task}.jsonl"


def read_samples(run_dir: Path, task: str) -> dict[tuple[int, int], dict]:
    """Existing samples by (doc_id, sample); repairs a torn last line; the first line of a key wins."""
    path = samples_path(run_dir, task)
    if not path.exists():
        return {}
    found: dict[tuple[int, int], dict] = {}
    for number, line in enumerate(read_jsonl(path, repair=True), start=1):
        missing = [k for k in SampleLine.__annotations__ if k not in line]
        if missing:
            raise CftevalError(f"{path}: record {number} lacks {', '.join(missing)}")
        found.setdefault((int(line["doc_id"]), int(line["sample"])), line)
    return found


def check_generation(run_dir: Path, generation: dict) -> dict:
    """run_dir's run.json ({} when there is none), or an error when it holds a different generation config."""
    path = run_dir / "run.json"
    if not path.exists():
        return {}
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(run["generation"], dict):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise CftevalError(f"{path} is not a cfteval run config; use another --output") from None
    previous = run["generation"]
    changed = [f"{k}: {previous.get(k)!r} -> {v!r}" for k, v in generation.items() if previous.get(k) != v]
    if changed:
        raise CftevalError(
            f"output dir {run_dir} was written by a different config ({'; '.join(changed)}); use another --output"
        )
    return run


@contextmanager
def run_lock(run_dir: Path) -> Iterator[None]:
    """Hold `run_dir/.lock` (our pid) for the duration; a live holder is an error, a dead one's lock is stale."""
    run_dir.mkdir(parents=True, exist_ok=True)
    lock = run_dir / ".lock"
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                pid_text, _, host = lock.read_text().strip().partition("@")
                pid = int(pid_text or 0)
            except (OSError, ValueError):
                pid, host = 0, ""
            if host and host != socket.gethostname():  # another node of a shared file system: cannot check
                raise CftevalError(
                    f"{run_dir} is in use by pid {pid} on host {host}; if that run is gone, remove {lock}"
                ) from None
            if pid and _alive(pid):
                raise CftevalError(f"{run_dir} is in use by another cfteval process (pid {pid})") from None
            log.warning("removing a stale lock in %s left by pid %s", run_dir, pid or "?")
            lock.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w") as f:
            f.write(f"{os.getpid()}@{socket.gethostname()}")
        for stale in run_dir.rglob(".*.tmp"):  # a write_atomic cut by a crash; the lock says no one else writes
            stale.unlink(missing_ok=True)
        break
    else:
        raise CftevalError(f"cannot lock {run_dir}")
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _truncate(path: Path, size: int) -> None:
    with open(path, "r+b") as f:
        f.truncate(size)
        f.flush()
        os.fsync(f.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
