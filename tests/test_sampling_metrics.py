"""pass@k against brute-force enumeration, maj@k with equivalence-aware votes, and both in a real run."""

from __future__ import annotations

import itertools
import json
import math

import pytest

from cfteval.metrics import majority_correct, pass_at_k, sampling_metrics
from cfteval.scoring import _sampling
from cfteval.tasks import task_rules
from tests.conftest import run_cli


@pytest.mark.parametrize("n", range(1, 8))
def test_pass_at_k_equals_the_fraction_of_k_subsets_with_a_correct_sample(n):
    for c in range(n + 1):
        samples = [True] * c + [False] * (n - c)
        for k in range(1, n + 1):
            subsets = list(itertools.combinations(samples, k))
            assert pass_at_k(n, c, k) == pytest.approx(sum(any(s) for s in subsets) / len(subsets), abs=1e-12)


def test_pass_at_k_is_stable_for_large_n_and_rejects_bad_arguments():
    assert pass_at_k(1000, 1, 1) == pytest.approx(0.001)
    assert pass_at_k(1000, 10, 100) == pytest.approx(1 - math.comb(990, 100) / math.comb(1000, 100), rel=1e-9)
    for bad in [(3, 4, 1), (3, 1, 0), (3, 1, 4), (3, -1, 1)]:
        with pytest.raises(ValueError):
            pass_at_k(*bad)


def test_sampling_metrics_average_over_docs():
    votes = {0: [("a", True), ("b", False)], 1: [("c", False), ("c", False)]}
    passes, majorities = sampling_metrics(votes, 2)
    assert passes == {"1": 0.25, "2": 0.5}
    assert majorities == {"1": 0.5, "2": 0.5}  # doc 0 ties at k=2: the first-voted answer "a" wins
    assert not majority_correct([(None, False)])


def _line(doc: int, sample: int, extracted: str | None, correct: bool) -> dict:
    return {"doc_id": doc, "sample": sample, "extracted": extracted, "correct": correct}


def test_equivalent_wrong_answers_vote_together():
    # gold 3: one correct "3" against wrong "1/2" and "0.5", which the grader finds equal: the wrong cluster wins.
    lines = [_line(0, 0, "3", True), _line(0, 1, "1/2", False), _line(0, 2, "0.5", False)]
    passes, majorities = _sampling(lines, task_rules("math500"), workers=1, timeout=10)
    assert majorities["3"] == 0.0 and majorities["1"] == 1.0
    assert passes["3"] == 1.0 and passes["1"] == pytest.approx(1 / 3)
    # Distinct wrong answers split the wrong vote: the correct one wins the tie-break by coming first.
    lines = [_line(0, 0, "3", True), _line(0, 1, "1/2", False), _line(0, 2, "7", False)]
    assert _sampling(lines, task_rules("math500"), workers=1, timeout=10)[1]["3"] == 1.0


def test_sampled_run_reports_pass_and_maj_with_their_settings(tiny_model, data_dir, tmp_path):
    done = run_cli("run", "--model", "cfteval:tiny", "--tasks", "gsm8k", "--limit", "3", "--n", "3",
                   "--temperature", "0.7", "--top-p", "0.9", "--max-new-tokens", "16", "--data-dir", str(data_dir),
                   "--output", str(tmp_path), "--no-progress")  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "results.json").read_text())["tasks"]["gsm8k"]
    assert result["sampling"] == {"n": 3, "temperature": 0.7, "top_p": 0.9}
    assert set(result["pass_at_k"]) == set(result["maj_at_k"]) == {"1", "2", "3"}
    assert result["pass_at_k"]["1"] == pytest.approx(result["accuracy"])
    assert "pass@3 %" in done.stdout and "n=3 T=0.7 p=0.9" in done.stdout
