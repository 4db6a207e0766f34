"""lm-eval interop on the tiny model: the exported suite inside lm-eval agrees sample by sample with cfteval's
own run, and lm-eval's --log_samples output imports into a cfteval run."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import run_cli

from cfteval import evaluate
from cfteval.grading import extract_answer
from cfteval.lmeval import export_tasks
from cfteval.tasks import GROUPS

pytest.importorskip("lm_eval")  # part of the dev extra; the core install does not need it

MAX_NEW_TOKENS = "24"


def _scored(run_dir, task) -> dict[int, dict]:
    lines = [json.loads(x) for x in (run_dir / "scored" / f"{task}.jsonl").read_text().splitlines()]
    return {x["doc_id"]: x for x in lines}


def test_simple_evaluate_agrees_with_cfteval_sample_by_sample(tiny_model, data_dir, tmp_path):
    from lm_eval import simple_evaluate
    from lm_eval.tasks import TaskManager

    export_tasks(tmp_path / "tasks", "cft_math", str(data_dir), max_new_tokens=int(MAX_NEW_TOKENS))
    theirs = simple_evaluate(
        model="hf",
        model_args=f"pretrained={tiny_model},dtype=float32",
        tasks=["cft_math"],
        task_manager=TaskManager(include_path=str(tmp_path / "tasks")),
        limit=2,
        batch_size=1,
        log_samples=True,
        device="cpu",
    )
    ours = evaluate(
        str(tiny_model),
        "cft_math",
        limit=2,
        data_dir=str(data_dir),
        output=str(tmp_path / "run"),
        max_new_tokens=int(MAX_NEW_TOKENS),
        batch_size=1,
        progress=False,
    )
    for task in GROUPS["cft_math"]:
        scored = _scored(tmp_path / "run", task)
        samples = theirs["samples"][f"cfteval_{task}"]
        assert len(samples) == 2
        for s in samples:
            mine = scored[int(s["doc_id"])]
            assert s["resps"][0][0] == mine["completion"], task
            # cfteval knows which completions hit the token limit and drops their last-number fallback.
            finished = mine["finish_reason"] != "length"
            assert extract_answer(s["resps"][0][0], task, last_number=finished) == mine["extracted"]
            assert s["target"] == mine["gold"]
            assert float(s["exact_match"]) == float(mine["correct"])
        assert theirs["results"][f"cfteval_{task}"]["exact_match,none"] == ours["tasks"][task]["accuracy"]
    assert "cft_math" in theirs["results"]


def test_lm_eval_cli_output_imports_into_a_cfteval_run(tiny_model, data_dir, tmp_path):
    export = run_cli(
        "export",
        "lm-eval",
        str(tmp_path / "tasks"),
        "--tasks",
        "gsm8k,math500",
        "--data-dir",
        str(data_dir),
        "--max-new-tokens",
        MAX_NEW_TOKENS,
    )
    assert export.returncode == 0, export.stderr
    lm_eval = subprocess.run(
        [
            sys.executable,
            "-m",
            "lm_eval",
            "--model",
            "hf",
            "--model_args",
            f"pretrained={tiny_model},dtype=float32",
            "--tasks",
            "cfteval_gsm8k,cfteval_math500",
            "--include_path",
            str(tmp_path / "tasks"),
            "--limit",
            "3",
            "--batch_size",
            "1",
            "--device",
            "cpu",
            "--output_path",
            str(tmp_path / "lm"),
            "--log_samples",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ.copy(),
    )
    assert lm_eval.returncode == 0, lm_eval.stderr[-2000:]
    proc = run_cli("import-lm-eval", str(tmp_path / "lm"), "--output", str(tmp_path / "run"))
    assert proc.returncode == 0, proc.stderr
    assert "gsm8k: lm-eval exact_match and cfteval disagree on 0 sample(s)" in proc.stdout
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert set(results["tasks"]) == {"gsm8k", "math500"}
    assert results["tasks"]["gsm8k"]["n_docs"] == 3
    assert _scored(tmp_path / "run", "gsm8k")[0]["gold"] == "18"
    again = run_cli("grade", str(tmp_path / "run"))  # an imported run re-grades like any other
    assert again.returncode == 0, again.stderr


def test_lm_eval_flag_spellings(tiny_model, data_dir, tmp_path):
    proc = run_cli(
        "run",
        "--model_args",
        f"pretrained={tiny_model},dtype=float32",
        "--tasks",
        "gsm8k",
        "--limit",
        "1",
        "--gen_kwargs",
        f"max_gen_toks={MAX_NEW_TOKENS},do_sample=false",
        "--output_path",
        str(tmp_path / "o"),
        "--log_samples",
        "--data-dir",
        str(data_dir),
        "--no-progress",
    )
    assert proc.returncode == 0, proc.stderr
    config = json.loads((tmp_path / "o" / "results.json").read_text())["config"]
    assert config["model"] == str(tiny_model) and config["max_new_tokens"] == 24 and config["dtype"] == "float32"
    bad = run_cli("run", "--model_args", "pretrained=x,parallelize=True", "--tasks", "gsm8k")
    assert bad.returncode == 2 and "no equivalent of 'parallelize'" in bad.stderr
    missing = run_cli("run", "--tasks", "gsm8k")
    assert missing.returncode == 2 and "give --model" in missing.stderr


@pytest.mark.parametrize(
    ("gen_kwargs", "temperature"),
    [("do_sample=true", 1.0), ("do_sample=true,temperature=0.6", 0.6), ("temperature=0.6,do_sample=false", 0.0)],
)
def test_gen_kwargs_do_sample_means_what_it_means_in_lm_eval(gen_kwargs, temperature):
    from cfteval.cli import _lm_eval_aliases, build_parser

    args = build_parser().parse_args(["run", "--model", "m", "--tasks", "gsm8k", "--gen_kwargs", gen_kwargs])
    _lm_eval_aliases(args)
    assert args.temperature == temperature


def test_import_errors(tmp_path):
    proc = run_cli("import-lm-eval", str(tmp_path / "absent"), "--output", str(tmp_path / "run"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    proc = run_cli("import-lm-eval", str(tmp_path), "--output", str(tmp_path / "run"))
    assert proc.returncode == 2 and "no lm-eval results_" in proc.stderr


def test_export_without_a_data_dir_points_lm_eval_at_the_hub(tmp_path, monkeypatch):
    monkeypatch.delenv("CFTEVAL_DATA_DIR", raising=False)
    export_tasks(tmp_path, "math500,gsm8k")
    text = (tmp_path / "cfteval_gsm8k.yaml").read_text()
    assert "dataset_path: openai/gsm8k\ndataset_name: main\n" in text and "test_split: test" in text
    proc = run_cli("export", "lm-eval", str(tmp_path / "x"), "--tasks", "minerva_math", env={"CFTEVAL_DATA_DIR": ""})
    assert proc.returncode == 2 and "has no hub source" in proc.stderr
