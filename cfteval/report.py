"""Human-readable tables of a Results dict (the comparison-table issue extends this)."""

from __future__ import annotations

from tabulate import tabulate

from cfteval.results import Results

PAPER_ROW = "Qwen2.5-Math-7B / WebInstruct-CFT"


def results_table(results: Results, fmt: str = "github") -> str:
    """One row per task: accuracy (%), stderr, counts, and the paper's Qwen2.5-Math-7B-CFT figure."""
    rows = []
    for name, r in results["tasks"].items():
        paper = r["paper"].get(PAPER_ROW)
        rows.append(
            [
                name,
                r["n_docs"],
                r["n_samples"],
                f"{100 * r['accuracy']:.1f}",
                f"{100 * r['stderr']:.1f}",
                r["truncated"],
                r["no_answer"],
                r["timeouts"],
                "-" if paper is None else f"{paper:.1f}",
            ]
        )
    for name, g in results["groups"].items():
        rows.append([f"{name} (avg)", "", "", f"{100 * g['accuracy']:.1f}", "", "", "", "", ""])
    headers = ["task", "docs", "samples", "acc %", "± se", "truncated", "no answer", "timeouts", "paper CFT-7B"]
    return tabulate(rows, headers=headers, tablefmt=fmt)
