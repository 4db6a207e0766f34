"""The tables a run and a sweep print: one row per task of a Results dict, with the paper's figure beside it, and
one row per checkpoint of a sweep record (sweep.json)."""

from __future__ import annotations

from pathlib import Path

from tabulate import tabulate

from cfteval.results import Results

PAPER_ROW = "Qwen2.5-Math-7B / WebInstruct-CFT"
SWEEP_FILE = "sweep.json"  # a `cfteval sweep` output dir's record of every checkpoint's scores and the best one


def results_table(results: Results, fmt: str = "github") -> str:
    """One row per task: accuracy (%), stderr, counts, and the paper's Qwen2.5-Math-7B-CFT figure; with sampling
    (n > 1) also pass@n and maj@n, with the n, temperature and top_p they were drawn with."""
    k = max((len(r.get("pass_at_k", {})) for r in results["tasks"].values()), default=0)
    rows = []
    for name, r in results["tasks"].items():
        paper = r["paper"].get(PAPER_ROW)
        sampled = []
        if k > 1:
            at = str(len(r.get("pass_at_k", {})))
            cfg = r.get("sampling", {})
            sampled = [
                f"{100 * r['pass_at_k'][at]:.1f}" if at in r.get("pass_at_k", {}) else "-",
                f"{100 * r['maj_at_k'][at]:.1f}" if at in r.get("maj_at_k", {}) else "-",
                f"n={cfg.get('n')} T={cfg.get('temperature')} p={cfg.get('top_p')}",
            ]
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
                *sampled,
            ]
        )
    for name, g in results["groups"].items():
        rows.append(
            [f"{name} (avg)", "", "", f"{100 * g['accuracy']:.1f}", "", "", "", "", ""] + [""] * (3 if k > 1 else 0)
        )
    headers = ["task", "docs", "samples", "acc %", "± se", "truncated", "no answer", "timeouts", "paper CFT-7B"]
    if k > 1:
        headers += [f"pass@{k} %", f"maj@{k} %", "sampling"]
    return tabulate(rows, headers=headers, tablefmt=fmt)


def sweep_table(record: dict, fmt: str = "github") -> str:
    """One row per checkpoint, one column per task (accuracy in %), the best row marked with '*'."""
    headers = ["", "checkpoint", "step", *record["tasks"]]
    body = []
    for row in record["checkpoints"]:
        mark = "*" if row["checkpoint"] == record["best"]["checkpoint"] else ""
        scores = [round(100 * row["accuracy"][t], 1) for t in record["tasks"]]
        body.append([mark, Path(row["checkpoint"]).name, "" if row["step"] is None else row["step"], *scores])
    return tabulate(body, headers=headers, tablefmt=fmt)
