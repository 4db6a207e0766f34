"""Real subprocess runs of `cfteval` against the offline tiny model and the real benchmark files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO, run_cli

from cfteval.errors import first_line
from cfteval.tasks import GROUPS

FAST = ("--max-new-tokens", "16", "--no-progress")


def _run_one_doc(model, data_dir, out):
    return run_cli(
        *f"run --tasks gsm8k --limit 1 --data-dir {data_dir} --output {out}".split(), "--model", str(model), *FAST
    )


def _error_line(proc) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.strip().splitlines() if line.startswith("cfteval: error:")]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_run_cft_math_writes_samples_and_results(tiny_model, data_dir, tmp_path):
    out = tmp_path / "out"
    args = ("run", "--model", str(tiny_model), "--tasks", "cft_math", "--limit", "3", "--data-dir", str(data_dir))
    proc = run_cli(*args, "--output", str(out), *FAST)
    assert proc.returncode == 0, proc.stderr
    results = json.loads((out / "results.json").read_text())
    assert list(results["tasks"]) == list(GROUPS["cft_math"])
    for name, r in results["tasks"].items():
        lines = [json.loads(x) for x in (out / "samples" / f"{name}.jsonl").read_text().splitlines()]
        assert sorted((x["doc_id"], x["sample"]) for x in lines) == [(0, 0), (1, 0), (2, 0)]
        assert all(x["completion_tokens"] <= 16 and x["finish_reason"] in ("stop", "length") for x in lines)
        scored = [json.loads(x) for x in (out / "scored" / f"{name}.jsonl").read_text().splitlines()]
        assert {"gold", "extracted", "correct", "status"} <= set(scored[0])
        assert r["n_docs"] == 3 and r["n_samples"] == 3
        assert r["truncated"] == sum(x["finish_reason"] == "length" for x in lines)
        assert r["dataset"]["sha256_matches_pin"] and len(r["prompt_hash"]) == 16
    assert set(results["groups"]["cft_math"]["tasks"]) == set(GROUPS["cft_math"])
    assert results["config"]["limit"] == 3 and results["versions"]["torch"]
    assert "| math " in proc.stdout and "cft_math (avg)" in proc.stdout

    before = {p.name: p.read_bytes() for p in (out / "samples").iterdir()}
    again = run_cli(*args, "--output", str(out), *FAST)
    assert again.returncode == 0, again.stderr
    assert {p.name: p.read_bytes() for p in (out / "samples").iterdir()} == before
    assert json.loads((out / "results.json").read_text())["tasks"] == results["tasks"]


def test_builtin_tiny_model_and_tasks_listing(data_dir, tmp_path):
    proc = run_cli(
        *"run --model cfteval:tiny --tasks gsm8k --limit 2".split(),
        "--data-dir",
        str(data_dir),
        "--output",
        str(tmp_path / "o"),
        *FAST,
    )
    assert proc.returncode == 0, proc.stderr
    listing = run_cli("tasks")
    assert listing.returncode == 0
    for name in ("math500", "gpqa_diamond", "carp_en", "cft_math"):
        assert name in listing.stdout


def _bad_data_dir(tmp_path, data_dir, lines: list[str] | None = None):
    bad = tmp_path / "data"
    (bad / "gsm8k").mkdir(parents=True)
    if lines is None:
        shutil.copy(data_dir / "gsm8k" / "test.jsonl", bad / "gsm8k" / "test.jsonl")
    else:
        (bad / "gsm8k" / "test.jsonl").write_text("\n".join(lines) + "\n")
    return bad


@pytest.mark.parametrize(
    "lines,extra,message",
    [
        (['{"question": "q", "answer": "#### 1"}'], (), "does not match the pinned"),
        (
            ['{"question": "q", "answer": "#### 1"}', "{oops"],
            ("--allow-data-mismatch",),
            "test.jsonl:2: malformed JSON",
        ),
        (['{"answer": "#### 1"}'], ("--allow-data-mismatch",), "test.jsonl:1: record has no question field"),
        (['{"question": "q"}'], ("--allow-data-mismatch",), "test.jsonl:1: record has no gold field 'answer'"),
        ([""], ("--allow-data-mismatch",), "no records"),
    ],
    ids=["sha-mismatch", "malformed-line", "missing-question", "missing-gold", "empty-file"],
)
def test_bad_data_files(tiny_model, data_dir, tmp_path, lines, extra, message):
    bad = _bad_data_dir(tmp_path, data_dir, lines)
    proc = run_cli(
        "run",
        "--model",
        str(tiny_model),
        "--tasks",
        "gsm8k",
        "--data-dir",
        str(bad),
        "--output",
        str(tmp_path / "o"),
        *extra,
        *FAST,
    )
    assert message in _error_line(proc)
    assert not (tmp_path / "o" / "samples").exists()


@pytest.mark.parametrize(
    "args,message",
    [
        (("--tasks", "math500,nope"), "unknown task 'nope'"),
        (("--tasks", "gsm8k", "--limit", "0"), "--limit must be at least 1"),
        (("--tasks", "gsm8k", "--n", "0"), "--n must be at least 1"),
        (("--tasks", "gsm8k", "--n", "4"), "--n > 1 needs --temperature > 0"),
        (("--tasks", "gsm8k", "--prompt", "nope"), "unknown prompt preset"),
        (("--tasks", "gsm8k", "--backend", "nope"), "unknown backend 'nope'"),
        (("--tasks", "gsm8k", "--dtype", "float8"), "unknown dtype 'float8'"),
        (("--tasks", "gsm8k", "--batch-size", "0"), "--batch-size must be at least 1"),
    ],
    ids=["unknown-task", "limit-0", "n-0", "n-greedy", "bad-preset", "bad-backend", "bad-dtype", "batch-0"],
)
def test_bad_options(tiny_model, data_dir, tmp_path, args, message):
    proc = run_cli(
        "run", "--model", str(tiny_model), "--data-dir", str(data_dir), "--output", str(tmp_path / "o"), *args, *FAST
    )
    assert message in _error_line(proc)


def test_bad_models(data_dir, tmp_path):
    proc = run_cli("run", "--model", str(tmp_path / "absent"), "--tasks", "gsm8k", "--data-dir", str(data_dir), *FAST)
    assert "model path does not exist" in _error_line(proc)
    vit = tmp_path / "vit"
    vit.mkdir()
    (vit / "config.json").write_text(json.dumps({"model_type": "vit", "hidden_size": 32}))
    proc = _run_one_doc(vit, data_dir, tmp_path / "o")
    assert "is not a causal LM" in _error_line(proc)
    assert not (tmp_path / "o" / "run.json").exists()  # a failed load leaves no config to trip the next run


def test_output_dir_of_a_different_config_is_refused_untouched(tiny_model, data_dir, tmp_path):
    out = tmp_path / "o"
    common = (
        "run",
        "--model",
        str(tiny_model),
        *"--tasks gsm8k --limit 2 --no-progress".split(),
        "--data-dir",
        str(data_dir),
        "--output",
        str(out),
    )
    assert run_cli(*common, "--max-new-tokens", "8").returncode == 0
    before = (out / "samples" / "gsm8k.jsonl").read_bytes()
    proc = run_cli(*common, "--max-new-tokens", "9")
    assert "written by a different config (max_new_tokens: 8 -> 9)" in _error_line(proc)
    assert (out / "samples" / "gsm8k.jsonl").read_bytes() == before


def test_review_crash_paths_give_one_line_errors(tiny_model, data_dir, tmp_path):
    base = ("run", "--model", str(tiny_model), "--tasks", "gsm8k", "--limit", "1", "--data-dir", str(data_dir), *FAST)
    (tmp_path / "afile").write_text("x")
    cases = [
        ((*base, "--output", str(tmp_path / "afile" / "run")), f"Not a directory: {tmp_path / 'afile' / 'run'}"),
        ((*base, "--output", str(tmp_path / "d1"), "--device", "nonsense"), "cannot use device"),
        ((*base, "--output", str(tmp_path / "d2"), "--gen_kwargs", "temperature=abc"), "is not a float"),
    ]
    for args, message in cases:
        assert message in _error_line(run_cli(*args))
    bad = tmp_path / "badrun"
    bad.mkdir()
    (bad / "run.json").write_text('{"generation": 5}')
    assert "is not a cfteval run config" in _error_line(run_cli(*base, "--output", str(bad)))
    assert "is not a cfteval run config" in _error_line(run_cli("grade", str(bad)))  # scoring reads run.json
    (bad / "results.json").write_text("[1, 2]")
    assert "is not a cfteval results file" in _error_line(run_cli("table", str(bad)))  # the report, results.json


@pytest.mark.slow  # CI runs it in its slow step (.ci/run)
def test_resume_with_another_batch_size_is_refused(tiny_model, data_dir, tmp_path):
    out = tmp_path / "o"
    base = (
        "run",
        "--model",
        str(tiny_model),
        "--tasks",
        "gsm8k",
        "--data-dir",
        str(data_dir),
        "--output",
        str(out),
        *FAST,
    )
    assert run_cli(*base, "--limit", "2", "--batch-size", "2").returncode == 0
    assert "batch_size: 2 -> 1" in _error_line(run_cli(*base, "--limit", "4", "--batch-size", "1"))
    assert run_cli(*base, "--limit", "4", "--batch-size", "2").returncode == 0  # the same settings resume


def test_checkpoint_without_tokenizer_files_is_refused(tiny_model, data_dir, tmp_path):
    bare = tmp_path / "bare"
    bare.mkdir()
    for name in ("config.json", "generation_config.json", "model.safetensors"):
        shutil.copy(tiny_model / name, bare / name)
    proc = _run_one_doc(bare, data_dir, tmp_path / "o")
    assert f"{bare} has no usable tokenizer (no tokenizer files next to the weights?)" in _error_line(proc)
    assert not (tmp_path / "o" / "run.json").exists()


def test_a_closed_pipe_exits_quietly():
    """`cfteval table | head -3`: the reader goes away; no "error: Broken pipe", exit 0."""
    proc = subprocess.Popen([sys.executable, "-m", "cfteval.cli", "table"], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    proc.stdout.close()  # before it writes: every write it makes meets a closed pipe
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and stderr == ""


def test_errors_with_an_empty_message_are_named_not_crashed():
    assert first_line(ValueError()) == "ValueError" and first_line(OSError("\n \n")) == "OSError"
    # every one-line error goes through first_line: `str(e).splitlines()[0]` raises IndexError on an empty message
    sources = [*(REPO / "cfteval").rglob("*.py"), *(REPO / "cft_train").rglob("*.py")]
    offenders = [str(p.relative_to(REPO)) for p in sources if ".splitlines()[0]" in p.read_text()]
    assert not offenders


def test_ctrl_c_exits_130_and_a_rerun_resumes(tiny_model, data_dir, tmp_path):
    out = tmp_path / "o"
    args = ["run", "--model", str(tiny_model), "--tasks", "gsm8k", "--limit", "6", "--batch-size", "1",
            "--max-new-tokens", "24", "--data-dir", str(data_dir), "--output", str(out), "--no-progress"]  # fmt: skip
    # its own session: Ctrl-C at a terminal reaches the whole foreground group, grading workers included
    proc = subprocess.Popen([sys.executable, "-m", "cfteval.cli", *args], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    samples = out / "samples" / "gsm8k.jsonl"
    deadline = time.monotonic() + 300
    while proc.poll() is None and not (samples.exists() and samples.read_bytes().count(b"\n") >= 2):
        assert time.monotonic() < deadline, "no sample written in 300 s"
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=120) == 130
    assert proc.stderr.read().strip().splitlines()[-1] == "cfteval: interrupted; rerun the same command to resume"
    written = samples.read_text().splitlines()
    assert 2 <= len(written) < 6 and not (out / "results.json").exists() and not (out / ".lock").exists()
    rerun = run_cli(*args)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert samples.read_text().splitlines()[: len(written)] == written  # kept, not regenerated
    assert json.loads((out / "results.json").read_text())["tasks"]["gsm8k"]["n_samples"] == 6


def test_a_lock_held_from_another_host_is_refused(tiny_model, data_dir, tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / ".lock").write_text("4242@node-17.cluster.example")
    proc = _run_one_doc(tiny_model, data_dir, out)
    line = _error_line(proc)
    assert f"{out} is in use by pid 4242 on host node-17.cluster.example; if that run is gone, remove" in line
    assert (out / ".lock").read_text() == "4242@node-17.cluster.example" and not (out / "samples").exists()
