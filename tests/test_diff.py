"""`cfteval diff`: flipped items between two real runs and the exact McNemar test."""

from __future__ import annotations

import json
import shutil

from cfteval.report.diff import mcnemar_exact
from tests.conftest import run_cli


def test_mcnemar_matches_the_binomial_tail():
    assert mcnemar_exact(0, 6) == 2 / 64 and mcnemar_exact(1, 0) == 1.0
    assert mcnemar_exact(3, 9) == mcnemar_exact(9, 3) == 2 * (1 + 12 + 66 + 220) / 4096


def test_diff_lists_flips_and_significance(tiny_model, data_dir, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    done = run_cli("run", "--model", "cfteval:tiny", "--tasks", "gsm8k,math500", "--limit", "6", "--max-new-tokens",
                   "8", "--data-dir", str(data_dir), "--output", str(a), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr
    shutil.copytree(a, b)
    gold = {
        json.loads(x)["doc_id"]: json.loads(x)["gold"] for x in (a / "scored" / "gsm8k.jsonl").read_text().splitlines()
    }
    samples = b / "samples" / "gsm8k.jsonl"
    lines = [json.loads(x) for x in samples.read_text().splitlines()]
    for line in lines:  # run B answers every GSM8K item right
        line["completion"] = f"The answer is {gold[line['doc_id']]}."
    samples.write_text("".join(json.dumps(x) + "\n" for x in lines))
    assert run_cli("grade", str(b)).returncode == 0

    done = run_cli("diff", str(a), str(b))
    assert done.returncode == 0, done.stderr
    rows = [line.split("|") for line in done.stdout.splitlines() if line.startswith(("| gsm8k", "| math500"))]
    summary = {cells[1].strip(): [c.strip() for c in cells[2:-1]] for cells in rows}
    assert summary["gsm8k"] == ["6", "0.0", "100.0", "0", "6", "0.0312", "yes"]
    assert summary["math500"][3:] == ["0", "0", "1", "no"]
    assert "gsm8k: wrong -> right" in done.stdout and "right -> wrong" not in done.stdout
    flipped = done.stdout.split("gsm8k: wrong -> right")[1]
    assert all(g in flipped for g in gold.values())

    back = run_cli("diff", str(b), str(a), "--tasks", "gsm8k", "--show", "2")
    assert back.returncode == 0 and "gsm8k: right -> wrong (first 2 of 6)" in back.stdout
    missing = run_cli("diff", str(a), str(tmp_path / "nope"))
    assert missing.returncode == 2 and "has no results.json" in missing.stderr
