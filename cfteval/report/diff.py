"""`cfteval diff RUN_A RUN_B`: per task, which items flipped between two runs, and whether the difference in
accuracy is more than chance (exact McNemar test on the discordant items).

Both runs must be scored on the same data (same dataset sha256); only docs present in both are compared. With
n > 1 samples, a doc counts as right when at least half its samples are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import comb
from pathlib import Path

from cfteval.errors import CftevalError
from cfteval.results import load_run, load_scored


@dataclass
class Flip:
    doc_id: int
    gold: str
    answer_a: str | None
    answer_b: str | None


@dataclass
class TaskDiff:
    task: str
    docs: int
    accuracy_a: float
    accuracy_b: float
    right_to_wrong: list[Flip] = field(default_factory=list)
    wrong_to_right: list[Flip] = field(default_factory=list)
    p_value: float = 1.0


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for b and c discordant pairs (a binomial test of b against n=b+c, p=1/2).

    >>> mcnemar_exact(0, 0), mcnemar_exact(5, 5), round(mcnemar_exact(0, 6), 4), round(mcnemar_exact(2, 12), 4)
    (1.0, 1.0, 0.0312, 0.0129)
    """
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(comb(n, i) for i in range(min(b, c) + 1)) / 2**n
    return min(1.0, 2 * tail)


def _per_doc(run_dir: Path, task: str) -> dict[int, tuple[bool, str, str | None]]:
    """doc_id -> (right: at least half its samples are, gold, the first sample's extracted answer)."""
    out = {}
    for doc, lines in load_scored(run_dir, task).items():
        right = sum(bool(r["correct"]) for r in lines) * 2 >= len(lines)
        out[doc] = (right, lines[0]["gold"], lines[0]["extracted"])
    return out


def diff_runs(run_a: str, run_b: str, tasks: list[str] | None = None) -> list[TaskDiff]:
    """One TaskDiff per task both runs have (or per listed one), in run A's order."""
    a_dir, b_dir = Path(run_a), Path(run_b)
    results = []
    res_a, res_b = load_run(a_dir)["tasks"], load_run(b_dir)["tasks"]
    common = [t for t in res_a if t in res_b and (tasks is None or t in tasks)]
    if not common:
        raise CftevalError(f"{run_a} and {run_b} share no task{' of ' + ', '.join(tasks) if tasks else ''}")
    for task in common:
        if res_a[task]["dataset"]["sha256"] != res_b[task]["dataset"]["sha256"]:
            raise CftevalError(f"task {task}: the two runs used different data files (sha256 differs)")
        docs_a, docs_b = _per_doc(a_dir, task), _per_doc(b_dir, task)
        shared = sorted(set(docs_a) & set(docs_b))
        result = TaskDiff(
            task,
            len(shared),
            sum(docs_a[d][0] for d in shared) / max(len(shared), 1),
            sum(docs_b[d][0] for d in shared) / max(len(shared), 1),
        )
        for doc in shared:
            (right_a, gold, answer_a), (right_b, _, answer_b) = docs_a[doc], docs_b[doc]
            if right_a != right_b:
                flips = result.right_to_wrong if right_a else result.wrong_to_right
                flips.append(Flip(doc, gold, answer_a, answer_b))
        result.p_value = mcnemar_exact(len(result.right_to_wrong), len(result.wrong_to_right))
        results.append(result)
    return results


def diff_report(diffs: list[TaskDiff], show: int = 20) -> str:
    from tabulate import tabulate

    summary = [
        [
            d.task,
            d.docs,
            f"{100 * d.accuracy_a:.1f}",
            f"{100 * d.accuracy_b:.1f}",
            len(d.right_to_wrong),
            len(d.wrong_to_right),
            f"{d.p_value:.3g}",
            "yes" if d.p_value < 0.05 else "no",
        ]  # fmt: skip
        for d in diffs
    ]
    headers = ["task", "docs", "A %", "B %", "right->wrong", "wrong->right", "McNemar p", "p < 0.05"]
    parts = [tabulate(summary, headers=headers, tablefmt="github", disable_numparse=True)]
    for d in diffs:
        for title, flips in (("right -> wrong", d.right_to_wrong), ("wrong -> right", d.wrong_to_right)):
            if flips:
                rows = [[f.doc_id, f.answer_a, f.answer_b, f.gold] for f in flips[:show]]
                more = f" (first {show} of {len(flips)})" if len(flips) > show else ""
                parts.append(
                    f"\n{d.task}: {title}{more}\n"
                    + tabulate(rows, ["doc", "A answer", "B answer", "gold"], disable_numparse=True)
                )
    return "\n".join(parts)
