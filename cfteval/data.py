"""Benchmark data resolution: a local folder of `<task>/test.jsonl` checked against the pinned sha256,
else the Hugging Face hub through `datasets` (for users with internet; tests never take this path)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from cfteval.errors import CftevalError, first_line
from cfteval.runio import read_jsonl
from cfteval.tasks import Doc, Task

log = logging.getLogger("cfteval")


@dataclass(frozen=True)
class DataInfo:
    """Where a task's records came from, recorded in results.json."""

    source: str  # a file path, or "hub:<dataset>@<revision>:<split>"
    sha256: str  # of the file bytes (local) or of the records as canonical JSONL (hub)
    records: int
    sha256_matches_pin: bool


def data_dir_from_env(data_dir: str | os.PathLike | None) -> Path | None:
    value = data_dir if data_dir is not None else os.environ.get("CFTEVAL_DATA_DIR")
    return Path(value).expanduser() if value else None


def load_docs(
    task: Task,
    data_dir: str | os.PathLike | None = None,
    limit: int | None = None,
    allow_data_mismatch: bool = False,
    env: bool = True,
) -> tuple[list[Doc], DataInfo]:
    """Load the first `limit` docs of `task` (all if None) and say where they came from. Without a data dir the
    folder is $CFTEVAL_DATA_DIR, else the hub; with `env=False` (a recorded source), the hub."""
    folder = data_dir_from_env(data_dir) if env else (Path(data_dir).expanduser() if data_dir else None)
    if folder is not None:
        records, info = _load_local(task, folder, allow_data_mismatch)
        where = info.source
    else:
        records, info = _load_hub(task)
        where = info.source
    selected = records if limit is None else records[:limit]
    docs = [task.make_doc(i, r, f"{where}:{i + 1}") for i, r in enumerate(selected)]
    return docs, info


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _load_local(task: Task, folder: Path, allow_mismatch: bool) -> tuple[list[dict], DataInfo]:
    if not folder.is_dir():
        raise CftevalError(f"data dir {folder} does not exist")
    path = folder / task.file
    if not path.is_file():
        raise CftevalError(f"missing data file for task '{task.name}': {path}")
    sha = sha256_file(path)
    matches = sha == task.sha256
    if not matches:
        if not allow_mismatch:
            raise CftevalError(
                f"{path}: sha256 {sha[:12]}... does not match the pinned {task.sha256[:12]}... for task "
                f"'{task.name}' (pass --allow-data-mismatch to use it anyway)"
            )
        log.warning("%s: sha256 differs from the pinned one; using it because --allow-data-mismatch", path)
    records = read_jsonl(path)
    if not records:
        raise CftevalError(f"{path}: no records")
    return records, DataInfo(str(path), sha, len(records), matches)


def _load_hub(task: Task) -> tuple[list[dict], DataInfo]:
    if task.hub is None:
        raise CftevalError(f"task '{task.name}' has no hub source; give --data-dir or set CFTEVAL_DATA_DIR")
    try:
        import datasets
    except ImportError:
        raise CftevalError(
            "no data dir given (--data-dir or CFTEVAL_DATA_DIR) and the hub fallback needs `datasets` "
            "(pip install 'cfteval[hub]')"
        ) from None
    hub = task.hub
    try:
        ds = datasets.load_dataset(hub.path, hub.name, split=hub.split, revision=hub.revision)
    except Exception as e:  # network, auth and missing-dataset errors all come from many types
        raise CftevalError(f"cannot load {hub.path} from the hub for task '{task.name}': {first_line(e)}") from None
    records = [dict(r) for r in ds]
    source = f"hub:{hub.path}@{hub.revision}:{hub.split}"
    return records, DataInfo(source, records_sha256(records), len(records), False)


def records_sha256(records: list[dict]) -> str:
    """sha256 of records as canonical JSONL: the fingerprint of data that did not come as a pinned file."""
    canonical = "".join(json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) + "\n" for r in records)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
