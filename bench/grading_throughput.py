"""Grading throughput on the full MATH test set (5000 problems) against serial math-verify.

    python bench/grading_throughput.py --data-dir ../shared/benchmarks [--limit 5000] [--workers 2]

Realistic responses: each problem's reference solution (a worked answer ending in `\\boxed{}`), and for every
other problem the same solution with its final box replaced by a near miss, so half the items are wrong.
Times (a) `cfteval.grading.grade_many` (extraction + layered checks in worker processes with a 10 s hard
timeout) and (b) math-verify's `verify(parse(gold), parse(response))` called serially in this process, its
documented usage. Prints items/s for both, their ratio, agreement with the construction labels, timeouts,
and p50/p99 of cfteval's per-item equivalence latency (measured in-process on the same items). Then times each
pathological answer of issue 15's class 8 through `grade` on a warm pool: each must be answered, not timed out.
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import time

from math_verify import parse, verify

from cfteval.data import load_docs
from cfteval.grading import grade_many
from cfteval.grading.equiv import is_equivalent
from cfteval.grading.extract import extract_answer
from cfteval.latex import boxes
from cfteval.tasks import registry

RULES = registry()["math"].rules  # MATH's grading rules

logging.getLogger("math_verify").setLevel(logging.ERROR)


def near_miss(gold: str) -> str:
    """A wrong answer of the same shape: bump the last integer in it, or append + 1."""
    digits = list(re.finditer(r"\d+", gold))
    if digits:
        m = digits[-1]
        return gold[: m.start()] + str(int(m.group()) + 1) + gold[m.end() :]
    return gold + " + 1"


def build_items(data_dir: str, limit: int) -> tuple[list[tuple[str, str, str]], list[bool]]:
    docs, _ = load_docs(registry()["math"], data_dir, limit)
    items, labels = [], []
    for d in docs:
        solution = d.record["solution"]
        if d.doc_id % 2:
            start, end, _ = boxes(solution)[-1]
            solution = solution[:start] + "\\boxed{" + near_miss(d.gold) + "}" + solution[end:]
        items.append((solution, d.gold, RULES))
        labels.append(d.doc_id % 2 == 0)
    return items, labels


PATHOLOGICAL = [
    r"\boxed{10^{10^{10^{10}}}}",
    r"\boxed{99999999!}",
    r"\boxed{9^{9^{9^{9^{9}}}}}",
    r"\boxed{2^{3^{40}} - 1}",
    r"\boxed{" + "{" * 60 + "7" + "}" * 60 + "}",
    r"\boxed{" + "+".join(["x"] * 20000) + "+1}",
    r"\boxed{" + "1" * 5000 + "}",
]


def pathological(workers: int) -> None:
    grade_many([(r"\boxed{1}", "1", RULES)], workers=workers)  # a warm pool: start-up is not the check
    for response in PATHOLOGICAL:
        t = time.perf_counter()
        (g,) = grade_many([(response, "1", RULES)], workers=workers)
        print(f"  {response[:40]!r}{'...' if len(response) > 40 else ''}: {g.status}, {time.perf_counter() - t:.3f}s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    items, labels = build_items(args.data_dir, args.limit)

    start = time.perf_counter()
    grades = grade_many(items, workers=args.workers, timeout=10.0)
    ours_s = time.perf_counter() - start

    start = time.perf_counter()
    mv = []
    for response, gold, _ in items:
        try:
            mv.append(bool(verify(parse("$" + gold + "$"), parse(response))))
        except Exception:  # math-verify raises on a few inputs; count them wrong
            mv.append(False)
    mv_s = time.perf_counter() - start

    latencies = []
    for response, gold, _ in items:
        extracted = extract_answer(response, "math")
        t = time.perf_counter()
        if extracted is not None:
            is_equivalent(extracted, gold)
        latencies.append(time.perf_counter() - t)
    latencies.sort()

    n = len(items)
    agree_ours = sum(g.correct == y for g, y in zip(grades, labels)) / n
    agree_mv = sum(v == y for v, y in zip(mv, labels)) / n
    print(f"items: {n} (MATH test, half reference solutions, half near misses)")
    print(
        f"cfteval grade_many ({args.workers} workers): {ours_s:.1f}s = {n / ours_s:.1f} items/s, "
        f"agreement with labels {agree_ours:.4f}, timeouts {sum(g.status == 'timeout' for g in grades)}, "
        f"no answer {sum(g.status == 'no_answer' for g in grades)}"
    )
    print(f"math-verify serial: {mv_s:.1f}s = {n / mv_s:.1f} items/s, agreement with labels {agree_mv:.4f}")
    print(f"speed-up cfteval / math-verify: {mv_s / ours_s:.2f}x")
    print(
        f"cfteval per-item check latency in-process: p50 {1000 * statistics.median(latencies):.2f} ms, "
        f"p99 {1000 * latencies[int(0.99 * (n - 1))]:.2f} ms, max {1000 * latencies[-1]:.1f} ms "
        "(the pool kills any check at the 10 s timeout)"
    )
    print("pathological answers (class 8), one grade_many call each on a warm pool:")
    pathological(args.workers)


if __name__ == "__main__":
    main()
