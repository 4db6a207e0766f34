from __future__ import annotations

import json
import os

import pytest

from cfteval.errors import CftevalError
from cfteval.runio import append_lines, read_jsonl, run_lock, write_json_atomic


def test_append_and_read_back(tmp_path):
    path = tmp_path / "s.jsonl"
    append_lines(path, [{"a": 1}, {"a": 2}])
    append_lines(path, [{"a": 3}])
    assert [r["a"] for r in read_jsonl(path)] == [1, 2, 3]


def test_torn_last_line_is_repaired_only_when_asked(tmp_path):
    path = tmp_path / "s.jsonl"
    append_lines(path, [{"a": 1}])
    with open(path, "a") as f:
        f.write('{"a": 2, "b": "unfinis')
    with pytest.raises(CftevalError, match=r"s.jsonl:2: malformed JSON"):
        read_jsonl(path)
    assert read_jsonl(path, repair=True) == [{"a": 1}]
    assert path.read_text() == '{"a": 1}\n'


def test_complete_record_without_newline_is_treated_as_torn(tmp_path):
    # A crash between the object and its newline: appending after it would glue two records together.
    path = tmp_path / "s.jsonl"
    path.write_text('{"a": 1}\n{"a": 2}')
    assert read_jsonl(path, repair=True) == [{"a": 1}]


def test_malformed_middle_line_names_file_and_line(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text('{"a": 1}\nnot json\n{"a": 3}\n')
    with pytest.raises(CftevalError, match=r"data.jsonl:2: malformed JSON line"):
        read_jsonl(path, repair=True)
    path.write_text('{"a": 1}\n[1, 2]\n')
    with pytest.raises(CftevalError, match=r"data.jsonl:2: expected a JSON object"):
        read_jsonl(path)


def test_bom_crlf_and_blank_lines(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}\r\n\r\n{"a": 2}\r\n')
    assert read_jsonl(path) == [{"a": 1}, {"a": 2}]


def test_write_json_atomic_leaves_no_temp_files(tmp_path):
    path = tmp_path / "r" / "results.json"
    write_json_atomic(path, {"x": 1})
    write_json_atomic(path, {"x": 2})
    assert json.loads(path.read_text()) == {"x": 2}
    assert os.listdir(path.parent) == ["results.json"]


def test_run_lock_refuses_a_live_holder_and_takes_over_a_stale_one(tmp_path):
    (tmp_path / ".lock").write_text("999999999")  # no such pid: a crashed run's lock
    with run_lock(tmp_path):
        (tmp_path / ".lock").write_text(str(os.getppid()))  # pretend a live process holds it
        with pytest.raises(CftevalError, match="in use by another cfteval process"):
            with run_lock(tmp_path):
                pass
        (tmp_path / ".lock").write_text(str(os.getpid()))
    assert not (tmp_path / ".lock").exists()


def test_run_lock_removes_temp_files_a_crash_left(tmp_path):
    (tmp_path / "scored").mkdir()
    torn = tmp_path / "scored" / ".gsm8k.jsonl.abc123.tmp"  # write_atomic killed before its rename
    torn.write_text("partial")
    with run_lock(tmp_path):
        assert not torn.exists()
