"""Training configs: dataclasses read from YAML, with `section.key=value` overrides from the command line.

A config file has three parts, `model`, `data` and `train`; its first lines say how to launch it. Batch size is
given as the global batch (the paper's 512): the gradient accumulation steps follow from the per-device batch
and the number of processes, so the same file runs on 1 CPU or 64 GPUs with no edit.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from cft_train.data import MODES
from cft_train.errors import CftTrainError, first_line


@dataclass
class DataConfig:
    source: str = "synthetic:4000"  # .json/.jsonl path, hub:ORG/NAME, or synthetic:N
    mode: str = "cft"  # cft: (question, candidate) -> critique; sft: question -> solution
    system: str | None = "You are a helpful assistant."  # the paper's system turn for Qwen; null for none
    cutoff_len: int = 2048  # longer rows are dropped and counted, never cut
    split: str = "train"  # hub only
    data_files: str | None = None  # hub only: which file of the dataset repo
    max_rows: int | None = None  # use the first N rows (debugging)


@dataclass
class TrainConfig:
    output_dir: str = "runs/cft"
    learning_rate: float = 5e-6
    lr_scheduler: str = "cosine"
    warmup_ratio: float = 0.1
    num_epochs: float = 1.0
    max_steps: int = -1  # > 0 overrides num_epochs
    global_batch_size: int = 512
    per_device_batch_size: int = 1
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    bf16: bool = False
    gradient_checkpointing: bool = False
    save_steps: int = 10
    save_total_limit: int | None = None
    logging_steps: int = 1
    seed: int = 42
    resume: bool = True  # continue from the newest checkpoint in output_dir when there is one
    deepspeed: str | None = None  # a DeepSpeed JSON config (or use an accelerate config that names one)
    use_cpu: bool = False
    report_to: str = "none"


@dataclass
class CftConfig:
    model: str = ""  # a local checkpoint or a hub id; required (the harness resolves its own names)
    trust_remote_code: bool = False
    dtype: str = "auto"  # weights dtype when loading: auto|float32|bfloat16
    chat_template: str | None = None  # a Jinja file or text, for models without one (saved with checkpoints)
    data: DataConfig = field(default_factory=DataConfig)
    train: TrainConfig = field(default_factory=TrainConfig)

    def gradient_accumulation(self, world_size: int) -> int:
        per_step = self.train.per_device_batch_size * world_size
        if self.train.global_batch_size % per_step:
            raise CftTrainError(
                f"train.global_batch_size={self.train.global_batch_size} is not a multiple of "
                f"per_device_batch_size x processes = {self.train.per_device_batch_size} x {world_size}"
            )
        return self.train.global_batch_size // per_step


def _coerce(value, hint: str, key: str):
    """YAML gives 5e-6 as a string and 1 as an int; make the value match the field's declared type."""
    base = hint.replace(" | None", "")
    if value is None:
        if "None" not in hint:
            raise CftTrainError(f"{key} cannot be null")
        return None
    try:
        if base == "float" and not isinstance(value, bool):
            if not math.isfinite(float(value)):
                raise CftTrainError(f"{key}: expected a finite number, got {value!r}")
            return float(value)
        if base == "int" and not isinstance(value, bool) and float(value) == int(float(value)):
            return int(float(value))
        if base == "bool" and isinstance(value, bool):
            return value
        if base == "str" and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
    except (TypeError, ValueError, OverflowError):
        pass
    raise CftTrainError(f"{key}: expected {base}, got {value!r}")


def _build(cls, values: dict, prefix: str):
    if values is None:  # `train:` with nothing under it
        values = {}
    if not isinstance(values, dict):
        raise CftTrainError(f"{prefix or 'config'}: expected a mapping, got {values!r}")
    hints = {f.name: f.type for f in dataclasses.fields(cls)}
    unknown = sorted(set(values) - set(hints))
    if unknown:
        raise CftTrainError(f"unknown config key {prefix}{unknown[0]}; known: {', '.join(sorted(hints))}")
    kwargs = {}
    for name, value in values.items():
        nested = typing.get_type_hints(cls).get(name)
        if dataclasses.is_dataclass(nested):
            kwargs[name] = _build(nested, value, f"{prefix}{name}.")
        else:
            kwargs[name] = _coerce(value, hints[name], prefix + name)
    return cls(**kwargs)


def _set(tree: dict, dotted: str, value) -> None:
    *parents, leaf = dotted.split(".")
    for part in parents:
        if tree.get(part) is None:
            tree[part] = {}
        tree = tree[part]
        if not isinstance(tree, dict):
            raise CftTrainError(f"override {dotted}: {part} is not a section")
    tree[leaf] = value


def _field_type(dotted: str) -> str | None:
    cls, hint = CftConfig, None
    for part in dotted.split("."):
        fields = {f.name: f for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else {}
        if part not in fields:
            return None
        hint = fields[part].type
        cls = typing.get_type_hints(cls).get(part)
    return hint if isinstance(hint, str) else None


def _override_value(dotted: str, raw: str):
    """Text fields keep the text as typed (YAML would read '#' as a comment and 0755 as octal); other fields
    are read as YAML values. null, ~ or nothing mean None."""
    if raw.strip() in ("", "null", "~"):
        return None
    if _field_type(dotted) in ("str", "str | None"):
        return raw
    return yaml.safe_load(raw)


def load_config(path: str | None, overrides: list[str] = ()) -> CftConfig:
    """Read a YAML config (or start from the defaults) and apply `section.key=value` overrides."""
    tree: dict = {}
    if path:
        try:
            tree = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise CftTrainError(f"{path}: no such config file") from None
        except UnicodeDecodeError:
            raise CftTrainError(f"{path}: not UTF-8 text") from None
        except yaml.YAMLError as e:
            raise CftTrainError(f"{path}: not valid YAML ({first_line(e)})") from None
        if not isinstance(tree, dict):
            raise CftTrainError(f"{path}: a config must be a mapping of model/data/train")
    for item in overrides:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise CftTrainError(f"override '{item}': write section.key=value, e.g. train.max_steps=10")
        _set(tree, key.strip(), _override_value(key.strip(), raw))
    config = _build(CftConfig, tree, "")
    validate(config)
    return config


def validate(config: CftConfig) -> None:
    if config.data.mode not in MODES:
        raise CftTrainError(f"data.mode must be one of {', '.join(MODES)}, got '{config.data.mode}'")
    if config.dtype not in ("auto", "float32", "bfloat16", "float16"):
        raise CftTrainError(f"dtype must be auto|float32|bfloat16|float16, got '{config.dtype}'")
    positive = {
        "data.cutoff_len": config.data.cutoff_len,
        "train.learning_rate": config.train.learning_rate,
        "train.global_batch_size": config.train.global_batch_size,
        "train.per_device_batch_size": config.train.per_device_batch_size,
        "train.save_steps": config.train.save_steps,
        "train.logging_steps": config.train.logging_steps,
    }
    for key, value in positive.items():
        if value <= 0:
            raise CftTrainError(f"{key} must be > 0, got {value}")
    if config.data.max_rows is not None and config.data.max_rows < 1:
        raise CftTrainError(f"data.max_rows must be > 0 (or null for all rows), got {config.data.max_rows}")
    if not 0 <= config.train.warmup_ratio < 1:
        raise CftTrainError(f"train.warmup_ratio must be in [0, 1), got {config.train.warmup_ratio}")
    if config.train.max_steps <= 0 and config.train.num_epochs <= 0:
        raise CftTrainError("set train.num_epochs > 0 or train.max_steps > 0")


def to_dict(config: CftConfig) -> dict:
    return dataclasses.asdict(config)
