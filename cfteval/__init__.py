"""cfteval: evaluation harness and training core for Critique Fine-Tuning math reasoning research.

Importing cfteval loads no model library (torch, vllm, lm-eval); those load inside the backend or command
that needs them.
"""

from cfteval.errors import CftevalError

__version__ = "0.1.0"


def evaluate(model: str, tasks, **options):
    """Evaluate `model` on `tasks`; see `cfteval.evaluate.evaluate` and `EvalOptions` for the options."""
    from cfteval.evaluate import evaluate as _evaluate

    return _evaluate(model, tasks, **options)


__all__ = ["CftevalError", "evaluate", "__version__"]
