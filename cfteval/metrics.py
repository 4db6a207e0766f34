"""Aggregate per-sample correctness into task metrics."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable


def mean_and_stderr(values: list[float]) -> tuple[float, float]:
    """Mean and its standard error (sample std with ddof=1 over sqrt(n)); stderr is 0 for n < 2."""
    n = len(values)
    if n == 0:
        return 0.0, 0.0
    mean = sum(values) / n
    if n < 2:
        return mean, 0.0
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(var / n)


def accuracy(rows: Iterable[tuple[int, bool]]) -> tuple[float, float, int]:
    """Accuracy over docs from (doc_id, correct) pairs: each doc's mean over its samples (avg@k), then the
    mean and stderr over docs. Returns (accuracy, stderr, number of docs)."""
    per_doc: dict[int, list[bool]] = defaultdict(list)
    for doc_id, correct in rows:
        per_doc[doc_id].append(bool(correct))
    doc_means = [sum(v) / len(v) for v in per_doc.values()]
    acc, err = mean_and_stderr(doc_means)
    return acc, err, len(doc_means)


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k of Chen et al. (2021): the chance that at least one of k samples drawn without
    replacement from n (of which c are correct) is correct, 1 - C(n-c, k) / C(n, k), in a stable product form.

    >>> pass_at_k(10, 0, 1), pass_at_k(10, 10, 1), round(pass_at_k(10, 3, 1), 6), pass_at_k(5, 1, 5)
    (0.0, 1.0, 0.3, 1.0)
    >>> round(pass_at_k(4, 2, 2), 6)  # 1 - C(2,2)/C(4,2) = 1 - 1/6
    0.833333
    """
    if not (0 <= c <= n and 1 <= k <= n):
        raise ValueError(f"pass@k needs 0 <= c <= n and 1 <= k <= n (got n={n}, c={c}, k={k})")
    if n - c < k:
        return 1.0
    miss = 1.0
    for i in range(n - c + 1, n + 1):
        miss *= 1.0 - k / i
    return 1.0 - miss


def majority_correct(votes: list[tuple[object | None, bool]]) -> bool:
    """maj@k for one doc: votes are (answer cluster, correct) in sample order, cluster None for no answer.
    The most-voted cluster wins, ties going to the cluster voted first; no answer at all counts as wrong.

    >>> majority_correct([("a", False), ("b", True), ("b", True)])
    True
    >>> majority_correct([("a", False), ("b", True)])  # a tie: the first-voted cluster wins
    False
    >>> majority_correct([(None, False), (None, False), ("b", True)])
    True
    """
    counts: dict[object, int] = {}
    correct: dict[object, bool] = {}
    for cluster, is_correct in votes:
        if cluster is None:
            continue
        counts[cluster] = counts.get(cluster, 0) + 1
        correct.setdefault(cluster, is_correct)
    if not counts:
        return False
    best = max(counts.values())
    return correct[next(c for c in counts if counts[c] == best)]


def sampling_metrics(per_doc: dict[int, list[tuple[object | None, bool]]], k_max: int) -> tuple[dict, dict]:
    """pass@k and maj@k for every k in 1..k_max, averaged over docs. `per_doc[doc]` lists (answer cluster,
    correct) by sample index; maj@k votes over the first k samples. Keys are str(k), values in [0, 1]."""
    passes, majorities = {}, {}
    for k in range(1, k_max + 1):
        docs = [votes for votes in per_doc.values() if len(votes) >= k]
        if not docs:
            break
        passes[str(k)] = sum(pass_at_k(len(v), sum(c for _, c in v), k) for v in docs) / len(docs)
        majorities[str(k)] = sum(majority_correct(v[:k]) for v in docs) / len(docs)
    return passes, majorities


def verdict_metrics(scored: list[dict]) -> dict:
    """A critic's scores over its scored lines (gold and extracted are "right"/"wrong"): accuracy over all
    candidates (no conclusion counts as a miss), precision and recall on wrong ones (wrong is the positive class:
    a critic is there to catch wrong solutions)."""
    flagged = [r for r in scored if r["extracted"] == "wrong"]
    wrong = [r for r in scored if r["gold"] == "wrong"]
    caught = sum(r["gold"] == "wrong" for r in flagged)
    return {
        "candidates": len(scored),
        "right_candidates": len(scored) - len(wrong),
        "wrong_candidates": len(wrong),
        "no_conclusion": sum(r["extracted"] is None for r in scored),
        "accuracy": sum(r["correct"] for r in scored) / len(scored) if scored else 0.0,
        "precision_wrong": caught / len(flagged) if flagged else None,
        "recall_wrong": caught / len(wrong) if wrong else None,
    }
