"""`cfteval report`: the page, its figures and sample pages from real runs, and its rendering in headless chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cfteval.runio import read_jsonl
from tests.conftest import run_cli

PNG = b"\x89PNG\r\n\x1a\n"


def _browser() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.fixture(scope="module")
def runs(tiny_model, data_dir, tmp_path_factory):
    """run_a: math500 + math, with every third math500 completion rewritten to box the gold answer and re-graded
    (real grading, nonzero accuracy by level); run_b: gsm8k only (tasks missing next to run_a)."""
    root = tmp_path_factory.mktemp("report")
    for name, tasks in (("run_a", "math500,math"), ("run_b", "gsm8k")):
        done = run_cli("run", "--model", "cfteval:tiny", "--tasks", tasks, "--limit", "9", "--max-new-tokens", "8",
                       "--data-dir", str(data_dir), "--output", str(root / name), "--no-progress")  # fmt: skip
        assert done.returncode == 0, done.stderr
    golds = {r["doc_id"]: r["gold"] for r in read_jsonl(root / "run_a" / "scored" / "math500.jsonl")}
    path = root / "run_a" / "samples" / "math500.jsonl"
    lines = read_jsonl(path)
    for line in lines:
        if line["doc_id"] % 3 == 0:
            line["completion"] = f"So the answer is $\\boxed{{{golds[line['doc_id']]}}}$."
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    done = run_cli("grade", str(root / "run_a"))
    assert done.returncode == 0, done.stderr
    return root / "run_a", root / "run_b"


def _report(tmp_path, *args) -> Path:
    done = run_cli("report", *map(str, args), "--out", str(tmp_path / "report"))
    assert done.returncode == 0, done.stderr
    return tmp_path / "report" / "index.html"


def test_page_figures_levels_and_sample_links(runs, data_dir, tmp_path):
    a, b = runs
    index = _report(tmp_path, a, b)
    page = index.read_text()
    figures = sorted((index.parent / "figures").glob("*.png"))
    names = {re.sub(r"^\d+_", "", f.stem) for f in figures}
    assert {"accuracy_math500", "accuracy_math", "accuracy_gsm8k", "level_math500", "subject_math"} <= names
    assert "level_gsm8k" not in names  # GSM8K has no levels
    assert all(f.read_bytes().startswith(PNG) for f in figures)
    assert page.count('src="data:image/png;base64,') == len(figures)  # self-contained: every figure inlined
    assert not re.search(r'(src|href)="(https?:|//)', page)  # nothing fetched from elsewhere
    assert "Qwen2.5-Math-7B / WebInstruct-CFT" in page and re.search(r"<td>run_a \*\s*</td>", page)

    # accuracy by level, checked against the data file: docs 0, 3, 6 were made right
    records = read_jsonl(data_dir / "math500" / "test.jsonl")[:9]
    by_level: dict[int, list[bool]] = {}
    for doc, record in enumerate(records):
        by_level.setdefault(record["level"], []).append(doc % 3 == 0)
    row = re.search(r"<tr><td>run_a</td>(.*?)</tr>", page.split("math500 accuracy % (docs)")[1]).group(1)
    expected = "".join(f"<td>{100 * sum(v) / len(v):.1f} ({len(v)})</td>" for _, v in sorted(by_level.items()))
    assert row == expected

    links = re.findall(r'href="(samples/[^"]+)"', page)
    assert len(links) == 3  # run_a: math500, math; run_b: gsm8k
    samples = (index.parent / "samples" / "run_a__math500.html").read_text()
    assert samples.count("<tr><td>") == 9 and samples.count(">right<") == 3
    assert all((index.parent / link).is_file() for link in links)


def test_reference_with_missing_cells_and_errors(runs, tmp_path):
    a, _ = runs
    index = _report(tmp_path, a, "--reference", "paper:table3")  # the paper prints "-" in some table3 cells
    assert re.search(r"<td>\s*-\s*</td>", index.read_text())
    none = run_cli("report", str(a), "--reference", "none", "--out", str(tmp_path / "plain"))
    assert none.returncode == 0 and "DeepSeek" not in (tmp_path / "plain" / "index.html").read_text().split("<h2>")[1]
    bad = run_cli("report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x"))
    assert bad.returncode == 2 and "neither a finished run" in bad.stderr


def test_chart_draws_missing_values_as_gaps():
    from cfteval.report import charts

    png = charts.task_bars("t", [("run", None, True), ("paper", 50.0, False)])
    assert png.startswith(PNG)
    assert charts.grouped_bars("t", ["1", "2"], {"a": [None, 10.0], "b": [None, None]}, "%").startswith(PNG)


@pytest.fixture(scope="module")
def browser() -> str:
    """A headless browser; without one the test skips, except in CI (`CI=true`), where that is a failure."""
    found = _browser()
    if found is None and os.environ.get("CI") == "true":
        pytest.fail("CI=true and no chromium on PATH: .ci/run installs it (apt-get update && apt-get install chromium)")
    if found is None:
        pytest.skip("no chromium here (.ci/run installs Debian's chromium)")
    return found


def test_page_renders_in_headless_chromium(browser, runs, tmp_path):
    a, b = runs
    index = _report(tmp_path, a, b)
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    dom = subprocess.run([*flags, "--virtual-time-budget=5000", "--dump-dom", index.as_uri()],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    body = re.search(r'<body data-charts-loaded="(\d+)" data-charts-total="(\d+)"', dom.stdout)
    assert body, dom.stderr[-2000:]
    figures = len(list((index.parent / "figures").glob("*.png")))
    assert int(body.group(1)) == int(body.group(2)) == figures > 0  # every chart decoded in the browser

    shot = tmp_path / "screenshot.png"
    subprocess.run([*flags, "--window-size=1200,2400", f"--screenshot={shot}", index.as_uri()],
                   capture_output=True, timeout=120, check=True)  # fmt: skip
    import matplotlib.image

    pixels = matplotlib.image.imread(shot)[:, :, :3]
    grey = (abs(pixels - [0xB8 / 255, 0xB8 / 255, 0xB8 / 255]).max(axis=2) < 0.02).sum()  # the paper's bars
    blue = (abs(pixels - [0x1F / 255, 0x77 / 255, 0xB4 / 255]).max(axis=2) < 0.02).sum()  # run bars and headings
    assert grey > 2000 and blue > 2000, (grey, blue)
    if os.environ.get("CFTEVAL_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["CFTEVAL_KEEP_SCREENSHOT"])
