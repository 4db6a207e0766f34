"""Seed spread of the tiny CFT regression: train configs/tiny_cft.yaml at several seeds, sweep each run's
checkpoints on synth_critique, and print the accuracies (and the untrained model's) as JSON.

    python bench/tiny_cft_seeds.py --seeds 0 1 2 --out /tmp/tiny_cft_seeds > seeds.json

The spread it prints is what results/baselines/tiny_cft.json's tolerances are sized from.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _cli(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "cfteval.cli", *args], cwd=REPO, capture_output=True, text=True)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        sys.exit(f"cfteval {args[0]} failed: {last}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    synth = args.out / "synth"
    _cli("data", "synth", "--out", str(synth))
    _cli("run", "--model", "cfteval:tiny", "--tasks", "synth_critique", "--data-dir", str(synth),
         "--output", str(args.out / "base"), "--no-progress")  # fmt: skip
    base = json.loads((args.out / "base" / "results.json").read_text())["tasks"]["synth_critique"]["accuracy"]
    runs = {}
    for seed in args.seeds:
        start = time.monotonic()
        out = args.out / f"seed{seed}"
        _cli("train", "--config", "configs/tiny_cft.yaml", f"train.output_dir={out / 'train'}", f"train.seed={seed}")
        trained = time.monotonic() - start
        _cli("sweep", "--checkpoints", str(out / "train"), "--tasks", "synth_critique", "--data-dir", str(synth),
             "--output", str(out / "sweep"), "--no-progress")  # fmt: skip
        record = json.loads((out / "sweep" / "sweep.json").read_text())
        losses = {}
        for row in record["checkpoints"]:
            state = json.loads((Path(row["checkpoint"]) / "trainer_state.json").read_text())
            losses.update({e["step"]: e["loss"] for e in state["log_history"] if "loss" in e})
        runs[seed] = {
            "accuracy": {Path(r["checkpoint"]).name: r["accuracy"]["synth_critique"] for r in record["checkpoints"]},
            "loss_at_step": {s: round(losses[s], 4) for s in (100, 200, 300) if s in losses},
            "train_seconds": round(trained),
            "total_seconds": round(time.monotonic() - start),
        }
        print(json.dumps({seed: runs[seed]}), file=sys.stderr, flush=True)
    names = sorted({n for r in runs.values() for n in r["accuracy"]})
    spread = {n: {"mean": round(statistics.mean(r["accuracy"][n] for r in runs.values()), 4),
                  "min": min(r["accuracy"][n] for r in runs.values()),
                  "max": max(r["accuracy"][n] for r in runs.values())} for n in names}  # fmt: skip
    print(json.dumps({"base": base, "runs": runs, "spread": spread}, indent=1))


if __name__ == "__main__":
    main()
