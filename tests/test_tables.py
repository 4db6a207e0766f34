"""`cfteval table`: the paper's tables as published, and runs beside them in all four formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cfteval.report.tables import paper_file
from tests.conftest import run_cli

PAPER = json.loads(paper_file().read_text())


@pytest.mark.parametrize("name", ["table2", "table3", "rl"])
def test_reference_alone_is_the_published_table(name):
    done = run_cli("table", "--reference", f"paper:{name}", "--format", "csv")
    assert done.returncode == 0, done.stderr
    table = PAPER["tables"][name]
    lines = list(csv.reader(io.StringIO(done.stdout)))
    assert lines[0] == ["model", *table["columns"]]
    assert [line[0] for line in lines[1:]] == [r["model"] for r in table["rows"]]
    for line, row in zip(lines[1:], table["rows"]):
        for cell, column in zip(line[1:], table["columns"]):
            value = row["values"].get(column)
            if value is None:
                assert cell == "-"  # the paper's "-"
            elif isinstance(value, str):
                assert cell == value
            else:
                assert float(cell) == pytest.approx(value)


@pytest.fixture(scope="module")
def two_runs(tiny_model, data_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    for name, tasks in (("run_a", "math,gsm8k"), ("run_b", "gsm8k")):
        done = run_cli("run", "--model", "cfteval:tiny", "--tasks", tasks, "--limit", "2", "--max-new-tokens", "8",
                       "--data-dir", str(data_dir), "--output", str(root / name), "--no-progress")  # fmt: skip
        assert done.returncode == 0, done.stderr
    return root / "run_a", root / "run_b"


def test_runs_beside_the_paper_in_every_format(two_runs):
    a, b = map(str, two_runs)
    md = run_cli("table", a, b)
    assert md.returncode == 0, md.stderr
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]] for line in md.stdout.splitlines()
            if line.startswith("| run_")}  # fmt: skip
    assert rows["run_a *"][0] == "0.0" and rows["run_a *"][2] == "0.0"  # MATH, GSM8K measured
    assert rows["run_a *"][1] == "-" and rows["run_b *"][0] == "-"  # tasks the runs did not evaluate
    assert rows["run_a *"][-1] == "-"  # no average over missing columns
    assert "* run_a: limit=2" in md.stdout and "Qwen2.5-Math-7B / WebInstruct-CFT" in md.stdout

    latex = run_cli("table", a, b, "--format", "latex")
    assert latex.returncode == 0 and "\\toprule" in latex.stdout and "\\bottomrule" in latex.stdout
    html = run_cli("table", a, b, "--format", "html")
    assert html.returncode == 0 and html.stdout.count("<tr>") == 1 + len(PAPER["tables"]["table2"]["rows"]) + 2
    data = list(csv.reader(io.StringIO(run_cli("table", a, b, "--format", "csv").stdout)))
    assert data[-1][:4] == ["run_b *", "-", "-", "0.0"]


def test_task_columns_and_baseline_deltas(two_runs):
    a, b = map(str, two_runs)
    done = run_cli("table", a, b, "--tasks", "gsm8k", "--baseline", "Qwen2.5-Math-7B / WebInstruct-CFT")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("| run_b"))
    assert "0.0 (-90.9)" in line  # the paper's Qwen2.5-Math-7B-CFT GSM8K is 90.9
    none = run_cli("table", a, b, "--reference", "none")
    assert none.returncode == 0 and "math" in none.stdout.splitlines()[0] and "DeepSeek" not in none.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reference", "paper:table9"], "unknown reference 'paper:table9'"),
        (["/nonexistent/run"], "has no results.json"),
        (["--baseline", "Qwen"], "--baseline 'Qwen' matches"),
    ],
)
def test_table_errors_are_one_line(args, message):
    done = run_cli("table", *args)
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1
