"""The training loop: `transformers.Trainer` on encoded examples, launched alone or by `accelerate launch`.

Trainer brings what a cluster run needs and a hand-written loop would have to re-derive: DeepSpeed ZeRO-3 and
FSDP through accelerate, checkpoints with optimizer and RNG state, resume with the same data order, and a loss
normalised by the number of trained tokens across gradient-accumulation steps (so batch 8 x accum 1 and
batch 2 x accum 4 give the same update).
"""

from __future__ import annotations

import json
import os
import platform
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from cft_train.config import CftConfig, to_dict
from cft_train.data import load_examples
from cft_train.errors import CftTrainError, first_line
from cft_train.tokenization import IGNORE, Encoded, EncodeStats, encode_all

SUMMARY_FILE = "cft_train.json"
_CHECKPOINT = re.compile(r"^checkpoint-\d+$")


@dataclass
class TrainSummary:
    output_dir: str
    world_size: int
    gradient_accumulation_steps: int
    global_steps: int
    resumed_from: str | None
    final_loss: float | None  # mean loss of the last logging window
    train_loss: float | None  # Trainer's mean over this invocation's steps
    tokens_seen: int  # non-padding tokens through the model in this invocation
    train_seconds: float
    tokens_per_second: float
    data: dict


class PadCollator:
    """Right-pads a batch to its longest row; padding is masked out of attention and loss."""

    def __init__(self, pad_id: int):
        self.pad_id = pad_id

    def __call__(self, batch: list[Encoded]) -> dict:
        import torch

        width = max(len(e.input_ids) for e in batch)
        ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
        labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, e in enumerate(batch):
            n = len(e.input_ids)
            ids[row, :n] = torch.tensor(e.input_ids)
            labels[row, :n] = torch.tensor(e.labels)
            mask[row, :n] = 1
        return {"input_ids": ids, "labels": labels, "attention_mask": mask}


def world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1"))


def _require_model(config: CftConfig) -> None:
    if not config.model.strip():  # no default: cft_train names none of the harness's models
        raise CftTrainError("model: required (a local checkpoint or a hub id)")


def load_tokenizer(config: CftConfig):
    from transformers import AutoTokenizer

    _require_model(config)
    try:
        tokenizer = AutoTokenizer.from_pretrained(config.model, trust_remote_code=config.trust_remote_code)
    except (OSError, ValueError) as e:
        if config.model.startswith((".", "/", "~")) and not os.path.exists(config.model):
            raise CftTrainError(f"model path does not exist: {config.model}") from None
        raise CftTrainError(f"cannot load a tokenizer from '{config.model}': {first_line(e)}") from None
    if config.chat_template:
        path = Path(config.chat_template)
        if path.is_file():
            tokenizer.chat_template = path.read_text(encoding="utf-8")
        elif "{{" in config.chat_template or "{%" in config.chat_template:
            tokenizer.chat_template = config.chat_template
        else:
            raise CftTrainError(f"chat_template: no such template file {config.chat_template}")
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def prepare_data(config: CftConfig, tokenizer) -> tuple[list[Encoded], EncodeStats]:
    d = config.data
    examples = load_examples(d.source, d.mode, d.system, split=d.split, data_files=d.data_files, seed=config.train.seed)
    if d.max_rows:
        examples = examples[: d.max_rows]
    return encode_all(tokenizer, examples, d.cutoff_len)


def training_arguments(config: CftConfig, accumulation: int):
    import torch
    from transformers import TrainingArguments

    t = config.train
    # transformers renamed gradient_checkpointing to activation_checkpointing (5.2x); use whichever this one has.
    renamed = "activation_checkpointing" in TrainingArguments.__dataclass_fields__
    checkpointing = {"activation_checkpointing" if renamed else "gradient_checkpointing": t.gradient_checkpointing}
    try:
        return TrainingArguments(
            output_dir=t.output_dir,
            per_device_train_batch_size=t.per_device_batch_size,
            gradient_accumulation_steps=accumulation,
            learning_rate=t.learning_rate,
            lr_scheduler_type=t.lr_scheduler,
            warmup_steps=t.warmup_ratio,  # a float in [0, 1) is a ratio of the total steps in transformers 5
            num_train_epochs=t.num_epochs,
            max_steps=t.max_steps,
            weight_decay=t.weight_decay,
            max_grad_norm=t.max_grad_norm,
            bf16=t.bf16,
            **checkpointing,
            save_strategy="steps",
            save_steps=t.save_steps,
            save_total_limit=t.save_total_limit,
            logging_steps=t.logging_steps,
            seed=t.seed,
            data_seed=t.seed,
            deepspeed=t.deepspeed,
            # With no accelerator, say so: only then does a multi-process launch become gloo DDP instead of N
            # independent copies of the same run.
            use_cpu=t.use_cpu or not torch.accelerator.is_available(),
            report_to=t.report_to,
            remove_unused_columns=False,
            include_num_input_tokens_seen="non_padding",
            disable_tqdm=True,
            save_only_model=False,
        )
    except (ValueError, ImportError) as e:  # a bad scheduler name, DeepSpeed not installed, a bad DeepSpeed file
        raise CftTrainError(f"training arguments: {type(e).__name__}: {first_line(e)}") from None


def load_model(config: CftConfig):
    import torch
    from transformers import AutoModelForCausalLM

    dtype = "auto" if config.dtype == "auto" else getattr(torch, config.dtype)
    try:
        return AutoModelForCausalLM.from_pretrained(
            config.model, dtype=dtype, trust_remote_code=config.trust_remote_code
        )
    except (OSError, ValueError) as e:
        raise CftTrainError(f"cannot load a model from '{config.model}': {first_line(e)}") from None


def _complete(checkpoint: Path) -> bool:
    """Trainer writes trainer_state.json last; a checkpoint without a readable one was cut by a crash."""
    try:
        return "global_step" in json.loads((checkpoint / "trainer_state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def _resume_point(config: CftConfig) -> str | None:
    """The newest complete checkpoint in output_dir. Checkpoints cut by a crash mid-save are renamed
    incomplete-checkpoint-N (by the main process) so neither Trainer nor `cfteval sweep` picks them up."""
    out = Path(config.train.output_dir)
    if not out.is_dir():
        return None
    found = sorted(
        (p for p in out.iterdir() if p.is_dir() and _CHECKPOINT.match(p.name)),
        key=lambda p: int(p.name.split("-")[1]),
    )
    complete = [p for p in found if _complete(p)]
    if complete and not config.train.resume:
        raise CftTrainError(
            f"{out} already holds {complete[-1].name}; set train.resume=true to continue it or pick a new output_dir"
        )
    if int(os.environ.get("RANK", "0")) == 0:
        for partial in (p for p in found if p not in complete):
            partial.rename(partial.with_name(f"incomplete-{partial.name}.{int(time.time())}"))
    return str(complete[-1]) if complete else None


def train(config: CftConfig) -> TrainSummary:
    """Train per `config`, save checkpoints and the final model into train.output_dir, and return a summary
    (also written there as cft_train.json by the main process)."""
    from transformers import Trainer

    _require_model(config)  # before anything is written
    world = world_size()
    accumulation = config.gradient_accumulation(world)
    resume = _resume_point(config)
    _pin_config(config, resume)
    finished = _finished_summary(config, resume)
    if finished:
        return finished
    args = training_arguments(config, accumulation)  # before the model: DeepSpeed ZeRO-3 hooks into loading
    tokenizer = load_tokenizer(config)
    encoded, stats = prepare_data(config, tokenizer)
    model = load_model(config)
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=encoded,
        data_collator=PadCollator(tokenizer.pad_token_id),
        processing_class=tokenizer,
    )
    started = time.perf_counter()
    result = trainer.train(resume_from_checkpoint=resume)
    seconds = time.perf_counter() - started
    trainer.save_model(config.train.output_dir)
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    tokens = int(trainer.state.num_input_tokens_seen or 0) - _tokens_at(resume)
    summary = TrainSummary(
        output_dir=config.train.output_dir,
        world_size=world,
        gradient_accumulation_steps=accumulation,
        global_steps=trainer.state.global_step,
        resumed_from=resume,
        final_loss=losses[-1] if losses else None,
        train_loss=result.training_loss,
        tokens_seen=tokens,
        train_seconds=round(seconds, 3),
        tokens_per_second=round(tokens / seconds, 1) if seconds > 0 else 0.0,
        data=asdict(stats),
    )
    if trainer.is_world_process_zero():
        _write_summary(config, summary)
    return summary


PIN_FILE = "cft_train_config.json"
_FREE_TO_CHANGE = {"train.resume", "train.output_dir", "train.report_to", "train.logging_steps", "train.save_steps",
                   "train.save_total_limit"}  # fmt: skip


def _flat(tree: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in tree.items():
        flat.update(_flat(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key: value})
    return flat


def _pin_config(config: CftConfig, resume: str | None) -> None:
    """A resumed run must be the run that was started: same model, data and recipe. The first start writes the
    config into output_dir; a resume with different settings is refused rather than silently mixing two runs."""
    path = Path(config.train.output_dir) / PIN_FILE
    current = {k: v for k, v in _flat(to_dict(config)).items() if k not in _FREE_TO_CHANGE}
    if resume and path.is_file():
        pinned = json.loads(path.read_text(encoding="utf-8"))
        changed = [k for k in sorted(set(pinned) | set(current)) if pinned.get(k) != current.get(k)]
        if changed:
            key = changed[0]
            raise CftTrainError(
                f"{config.train.output_dir} was started with {key}={pinned.get(key)!r}, now {current.get(key)!r}; "
                "resume with the same settings or pick a new train.output_dir"
            )
    elif int(os.environ.get("RANK", "0")) == 0:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_json(path, current)


def _finished_summary(config: CftConfig, resume: str | None) -> TrainSummary | None:
    """The summary of a run that already completed (its final checkpoint is the newest): rerunning is a no-op."""
    path = Path(config.train.output_dir) / SUMMARY_FILE
    if not resume or not path.is_file():
        return None
    summary = json.loads(path.read_text(encoding="utf-8"))["summary"]
    return TrainSummary(**summary) if Path(resume).name == f"checkpoint-{summary['global_steps']}" else None


def _tokens_at(checkpoint: str | None) -> int:
    if not checkpoint:
        return 0
    state = json.loads((Path(checkpoint) / "trainer_state.json").read_text(encoding="utf-8"))
    return int(state.get("num_input_tokens_seen") or 0)


def _write_summary(config: CftConfig, summary: TrainSummary) -> None:
    import torch
    import transformers

    record = {
        "summary": asdict(summary),
        "config": to_dict(config),
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
        "python": platform.python_version(),
    }
    _write_json(Path(config.train.output_dir) / SUMMARY_FILE, record)


def _write_json(path: Path, data: dict) -> None:
    """Write aside, then rename: a kill never leaves a torn file (cft_train keeps out of cfteval's runio)."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)
