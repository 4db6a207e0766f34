"""The grading regression tables, each graded in one batch, one test per case:
- tests/grading_cases.py: 441 cases across 28 answer-style categories;
- tests/grading_heldout.py: 356 cases written from real benchmark golds without looking at the grader (its
  first-run score, before any fix it prompted, is in bench/README.md);
- tests/grading_classes.py: the failure classes of issue 15, each with several instances;
- tests/grading_real.py: real model outputs from the grading-corpus audit (246 trimmed excerpts, source named).
"""

from __future__ import annotations

import grading_cases
import grading_classes
import grading_heldout
import grading_real
import pytest

from cfteval.grading import grade_many
from tests.conftest import ruled

TABLES = {
    "table": grading_cases.CASES,
    "heldout": grading_heldout.CASES,
    "classes": grading_classes.CASES,
    "real": grading_real.CASES,
}
# Known limits, kept visible: symbolic equality cannot see that a question asked for a factored form, and one
# OlympiadBench gold is malformed in the data file ("$t(0,4]$").
KNOWN_MISSES = {
    ("heldout", "math500:102", "not factored: restates the expression"),
    ("heldout", "olympiadbench:96", "malformed gold t(0,4] read as interval"),
}


@pytest.fixture(scope="module")
def grades():
    return {
        name: grade_many(ruled([(c.response, c.gold, c.task) for c in cases]), workers=2)
        for name, cases in TABLES.items()
    }


@pytest.mark.parametrize("name", ["table", "heldout"])
def test_table_size_and_balance(name):
    cases = TABLES[name]
    assert len(cases) >= 300
    assert 0.4 <= sum(not c.expected for c in cases) / len(cases) <= 0.6


PARAMS = [
    pytest.param(
        name,
        i,
        id=f"{name}-{getattr(c, 'category', None) or getattr(c, 'source', None) or c.klass}-{i}",
        marks=[pytest.mark.xfail(strict=True)] if (name, getattr(c, "source", ""), c.why) in KNOWN_MISSES else [],
    )
    for name, cases in TABLES.items()
    for i, c in enumerate(cases)
]


@pytest.mark.parametrize("name,index", PARAMS)
def test_case(grades, name, index):
    case, result = TABLES[name][index], grades[name][index]
    assert result.correct is case.expected, f"{case.why}: gold {case.gold!r}, extracted {result.extracted!r}"
    expected_status = getattr(case, "status", None)
    assert result.status in ((expected_status,) if expected_status else ("ok", "no_answer"))
