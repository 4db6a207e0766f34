"""PNG figures for `cfteval report`, drawn with matplotlib's Agg backend (no display needed).

Every function returns the PNG bytes; the report both writes them under figures/ and inlines them in the page.
Accuracies are in percent. A missing value (the paper's "-", a task a run did not evaluate) draws no bar and is
labelled "n/a" so an absent number is never read as zero.
"""

from __future__ import annotations

import io

from cfteval.errors import CftevalError

RUN_COLOR = "#1f77b4"
PAPER_COLOR = "#b8b8b8"
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise CftevalError("cfteval report draws its figures with matplotlib: pip install 'cfteval[report]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def task_bars(title: str, entries: list[tuple[str, float | None, bool]]) -> bytes:
    """One horizontal bar per (label, accuracy, is_run): runs in colour, the paper's rows in grey."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 0.9 + 0.32 * max(len(entries), 1)))
    positions = list(range(len(entries)))[::-1]
    for y, (_, value, is_run) in zip(positions, entries):
        if value is None:
            ax.text(0.5, y, "n/a", va="center", fontsize=8, color="#666666")
            continue
        ax.barh(y, value, color=RUN_COLOR if is_run else PAPER_COLOR, height=0.7)
        ax.text(value + 0.5, y, f"{value:.1f}", va="center", fontsize=8)
    ax.set_yticks(positions, [label for label, _, _ in entries], fontsize=8)
    top = max([v for _, v, _ in entries if v is not None] + [1.0])
    ax.set_xlim(0, min(100.0, top * 1.15 + 2))
    ax.set_xlabel("accuracy (%)")
    ax.set_title(title, fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def grouped_bars(title: str, categories: list[str], series: dict[str, list[float | None]], ylabel: str) -> bytes:
    """Vertical bars: one group per category, one bar per series (run)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(5.0, 0.6 * len(categories) * max(len(series), 1) + 1.5), 3.6))
    width = 0.8 / max(len(series), 1)
    for i, (name, values) in enumerate(series.items()):
        color = PALETTE[i % len(PALETTE)]
        for j, value in enumerate(values):
            x = j - 0.4 + width * (i + 0.5)
            if value is None:
                ax.text(x, 0.5, "n/a", ha="center", fontsize=7, rotation=90, color="#666666")
                continue
            ax.bar(x, value, width=width, color=color)
        ax.bar(0, 0, width=0, color=color, label=name)  # one legend entry per series, even if all values are n/a
    ax.set_xticks(range(len(categories)), categories, fontsize=8, rotation=20 if len(categories) > 5 else 0)
    top = max([v for values in series.values() for v in values if v is not None] + [1.0])
    ax.set_ylim(0, min(100.0, top * 1.15 + 1))
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    return _png(fig)


def sweep_lines(title: str, series: dict[str, tuple[list[int], list[float]]], bold: set[str], best_step: int) -> bytes:
    """Accuracy per checkpoint step, one line per series (steps, values); the `bold` series (the task that picks
    the best checkpoint) drawn thick, the best step marked."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    for i, (name, (steps, values)) in enumerate(series.items()):
        width = 2.6 if name in bold else 1.2
        ax.plot(steps, values, marker="o", linewidth=width, color=PALETTE[i % len(PALETTE)], label=name)
    ax.axvline(best_step, color="#444444", linestyle="--", linewidth=1)
    ax.annotate("best", (best_step, ax.get_ylim()[1]), fontsize=8, ha="left", va="top")
    ax.set_xlabel("checkpoint step")
    ax.set_ylabel("accuracy (%)")
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return _png(fig)
