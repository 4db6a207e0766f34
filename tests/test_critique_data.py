"""The critique data pipeline end to end on CPU: a tiny-model run and a served run -> `data candidates` ->
`data critique` (fixed-response teacher servers for exact assertions, and the tiny model served on loopback) ->
`data verify` (keep/drop/flag, disagreement per task) -> `cfteval train` on the result -> `cfteval run` of the new
checkpoint as a critic. Plus the error paths: malformed candidates, missing fields, an unreachable teacher, and a
resume after an interruption that does not duplicate rows."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

from cft_train.data import to_example
from cft_train.format import cft_user_turn
from cfteval.critiques.teacher import TEACHER_SYSTEM
from cfteval.grading.region import parse_conclusion
from cfteval.metrics import verdict_metrics
from tests.conftest import run_cli
from tests.fake_openai import FakeServer
from tests.hf_openai_server import HFServer

TEACHERS = {  # name -> fixed reply
    "always-right": "The steps check out.\nConclusion: right [END]",
    "markdown-wrong": "The arithmetic is off.\n\n**Conclusion:** Wrong [END]",
    "plain-wrong": "Conclusion: wrong [END]",
    "no-verdict": "I cannot tell whether this is correct.",
}
SERVED_ANSWER = "Each day she sells 9 eggs for $2.\nThe answer is \\boxed{18}."  # right on gsm8k doc 0 only


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _ok(done):
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def runs(tiny_model, data_dir, tmp_path_factory) -> dict[str, Path]:
    """Two finished runs on gsm8k and math500 (2 docs each): the tiny model, and a served 'model' that always
    answers 18 (so exactly one candidate, gsm8k doc 0, is right)."""
    root = tmp_path_factory.mktemp("runs")
    common = ("--tasks", "gsm8k,math500", "--limit", "2", "--data-dir", str(data_dir), "--no-progress")
    _ok(run_cli("run", "--model", str(tiny_model), "--max-new-tokens", "24", "--output", str(root / "tiny"), *common))
    with FakeServer(answer=SERVED_ANSWER) as server:
        _ok(run_cli("run", "--backend", "openai", "--model", "served", "--base-url", server.url,
                    "--output", str(root / "served"), *common))  # fmt: skip
    return {"tiny": root / "tiny", "served": root / "served", "root": root}


@pytest.fixture(scope="module")
def candidates(runs) -> Path:
    out = runs["root"] / "candidates.jsonl"
    done = _ok(run_cli("data", "candidates", str(runs["tiny"]), str(runs["served"]), "--out", str(out)))
    assert "wrote 8 candidates from 2 run(s)" in done.stdout and "1 right, 7 wrong" in done.stdout
    return out


def test_candidates_rows_filter_and_balance(runs, candidates, data_dir, tiny_model):
    rows = _rows(candidates)
    assert [r["candidate_id"] for r in rows] == [
        f"{run}/{task}/{doc}/0" for run in ("tiny", "served") for task in ("gsm8k", "math500") for doc in (0, 1)
    ]
    right = [r for r in rows if r["grader_correct"]]
    assert [r["candidate_id"] for r in right] == ["served/gsm8k/0/0"] and right[0]["gold"] == "18"
    assert right[0]["candidate"] == SERVED_ANSWER and right[0]["extracted"] == "18" and right[0]["model"] == "served"
    first = json.loads((data_dir / "gsm8k" / "test.jsonl").read_text().splitlines()[0])
    assert rows[0]["question"] == first["question"] and rows[0]["model"] == str(tiny_model)

    one = runs["root"] / "one.jsonl"
    both = (str(runs["tiny"]), str(runs["served"]))
    _ok(run_cli("data", "candidates", *both, "--problems", "gsm8k:0", "--out", str(one)))
    assert [r["candidate_id"] for r in _rows(one)] == ["tiny/gsm8k/0/0", "served/gsm8k/0/0"]
    balanced = runs["root"] / "balanced.jsonl"
    done = _ok(run_cli("data", "candidates", str(runs["tiny"]), str(runs["served"]), "--right-fraction", "0.5",
                       "--out", str(balanced)))  # fmt: skip
    kept = _rows(balanced)
    assert len(kept) == 2 and sum(r["grader_correct"] for r in kept) == 1 and "6 left out to balance" in done.stdout


def test_critique_and_verify_with_fixed_teachers(runs, candidates):
    out = runs["root"] / "critiques.jsonl"
    servers = {name: FakeServer(answer=reply) for name, reply in TEACHERS.items()}
    for server in servers.values():
        server.__enter__()
    try:
        args = [a for name, s in servers.items() for a in ("--teacher", f"{name}@{s.url}")]
        done = _ok(run_cli("data", "critique", str(candidates), *args, "--out", str(out), "--no-progress"))
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)
    rows = _rows(out)
    assert len(rows) == 32 and {r["teacher"] for r in rows} == set(TEACHERS)
    assert len({(r["candidate_id"], r["teacher"]) for r in rows}) == 32
    cands = {c["candidate_id"]: c for c in _rows(candidates)}
    for row in rows:
        c = cands[row["candidate_id"]]
        assert row["critique"] == TEACHERS[row["teacher"]]
        assert (row["question"], row["candidate"], row["gold"], row["grader_correct"], row["task"], row["doc_id"]) == (
            c["question"], c["candidate"], c["gold"], c["grader_correct"], c["task"], c["doc_id"])  # fmt: skip
        assert row["conclusion"] == {"always-right": "right", "no-verdict": None}.get(row["teacher"], "wrong")
    body = servers["always-right"].bodies[0]
    assert body["_path"] == "/v1/chat/completions" and body["model"] == "always-right"
    assert body["temperature"] == 0.3 and body["top_p"] == 0.95 and isinstance(body["seed"], int)
    c = cands["tiny/gsm8k/0/0"]
    sent = {b["messages"][1]["content"] for b in servers["always-right"].bodies}
    assert f"\nQuestion: {c['question']}\n\nSolution: {c['candidate']}\n" in sent
    assert body["messages"][0] == {"role": "system", "content": TEACHER_SYSTEM}
    # the report printed by `critique`: 24 judged critiques, 9 disagree with the grader (7 + 1 + 1)
    assert "| all " in done.stdout and "37.5%" in done.stdout

    # resume: a rerun with every critique present sends nothing and writes nothing
    with FakeServer(answer="unused") as server:
        again = _ok(run_cli("data", "critique", str(candidates), "--teacher", f"always-right@{server.url}",
                            "--out", str(out), "--no-progress"))  # fmt: skip
    assert server.bodies == [] and len(_rows(out)) == 32 and "0 new critique(s)" in again.stdout

    report = runs["root"] / "report.json"
    modes = {}
    for mode in ("keep", "drop", "flag"):
        path = runs["root"] / f"train_{mode}.jsonl"
        done = _ok(run_cli("data", "verify", str(out), "--out", str(path), "--verify", mode, "--report", str(report)))
        modes[mode] = _rows(path)
        assert f"wrote {len(modes[mode])} of 32 critiques" in done.stdout
    assert len(modes["keep"]) == 32 and "flags" not in modes["keep"][0]
    assert len(modes["flag"]) == 32 and len(modes["drop"]) == 14
    assert {r["teacher"] for r in modes["drop"]} == {"markdown-wrong", "plain-wrong"}
    assert all(not r["grader_correct"] and r["verdict_agrees"] and r["majority"] == "wrong" for r in modes["drop"])
    flags = {(r["candidate_id"], r["teacher"]): r["flags"] for r in modes["flag"]}
    assert flags[("served/gsm8k/0/0", "always-right")] == ["contradicts_majority"]
    assert flags[("served/gsm8k/0/0", "plain-wrong")] == ["contradicts_grader"]
    assert flags[("tiny/math500/1/0", "always-right")] == ["contradicts_grader", "contradicts_majority"]
    assert flags[("tiny/math500/1/0", "no-verdict")] == ["no_conclusion"]
    stats = json.loads(report.read_text())
    assert stats["total"] == {"critiques": 32, "no_conclusion": 8, "judged": 24, "disagree": 9,
                              "contradict_majority": 8, "consistent": 14, "disagreement_rate": 9 / 24}  # fmt: skip
    assert stats["tasks"]["gsm8k"]["disagreement_rate"] == 5 / 12  # always-right 3, the wrong-sayers 1 each
    assert stats["tasks"]["math500"]["disagreement_rate"] == 4 / 12
    assert stats["teachers"]["always-right"]["disagree"] == 7 and stats["teachers"]["no-verdict"]["judged"] == 0

    # both training formats give cft_train the same user turn
    drop_plain = runs["root"] / "train_plain.jsonl"
    _ok(run_cli("data", "verify", str(out), "--out", str(drop_plain), "--format", "plain"))
    for web, plain in zip(modes["drop"], _rows(drop_plain)):
        a, b = to_example(web, "cft", None, "web"), to_example(plain, "cft", None, "plain")
        assert a.messages == b.messages and a.target == b.target == plain["critique"]
        assert a.messages[-1]["content"] == cft_user_turn(plain["question"], plain["candidate"])


def test_full_loop_served_tiny_teacher_train_and_critic_run(runs, candidates, tiny_model, tmp_path):
    out = tmp_path / "critiques.jsonl"
    with HFServer(str(tiny_model)) as server:  # the tiny model behind an OpenAI-compatible server
        done = _ok(run_cli("data", "critique", str(candidates), "--teacher", server.url, "--out", str(out),
                           "--max-new-tokens", "24", "--concurrency", "2", "--no-progress"))  # fmt: skip
    rows = _rows(out)
    assert len(rows) == 8 == server.requests and {r["teacher"] for r in rows} == {"tiny"}
    assert all(r["critique"] and r["finish_reason"] in ("stop", "length") for r in rows)
    assert "| all " in done.stdout
    local = _ok(run_cli("data", "critique", str(candidates), "--teacher", str(tiny_model), "--teacher-backend", "hf",
                        "--limit", "2", "--max-new-tokens", "8", "--out", str(out), "--no-progress"))  # fmt: skip
    assert "2 new critique(s), 10 in" in local.stdout
    assert {r["teacher"] for r in _rows(out)} == {"tiny", str(tiny_model)}

    train_file = tmp_path / "train.jsonl"
    _ok(run_cli("data", "verify", str(out), "--out", str(train_file), "--verify", "keep"))
    ckpt = tmp_path / "cft"
    trained = _ok(run_cli("train", "--config", "configs/tiny_cft.yaml", f"data.source={train_file}",
                          "data.cutoff_len=2048", "train.max_steps=2", "train.save_steps=2",
                          "train.global_batch_size=2", "train.per_device_batch_size=2",
                          f"train.output_dir={ckpt}"))  # fmt: skip
    assert "trained 2 steps on 10 rows" in trained.stdout

    critic_dir = tmp_path / "critic"
    args = ("run", "--model", str(ckpt / "checkpoint-2"), "--prompt", "cft-critique", "--candidates",
            str(candidates), "--tasks", "gsm8k,math500", "--max-new-tokens", "16", "--output", str(critic_dir),
            "--no-progress")  # fmt: skip
    first = _ok(run_cli(*args))
    assert "critic task" in first.stdout and "precision (wrong)" in first.stdout
    results = json.loads((critic_dir / "results.json").read_text())
    assert list(results["tasks"]) == ["critic_gsm8k", "critic_math500"]
    assert results["config"]["candidates"] == str(candidates) and results["config"]["prompt"] == "cft-critique"
    for name, task in results["tasks"].items():
        scored = _rows(critic_dir / "scored" / f"{name}.jsonl")
        assert len(scored) == 4 and all(r["gold"] in ("right", "wrong") for r in scored)
        assert task["critic"] == verdict_metrics(scored) and task["accuracy"] == task["critic"]["accuracy"]
    assert results["tasks"]["critic_gsm8k"]["critic"]["wrong_candidates"] == 3
    samples = (critic_dir / "samples" / "critic_gsm8k.jsonl").read_text()
    _ok(run_cli(*args))  # resumes: nothing regenerated, the same results
    assert (critic_dir / "samples" / "critic_gsm8k.jsonl").read_text() == samples
    assert json.loads((critic_dir / "results.json").read_text())["tasks"] == results["tasks"]
    (critic_dir / "scored" / "critic_gsm8k.jsonl").unlink()
    regrade = run_cli("grade", str(critic_dir))  # offline, from run.json: the verdict rule is recorded there
    assert regrade.returncode == 0, regrade.stderr
    assert json.loads((critic_dir / "results.json").read_text())["tasks"] == results["tasks"]
    assert "precision (wrong)" in regrade.stdout


def test_interrupted_critique_resumes_without_duplicates(candidates, tmp_path):
    out = tmp_path / "critiques.jsonl"
    with FakeServer(["ok", "ok", 400], answer=TEACHERS["plain-wrong"]) as server:
        failed = run_cli("data", "critique", str(candidates), "--teacher", f"t@{server.url}", "--out", str(out),
                         "--concurrency", "1", "--no-progress")  # fmt: skip
    assert failed.returncode == 2 and len(failed.stderr.strip().splitlines()) == 1
    assert "HTTP 400" in failed.stderr and "rerun the same command to resume" in failed.stderr
    assert len(_rows(out)) == 2  # what came back before the failure is kept
    with open(out, "a") as f:
        f.write('{"question": "torn')  # a crash mid-append
    with FakeServer(answer=TEACHERS["plain-wrong"]) as server:
        _ok(run_cli("data", "critique", str(candidates), "--teacher", f"t@{server.url}", "--out", str(out),
                    "--no-progress"))  # fmt: skip
    rows = _rows(out)
    assert len(server.bodies) == 6 and len(rows) == 8 and len({r["candidate_id"] for r in rows}) == 8


def test_bad_inputs_are_one_line_errors(candidates, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    dead = run_cli("data", "critique", str(candidates), "--teacher", f"http://127.0.0.1:{port}/v1", "--out",
                   str(tmp_path / "x.jsonl"))  # fmt: skip
    assert dead.returncode == 2 and "is unreachable" in dead.stderr and len(dead.stderr.strip().splitlines()) == 1
    assert time.monotonic() - start < 30 and not (tmp_path / "x.jsonl").exists()

    malformed = tmp_path / "malformed.jsonl"
    malformed.write_text('{"question": "q", "candidate": "c"}\nnot json\n')
    missing = tmp_path / "missing.jsonl"
    missing.write_text('{"question": "What is 1+1?", "grader_correct": true}\n')
    verdict = tmp_path / "verdict.jsonl"
    verdict.write_text('{"question": "q", "candidate": "c", "grader_correct": "yes"}\n')
    dead_teacher = ("--teacher", "x@http://127.0.0.1:1/v1", "--out", "o")
    critic = ("run", "--model", "org/m", "--prompt", "cft-critique")
    cases = [
        (("data", "critique", str(malformed), *dead_teacher), "malformed.jsonl:2: malformed JSON"),
        (("data", "critique", str(missing), *dead_teacher), "missing.jsonl:1: candidate row needs a non-empty "
                                                            "string field 'candidate'"),
        (("data", "critique", str(verdict), *dead_teacher), "'grader_correct' must be true, false or null"),
        (("data", "critique", str(tmp_path / "absent.jsonl"), *dead_teacher), "candidates file does not exist"),
        (("data", "critique", str(candidates), "--teacher", str(tmp_path / "nomodel"), "--out", "o"),
         "model path does not exist"),
        (("data", "candidates", str(tmp_path), "--out", "o"), "has no results.json"),
        (("data", "candidates", str(tmp_path), "--problems", "gsm8k:x", "--out", "o"), "--problems: 'gsm8k:x'"),
        (("data", "verify", str(candidates), "--out", str(tmp_path / "v.jsonl")), "row lacks critique, teacher"),
        ((*critic, "--tasks", "gsm8k"), "--prompt cft-critique and --candidates FILE go together"),
        ((*critic, "--tasks", "aime24", "--candidates", str(candidates)), "has no judged candidates of task aime24"),
    ]  # fmt: skip
    for args, message in cases:
        done = run_cli(*args)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_conclusion_parsing_and_verdict_metrics():
    assert parse_conclusion("ok.\nConclusion: right [END]") == "right"
    assert parse_conclusion("**Conclusion:** Wrong [END]") == "wrong"
    assert parse_conclusion("Conclusion: \\text{incorrect}") == "wrong"
    assert parse_conclusion("Conclusion: The student's solution is correct.") == "right"
    assert parse_conclusion("conclusion: right... no. Conclusion: wrong [END]") == "wrong"
    assert parse_conclusion("Conclusion: not right") is None and parse_conclusion("The answer is right.") is None
    scored = [
        {"gold": "wrong", "extracted": "wrong", "correct": True},
        {"gold": "wrong", "extracted": "right", "correct": False},
        {"gold": "right", "extracted": "wrong", "correct": False},
        {"gold": "right", "extracted": None, "correct": False},
    ]
    assert verdict_metrics(scored) == {"candidates": 4, "right_candidates": 2, "wrong_candidates": 2,
                                      "no_conclusion": 1, "accuracy": 0.25, "precision_wrong": 0.5,
                                      "recall_wrong": 0.5}  # fmt: skip


def test_one_shot_config_reads_the_verified_file_its_commands_write():
    from cft_train.config import load_config
    from tests.conftest import REPO

    path = REPO / "configs" / "one_shot_cft.yaml"
    config = load_config(str(path), [])
    text = path.read_text()
    assert f"--verify drop --out {config.data.source}" in text and config.data.mode == "cft"
    assert "--problems math500:0" in text and text.count("--teacher ") >= 3
    assert config.gradient_accumulation(8) * 8 * config.train.per_device_batch_size == config.train.global_batch_size
