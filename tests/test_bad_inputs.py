"""Broken and hostile files: every data file the harness reads gives a result or one clear error naming the file
and line, never a traceback or a hang; a model's own code never runs unless asked for."""

from __future__ import annotations

import json

import pytest

from cfteval.data import load_docs
from cfteval.errors import CftevalError
from cfteval.tasks import registry
from tests.conftest import run_cli

GOOD = {"question": "What is 1 + 1?", "answer": "So 2.\n#### 2"}


def _data(tmp_path, raw: bytes):
    folder = tmp_path / "data"
    (folder / "gsm8k").mkdir(parents=True)
    (folder / "gsm8k" / "test.jsonl").write_bytes(raw)
    return folder


def _load(folder):
    return load_docs(registry()["gsm8k"], folder, allow_data_mismatch=True)[0]


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\n",  # BOM
        json.dumps(GOOD).encode() + b"\r\n" + json.dumps(GOOD).encode() + b"\r\n",  # CRLF
        b"\n\n" + json.dumps(GOOD).encode() + b"\n\n",  # blank lines
        json.dumps(GOOD).encode(),  # no final newline
        json.dumps({**GOOD, "question": "x" * 20_000_000}).encode() + b"\n",  # one 20 MB line
    ],
    ids=["bom", "crlf", "blank-lines", "no-final-newline", "huge-line"],
)
def test_tolerable_files_load(tmp_path, raw):
    docs = _load(_data(tmp_path, raw))
    assert docs and all(d.gold == "2" for d in docs)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "no records"),
        (b"\n  \n", "no records"),
        (b'{"question": "q", "answer": "#### 1"\n', "test.jsonl:1: malformed JSON"),
        (b"[1, 2]\n", "test.jsonl:1: expected a JSON object, got list"),
        (b'"just a string"\n', "expected a JSON object, got str"),
        (b'{"question": "q", "answer": null}\n', "record has no gold field 'answer'"),
        (b'{"question": "q", "answer": "no hash marks"}\n', "cannot get the gold answer"),
        (b'{"question": "", "answer": "#### 1"}\n', "empty question"),
        (b"\xff\xfe{}\n", "test.jsonl"),  # UTF-16 / not UTF-8
        (json.dumps(GOOD).encode() + b"\n{tor", "test.jsonl:2: malformed JSON"),  # a torn last line in input data
    ],
    ids=[
        "empty",
        "blank",
        "bad-json",
        "list",
        "string",
        "null-gold",
        "no-gold-rule",
        "empty-question",
        "utf16",
        "torn-data-line",
    ],  # fmt: skip
)
def test_broken_files_give_one_clear_error(tmp_path, raw, message):
    with pytest.raises(CftevalError) as error:
        _load(_data(tmp_path, raw))
    assert message in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"question": ["a"], "answer": "#### 4"}, "test.jsonl:2: question field 'question' is list, not text"),
        ({"question": {"q": 1}, "answer": "#### 4"}, "test.jsonl:2: question field 'question' is dict, not text"),
        ({"question": None, "answer": "#### 4"}, "test.jsonl:2: record has no question field 'question'"),
        ({"question": True, "answer": "#### 4"}, "test.jsonl:2: question field 'question' is bool, not text"),
        ({"question": "q", "answer": 4}, "test.jsonl:2: cannot get the gold answer with rule 'after_hash'"),
    ],
    ids=["list", "dict", "null", "bool", "number-gold-without-hash"],
)
def test_wrong_types_in_records_are_errors(tmp_path, record, message):
    """A question that is not text is an error at its line; a number is the one non-string that reads as text."""
    rows = [{"question": 12, "answer": "#### 3"}, record]
    with pytest.raises(CftevalError) as error:
        _load(_data(tmp_path, "".join(json.dumps(r) + "\n" for r in rows).encode()))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_number_question_reads_as_its_text(tmp_path):
    docs = _load(_data(tmp_path, json.dumps({"question": 12, "answer": "#### 3"}).encode() + b"\n"))
    assert [(d.question, d.gold) for d in docs] == [("12", "3")]


def test_grade_input_file_errors_are_one_line(tmp_path):
    """Each broken --input file is an exit 2 with one line naming the file and what is wrong (an empty file too)."""
    cases = {
        "bad.jsonl": (b'{"r": "1", "g": "1"}\n{nope\n', ":2: malformed JSON line"),
        "field.jsonl": (b'{"r": "1"}\n', ": record 1 has no field 'g'"),
        "empty.jsonl": (b"", ": no records"),
        "blank.jsonl": (b"\n\n", ": no records"),
        "list.jsonl": (b'{"r": "1", "g": "1"}\n[1, 2]\n', ":2: expected a JSON object, got list"),
    }
    for name, (raw, message) in cases.items():
        (tmp_path / name).write_bytes(raw)
        done = run_cli("grade", "--input", str(tmp_path / name), "--response-field", "r", "--gold-field", "g")
        assert done.returncode == 2, (name, done.stderr)
        assert done.stderr.startswith(f"cfteval: error: {tmp_path / name}{message}"), (name, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, (name, done.stderr)


def _remote_code_model(tiny_model, tmp_path, marker):
    """The tiny model, with a config that asks for custom code which would create `marker` on import."""
    import shutil

    model = tmp_path / "remote"
    shutil.copytree(tiny_model, model)
    config = json.loads((model / "config.json").read_text())
    config["auto_map"] = {"AutoConfig": "evil.EvilConfig", "AutoModelForCausalLM": "evil.EvilModel"}
    (model / "config.json").write_text(json.dumps(config))
    (model / "evil.py").write_text(
        f"open({str(marker)!r}, 'w').write('ran')\n"
        "from transformers import Qwen2Config, Qwen2ForCausalLM\n"
        "class EvilConfig(Qwen2Config):\n    model_type = 'qwen2'\n"
        "class EvilModel(Qwen2ForCausalLM):\n    config_class = EvilConfig\n"
    )
    return model


def test_remote_code_never_runs_unless_asked(tiny_model, data_dir, tmp_path):
    marker = tmp_path / "RAN"
    model = _remote_code_model(tiny_model, tmp_path, marker)
    args = ["run", "--model", str(model), "--tasks", "gsm8k", "--limit", "1", "--max-new-tokens", "4",
            "--data-dir", str(data_dir), "--no-progress"]  # fmt: skip
    done = run_cli(*args, "--output", str(tmp_path / "o"))
    assert done.returncode == 0, done.stderr[-2000:]  # the built-in class for its model_type, not the custom code
    assert not marker.exists()
    asked = run_cli(*args, "--output", str(tmp_path / "o2"), "--trust-remote-code")
    assert asked.returncode == 0 and marker.exists()  # the same model with the flag does run it
