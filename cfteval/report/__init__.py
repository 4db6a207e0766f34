"""Reading finished runs back, never running them: the per-run results table (summary), `cfteval table` (tables),
`cfteval diff` (diff) and the `cfteval report` HTML page (html, with charts and breakdown).

Nothing here imports the evaluation engine or a model library; the package's root names only `results_table`,
the table `cfteval run` and `cfteval grade` print.
"""

from cfteval.report.summary import results_table

__all__ = ["results_table"]
