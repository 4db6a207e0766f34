"""`GradingRules`: how one task's responses are read and compared, as a typed value.

Tasks supply theirs (`Task.rules`); a run records them in run.json, so re-grading a run applies the rules it was
scored with, with no lookup of task names inside grading. `RULES_VERSION` is recorded next to them: bump it when
a change to extraction or equivalence can change a verdict, so that results say which grader scored them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from cfteval.errors import CftevalError
from cfteval.grading.numbers import DEFAULT_TOLERANCE

RULES_VERSION = 1
ANSWER_TYPES = ("math", "number", "choice", "verdict")  # verdict: a critique's "Conclusion: right/wrong" line


@dataclass(frozen=True)
class GradingRules:
    answer_type: str = "math"
    tolerance: float = DEFAULT_TOLERANCE  # relative tolerance for numeric answers (GRADING.md)
    measured: bool = False  # answers are measured quantities: also accepted at the gold's stated precision
    think_end_token: str | None = None  # reasoning models: the answer is read after the last one, nothing if none
    stop: tuple[str, ...] = ()  # with think_end_token: the answer part ends at the first of these

    def __post_init__(self):
        if self.answer_type not in ANSWER_TYPES:
            raise CftevalError(f"unknown answer type '{self.answer_type}'; use one of {', '.join(ANSWER_TYPES)}")
        object.__setattr__(self, "stop", tuple(self.stop))

    def answer_part(self, completion: str) -> str:
        r"""The text the answer is read from: after the last think-end token, cut at the first stop string (those
        were not applied during generation, where they could fire inside the thinking). A completion that never
        closes its thinking has no answer part (""). Without a think-end token: the completion as is.

        >>> GradingRules(think_end_token="</think>", stop=("Question:",)).answer_part(
        ...     "<think>maybe \\boxed{1}</think> So \\boxed{2}.\n\nQuestion: next")
        ' So \\boxed{2}.\n\n'
        >>> GradingRules(think_end_token="</think>").answer_part("<think>still thinking about \\boxed{1}")
        ''
        """
        if not self.think_end_token:
            return completion
        at = completion.rfind(self.think_end_token)
        if at < 0:
            return ""
        rest = completion[at + len(self.think_end_token) :]
        cuts = [i for i in (rest.find(x) for x in self.stop if x) if i >= 0]
        return rest[: min(cuts)] if cuts else rest

    def to_dict(self) -> dict:
        return {**asdict(self), "stop": list(self.stop)}

    @classmethod
    def from_dict(cls, data: dict) -> GradingRules:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise CftevalError(f"grading rules with unknown field(s) {', '.join(sorted(unknown))}")
        return cls(**data)
