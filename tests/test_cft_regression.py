"""The CI regression on tiny models (`-m slow`; about 2 minutes of training and 1 of evaluation on a quiet 2-core
box): train configs/tiny_cft.yaml, sweep its checkpoints on synth_critique, and hold loss and accuracy to
results/baselines/tiny_cft.json. The best checkpoint is checked against accuracies this test counts from the scored
files, and learning against the untrained model, at tolerances sized from the spread over 5 training seeds
(bench/tiny_cft_seeds.py, recorded in the baseline file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cft_train.synthetic import write_synthetic
from tests.conftest import HANG_GUARD, REPO, count_correct, run_cli

pytestmark = pytest.mark.slow
BASELINE = json.loads((REPO / "results" / "baselines" / "tiny_cft.json").read_text())


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_model):
    root = tmp_path_factory.mktemp("tiny_cft")
    write_synthetic(root / "synth", train_rows=10)
    done = run_cli("train", "--config", "configs/tiny_cft.yaml", f"train.output_dir={root / 'out'}",
                   timeout=HANG_GUARD)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return root


def test_loss_matches_the_baseline(trained):
    state = json.loads((trained / "out" / "checkpoint-300" / "trainer_state.json").read_text())
    losses = {str(e["step"]): e["loss"] for e in state["log_history"] if "loss" in e}
    for step, expected in BASELINE["loss_at_step"].items():
        assert losses[step] == pytest.approx(expected, abs=BASELINE["loss_tolerance"]), f"loss at step {step}"


def test_sweep_picks_the_best_checkpoint_and_training_beats_the_untrained_model(trained):
    sweep_dir = trained / "sweep"
    done = run_cli("sweep", "--checkpoints", str(trained / "out"), "--tasks", "synth_critique",
                   "--data-dir", str(trained / "synth"), "--output", str(sweep_dir), "--no-progress",
                   timeout=HANG_GUARD)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    names = ["checkpoint-100", "checkpoint-200", "checkpoint-300"]
    counted = {name: count_correct(sweep_dir / name, "synth_critique") for name in names}
    assert all(total == 147 for _, total in counted.values()), counted
    accuracy = {name: right / total for name, (right, total) in counted.items()}
    for name in names:
        assert accuracy[name] == pytest.approx(BASELINE["accuracy"][name], abs=BASELINE["accuracy_tolerance"]), name

    best = max(names, key=lambda name: (counted[name][0], -int(name.split("-")[1])))  # ties: the earlier step
    record = json.loads((sweep_dir / "sweep.json").read_text())
    assert Path(record["best"]["checkpoint"]) == trained / "out" / best
    assert record["best"]["accuracy"]["synth_critique"] == accuracy[best]
    assert f"best on synth_critique: {trained / 'out' / best} ({100 * accuracy[best]:.1f}%)" in done.stdout

    base = run_cli("run", "--model", "cfteval:tiny", "--tasks", "synth_critique", "--data-dir", str(trained / "synth"),
                   "--output", str(trained / "base"), "--no-progress", timeout=HANG_GUARD)  # fmt: skip
    assert base.returncode == 0, base.stderr[-3000:]
    right, total = count_correct(trained / "base", "synth_critique")
    base_accuracy = right / total
    assert base_accuracy == pytest.approx(BASELINE["accuracy"]["base"], abs=BASELINE["accuracy_tolerance"])
    for name in (best, "checkpoint-300"):  # the kept model and the last one both learned
        assert accuracy[name] - base_accuracy >= BASELINE["min_gain_over_base"], (name, accuracy, base_accuracy)


def test_a_checkpoint_runs_on_a_paper_task(trained, data_dir):
    out = trained / "math500_run"
    checkpoint = str(trained / "out" / "checkpoint-300")
    done = run_cli("run", "--model", checkpoint, "--tasks", "math500", "--limit", "4", "--max-new-tokens", "32",
                   "--data-dir", str(data_dir), "--output", str(out), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads((out / "results.json").read_text())["tasks"]["math500"]["n_samples"] == 4
