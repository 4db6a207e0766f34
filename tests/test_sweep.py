"""`cfteval sweep` over checkpoints of two training runs: distinct run dirs, partial checkpoints skipped, the
best picked on the selection task, checked against accuracies the test counts from the scored files."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cft_train.config import load_config
from cft_train.synthetic import write_synthetic
from cft_train.train import train
from tests.conftest import REPO, count_correct, run_cli


def test_sweep_two_runs_skips_partial_checkpoints_and_picks_the_best(tiny_model, tmp_path):
    write_synthetic(tmp_path / "synth", train_rows=10)
    # Two runs with the same checkpoint names: run_a at a learning rate that leaves the model untrained, run_b at
    # the recipe's, long enough that the checkpoints score differently (here 1, 1, 3 and 0 of 147 right).
    common = ["train.max_steps=100", "train.save_steps=50"]
    runs = {"run_a": [*common, "train.learning_rate=1e-9", "data.source=synthetic:64"], "run_b": common}
    for name, overrides in runs.items():
        config = load_config(str(REPO / "configs" / "tiny_cft.yaml"), [f"train.output_dir={tmp_path / name}",
                             *overrides])  # fmt: skip
        config.model = str(tiny_model)
        train(config)
    (tmp_path / "run_a" / "checkpoint-9").mkdir()  # a save cut by a kill: no trainer_state.json
    out = tmp_path / "sweep"
    done = run_cli("sweep", "--checkpoints", str(tmp_path / "run_a"), str(tmp_path / "run_b"), "--tasks",
                   "synth_solve,synth_critique", "--select", "synth_critique", "--max-new-tokens", "64",
                   "--data-dir", str(tmp_path / "synth"), "--output", str(out), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "skipping" in done.stderr and "checkpoint-9" in done.stderr
    record = json.loads((out / "sweep.json").read_text())
    names = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert names == ["run_a__checkpoint-100", "run_a__checkpoint-50", "run_b__checkpoint-100", "run_b__checkpoint-50"]
    assert [row["step"] for row in record["checkpoints"]] == [50, 50, 100, 100]
    assert record["select"] == "synth_critique"

    counted = {name: count_correct(out / name, "synth_critique") for name in names}
    assert all(n == 147 for _, n in counted.values())
    assert len({c for c, _ in counted.values()}) > 1, f"every checkpoint scored alike, nothing to pick: {counted}"
    step = {name: int(name.rsplit("-", 1)[1]) for name in names}
    best = max(names, key=lambda name: (counted[name][0], -step[name]))  # the highest; ties: the earlier step
    assert Path(record["best"]["run_dir"]).name == best
    assert record["best"]["accuracy"]["synth_critique"] == counted[best][0] / 147 > 0
    run, checkpoint = best.split("__")
    assert f"best on synth_critique: {tmp_path / run / checkpoint} ({100 * counted[best][0] / 147:.1f}%)" in done.stdout

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
