"""cft_train data formats, readers and configs: rows -> (messages, target), errors that name the file and line."""

from __future__ import annotations

import json

import pytest

from cft_train.config import load_config
from cft_train.data import load_examples, read_rows, to_example
from cft_train.errors import CftTrainError
from cft_train.format import CFT_INSTRUCTION, cft_user_turn
from cft_train.synthetic import critique_rows, eval_rows, write_synthetic

WEBINSTRUCT_ROW = {
    "instruction": CFT_INSTRUCTION,
    "input": "Question:\nWhat is 2+2?\n\nSolution:\n2+2=5. The answer is 5.",
    "output": "The solution adds wrongly: 2+2=4.\nConclusion: wrong [END]",
}


def test_webinstruct_row_joins_instruction_and_input_with_a_newline():
    example = to_example(WEBINSTRUCT_ROW, "cft", "You are a helpful assistant.", "f:1")
    assert example.messages == (
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": CFT_INSTRUCTION + "\n" + WEBINSTRUCT_ROW["input"]},
    )
    assert example.target == WEBINSTRUCT_ROW["output"]


def test_plain_critique_row_renders_the_webinstruct_user_turn():
    row = {
        "question": "What is 2+2?",
        "candidate": "2+2=5. The answer is 5.",
        "critique": "Wrong.\nConclusion: wrong [END]",
    }
    example = to_example(row, "cft", None, "f:1")
    assert example.messages == ({"role": "user", "content": cft_user_turn(row["question"], row["candidate"])},)
    assert example.messages[0]["content"] == CFT_INSTRUCTION + "\n" + WEBINSTRUCT_ROW["input"]
    assert example.target == row["critique"]


def test_sft_row_is_question_to_solution():
    example = to_example({"question": "What is 2+2?", "solution": "4"}, "sft", None, "f:1")
    assert example.messages == ({"role": "user", "content": "What is 2+2?"},) and example.target == "4"


@pytest.mark.parametrize(
    ("row", "mode", "message"),
    [
        ({"question": "q", "candidate": "y"}, "cft", "needs instruction/input/output or question/candidate/critique"),
        ({"question": "q", "critique": "c"}, "cft", "field 'candidate' is missing"),
        ({"question": "q", "candidate": 3, "critique": "c"}, "cft", "field 'candidate' is a int, not a string"),
        ({"question": "q", "candidate": "y", "critique": "  "}, "cft", "field 'critique' is empty"),
        ({"question": "q", "candidate": "y", "critique": "c"}, "sft", "an SFT row needs question/solution"),
        ({"instruction": "i", "input": "x"}, "cft", "field 'output' is missing"),
        (["not", "a", "row"], "cft", "a row must be a JSON object"),
    ],
)
def test_bad_rows_name_where_and_what(row, mode, message):
    with pytest.raises(CftTrainError, match="^data.jsonl:7: .*") as info:
        to_example(row, mode, None, "data.jsonl:7")
    assert message in str(info.value)


def test_jsonl_reader_reports_file_and_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(WEBINSTRUCT_ROW) + "\n\n" + '{"instruction": "x",\n', encoding="utf-8")
    with pytest.raises(CftTrainError, match=r"rows.jsonl:3: not valid JSON"):
        read_rows(str(path))
    path.write_text(json.dumps(WEBINSTRUCT_ROW) + "\n" + json.dumps({"question": "q"}) + "\n", encoding="utf-8")
    with pytest.raises(CftTrainError, match=r"rows.jsonl:2: .*question/candidate/critique"):
        load_examples(str(path), "cft", None)


def test_json_list_bom_and_crlf_files_are_read(tmp_path):
    listing = tmp_path / "rows.json"
    listing.write_text(json.dumps([WEBINSTRUCT_ROW, WEBINSTRUCT_ROW]), encoding="utf-8-sig")
    assert len(load_examples(str(listing), "cft", None)) == 2
    lines = tmp_path / "rows.jsonl"
    lines.write_bytes(b"\xef\xbb\xbf" + (json.dumps(WEBINSTRUCT_ROW) + "\r\n").encode() * 3)
    assert [e.where for e in load_examples(str(lines), "cft", None)][-1].endswith("rows.jsonl:3")


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "no rows"), ('{"a": 1}', "must hold a list of rows"), ("[1, 2", "not valid JSON")],
)
def test_bad_json_files(tmp_path, content, message):
    path = tmp_path / "rows.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CftTrainError, match=message):
        read_rows(str(path))


def test_missing_file_and_bad_synthetic_spec():
    with pytest.raises(CftTrainError, match="no such data file"):
        read_rows("/nonexistent/rows.jsonl")
    with pytest.raises(CftTrainError, match="synthetic:N"):
        read_rows("synthetic:many")


def test_synthetic_rows_are_deterministic_and_end_in_the_paper_conclusion():
    rows = critique_rows(200, seed=3)
    assert rows == critique_rows(200, seed=3) and rows != critique_rows(200, seed=4)
    for row in rows:
        verdict = "right" if row["verdict"] == "right" else "wrong"
        assert row["critique"].endswith(f"Conclusion: {verdict} [END]")
        assert f"\\boxed{{{row['answer']}}}" in row["critique"] and f"\\boxed{{{row['answer']}}}" in row["solution"]
    assert 0.35 < sum(r["verdict"] == "right" for r in rows) / len(rows) < 0.65


def test_no_eval_problem_is_trained_on():
    eval_questions = {r["question"] for r in eval_rows()}
    assert len(eval_questions) == len(eval_rows()) > 100
    assert not eval_questions & {r["question"] for r in critique_rows(5000, seed=0)}


def test_written_eval_file_matches_the_task_pin(tmp_path):
    from cfteval.data import load_docs
    from cfteval.tasks import resolve

    write_synthetic(tmp_path, train_rows=10)
    for task in resolve("synth_critique,synth_solve"):
        docs, info = load_docs(task, str(tmp_path), None, False)  # raises if the sha256 pin does not match
        assert len(docs) == task.records and docs[0].gold == eval_rows()[0]["answer"]
    assert len((tmp_path / "train_cft.jsonl").read_text().splitlines()) == 10


def test_config_reads_yaml_overrides_and_derives_accumulation(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("model: m\ntrain:\n  learning_rate: 5e-6\n  global_batch_size: 512\n  per_device_batch_size: 4\n")
    config = load_config(str(path), ["train.max_steps=10", "data.mode=sft", "data.system=null"])
    assert config.train.learning_rate == 5e-6 and config.train.max_steps == 10
    assert config.data.mode == "sft" and config.data.system is None
    assert config.gradient_accumulation(1) == 128 and config.gradient_accumulation(8) == 16
    with pytest.raises(CftTrainError, match="not a multiple"):
        config.gradient_accumulation(3)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (["train.learning_rat=1"], "unknown config key train.learning_rat"),
        (["train.max_steps=ten"], "train.max_steps: expected int"),
        (["data.mode=rl"], "data.mode must be one of cft, sft"),
        (["train.warmup_ratio=1.5"], "warmup_ratio must be in"),
        (["max_steps"], "write section.key=value"),
        (["train.bf16=maybe"], "train.bf16: expected bool"),
        (["train.max_steps=.inf"], "train.max_steps: expected int"),
        (["train.learning_rate=.nan"], "expected a finite number"),
        (["data.max_rows=-3"], "data.max_rows must be > 0"),
    ],
)
def test_config_errors(overrides, message):
    with pytest.raises(CftTrainError, match=message):
        load_config(None, overrides)


def test_shipped_configs_load():
    from pathlib import Path

    configs = sorted(Path(__file__).resolve().parents[1].glob("configs/*.yaml"))
    assert len(configs) >= 4
    for path in configs:
        config = load_config(str(path))
        assert path.read_text().startswith("# Launch:"), path
        assert config.gradient_accumulation(1) >= 1


def test_text_overrides_are_kept_as_typed(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("model: m\ntrain:\n")  # an empty section is the defaults
    config = load_config(str(path), ["data.system=Think hard #1: then answer", "train.output_dir=0755"])
    assert config.data.system == "Think hard #1: then answer" and config.train.output_dir == "0755"
    assert load_config(str(path), ["data.system=null"]).data.system is None


def test_non_utf8_files_and_empty_synthetic_are_one_line_errors(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes('{"question": "caf\u00e9"}\n'.encode("latin-1"))
    with pytest.raises(CftTrainError, match="not UTF-8 text"):
        read_rows(str(path))
    config = tmp_path / "c.yaml"
    config.write_bytes("model: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(CftTrainError, match="not UTF-8 text"):
        load_config(str(config))
    with pytest.raises(CftTrainError, match="N > 0"):
        read_rows("synthetic:0")
