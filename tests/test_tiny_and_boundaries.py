from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

from cfteval.tiny import build_tiny_model


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_tiny_model_is_deterministic_and_loads_with_auto_classes(tiny_model, tmp_path):
    again = build_tiny_model(tmp_path / "again")
    assert _digest(again) == _digest(tiny_model)
    config = AutoConfig.from_pretrained(tiny_model)
    assert config.head_dim == 64 and config.num_hidden_layers == 2
    tokenizer = AutoTokenizer.from_pretrained(tiny_model)
    assert tokenizer.chat_template and tokenizer.eos_token == "<|im_end|>"
    model = AutoModelForCausalLM.from_pretrained(tiny_model)
    ids = tokenizer("The answer is 42.", return_tensors="pt").input_ids
    assert tokenizer.decode(ids[0]) == "The answer is 42."
    assert model(ids).logits.shape[-1] == len(tokenizer)


def test_importing_cfteval_loads_no_model_library():
    code = (
        "import sys, cfteval, cfteval.evaluate, cfteval.grading, cfteval.cli\n"
        "heavy = ('torch', 'transformers', 'vllm', 'lm_eval', 'accelerate', 'deepspeed')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_report_package_loads_no_evaluation_engine():
    """cfteval.report reads finished runs back: importing every one of its modules loads neither the engine that
    produces runs (evaluate, sweep, scoring, backends, generate) nor a model library."""
    code = (
        "import importlib, pkgutil, sys, cfteval.report\n"
        "names = [m.name for m in pkgutil.iter_modules(cfteval.report.__path__, 'cfteval.report.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "banned = ('cfteval.evaluate', 'cfteval.sweep', 'cfteval.backends', 'cfteval.scoring', 'cfteval.generate',\n"
        "          'torch', 'vllm', 'lm_eval')\n"
        "loaded = [m for m in sys.modules if m in banned or m.startswith(tuple(b + '.' for b in banned))]\n"
        "print(','.join(names))\n"
        "print(','.join(sorted(loaded)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, loaded = out.stdout.split("\n")[:2]
    parts = {"summary", "tables", "diff", "html", "charts", "breakdown"}
    assert {f"cfteval.report.{p}" for p in parts} <= set(imported.split(",")), imported
    assert loaded == "", f"cfteval.report loaded {loaded}"


def test_the_cft_format_module_stands_alone_and_the_harness_imports_it_once():
    """Training and evaluation share the CFT text format (cft_train/format.py) and checkpoints, nothing else: the
    format module loads no other cft_train module and no model library, and one harness module imports it."""
    code = (
        "import sys, cft_train.format\n"
        "print(sorted(m for m in sys.modules if m.startswith('cft_train') or m in ('torch', 'transformers')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['cft_train', 'cft_train.format']"
    harness = Path(__file__).resolve().parents[1] / "cfteval"
    importers = [str(p.relative_to(harness)) for p in harness.rglob("*.py") if "from cft_train.format" in p.read_text()]
    assert importers == ["prompts.py"]


def test_a_training_config_must_name_its_model(tmp_path):
    """cft_train names no harness default: a config without `model` is refused, not trained on a built-in."""
    from tests.conftest import run_cli

    config = tmp_path / "c.yaml"
    config.write_text(f"data:\n  source: synthetic:8\ntrain:\n  output_dir: {tmp_path / 'out'}\n")
    done = run_cli("train", "--config", str(config))
    assert done.returncode == 2 and done.stderr == "cfteval: error: model: required (a local checkpoint or a hub id)\n"
    assert not (tmp_path / "out").exists()


def _loaded(imports: str, banned: tuple[str, ...]) -> list[str]:
    """The modules of `banned` (or below them) that importing `imports` loads, in a fresh interpreter."""
    code = (
        f"import sys, {imports}\n"
        f"banned = {banned!r}\n"
        "print(','.join(sorted(m for m in sys.modules if m in banned or m.startswith(tuple(b + '.' for b in banned)))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_scoring_and_grading_stand_on_their_own_inputs():
    """Scoring reads run.json and samples: it loads no backend, no lm-eval bridge, no engine, no report; grading
    gets its rules with each item: it loads neither the task registry nor a backend nor a model library."""
    scoring_banned = ("cfteval.lmeval", "cfteval.evaluate", "cfteval.backends", "cfteval.report", "torch", "vllm")
    assert _loaded("cfteval.scoring", scoring_banned) == []
    source = (Path(__file__).resolve().parents[1] / "cfteval" / "scoring.py").read_text()
    assert "cfteval.lmeval" not in source and "cfteval.evaluate" not in source  # not even lazily, in a branch
    assert _loaded("cfteval.grading", ("cfteval.tasks", "cfteval.backends", "cfteval.prompts", "torch")) == []


def test_cft_train_needs_nothing_of_the_harness():
    """Training and evaluation meet in checkpoints on disk: no cft_train module imports cfteval, and importing
    all of them loads no cfteval module."""
    package = Path(__file__).resolve().parents[1] / "cft_train"
    importing = [
        p.name for p in package.glob("*.py") if "from cfteval" in p.read_text() or "import cfteval" in p.read_text()
    ]
    assert importing == []
    modules = ", ".join(f"cft_train.{p.stem}" for p in sorted(package.glob("*.py")) if p.stem != "__init__")
    assert _loaded(modules, ("cfteval",)) == []
