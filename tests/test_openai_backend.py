"""The openai backend against a scripted server on loopback: retries (Retry-After and backoff), bounded
concurrency, failures that stop the run (never scored), resume, the chat API; and against the tiny model served
by cfteval's hf backend: stop strings and several samples of one prompt."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from cfteval.backends import Request, SamplingParams, ServerOptions, cut_at_stop
from cfteval.backends.openai import OpenAIBackend
from tests.conftest import run_cli
from tests.fake_openai import FakeServer
from tests.hf_openai_server import HFServer


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


def _retry_gaps(script: list, backoff: float) -> list[float]:
    """Seconds between the arrivals of one request's tries at a server that fails it as `script` says."""
    with FakeServer(script) as server:
        backend = OpenAIBackend("served-model", ServerOptions(base_url=server.url, concurrency=1), backoff=backoff)
        (done,) = backend.generate([Request("What is 6 * 7?", 0)], SamplingParams(8))
    assert done.text == server.answer and len(server.arrivals) == len(script) + 1
    return [b - a for a, b in zip(server.arrivals, server.arrivals[1:])]


def test_retry_after_sets_the_wait_before_the_retry():
    (gap,) = _retry_gaps([(429, 1.5)], backoff=0.2)  # the backend's own backoff would wait 0.1-0.3 s
    assert 1.5 <= gap < 2.0


def test_without_retry_after_the_wait_is_the_backoff_doubling_per_try():
    gaps = _retry_gaps([(503, None)] * 3, backoff=0.25)
    # retry k waits backoff * 2**k * a jitter in [0.5, 1.5): 0.125-0.375 s, 0.25-0.75 s, 0.5-1.5 s (the third
    # wait is longer than any first one could be, whatever the jitter)
    for k, gap in enumerate(gaps):
        assert 0.25 * 2**k * 0.5 <= gap < 0.25 * 2**k * 1.5 + 0.3


def test_a_stop_string_in_the_reply_means_finish_stop():
    # a server that ignores `stop` runs on to max_tokens; the text the backend cuts at the stop string ended there
    with FakeServer(answer="The answer is 42.<|im_end|> and then noise", finish_reason="length") as server:
        backend = OpenAIBackend("served-model", ServerOptions(base_url=server.url))
        (cut,) = backend.generate([Request("What is 6 * 7?", 0)], SamplingParams(8, stop=("<|im_end|>",)))
        (long,) = backend.generate([Request("What is 6 * 7?", 0)], SamplingParams(8, stop=("[END]",)))
    assert (cut.text, cut.finish_reason) == ("The answer is 42.", "stop")
    assert (long.text, long.finish_reason) == (server.answer, "length")


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


@pytest.fixture(scope="module")
def hf_server(tiny_model):
    with HFServer(str(tiny_model)) as server:
        yield server


@pytest.mark.parametrize("api", ["completions", "chat"])
def test_stop_strings_and_samples_against_a_served_model(hf_server, api):
    """Three samples of one prompt go as three requests (n=1, each its own seed); the server stops generating at
    the stop strings. The server is cfteval's hf backend, so this checks the wire format, not vLLM's behaviour."""
    backend = OpenAIBackend("tiny", ServerOptions(base_url=hf_server.url, api=api, concurrency=1))
    messages = ({"role": "user", "content": "What is 2 + 3?"},)
    requests = [Request("Question: What is 2 + 3?\nAnswer:", seed, messages) for seed in (11, 12, 13)]
    free = sorted(backend.generate(requests, SamplingParams(16, 1.0)), key=lambda c: c.index)
    assert [c.finish_reason for c in free] == ["length"] * 3 and len({c.text for c in free}) == 3
    stop = tuple(c.text[len(c.text) // 3 :][:3] for c in free)  # each sample holds one, a third of the way in
    params = SamplingParams(16, 1.0, stop=stop)
    cut = sorted(backend.generate(requests, params), key=lambda c: c.index)
    sent = hf_server.bodies[-3:]
    assert [(b["n"], b["seed"], b["stop"]) for b in sent] == [(1, seed, list(stop)) for seed in (11, 12, 13)]
    for c, f in zip(cut, free):
        assert c.text == cut_at_stop(f.text, stop)[0] != f.text and c.finish_reason == "stop"
        assert c.completion_tokens < f.completion_tokens  # the server stopped, not just the client's cut

    # the server itself honours n (choice k sampled with seed + k) and a single stop string
    path = "/chat/completions" if api == "chat" else "/completions"
    many = _post(hf_server.url + path, {**sent[0], "n": 3})["choices"]
    assert [c.get("index") for c in many] == [0, 1, 2] and {c["finish_reason"] for c in many} == {"stop"}
    assert [c["message"]["content"] if api == "chat" else c["text"] for c in many] == [c.text for c in cut]
    (one,) = _post(hf_server.url + path, {**sent[0], "stop": stop[0]})["choices"]
    assert (one["message"]["content"] if api == "chat" else one["text"]) == cut_at_stop(free[0].text, stop[:1])[0]


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())
