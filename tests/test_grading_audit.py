"""bench/grading_audit.py on a small corpus of its own format: per-file agreement, the disagreements it lists,
its refusal to write inside the repo, and the math-verify verdict cache."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROWS = [  # (response, gold, source label); cfteval's verdict: True, False, True, False
    (r"So the answer is $\boxed{12}$.", "12", True),
    (r"So the answer is $\boxed{13}$.", "12", True),  # the source accepted a wrong answer: a disagreement
    (r"The value is $\boxed{\frac{1}{2}}$.", "0.5", False),  # the source refused a right one: a disagreement
    ("I am not sure how to go on.", "7", False),
]


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    with (folder / "tiny_math500.jsonl").open("w") as f:
        for i, (response, gold, label) in enumerate(ROWS):
            row = {"task": "math500", "doc_id": str(i), "gold": gold, "response": response, "label": label}
            row |= {"model": "m", "extracted": None, "question": f"question {i}"}
            f.write(json.dumps(row) + "\n")


def audit(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(REPO / "bench" / "grading_audit.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=REPO)


def test_audit_lists_each_disagreement_with_the_source_label(tmp_path):
    write_corpus(tmp_path / "corpus")
    done = audit("--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--no-math-verify")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(x) for x in (tmp_path / "out" / "disagreements.jsonl").read_text().splitlines()]
    assert [(r["line"], r["label"], r["cfteval_correct"]) for r in rows] == [(2, True, False), (3, False, True)]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())["files"]["tiny_math500.jsonl"]
    assert (summary["n"], summary["cf_agree"], summary["cf_false_accepts"], summary["cf_false_rejects"]) == (4, 2, 1, 1)


def test_audit_refuses_to_write_inside_the_repo(tmp_path):
    write_corpus(tmp_path / "corpus")
    done = audit("--corpus", str(tmp_path / "corpus"), "--out", str(REPO / "audit-here"), "--no-math-verify")
    assert done.returncode == 2 and "inside the repo" in done.stderr.strip().splitlines()[-1]
    assert not (REPO / "audit-here").exists()


def test_math_verify_verdicts_are_cached_between_audits(tmp_path):
    write_corpus(tmp_path / "corpus")
    cache = tmp_path / "mv.jsonl"
    for run in ("a", "b"):
        done = audit("--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / run), "--mv-cache", str(cache))
        assert done.returncode == 0, done.stderr
        assert len(cache.read_text().splitlines()) == len(ROWS)  # the second audit computed nothing new
    first, second = (json.loads((tmp_path / r / "summary.json").read_text())["total"] for r in ("a", "b"))
    assert first["mv_agree"] == second["mv_agree"] and first["mv_true"] == 2  # 12 = 12 and 1/2 = 0.5


def test_a_malformed_corpus_line_is_one_error_line_and_exit_2(tmp_path):
    write_corpus(tmp_path / "corpus")
    with (tmp_path / "corpus" / "tiny_math500.jsonl").open("a") as f:
        f.write('{"task": "math500", "gold": \n')
    done = audit("--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--no-math-verify")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith(f"{tmp_path / 'corpus' / 'tiny_math500.jsonl'}:5: bad JSON")
