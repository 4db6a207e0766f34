"""Crash safety: SIGKILL a real `cfteval run` halfway through generation, rerun it, and get exactly one line
per (doc, sample) and the same samples and results as an uninterrupted run."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time

from conftest import REPO, run_cli

from cfteval import evaluate


def _args(model, data_dir, out):
    return [
        "run",
        "--model",
        str(model),
        "--tasks",
        "cft_math",
        "--limit",
        "5",
        "--data-dir",
        str(data_dir),
        "--output",
        str(out),
        "--max-new-tokens",
        "48",
        "--batch-size",
        "2",
        "--no-progress",
    ]


def _samples(out) -> dict[str, list[dict]]:
    found = {}
    for path in sorted((out / "samples").glob("*.jsonl")):
        lines = [json.loads(x) for x in path.read_text().splitlines()]
        keys = [(x["doc_id"], x["sample"]) for x in lines]
        assert len(keys) == len(set(keys)), f"duplicate samples in {path.name}"
        found[path.stem] = sorted(lines, key=lambda x: (x["doc_id"], x["sample"]))
    return found


def _count_lines(out) -> int:
    return (
        sum(p.read_bytes().count(b"\n") for p in (out / "samples").glob("*.jsonl")) if (out / "samples").exists() else 0
    )


def test_sigkill_halfway_then_rerun_matches_uninterrupted_run(tiny_model, data_dir, tmp_path):
    reference = tmp_path / "reference"
    assert run_cli(*_args(tiny_model, data_dir, reference)).returncode == 0
    expected_samples = _samples(reference)
    expected = json.loads((reference / "results.json").read_text())
    total = sum(len(v) for v in expected_samples.values())
    assert total == 30

    killed = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cfteval.cli", *_args(tiny_model, data_dir, killed)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    deadline = time.monotonic() + 300
    while _count_lines(killed) < total // 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the run exited by itself before the kill landed"
    partial = _count_lines(killed)
    assert 0 < partial < total and not (killed / "results.json").exists()

    rerun = run_cli(*_args(tiny_model, data_dir, killed))
    assert rerun.returncode == 0, rerun.stderr
    assert _samples(killed) == expected_samples
    got = json.loads((killed / "results.json").read_text())
    assert got["tasks"] == expected["tasks"] and got["groups"] == expected["groups"]


def test_torn_line_from_a_crash_is_repaired_on_resume(tiny_model, data_dir, tmp_path, caplog):
    out = tmp_path / "o"
    options = dict(limit=4, data_dir=str(data_dir), output=str(out), max_new_tokens=12, batch_size=2, progress=False)
    first = evaluate(str(tiny_model), "gsm8k", **options)
    path = out / "samples" / "gsm8k.jsonl"
    lines = path.read_text().splitlines(keepends=True)
    # Simulate a crash mid-append: drop the last two samples and leave half of one written.
    path.write_text("".join(lines[:2]) + lines[2][: len(lines[2]) // 2])
    with caplog.at_level("WARNING", logger="cfteval"):
        logging.getLogger("cfteval").addHandler(caplog.handler)
        second = evaluate(str(tiny_model), "gsm8k", **options)
        logging.getLogger("cfteval").removeHandler(caplog.handler)
    assert "dropped a torn last line" in caplog.text and "gsm8k.jsonl" in caplog.text  # said so
    assert second["tasks"] == first["tasks"]
    assert sorted(path.read_text().splitlines()) == sorted(x.rstrip("\n") for x in lines)


def test_sampling_is_seeded_and_reproducible(tiny_model, data_dir, tmp_path):
    options = dict(limit=2, data_dir=str(data_dir), max_new_tokens=12, n=3, temperature=1.0, seed=7, progress=False)
    a = evaluate(str(tiny_model), "gsm8k", output=str(tmp_path / "a"), **options)
    b = evaluate(str(tiny_model), "gsm8k", output=str(tmp_path / "b"), **options)
    assert _samples(tmp_path / "a") == _samples(tmp_path / "b")
    assert a["tasks"]["gsm8k"]["n_samples"] == 6 and a["tasks"]["gsm8k"]["n_docs"] == 2
    texts = {x["completion"] for x in _samples(tmp_path / "a")["gsm8k"]}
    assert len(texts) > 1  # sampling at temperature 1 gives different samples per doc
    assert b["tasks"] == a["tasks"]
