"""`cfteval report RUN_DIR... --out DIR`: one self-contained HTML page with the comparison table and figures.

OUT/index.html inlines its CSS and every figure (base64 PNG), so the file alone can be mailed or attached;
OUT/figures/*.png holds the same figures for papers and slides, and OUT/samples/*.html one page per run and task
listing each graded sample (the main page links to them). A RUN_DIR may also be a `cfteval sweep` output dir
(it holds sweep.json): it adds a line chart of accuracy per checkpoint step, and its best checkpoint's run joins
the comparison.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from cfteval.errors import CftevalError
from cfteval.report import charts
from cfteval.report.breakdown import TaskBreakdown, run_breakdown
from cfteval.report.summary import SWEEP_FILE, sweep_table
from cfteval.report.tables import comparison, load_reference, render
from cfteval.results import Results, load_run
from cfteval.runio import read_json, read_jsonl, write_atomic
from cfteval.tasks import registry

SHOWN_CHARS = 6000  # longer completions are cut on the sample pages (the JSONL keeps them whole)

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
h2 { border-bottom: 2px solid #1f77b4; padding-bottom: 3px; margin-top: 2em; }
figure { display: inline-block; margin: 0.5em 1em 1em 0; vertical-align: top; }
figure img { max-width: 100%; border: 1px solid #eee; }
.note { color: #666; font-size: 0.9em; }
"""
# Sets data-charts-loaded on <body> once every figure has decoded, so a headless browser can tell.
CHECK_SCRIPT = """
window.addEventListener('load', () => {
  const imgs = [...document.images];
  document.body.dataset.chartsLoaded = imgs.filter(i => i.complete && i.naturalWidth > 0).length;
  document.body.dataset.chartsTotal = imgs.length;
});
"""


@dataclass
class Run:
    label: str
    path: Path
    tasks: list[TaskBreakdown]
    results: Results


@dataclass
class Page:
    out: Path
    sections: list[str] = field(default_factory=list)
    figures: int = 0

    def figure(self, name: str, png: bytes, caption: str) -> str:
        self.figures += 1
        filename = f"{self.figures:02d}_{_safe(name)}.png"
        (self.out / "figures" / filename).write_bytes(png)
        data = base64.b64encode(png).decode("ascii")
        return (
            f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,{data}">'
            f'<figcaption class="note">{_e(caption)} (<a href="figures/{filename}">png</a>)</figcaption></figure>'
        )


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "x"


def _labels(paths: list[Path]) -> list[str]:
    names = [p.name for p in paths]
    if len(set(names)) < len(names):
        names = [f"{p.parent.name}/{p.name}" for p in paths]
    return names


def _inputs(paths: list[str]) -> tuple[list[tuple[Path, Results]], list[tuple[Path, dict]]]:
    """Run dirs (with their results.json) and sweep dirs (with their sweep.json); a sweep's best checkpoint run
    counts as a run."""
    runs, sweeps = [], []
    for given in paths:
        path = Path(given)
        if (path / SWEEP_FILE).is_file():
            record = read_json(path / SWEEP_FILE)
            if not isinstance(record, dict) or not record.get("checkpoints"):
                raise CftevalError(f"{path / SWEEP_FILE} lists no checkpoints")
            sweeps.append((path, record))
            best = path / Path(record["best"]["run_dir"]).name
            if (best / "results.json").is_file():
                runs.append((best, load_run(best)))
        elif (path / "results.json").is_file():
            runs.append((path, load_run(path)))
        else:
            raise CftevalError(f"{path} is neither a finished run (results.json) nor a sweep (sweep.json)")
    return runs, sweeps


def _reference_numbers(task: str, reference: dict | None, results: dict) -> dict[str, float | None]:
    """The paper's numbers for a task: from the chosen reference table when it has the task, else the task's own."""
    if reference:
        columns = {t: c for c, t in reference["tasks"].items()}
        if task in columns:
            numbers = {row["model"]: row["values"].get(columns[task]) for row in reference["rows"]}
            return {model: value for model, value in numbers.items() if "Delta" not in model}  # not accuracies
    return dict(results["tasks"][task].get("paper", {}))


def _accuracy_section(page: Page, runs: list[Run], reference: dict | None, tasks: list[str]) -> str:
    parts = ["<h2>Accuracy per task, against the paper</h2>"]
    for task in tasks:
        having = [r for r in runs if task in r.results["tasks"]]
        entries = [(r.label, 100 * r.results["tasks"][task]["accuracy"], True) for r in having]
        paper = _reference_numbers(task, reference, having[0].results)
        entries += [(model, value, False) for model, value in paper.items()]
        parts.append(page.figure(f"accuracy_{task}", charts.task_bars(task, entries), f"{task}: runs (blue), paper"))
    return "".join(parts)


def _split_section(page: Page, runs: list[Run], tasks: list[str], kind: str) -> str:
    parts = []
    for task in tasks:
        found = {r.label: getattr(b, f"by_{kind}") for r in runs for b in r.tasks if b.task == task}
        categories = sorted({c for groups in found.values() for c in groups}, key=lambda c: (len(c), c))
        if not categories:
            continue
        series = {
            label: [100 * groups[c].accuracy if c in groups else None for c in categories]
            for label, groups in found.items()
        }
        title = f"{task}: accuracy by {kind}"
        png = charts.grouped_bars(title, categories, series, "accuracy (%)")
        parts.append(page.figure(f"{kind}_{task}", png, title))
        head = "".join(f"<th>{_e(c)}</th>" for c in categories)
        body = "".join(
            f"<tr><td>{_e(label)}</td>"
            + "".join(
                f"<td>{100 * groups[c].accuracy:.1f} ({groups[c].docs})</td>" if c in groups else "<td>-</td>"
                for c in categories
            )
            + "</tr>"
            for label, groups in found.items()
        )
        parts.append(f"<table><tr><th>{_e(task)} accuracy % (docs)</th>{head}</tr>{body}</table>")
    if not parts:
        return ""
    return f"<h2>Accuracy by MATH {kind}</h2>" + "".join(parts)


def _rates_section(page: Page, runs: list[Run], tasks: list[str]) -> str:
    rows = []
    for run in runs:
        for b in run.tasks:
            link = f"samples/{_safe(run.label)}__{_safe(b.task)}.html"
            rows.append(
                f"<tr><td>{_e(run.label)}</td><td>{_e(b.task)}</td><td>{b.samples}</td>"
                f"<td>{100 * b.truncated_rate:.1f} ({b.truncated})</td>"
                f"<td>{100 * b.no_answer_rate:.1f} ({b.no_answer})</td>"
                f'<td><a href="{_e(link)}">samples</a></td></tr>'
            )
    table = (
        "<table><tr><th>run</th><th>task</th><th>samples</th><th>truncated % (n)</th><th>no answer % (n)</th>"
        f"<th></th></tr>{''.join(rows)}</table>"
    )
    figures = []
    for attribute, title in (("truncated_rate", "truncated (hit max tokens)"), ("no_answer_rate", "no answer found")):
        series = {}
        for run in runs:
            by_task = {b.task: 100 * getattr(b, attribute) for b in run.tasks}
            series[run.label] = [by_task.get(t) for t in tasks]
        png = charts.grouped_bars(f"{title}, % of samples", tasks, series, "% of samples")
        figures.append(page.figure(attribute, png, title))
    return "<h2>Truncation and missing answers</h2>" + "".join(figures) + table


def _sweep_section(page: Page, sweeps: list[tuple[Path, dict]]) -> str:
    parts = []
    for path, record in sweeps:
        rows = sorted((r for r in record["checkpoints"] if r.get("step") is not None), key=lambda r: r["step"])
        title = f"sweep {path.name}: accuracy per checkpoint (best by {record['select']})"
        if rows:
            runs = sorted({Path(r["checkpoint"]).parent.name for r in rows})
            series, bold = {}, set()
            for run in runs:
                mine = [r for r in rows if Path(r["checkpoint"]).parent.name == run]
                for task in record["tasks"]:
                    name = f"{run}: {task}" if len(runs) > 1 else task
                    series[name] = ([r["step"] for r in mine], [100 * r["accuracy"][task] for r in mine])
                    if task == record["select"]:
                        bold.add(name)
            best = record["best"].get("step") or rows[-1]["step"]
            png = charts.sweep_lines(title, series, bold, best)
            parts.append(page.figure(f"sweep_{path.name}", png, title))
        parts.append(sweep_table(record, fmt="html"))
    return "<h2>Checkpoint sweeps</h2>" + "".join(parts) if parts else ""


def _question(task: str, doc_id: int, records: list[dict] | None) -> str:
    if records is None or not 0 <= doc_id < len(records) or task not in registry():
        return ""
    record = records[doc_id]
    if any("canary" in str(key).lower() for key in record):
        return "(question withheld: the dataset carries a canary string)"
    try:
        return registry()[task].make_doc(doc_id, record, task).question
    except CftevalError:
        return ""


def _samples_page(out: Path, run: Run, b: TaskBreakdown) -> None:
    source = Path(str(run.results["tasks"][b.task].get("dataset", {}).get("source", "")))
    records = read_jsonl(source) if source.is_file() else None
    rows = []
    for line in read_jsonl(b.samples_file):
        completion = line.get("completion", "")
        cut = "\n[... cut; the JSONL has it all]" if len(completion) > SHOWN_CHARS else ""
        shown = completion[:SHOWN_CHARS] + cut
        question = _question(b.task, int(line["doc_id"]), records)
        rows.append(
            f"<tr><td>{line['doc_id']}</td><td>{line['sample']}</td><td>{'right' if line['correct'] else 'wrong'}</td>"
            f"<td>{_e(line.get('status'))}</td><td>{_e(line.get('finish_reason'))}</td>"
            f"<td>{_e('-' if line.get('extracted') is None else line['extracted'])}</td><td>{_e(line.get('gold'))}</td>"
            f"<td><details><summary>show</summary><p>{_e(question)}</p><pre>{_e(shown)}</pre></details></td></tr>"
        )
    text = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{_e(run.label)} / {_e(b.task)}</title>"
        f"<style>{STYLE} td {{ text-align: left; }} pre {{ white-space: pre-wrap; }}</style></head><body>"
        f"<h1>{_e(run.label)} / {_e(b.task)}</h1><p class='note'>{_e(b.samples_file.resolve())}</p>"
        "<table><tr><th>doc</th><th>sample</th><th>verdict</th><th>status</th><th>finish</th><th>extracted</th>"
        f"<th>gold</th><th>question and completion</th></tr>{''.join(rows)}</table></body></html>"
    )
    write_atomic(out / "samples" / f"{_safe(run.label)}__{_safe(b.task)}.html", text)


def write_report(
    paths: list[str], out: str, reference: str | None = "paper:table2", tasks: list[str] | None = None
) -> Path:
    """Write OUT/index.html (+ figures/, samples/) for the runs and sweeps; return the page's path."""
    loaded, sweeps = _inputs(paths)
    runs = [
        Run(label, path, run_breakdown(path, tasks, results), results)
        for label, (path, results) in zip(_labels([path for path, _ in loaded]), loaded)
    ]
    target = Path(out)
    (target / "figures").mkdir(parents=True, exist_ok=True)
    (target / "samples").mkdir(exist_ok=True)
    for stale in [*(target / "figures").glob("*.png"), *(target / "samples").glob("*.html")]:
        stale.unlink()  # the report's own files from an earlier report into the same folder
    page = Page(target)
    ref = load_reference(reference) if reference else None
    run_tasks = list(dict.fromkeys(b.task for run in runs for b in run.tasks))

    columns, rows, measured = comparison([str(r.path) for r in runs], reference, tasks)
    for row, run in zip(rows[len(rows) - len(runs) :], runs):
        row.label = run.label
    page.sections.append("<h2>Comparison</h2>" + render(columns, rows, "html", measured=measured))
    if runs:
        page.sections.append(_accuracy_section(page, runs, ref, run_tasks))
        page.sections.append(_split_section(page, runs, run_tasks, "level"))
        page.sections.append(_split_section(page, runs, run_tasks, "subject"))
        page.sections.append(_rates_section(page, runs, run_tasks))
        for run in runs:
            for b in run.tasks:
                _samples_page(target, run, b)
    page.sections.append(_sweep_section(page, sweeps))
    notes = [f"{r.label}: {b.task}: no level/subject split ({b.note})" for r in runs for b in r.tasks if b.note]
    listed = "".join(f"<li>{_e(r.label)}: {_e(r.path.resolve())}</li>" for r in runs)
    text = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>cfteval report</title>"
        f"<style>{STYLE}</style><script>{CHECK_SCRIPT}</script></head><body><h1>cfteval report</h1>"
        f"<ul class='note'>{listed}</ul>{''.join(page.sections)}"
        + "".join(f"<p class='note'>{_e(n)}</p>" for n in notes)
        + "</body></html>"
    )
    index = target / "index.html"
    write_atomic(index, text)
    return index
