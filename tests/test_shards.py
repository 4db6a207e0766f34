"""Data parallelism by shards: N disjoint slices merge into exactly the run an unsharded command writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

COMMON = ("--model", "cfteval:tiny", "--tasks", "gsm8k,math500", "--limit", "7", "--max-new-tokens", "16",
          "--no-progress")  # fmt: skip


def _run(data_dir: Path, out: Path, *extra: str):
    return run_cli("run", *COMMON, "--data-dir", str(data_dir), "--output", str(out), *extra)


def _samples(run_dir: Path, task: str) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "samples" / f"{task}.jsonl").read_text().splitlines()]


def test_three_shards_merge_into_the_unsharded_run(tiny_model, data_dir, tmp_path):
    sharded, full = tmp_path / "sharded", tmp_path / "full"
    for i in range(3):
        done = _run(data_dir, sharded, "--shard", f"{i}/3")
        assert done.returncode == 0, done.stderr
        docs = {line["doc_id"] for line in _samples(sharded / f"shard-{i}-of-3", "gsm8k")}
        assert docs == {d for d in range(7) if d % 3 == i}
    early = run_cli("merge", str(tmp_path / "nothing"))
    assert early.returncode == 2 and "no shard-i-of-N run dirs" in early.stderr
    merged = run_cli("merge", str(sharded))
    assert merged.returncode == 0, merged.stderr
    assert _run(data_dir, full).returncode == 0
    for task in ("gsm8k", "math500"):
        assert _samples(sharded, task) == _samples(full, task)  # greedy: the same text, one line per doc
    a, b = (json.loads((d / "results.json").read_text())["tasks"] for d in (sharded, full))
    assert {t: (r["n_samples"], r["accuracy"]) for t, r in a.items()} == {
        t: (r["n_samples"], r["accuracy"]) for t, r in b.items()
    }
    again = run_cli("merge", str(sharded))  # idempotent
    assert again.returncode == 0 and _samples(sharded, "gsm8k") == _samples(full, "gsm8k")


@pytest.mark.slow  # CI runs it in its slow step (.ci/run)
def test_missing_shard_is_refused_by_merge_and_generated_by_run(tiny_model, data_dir, tmp_path):
    out = tmp_path / "run"
    for i in (0, 2):
        assert _run(data_dir, out, "--shard", f"{i}/3").returncode == 0
    refused = run_cli("merge", str(out))
    assert refused.returncode == 2 and "shard 1 of 3 is missing" in refused.stderr
    completed = _run(data_dir, out)  # the full run merges what is there and generates the rest
    assert completed.returncode == 0, completed.stderr
    assert sorted((s["doc_id"], s["sample"]) for s in _samples(out, "gsm8k")) == [(d, 0) for d in range(7)]


@pytest.mark.slow  # CI runs it in its slow step (.ci/run)
def test_foreign_or_mismatched_shards_are_refused(tiny_model, data_dir, tmp_path):
    out = tmp_path / "run"
    assert _run(data_dir, out, "--shard", "0/2").returncode == 0
    assert run_cli("run", *COMMON[:-3], "--max-new-tokens", "8", "--no-progress", "--data-dir", str(data_dir),
                   "--output", str(out), "--shard", "1/2").returncode == 0  # fmt: skip
    mismatch = run_cli("merge", str(out))
    assert mismatch.returncode == 2 and "was generated with another max_new_tokens" in mismatch.stderr

    out = tmp_path / "foreign"
    assert _run(data_dir, out, "--shard", "0/2").returncode == 0
    assert _run(data_dir, out, "--shard", "1/2").returncode == 0
    path = out / "shard-0-of-2" / "samples" / "gsm8k.jsonl"
    lines = path.read_text().splitlines()
    lines.append(json.dumps({**json.loads(lines[0]), "doc_id": 1}))  # doc 1 belongs to shard 1
    path.write_text("\n".join(lines) + "\n")
    foreign = run_cli("merge", str(out))
    assert foreign.returncode == 2 and "doc 1, which is not in shard 0/2" in foreign.stderr


def test_bad_shard_spec_is_one_line(tiny_model, data_dir, tmp_path):
    for spec in ("3/3", "a/b", "1"):
        done = _run(data_dir, tmp_path, "--shard", spec)
        assert done.returncode == 2 and "--shard must be i/N" in done.stderr


def test_shards_may_read_the_same_data_from_other_folders_but_not_other_docs(tiny_model, data_dir, tmp_path):
    """Shards on other nodes find the data at other paths (a node-local copy): the sha256 says it is the same
    data, so merge joins them. Shards run on other docs (another --limit) are refused before anything is
    written into the merged run dir."""
    copy = tmp_path / "node-local"
    copy.symlink_to(data_dir, target_is_directory=True)
    out = tmp_path / "run"
    assert _run(data_dir, out, "--shard", "0/2").returncode == 0
    assert _run(copy, out, "--shard", "1/2").returncode == 0
    merged = run_cli("merge", str(out))
    assert merged.returncode == 0, merged.stderr
    assert sorted(line["doc_id"] for line in _samples(out, "gsm8k")) == list(range(7))

    other = tmp_path / "other"
    assert _run(data_dir, other, "--shard", "0/2").returncode == 0
    limited = [*COMMON[:5], "5", *COMMON[6:]]  # --limit 5 instead of 7
    assert (
        run_cli("run", *limited, "--data-dir", str(data_dir), "--output", str(other), "--shard", "1/2").returncode == 0
    )
    refused = run_cli("merge", str(other))
    assert refused.returncode == 2 and "was run on other tasks, data or prompts" in refused.stderr
    assert not (other / "samples").exists() and not (other / "run.json").exists()
