from __future__ import annotations

import hashlib
import subprocess
import sys

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
