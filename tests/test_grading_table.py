"""The grading regression table (tests/grading_cases.py): every case graded in one batch, one test per case."""

from __future__ import annotations

import pytest
from grading_cases import CASES

from cfteval.grading import grade_many


@pytest.fixture(scope="module")
def grades():
    return grade_many([(c.response, c.gold, c.task) for c in CASES], workers=2)


def test_table_size_and_balance():
    assert len(CASES) >= 300
    negatives = sum(not c.expected for c in CASES)
    assert 0.4 <= negatives / len(CASES) <= 0.6


@pytest.mark.parametrize("index", range(len(CASES)), ids=[f"{c.category}-{i}" for i, c in enumerate(CASES)])
def test_case(grades, index):
    case, result = CASES[index], grades[index]
    assert result.correct is case.expected, f"{case.why}: gold {case.gold!r}, extracted {result.extracted!r}"
    assert result.status in ("ok", "no_answer")
