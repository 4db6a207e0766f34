"""cft_train end to end on the tiny model: accumulation equivalence, 2-process DDP on CPU, resume after SIGKILL,
and the checkpoints going straight into `cfteval run` / `sweep`."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from cft_train.config import load_config
from cft_train.train import train
from tests.conftest import HANG_GUARD, REPO, run_cli

TINY = str(REPO / "configs" / "tiny_cft.yaml")


def _config(tiny_model, out: Path, *overrides: str):
    config = load_config(TINY, [f"train.output_dir={out}", *overrides])
    config.model = str(tiny_model)
    return config


def _log(out: Path, step: int) -> dict:
    state = json.loads((out / f"checkpoint-{step}" / "trainer_state.json").read_text())
    return next(e for e in state["log_history"] if e.get("step") == step and "loss" in e)


def test_batch_8_x_accum_1_equals_batch_2_x_accum_4(tiny_model, tmp_path):
    common = ("data.source=synthetic:8", "train.global_batch_size=8", "train.max_steps=1", "train.logging_steps=1",
              "train.save_steps=1", "train.warmup_ratio=0")  # fmt: skip
    results = {}
    for per_device in (8, 2):
        out = tmp_path / f"b{per_device}"
        summary = train(_config(tiny_model, out, f"train.per_device_batch_size={per_device}", *common))
        assert summary.gradient_accumulation_steps == 8 // per_device
        results[per_device] = (_log(out, 1), load_file(out / "model.safetensors"))
    (log_a, weights_a), (log_b, weights_b) = results[8], results[2]
    assert log_a["loss"] == pytest.approx(log_b["loss"], rel=1e-5)
    assert log_a["grad_norm"] == pytest.approx(log_b["grad_norm"], rel=1e-4)
    # Adam's first step is about lr * sign(grad), so a gradient within float noise of 0 may move either way:
    # the grad norm above is the sharp check (a wrong normalisation scales it by the accumulation factor).
    for name, tensor in weights_a.items():
        torch.testing.assert_close(tensor, weights_b[name], rtol=0, atol=1e-4)
    assert any(not torch.equal(t, load_file(Path(tiny_model) / "model.safetensors")[n]) for n, t in weights_a.items())


def _train_cmd(out: Path, *overrides: str) -> list[str]:
    return [sys.executable, "-m", "cfteval", "train", "--config", TINY, f"train.output_dir={out}", *overrides]


def test_two_process_ddp_on_cpu_matches_one_process_with_accumulation(tiny_model, tmp_path):
    overrides = ("train.max_steps=4", "train.save_steps=2", "train.logging_steps=1")
    ddp = tmp_path / "ddp"
    launch = [sys.executable, "-m", "accelerate.commands.launch", "--config_file",
              str(REPO / "configs/accelerate/cpu2.yaml"), "-m", "cfteval"]  # fmt: skip
    done = subprocess.run(
        launch + _train_cmd(ddp, *overrides)[3:], capture_output=True, text=True, timeout=HANG_GUARD, cwd=REPO
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.count("trained 4 steps") == 1  # only the main process reports
    summary = json.loads((ddp / "cft_train.json").read_text())["summary"]
    assert (summary["world_size"], summary["gradient_accumulation_steps"]) == (2, 1)
    assert (ddp / "checkpoint-4" / "model.safetensors").is_file() and (ddp / "checkpoint-2").is_dir()

    single = tmp_path / "single"
    train(_config(tiny_model, single, *overrides))
    # Each step sees the same 16 rows: 2 processes x 8, or 8 x accumulation 2 in one process.
    for step in (2, 4):
        assert _log(ddp, step)["loss"] == pytest.approx(_log(single, step)["loss"], rel=1e-4)


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not path.is_file():
        assert proc.poll() is None, "training finished before the kill point"
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.mark.slow  # CI runs it in its slow step (.ci/run)
def test_killed_run_resumes_from_last_checkpoint_and_matches_an_uninterrupted_run(tiny_model, tmp_path):
    overrides = ("train.max_steps=30", "train.save_steps=10", "train.logging_steps=5", "data.source=synthetic:400")
    reference = tmp_path / "reference"
    train(_config(tiny_model, reference, *overrides))

    out = tmp_path / "killed"
    env = {**os.environ, "CFTEVAL_CACHE": os.environ["CFTEVAL_CACHE"]}
    proc = subprocess.Popen(_train_cmd(out, *overrides), cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    _wait_for(out / "checkpoint-10" / "trainer_state.json", proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert not (out / "cft_train.json").exists()
    (out / "checkpoint-25").mkdir()  # as if a kill had hit mid-save: no trainer_state.json
    (out / "checkpoint-25" / "config.json").write_text("{")

    done = run_cli("train", "--config", TINY, f"train.output_dir={out}", *overrides)
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads((out / "cft_train.json").read_text())["summary"]
    assert summary["resumed_from"].endswith(("checkpoint-10", "checkpoint-20")) and summary["global_steps"] == 30
    assert list(out.glob("incomplete-checkpoint-25.*"))  # set aside, not trained over or swept
    for step in (20, 30):
        assert _log(out, step)["loss"] == pytest.approx(_log(reference, step)["loss"], rel=1e-4)
    resumed, uninterrupted = load_file(out / "model.safetensors"), load_file(reference / "model.safetensors")
    for name, tensor in resumed.items():
        torch.testing.assert_close(tensor, uninterrupted[name], rtol=1e-4, atol=1e-5)

    weights = (out / "model.safetensors").read_bytes()
    again = run_cli("train", "--config", TINY, f"train.output_dir={out}", *overrides)
    assert again.returncode == 0 and "trained 30 steps" in again.stdout  # finished: a rerun is a no-op
    assert (out / "model.safetensors").read_bytes() == weights and not (out / "checkpoint-31").exists()
    fresh = run_cli("train", "--config", TINY, f"train.output_dir={out}", *overrides, "train.resume=false")
    assert fresh.returncode == 2 and "already holds checkpoint-30" in fresh.stderr
    changed = run_cli("train", "--config", TINY, f"train.output_dir={out}", *overrides, "train.learning_rate=1e-3")
    assert changed.returncode == 2 and "was started with train.learning_rate=0.002, now 0.001" in changed.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--config", "/nonexistent.yaml"], "no such config file"),
        (["--config", TINY, "train.lr=1"], "unknown config key train.lr"),
        (["--config", TINY, "data.source=/nonexistent.jsonl"], "no such data file"),
        (["--config", TINY, "model=/nonexistent/model"], "model path does not exist: /nonexistent/model"),
        (["--config", TINY, "train.lr_scheduler=foo"], "training arguments: ValueError"),
        (["--config", TINY, "chat_template=configs/templates/deepsek.jinja"], "no such template file"),
    ],
)
def test_train_errors_are_one_line(tiny_model, tmp_path, args, message):
    done = run_cli("train", *args, f"train.output_dir={tmp_path}")
    assert done.returncode == 2 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_show_tokens_prints_trained_span_and_counts(tiny_model):
    done = run_cli("train", "--config", TINY, "--show-tokens", "2", "data.source=synthetic:50", "data.cutoff_len=160")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("[[The solution computes") == 2
    assert "rows 50, kept" in done.stdout and "dropped (longer than 160 tokens)" in done.stdout


def test_accelerate_configs_parse_and_are_what_the_readme_says():
    """Each launcher config loads with accelerate's own parser (unknown keys are an error there) and is the setup
    the README names it for; every config the README points at exists."""
    from accelerate.commands.config.config_args import load_config_from_file

    readme = (REPO / "README.md").read_text()
    named = set(re.findall(r"configs/accelerate/[\w.]+\.yaml", readme))
    assert named == {f"configs/accelerate/{n}.yaml" for n in ("zero3", "fsdp2", "cpu2")}
    zero3 = load_config_from_file(str(REPO / "configs/accelerate/zero3.yaml"))
    assert zero3.distributed_type == "DEEPSPEED" and zero3.num_processes == 8
    deepspeed = json.loads((REPO / zero3.deepspeed_config["deepspeed_config_file"]).read_text())
    assert deepspeed["zero_optimization"]["stage"] == 3
    fsdp2 = load_config_from_file(str(REPO / "configs/accelerate/fsdp2.yaml"))
    assert fsdp2.distributed_type == "FSDP" and fsdp2.fsdp_config["fsdp_version"] == 2
    assert fsdp2.fsdp_config["fsdp_state_dict_type"] == "FULL_STATE_DICT"  # checkpoints `cfteval run` can load
    cpu2 = load_config_from_file(str(REPO / "configs/accelerate/cpu2.yaml"))
    assert cpu2.num_processes == 2 and cpu2.mixed_precision == "no"
