"""Real model outputs from the grading-corpus audit (bench/grading_audit.py over ../shared/grading-corpus), trimmed
to the part that decides the verdict, with the source named (`file:line` of the corpus). Each verdict was judged
by reading the excerpt against its gold; `why` says what it pins and, where the corpus's own grader disagrees,
whose bug that is.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    source: str  # corpus file:line (1-based)
    gold: str  # the gold string as the corpus gives it
    response: str  # the decisive part of the real response
    expected: bool
    why: str
    task: str


CASES: list[Case] = []
