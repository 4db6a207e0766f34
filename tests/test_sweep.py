"""`cfteval sweep` over checkpoints of two training runs: distinct run dirs, partial checkpoints skipped, the
best picked on the selection task."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cft_train.config import load_config
from cft_train.synthetic import write_synthetic
from cft_train.train import train
from tests.conftest import REPO, run_cli


def test_sweep_two_runs_skips_partial_checkpoints(tiny_model, tmp_path):
    write_synthetic(tmp_path / "synth", train_rows=10)
    for name in ("run_a", "run_b"):
        config = load_config(str(REPO / "configs" / "tiny_cft.yaml"), [f"train.output_dir={tmp_path / name}",
                             "train.max_steps=2", "train.save_steps=1", "data.source=synthetic:64"])  # fmt: skip
        config.model = str(tiny_model)
        train(config)
    (tmp_path / "run_a" / "checkpoint-9").mkdir()  # a save cut by a kill: no trainer_state.json
    out = tmp_path / "sweep"
    done = run_cli("sweep", "--checkpoints", str(tmp_path / "run_a"), str(tmp_path / "run_b"), "--tasks",
                   "synth_critique,synth_solve", "--select", "synth_solve", "--limit", "3", "--max-new-tokens", "8",
                   "--data-dir", str(tmp_path / "synth"), "--output", str(out), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "skipping" in done.stderr and "checkpoint-9" in done.stderr
    record = json.loads((out / "sweep.json").read_text())
    names = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert names == ["run_a__checkpoint-1", "run_a__checkpoint-2", "run_b__checkpoint-1", "run_b__checkpoint-2"]
    assert [row["step"] for row in record["checkpoints"]] == [1, 1, 2, 2]
    assert record["select"] == "synth_solve"
    assert record["best"]["accuracy"]["synth_solve"] == max(r["accuracy"]["synth_solve"] for r in record["checkpoints"])

    report = run_cli("report", str(out), "--out", str(tmp_path / "report"), "--reference", "none")
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "report" / "index.html").read_text()
    assert "Checkpoint sweeps" in page and any((tmp_path / "report" / "figures").glob("*_sweep_sweep.png"))
    best = Path(record["best"]["run_dir"]).name
    assert re.search(rf"<td>{best}\s*</td>", page)  # the best checkpoint's run joins the comparison

    wrong = run_cli("sweep", "--checkpoints", str(tmp_path / "run_a"), "--tasks", "synth_critique", "--select",
                    "math500", "--data-dir", str(tmp_path / "synth"), "--output", str(out))  # fmt: skip
    assert wrong.returncode == 2 and "--select math500 is not among the swept tasks" in wrong.stderr
    missing = run_cli("sweep", "--checkpoints", str(tmp_path / "nope"), "--tasks", "synth_critique",
                      "--output", str(out))  # fmt: skip
    assert missing.returncode == 2 and "no such checkpoint directory" in missing.stderr
