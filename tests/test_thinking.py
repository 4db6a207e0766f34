"""--think-end-token: task stops do not fire inside the thinking, and only the text after it is graded."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_answers_are_read_after_the_thinking_block(tiny_model, data_dir, tmp_path):
    done = run_cli("run", "--model", "cfteval:tiny", "--tasks", "gsm8k", "--limit", "3", "--max-new-tokens", "16",
                   "--prompt", "fewshot-cot", "--think-end-token", "</think>", "--data-dir", str(data_dir),
                   "--output", str(tmp_path), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "run.json").read_text())["generation"]["think_end_token"] == "</think>"
    result = json.loads((tmp_path / "results.json").read_text())["tasks"]["gsm8k"]
    assert "Q:" in result["stop"]  # recorded: applied to the answer part, not during generation
    assert result["no_answer"] == 3  # the tiny model never closes a thinking block: nothing is graded

    gold = [json.loads(line)["gold"] for line in (tmp_path / "scored" / "gsm8k.jsonl").read_text().splitlines()]
    samples = tmp_path / "samples" / "gsm8k.jsonl"
    lines = [json.loads(line) for line in samples.read_text().splitlines()]
    lines[0]["completion"] = f"<think>is it {gold[0]}? no, 3\n\nQ: x</think>The answer is 3."
    lines[1]["completion"] = f"<think>maybe 1</think>The answer is {gold[1]}.\n\nQ: and then {gold[1]}1"
    lines[2]["completion"] = f"<think>so the answer is {gold[2]}"  # cut off while thinking
    samples.write_text("".join(json.dumps(line) + "\n" for line in lines))
    regraded = run_cli("grade", str(tmp_path))
    assert regraded.returncode == 0, regraded.stderr
    scored = [json.loads(line) for line in (tmp_path / "scored" / "gsm8k.jsonl").read_text().splitlines()]
    assert [(s["extracted"], s["correct"], s["status"]) for s in scored] == [
        ("3", gold[0] == "3", "ok"),
        (gold[1], True, "ok"),
        (None, False, "no_answer"),
    ]
