"""`cfteval grade`: re-score a run offline, and grade any JSONL file."""

from __future__ import annotations

import json

from conftest import run_cli


def test_grade_run_dir_reproduces_the_run_results(tiny_model, data_dir, tmp_path):
    out = tmp_path / "run"
    args = ("run", "--model", str(tiny_model), "--tasks", "gsm8k,math500", "--limit", "3", "--data-dir", str(data_dir))
    assert run_cli(*args, "--output", str(out), "--max-new-tokens", "24", "--no-progress").returncode == 0
    first = json.loads((out / "results.json").read_text())
    (out / "scored" / "gsm8k.jsonl").unlink()
    proc = run_cli("grade", str(out))
    assert proc.returncode == 0, proc.stderr
    again = json.loads((out / "results.json").read_text())
    assert again["tasks"] == first["tasks"] and (out / "scored" / "gsm8k.jsonl").exists()
    assert "| gsm8k" in proc.stdout


def test_grade_run_dir_errors(tmp_path, data_dir):
    proc = run_cli("grade", str(tmp_path))
    assert proc.returncode == 2 and "has no run.json" in proc.stderr
    (tmp_path / "run.json").write_text(json.dumps({"schema_version": 1, "generation": {"model": "m"}}))
    proc = run_cli("grade", str(tmp_path))  # pinned, but its generation never finished
    assert proc.returncode == 2 and "generation did not finish" in proc.stderr
    (tmp_path / "results.json").write_text("{}")  # a run scored before run.json held its scoring part
    proc = run_cli("grade", str(tmp_path))
    assert proc.returncode == 2 and "predates the scoring contract; rerun its `cfteval run` once" in proc.stderr
    proc = run_cli("grade")
    assert proc.returncode == 2 and "give a RUN_DIR" in proc.stderr


def test_grade_any_jsonl_file(tmp_path):
    rows = [
        {"id": 1, "out": r"so the answer is $\boxed{\frac{1}{2}}$", "gold": "0.5"},
        {"id": 2, "out": "The answer is 12.", "gold": "13"},
        {"id": 3, "out": "I could not finish the", "gold": "4"},
        {"id": 4, "out": r"\boxed{69, 84}", "gold": ["$69$", "$84$"]},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    dst = tmp_path / "graded.jsonl"
    proc = run_cli(
        "grade",
        "--input",
        str(src),
        "--response-field",
        "out",
        "--gold-field",
        "gold",
        "--task",
        "olympiadbench",
        "--output",
        str(dst),
    )
    assert proc.returncode == 0, proc.stderr
    assert "n=4 correct=2 accuracy=0.5000 no_answer=1" in proc.stdout
    graded = [json.loads(x) for x in dst.read_text().splitlines()]
    assert [g["correct"] for g in graded] == [True, False, False, True]
    assert graded[2]["status"] == "no_answer" and graded[0]["id"] == 1


def test_grade_file_bad_input(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"out": "4"}\n')
    proc = run_cli("grade", "--input", str(src), "--response-field", "out", "--gold-field", "gold")
    assert proc.returncode == 2 and "record 1 has no field 'gold'" in proc.stderr
    proc = run_cli("grade", "--input", str(src), "--response-field", "out", "--gold-field", "out", "--task", "nope")
    assert proc.returncode == 2 and "unknown task 'nope'" in proc.stderr
    proc = run_cli("grade", "--input", str(tmp_path / "absent.jsonl"), "--response-field", "a", "--gold-field", "b")
    assert proc.returncode == 2 and "does not exist" in proc.stderr


def test_a_choice_run_credits_an_answer_that_names_the_option(tiny_model, data_dir, tmp_path):
    """The run path hands each doc's options to grading (issue 15, class 9): a completion stating the correct
    option's text, not its letter, is scored correct when the run dir is re-graded."""
    from cfteval.data import load_docs
    from cfteval.tasks import registry

    out = tmp_path / "run"
    args = ("run", "--model", str(tiny_model), "--tasks", "mmlu_stem", "--limit", "2", "--data-dir", str(data_dir))
    assert run_cli(*args, "--output", str(out), "--max-new-tokens", "8", "--no-progress").returncode == 0
    docs, _ = load_docs(registry()["mmlu_stem"], str(data_dir), 2)
    samples = [json.loads(x) for x in (out / "samples" / "mmlu_stem.jsonl").read_text().splitlines()]
    for s in samples:
        doc = docs[s["doc_id"]]
        s["completion"] = f"Working it out, the result is \\boxed{{{doc.options['ABCD'.index(doc.gold)]}}}."
    (out / "samples" / "mmlu_stem.jsonl").write_text("".join(json.dumps(s) + "\n" for s in samples))
    proc = run_cli("grade", str(out))
    assert proc.returncode == 0, proc.stderr
    scored = [json.loads(x) for x in (out / "scored" / "mmlu_stem.jsonl").read_text().splitlines()]
    assert [(r["correct"], r["extracted"]) for r in scored] == [(True, docs[r["doc_id"]].gold) for r in scored]


def test_a_run_made_with_a_relative_data_dir_is_graded_from_anywhere(tiny_model, data_dir, tmp_path):
    """The data folder is recorded resolved: `cfteval grade RUN` from another working directory finds it."""
    import subprocess
    import sys

    (tmp_path / "data").symlink_to(data_dir, target_is_directory=True)
    relative = "data"  # valid from tmp_path only
    run = [sys.executable, "-m", "cfteval.cli", "run", "--model", str(tiny_model), "--tasks", "gsm8k", "--limit", "2",
           "--max-new-tokens", "8", "--data-dir", relative, "--output", "run", "--no-progress"]  # fmt: skip
    assert subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=600).returncode == 0
    first = json.loads((tmp_path / "run" / "results.json").read_text())
    proc = run_cli("grade", str(tmp_path / "run"))  # from the repo root, not from tmp_path
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "run" / "results.json").read_text())["tasks"] == first["tasks"]
