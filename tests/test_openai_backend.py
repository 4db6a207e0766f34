"""The openai backend against a scripted server on loopback: retries, bounded concurrency, failures that stop
the run (never scored), resume, and the chat API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.fake_openai import FakeServer


def _run(server: FakeServer, data_dir: Path, out: Path, *extra: str):
    return run_cli("run", "--backend", "openai", "--model", "served-model", "--base-url", server.url,
                   "--tasks", "gsm8k", "--limit", "6", "--data-dir", str(data_dir), "--output", str(out),
                   "--no-progress", *extra)  # fmt: skip


def _samples(out: Path) -> list[dict]:
    path = out / "samples" / "gsm8k.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_retries_on_429_and_5xx_then_scores(data_dir, tmp_path):
    with FakeServer([503, 429, 502]) as server:
        done = _run(server, data_dir, tmp_path, "--concurrency", "2")
    assert done.returncode == 0, done.stderr
    assert len(server.bodies) == 6 + 3 and server.max_in_flight <= 2
    assert [s["completion"] for s in _samples(tmp_path)] == ["The answer is \\boxed{42}."] * 6
    first = server.bodies[-1]
    assert first["model"] == "served-model" and first["_path"] == "/v1/completions" and first["temperature"] == 0.0
    assert first["prompt"].startswith("<|im_start|>system") and "<|im_end|>" in first["stop"]
    result = json.loads((tmp_path / "results.json").read_text())
    assert result["tasks"]["gsm8k"]["n_samples"] == 6 and result["backend"] == {
        "api": "completions",
        "server_model": "served-model",
    }


def test_a_request_that_keeps_failing_stops_the_run_and_a_rerun_resumes(data_dir, tmp_path):
    with FakeServer(["ok"] * 2 + [500] * 3) as server:
        done = _run(server, data_dir, tmp_path, "--concurrency", "1", "--batch-size", "1", "--max-retries", "2")
    assert done.returncode == 2
    assert "HTTP 500: " in done.stderr and "after 3 tries" in done.stderr and len(done.stderr.splitlines()) == 1
    assert len(_samples(tmp_path)) == 2 and not (tmp_path / "results.json").exists()  # nothing scored wrong
    with FakeServer() as server:
        resumed = _run(server, data_dir, tmp_path, "--concurrency", "1", "--batch-size", "1", "--max-retries", "2")
    assert resumed.returncode == 0, resumed.stderr
    assert len(server.bodies) == 4 and sorted(s["doc_id"] for s in _samples(tmp_path)) == list(range(6))


def test_client_errors_are_not_retried_and_timeouts_are(data_dir, tmp_path):
    with FakeServer([400]) as server:
        done = _run(server, data_dir, tmp_path / "a", "--concurrency", "1")
    assert done.returncode == 2 and "HTTP 400: " in done.stderr and "tries" not in done.stderr
    prompts = [b["prompt"] for b in server.bodies]
    assert len(prompts) == len(set(prompts))  # the failed request was not sent again
    with FakeServer(["hang", "hang"]) as server:
        done = _run(server, data_dir, tmp_path / "b", "--concurrency", "1", "--request-timeout", "1",
                    "--max-retries", "1")  # fmt: skip
    assert done.returncode == 2 and "after 2 tries" in done.stderr
    assert "timed out" in done.stderr.lower() or "timeout" in done.stderr.lower()


def test_chat_api_sends_the_system_and_user_turns(data_dir, tmp_path):
    with FakeServer(answer="So it is \\boxed{7}.") as server:
        done = _run(server, data_dir, tmp_path, "--api", "chat", "--prompt", "chat", "--temperature", "0.5",
                    "--n", "2")  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = server.bodies[0]
    assert body["_path"] == "/v1/chat/completions" and [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["temperature"] == 0.5 and isinstance(body["seed"], int)
    assert len({b["seed"] for b in server.bodies}) == 12  # each sample its own seed
    refused = _run(server, data_dir, tmp_path / "x", "--api", "chat")
    assert refused.returncode == 2 and "use --prompt chat" in refused.stderr


def test_missing_base_url_is_one_line(data_dir, tmp_path):
    done = run_cli("run", "--backend", "openai", "--model", "m", "--tasks", "gsm8k", "--limit", "1",
                   "--data-dir", str(data_dir), "--output", str(tmp_path))  # fmt: skip
    assert done.returncode == 2 and "--base-url" in done.stderr


def test_auto_backend_is_hf_without_vllm(tiny_model, data_dir, tmp_path):
    import importlib.util

    if importlib.util.find_spec("vllm") is not None:
        pytest.skip("this environment has vLLM: tests/test_vllm_backend.py covers auto there")
    done = run_cli("run", "--model", "cfteval:tiny", "--tasks", "gsm8k", "--limit", "1", "--max-new-tokens", "4",
                   "--data-dir", str(data_dir), "--output", str(tmp_path), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "run.json").read_text())["generation"]["backend"] == "hf"
