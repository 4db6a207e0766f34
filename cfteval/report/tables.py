"""`cfteval table`: runs next to the CFT paper's published tables (results/paper/cft_paper.json).

One row per reference model and per run, one column per benchmark plus the macro average, in the paper's layout.
Run cells are accuracy in percent; a run whose settings differ from the paper's protocol (prompt preset, greedy
n=1, the full pinned dataset) is marked with `*` and the difference is listed under the table.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from cfteval.errors import CftevalError
from cfteval.results import load_run

FORMATS = {"md": "github", "latex": "latex_booktabs", "html": "html", "csv": None}
MARK = "*"  # a run whose settings differ from the reference protocol (plain ASCII: safe in LaTeX and CSV)


@dataclass
class Row:
    label: str
    values: dict  # column -> number or text, None for "-"
    run: bool = False
    differs: list[str] = field(default_factory=list)


def paper_file() -> Path:
    """The paper's tables: results/paper/ in a checkout, cfteval/_paper/ in an installed wheel."""
    package = Path(__file__).resolve().parents[1]  # cfteval/
    for candidate in (package.parent / "results" / "paper" / "cft_paper.json", package / "_paper" / "cft_paper.json"):
        if candidate.is_file():
            return candidate
    raise CftevalError("cannot find results/paper/cft_paper.json")


def load_reference(spec: str) -> dict:
    """`paper:NAME` -> that table of the paper (columns, task map, rows, protocol)."""
    paper = json.loads(paper_file().read_text(encoding="utf-8"))
    name = spec.removeprefix("paper:")
    if not spec.startswith("paper:") or name not in paper["tables"]:
        raise CftevalError(f"unknown reference '{spec}'; known: {', '.join('paper:' + t for t in paper['tables'])}")
    return {**paper["tables"][name], "protocol": paper["protocol"]}


def _run_row(run_dir: Path, results: dict, columns: list[str], tasks: dict[str, str], protocol: dict) -> Row:
    found = results["tasks"]
    values = {c: round(100 * found[t]["accuracy"], 1) if t in found else None for c, t in tasks.items()}
    measured = [values[c] for c in tasks]
    if "AVG" in columns:
        values["AVG"] = round(sum(measured) / len(measured), 1) if measured and None not in measured else None
    config = results.get("config", {})
    differs = [f"{k}={config.get(k)}" for k in ("n", "temperature", "limit") if config.get(k) != protocol.get(k)]
    presets = sorted({found[t]["prompt_preset"] for t in tasks.values() if t in found})
    differs += [f"prompt {p}" for p in presets if p != protocol.get("prompt_preset")]
    if any(not found[t]["dataset"].get("sha256_matches_pin", True) for t in tasks.values() if t in found):
        differs.append("dataset differs from the pinned file")
    return Row(run_dir.name, values, run=True, differs=differs)


def comparison(runs: list[str], reference: str | None = "paper:table2", tasks: list[str] | None = None) -> tuple:
    """(columns, rows, accuracy columns) for the runs, in the reference table's layout, or with the given tasks as
    columns, or (no reference) with the runs' own tasks."""
    ref = load_reference(reference) if reference else None
    loaded = [(Path(run), load_run(run)) for run in runs]
    protocol = (
        ref["protocol"] if ref else {"prompt_preset": "qwen25-math-cot", "n": 1, "temperature": 0.0, "limit": None}
    )
    if tasks:
        names = {v: k for k, v in (ref["tasks"] if ref else {}).items()}
        task_map = {names.get(t, t): t for t in tasks}
        columns = [*task_map, "AVG"]
    elif ref:
        task_map, columns = dict(ref["tasks"]), list(ref["columns"])
    else:
        seen = {}
        for _, results in loaded:
            seen.update(dict.fromkeys(results["tasks"]))
        task_map, columns = {t: t for t in seen}, [*seen, "AVG"]
    rows = [Row(r["model"], {c: r["values"].get(c) for c in columns}) for r in ref["rows"]] if ref else []
    rows += [_run_row(run_dir, results, columns, task_map, protocol) for run_dir, results in loaded]
    return columns, rows, {*task_map, "AVG"}


def _cell(value, base=None, measured: bool = True) -> str:
    """Accuracy columns print one decimal, as the paper does; other columns (#Data, GPU hours) as published."""
    if value is None:
        return "-"
    if not isinstance(value, (int, float)):
        return str(value)
    if not measured:
        return str(int(value)) if float(value).is_integer() else str(value)
    text = f"{value:.1f}"
    if isinstance(base, (int, float)):
        text += f" ({value - base:+.1f})"
    return text


def render(
    columns: list[str], rows: list[Row], fmt: str = "md", baseline: str | None = None, measured: set | None = None
) -> str:
    """The table as Markdown, LaTeX (booktabs), CSV or HTML; with `baseline` (a row label, or a unique part of one)
    each other row's numbers carry their difference to that row. `measured`: the accuracy columns (default all)."""
    if fmt not in FORMATS:
        raise CftevalError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    base = None
    if baseline:
        matches = [r for r in rows if r.label == baseline] or [r for r in rows if baseline in r.label]
        if len(matches) != 1:
            raise CftevalError(f"--baseline '{baseline}' matches {len(matches)} rows; give a row label exactly")
        base = matches[0]
    headers = ["model", *columns]
    body = []
    for row in rows:
        label = row.label + (f" {MARK}" if row.differs else "")
        cells = [
            _cell(
                row.values.get(c),
                None if base is None or row is base else base.values.get(c),
                measured is None or c in measured,
            )
            for c in columns
        ]
        body.append([label, *cells])
    notes = [f"{MARK} {r.label}: {', '.join(r.differs)}" for r in rows if r.differs]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(body)
        return out.getvalue().rstrip("\n")
    from tabulate import tabulate

    table = tabulate(body, headers=headers, tablefmt=FORMATS[fmt], disable_numparse=True)
    if not notes:
        return table
    if fmt == "latex":
        return table + "\n" + "\n".join(f"% {n}" for n in notes)
    if fmt == "html":
        return table + "\n" + "".join(f"<p>{n}</p>" for n in notes)
    return table + "\n\n" + "\n".join(notes)
