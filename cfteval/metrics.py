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
