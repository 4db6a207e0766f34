"""The CI regression on tiny models: train configs/tiny_cft.yaml, sweep its checkpoints on synth_critique, and
hold loss and accuracy to results/baselines/tiny_cft.json within the tolerances stated there."""

from __future__ import annotations

import json

import pytest

from cft_train.synthetic import write_synthetic
from tests.conftest import REPO, run_cli

BASELINE = json.loads((REPO / "results" / "baselines" / "tiny_cft.json").read_text())


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_model):
    root = tmp_path_factory.mktemp("tiny_cft")
    write_synthetic(root / "synth", train_rows=10)
    done = run_cli("train", "--config", "configs/tiny_cft.yaml", f"train.output_dir={root / 'out'}", timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    return root


def test_loss_matches_the_baseline(trained):
    state = json.loads((trained / "out" / "checkpoint-300" / "trainer_state.json").read_text())
    losses = {str(e["step"]): e["loss"] for e in state["log_history"] if "loss" in e}
    for step, expected in BASELINE["loss_at_step"].items():
        assert losses[step] == pytest.approx(expected, abs=BASELINE["loss_tolerance"]), f"loss at step {step}"


def test_sweep_picks_a_checkpoint_and_accuracy_matches_the_baseline(trained):
    sweep_dir = trained / "sweep"
    done = run_cli("sweep", "--checkpoints", str(trained / "out"), "--tasks", "synth_critique",
                   "--data-dir", str(trained / "synth"), "--output", str(sweep_dir), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    record = json.loads((sweep_dir / "sweep.json").read_text())
    by_name = {row["checkpoint"].rsplit("/", 1)[-1]: row for row in record["checkpoints"]}
    assert list(by_name) == ["checkpoint-100", "checkpoint-200", "checkpoint-300"]
    for name, row in by_name.items():
        assert row["accuracy"]["synth_critique"] == pytest.approx(
            BASELINE["accuracy"][name], abs=BASELINE["accuracy_tolerance"]
        ), name
    best = record["best"]["accuracy"]["synth_critique"]
    assert best == max(row["accuracy"]["synth_critique"] for row in by_name.values())
    assert "best on synth_critique:" in done.stdout and "checkpoint-300" in done.stdout

    base = run_cli("run", "--model", "cfteval:tiny", "--tasks", "synth_critique", "--data-dir", str(trained / "synth"),
                   "--output", str(trained / "base"), "--no-progress")  # fmt: skip
    assert base.returncode == 0, base.stderr[-3000:]
    base_accuracy = json.loads((trained / "base" / "results.json").read_text())["tasks"]["synth_critique"]["accuracy"]
    assert base_accuracy == pytest.approx(BASELINE["accuracy"]["base"], abs=BASELINE["accuracy_tolerance"])
    assert best - base_accuracy >= BASELINE["min_gain_over_base"]


def test_a_checkpoint_runs_on_a_paper_task(trained, data_dir):
    out = trained / "math500_run"
    checkpoint = str(trained / "out" / "checkpoint-300")
    done = run_cli("run", "--model", checkpoint, "--tasks", "math500", "--limit", "4", "--max-new-tokens", "32",
                   "--data-dir", str(data_dir), "--output", str(out), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads((out / "results.json").read_text())["tasks"]["math500"]["n_samples"] == 4
