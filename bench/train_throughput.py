"""Training throughput and peak memory: cft_train (transformers.Trainer) vs TRL's SFTTrainer, same run.

Why: cft_train is a thin layer on `transformers.Trainer` (its own tokenisation, loss mask and padding collator);
the obvious alternative is TRL's `SFTTrainer` with completion-only loss. This measures whether the thin layer costs
anything: tokens/s and peak RSS of both on the same data (configs/tiny_cft.yaml: synthetic:4000, the offline
tiny Qwen2 model, cutoff 256), the same hyperparameters and the same number of steps.

How: a check first proves both trainers see the same rows (token ids and trained-token labels compared row by
row). Then each trainer runs in a fresh subprocess, alternating cft, trl, cft, trl, ..., with the same torch
thread count. Inside the child `Trainer.train` is wrapped (the same wrapper for both; SFTTrainer inherits it):
the wall time is taken around `trainer.train()` only, RSS is read as it starts, and the kernel's peak-RSS mark
is reset there (/proc/self/clear_refs), so the peak is the training peak. Tokens are Trainer's own
`num_input_tokens_seen` with include_num_input_tokens_seen="non_padding" (attention-mask sum) in both.
cft_train always writes a checkpoint at the last step inside `trainer.train()`; its time is measured
(`Trainer._save_checkpoint`) and reported, and the headline tokens/s excludes it (TRL runs with
save_strategy="no").

Usage: python bench/train_throughput.py [--steps N] [--repeats R] [--threads T]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / "configs" / "tiny_cft.yaml")
sys.path.insert(0, str(ROOT))  # cft_train from this checkout
RECORD: dict = {}


def status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def instrument() -> None:
    """Wrap Trainer.train (time, RSS at start, peak during) and Trainer._save_checkpoint (time)."""
    from transformers import Trainer

    train, save = Trainer.train, Trainer._save_checkpoint

    def timed_train(self, *args, **kwargs):
        RECORD["setup_s"] = time.perf_counter() - RECORD["t0"]
        RECORD["hwm_setup_kib"] = status_kib("VmHWM")
        RECORD["rss_start_kib"] = status_kib("VmRSS")
        Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM: the peak below is the training peak
        RECORD["save_s"] = RECORD["save_cpu_s"] = 0.0
        started, cpu = time.perf_counter(), time.process_time()
        result = train(self, *args, **kwargs)
        RECORD["train_s"] = time.perf_counter() - started
        RECORD["cpu_s"] = time.process_time() - cpu
        RECORD["hwm_train_kib"] = status_kib("VmHWM")
        RECORD["tokens"] = int(self.state.num_input_tokens_seen)
        RECORD["steps"] = self.state.global_step
        losses = [e["loss"] for e in self.state.log_history if "loss" in e]
        RECORD["final_loss"] = losses[-1] if losses else result.training_loss  # last logged window
        return result

    def timed_save(self, *args, **kwargs):
        started, cpu = time.perf_counter(), time.process_time()
        save(self, *args, **kwargs)
        RECORD["save_s"] += time.perf_counter() - started
        RECORD["save_cpu_s"] += time.process_time() - cpu

    Trainer.train, Trainer._save_checkpoint = timed_train, timed_save


def cft_config(steps: int, out: str):
    from cft_train.config import load_config
    from cfteval.tiny import ensure_tiny_model

    overrides = [f"train.output_dir={out}", f"train.max_steps={steps}", f"train.save_steps={steps}"]
    config = load_config(CONFIG, overrides)
    config.model = str(ensure_tiny_model())
    return config


def trl_trainer(config, out: str, steps: int):
    """SFTTrainer on the same examples, in TRL's conversational prompt-completion format."""
    import torch
    from datasets import Dataset
    from transformers import AutoModelForCausalLM
    from trl import SFTConfig, SFTTrainer

    from cft_train.data import load_examples
    from cft_train.train import load_tokenizer

    d, t = config.data, config.train
    examples = load_examples(d.source, d.mode, d.system, split=d.split, data_files=d.data_files, seed=t.seed)
    rows = [{"prompt": list(e.messages), "completion": [{"role": "assistant", "content": e.target}]} for e in examples]
    args = SFTConfig(
        output_dir=out,
        completion_only_loss=True,
        max_length=d.cutoff_len,
        packing=False,
        padding_free=False,
        dataset_num_proc=None,
        per_device_train_batch_size=t.per_device_batch_size,
        gradient_accumulation_steps=config.gradient_accumulation(1),
        learning_rate=t.learning_rate,
        lr_scheduler_type=t.lr_scheduler,
        warmup_steps=t.warmup_ratio,  # as cft_train passes it: a float < 1 is a ratio in transformers 5
        max_steps=steps,
        weight_decay=t.weight_decay,
        max_grad_norm=t.max_grad_norm,
        gradient_checkpointing=False,  # TRL defaults to True; cft_train's config says False
        bf16=False,  # TRL defaults to True
        seed=t.seed,
        data_seed=t.seed,
        logging_steps=t.logging_steps,
        save_strategy="no",
        report_to="none",
        disable_tqdm=True,
        include_num_input_tokens_seen="non_padding",
    )
    model = AutoModelForCausalLM.from_pretrained(config.model, dtype=getattr(torch, config.dtype))
    tokenizer = load_tokenizer(config)
    return SFTTrainer(model=model, args=args, train_dataset=Dataset.from_list(rows), processing_class=tokenizer)


def child(kind: str, steps: int, threads: int) -> dict:
    import torch

    torch.set_num_threads(threads)
    instrument()
    with tempfile.TemporaryDirectory(prefix=f"bench-{kind}-") as out:
        RECORD["t0"] = time.perf_counter()
        config = cft_config(steps, out)
        if kind == "cft":
            from cft_train.train import train

            train(config)
        elif kind == "trl":
            trl_trainer(config, out, steps).train()
        else:
            return check(config, out)
    del RECORD["t0"]
    return RECORD


def check(config, out: str) -> dict:
    """Compare cft_train's encoded rows with the rows SFTTrainer prepared, token by token."""
    from cft_train.train import load_tokenizer, prepare_data

    encoded, stats = prepare_data(config, load_tokenizer(config))
    prepared = trl_trainer(config, out, 1).train_dataset
    same_ids = same_labels = 0
    trained = {"cft": 0, "trl": 0}
    for e, row in zip(encoded, prepared):
        same_ids += e.input_ids == row["input_ids"]
        same_labels += e.labels == row["labels"]
        trained["cft"] += e.trained_tokens
        trained["trl"] += sum(label != -100 for label in row["labels"])
    return {
        "rows": {"cft": len(encoded), "trl": len(prepared)},
        "dropped_by_cft": stats.dropped_too_long,
        "same_input_ids": same_ids,
        "same_labels": same_labels,
        "trained_tokens": trained,
        "total_tokens": {"cft": stats.total_tokens, "trl": sum(len(r["input_ids"]) for r in prepared)},
    }


def spawn(kind: str, steps: int, threads: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), TOKENIZERS_PARALLELISM="false")
    env.update(HF_HUB_OFFLINE="1", HF_HUB_DISABLE_TELEMETRY="1", HF_DATASETS_DISABLE_PROGRESS_BARS="1")
    cmd = [sys.executable, __file__, "--child", kind, "--steps", str(steps), "--threads", str(threads)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"{kind} child failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="torch threads in both (1: robust on a busy box)")
    parser.add_argument("--child", choices=["cft", "trl", "check"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.steps, args.threads)))
        return

    print("data check:", json.dumps(spawn("check", args.steps, args.threads)))
    print(f"\n{args.steps} steps, global batch 16, torch threads {args.threads}; runs in order (MiB, s)")
    print("run trainer tokens  train_s tok/s   cpu_s  tok/cpu_s ckpt_s setup_s rss_start peak_train loss")
    runs: dict[str, list[dict]] = {"cft": [], "trl": []}
    for repeat in range(1, args.repeats + 1):
        for kind in ("cft", "trl"):
            r = spawn(kind, args.steps, args.threads)
            r["tok_s"] = r["tokens"] / (r["train_s"] - r["save_s"])  # checkpoint excluded (TRL saves none)
            r["tok_cpu_s"] = r["tokens"] / (r["cpu_s"] - r["save_cpu_s"])
            r["growth_kib"] = r["hwm_train_kib"] - r["rss_start_kib"]
            runs[kind].append(r)
            print(
                f"{repeat:<3} {kind:<7} {r['tokens']:<7} {r['train_s']:<7.1f} {r['tok_s']:<7.0f} {r['cpu_s']:<6.1f} "
                f"{r['tok_cpu_s']:<9.0f} {r['save_s']:<6.2f} {r['setup_s']:<7.1f} {r['rss_start_kib'] / 1024:<9.0f} "
                f"{r['hwm_train_kib'] / 1024:<10.0f} {r['final_loss']:.6f}"
            )

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[kind])

    print(f"\nmedians over {args.repeats} runs each; paired = median of cft/trl within each repeat")
    print(f"{'metric':<36} {'cft_train':>10} {'trl':>10} {'cft/trl':>8} {'paired':>7}")
    rows = [
        ("tokens/s (wall)", "tok_s", 1),
        ("tokens per CPU-second", "tok_cpu_s", 1),
        ("train wall s (incl. checkpoint)", "train_s", 1),
        ("setup s (data, model, trainer init)", "setup_s", 1),
        ("RSS at train start MiB", "rss_start_kib", 1024),
        ("peak RSS during training MiB", "hwm_train_kib", 1024),
        ("RSS growth during training MiB", "growth_kib", 1024),
    ]
    for label, key, scale in rows:
        a, b = med("cft", key) / scale, med("trl", key) / scale
        paired = statistics.median(x[key] / y[key] for x, y in zip(runs["cft"], runs["trl"]))
        print(f"{label:<36} {a:>10.1f} {b:>10.1f} {a / b:>8.3f} {paired:>7.3f}")
    tok_ratio = med("cft", "tok_s") / med("trl", "tok_s")
    mem_ratio = med("cft", "hwm_train_kib") / med("trl", "hwm_train_kib")
    print(f"\ntarget throughput ratio >= 1.0: {tok_ratio:.3f} ({'met' if tok_ratio >= 1 else 'NOT met'})")
    print(f"target peak-memory ratio <= 1.0: {mem_ratio:.3f} ({'met' if mem_ratio <= 1 else 'NOT met'})")


if __name__ == "__main__":
    main()
