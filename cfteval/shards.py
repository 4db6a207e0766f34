"""Data-parallel runs without Ray: `--shard i/N` generates a disjoint slice of every task (docs with
doc_id % N == i) into RUN/shard-i-of-N/, a normal run dir; merging joins the slices' samples into RUN/samples/
and refuses duplicates, samples outside their slice, and shards generated with another config.

Launch N shards any way (one per GPU with CUDA_VISIBLE_DEVICES, SLURM array jobs, Ray tasks), then
`cfteval merge RUN` (`merge` then `scoring.score_run`; strict: every shard and sample must be there) or
`cfteval run` on the full set with --output RUN (generates whatever the shards did not).
"""

from __future__ import annotations

import re
from pathlib import Path

from cfteval.errors import CftevalError
from cfteval.results import SCHEMA_VERSION
from cfteval.runio import check_generation, read_json, read_samples, run_lock, write_json_atomic, write_jsonl_atomic

_SHARD_DIR = re.compile(r"^shard-(\d+)-of-(\d+)$")


def parse_shard(text: str) -> tuple[int, int]:
    """'i/N' with 0 <= i < N."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not match or not int(match.group(1)) < int(match.group(2)):
        raise CftevalError(f"--shard must be i/N with 0 <= i < N, e.g. 0/4 (got '{text}')")
    return int(match.group(1)), int(match.group(2))


def shard_dir(run_dir: Path, shard: tuple[int, int]) -> Path:
    return run_dir / f"shard-{shard[0]}-of-{shard[1]}"


def find_shards(run_dir: Path) -> dict[tuple[int, int], Path]:
    found = {}
    if run_dir.is_dir():
        for path in sorted(run_dir.iterdir()):
            match = _SHARD_DIR.match(path.name)
            if match and (path / "run.json").is_file():
                found[(int(match.group(1)), int(match.group(2)))] = path
    totals = {n for _, n in found}
    if len(totals) > 1:
        raise CftevalError(f"{run_dir} holds shards of different splits ({sorted(totals)}); keep one")
    return found


def shard_run_config(path: Path) -> dict:
    found = read_json(path / "run.json")
    if not isinstance(found, dict) or not isinstance(found.get("generation"), dict):
        raise CftevalError(f"{path / 'run.json'} is not a cfteval run config")
    return found


def merge_samples(run_dir: Path, tasks: list[str], generation: dict) -> dict | None:
    """Join the shards' samples into run_dir/samples/ (the caller holds run_dir's lock). Returns the backend
    facts of the first shard, or None when there are no shards."""
    shards = find_shards(run_dir)
    if not shards:
        return None
    configs = {key: shard_run_config(path) for key, path in shards.items()}
    _refuse_other_generation(shards, configs, generation)
    for task in tasks:
        merged = read_samples(run_dir, task)
        for key, path in shards.items():
            with run_lock(path):  # a shard still running holds its lock: refuse rather than read a moving file
                for unit, line in read_samples(path, task).items():
                    if unit[0] % key[1] != key[0]:
                        raise CftevalError(
                            f"{path}: task {task} has doc {unit[0]}, which is not in shard {key[0]}/{key[1]}"
                        )
                    if unit in merged and merged[unit]["completion"] != line["completion"]:
                        raise CftevalError(
                            f"{path}: task {task} doc {unit[0]} sample {unit[1]} differs from the same sample "
                            "already merged"
                        )
                    merged.setdefault(unit, line)
        if merged:
            write_jsonl_atomic(run_dir / "samples" / f"{task}.jsonl", [merged[u] for u in sorted(merged)])
    return configs[min(configs)].get("backend", {})


def _refuse_other_generation(shards: dict, configs: dict, generation: dict) -> None:
    for key, config in configs.items():
        changed = [k for k, v in generation.items() if config["generation"].get(k) != v]
        if changed:
            raise CftevalError(
                f"{shards[key]} was generated with another {changed[0]} "
                f"({config['generation'].get(changed[0])!r}, not {generation[changed[0]]!r})"
            )


def merge(run_dir: Path) -> None:
    """Join the shard-i-of-N run dirs under `run_dir` into `run_dir`: their samples, and a run.json whose scoring
    part covers all docs, ready for `scoring.score_run(run_dir)`. Every shard must exist and have finished
    generating, all with one generation config and one set of task specs."""
    if not find_shards(run_dir):
        raise CftevalError(f"{run_dir} has no shard-i-of-N run dirs to merge")
    with run_lock(run_dir):
        shards = find_shards(run_dir)
        total = next(iter(shards))[1]
        missing = [i for i in range(total) if (i, total) not in shards]
        if missing:
            where = shard_dir(run_dir, (missing[0], total))
            raise CftevalError(f"{run_dir}: shard {missing[0]} of {total} is missing ({where})")
        configs = {key: shard_run_config(path) for key, path in shards.items()}
        first = configs[min(configs)]
        check_generation(run_dir, first["generation"])
        unfinished = [shards[k] for k, c in configs.items() if not isinstance(c.get("tasks"), dict)]
        if unfinished:
            raise CftevalError(f"{unfinished[0]} did not finish generating; rerun its command")
        _refuse_other_generation(shards, configs, first["generation"])
        for key, config in configs.items():
            if _identity(config["tasks"]) != _identity(first["tasks"]):
                raise CftevalError(f"{shards[key]} was run on other tasks, data or prompts than {shards[min(shards)]}")
        specs = {name: {**spec, "docs": {**spec["docs"], "shard": None}} for name, spec in first["tasks"].items()}
        merge_samples(run_dir, list(specs), first["generation"])
        write_json_atomic(
            run_dir / "run.json",
            {
                "schema_version": SCHEMA_VERSION,
                "generation": first["generation"],
                "backend": first.get("backend", {}),
                "config": {**first["config"], "shard": None},
                "tasks": specs,
            },
        )


def _identity(specs: dict) -> dict:
    """What must be equal across shards: the task specs without their slice and without where each shard found
    the data (node-local copies differ in path, not in sha256)."""
    return {
        name: {
            **spec,
            "docs": {k: v for k, v in spec["docs"].items() if k not in ("shard", "path")},
            "dataset": {k: v for k, v in spec["dataset"].items() if k != "source"},
        }
        for name, spec in specs.items()
    }
