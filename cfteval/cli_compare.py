"""The subcommands that compare finished runs: `table`, `diff` and `report`."""

from __future__ import annotations

import argparse


def _table(args: argparse.Namespace) -> int:
    from cfteval.report.tables import comparison, render
    from cfteval.tasks import resolve

    reference = None if args.reference in ("none", "") else args.reference
    tasks = [t.name for t in resolve(args.tasks)] if args.tasks else None
    columns, rows, measured = comparison(args.run_dirs, reference, tasks)
    print(render(columns, rows, args.format, args.baseline, measured))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from cfteval.report.diff import diff_report, diff_runs
    from cfteval.tasks import resolve

    tasks = [t.name for t in resolve(args.tasks)] if args.tasks else None
    print(diff_report(diff_runs(args.run_a, args.run_b, tasks), args.show))
    return 0


def _report(args: argparse.Namespace) -> int:
    from cfteval.report.html import write_report
    from cfteval.tasks import resolve

    reference = None if args.reference in ("none", "") else args.reference
    tasks = [t.name for t in resolve(args.tasks)] if args.tasks else None
    index = write_report(args.paths, args.out, reference, tasks)
    print(f"wrote {index} (open it in a browser; figures under {index.parent / 'figures'})")
    return 0


def add_compare_parsers(sub) -> None:
    table = sub.add_parser("table", help="runs next to the paper's published tables")
    table.add_argument("run_dirs", nargs="*", help="run dirs; none = the reference table as published")
    table.add_argument("--reference", default="paper:table2", help="paper:TABLE (e.g. paper:table2, paper:rl) or none")
    table.add_argument("--tasks", help="columns: tasks or groups (default: the reference table's own)")
    table.add_argument("--format", choices=["md", "latex", "csv", "html"], default="md")
    table.add_argument("--baseline", help="a row label: every other row shows its difference to it")
    table.set_defaults(func=_table)

    diff = sub.add_parser("diff", help="items that flipped between two runs, with a McNemar test per task")
    diff.add_argument("run_a")
    diff.add_argument("run_b")
    diff.add_argument("--tasks", help="only these tasks or groups (default: every task both runs have)")
    diff.add_argument("--show", type=int, default=20, help="flipped items listed per task and direction")
    diff.set_defaults(func=_diff)

    report = sub.add_parser("report", help="an HTML page with the comparison table, charts and sample links")
    report.add_argument("paths", nargs="+", help="run dirs and `cfteval sweep` output dirs")
    report.add_argument("--out", required=True, help="folder for index.html, figures/ and samples/")
    report.add_argument("--reference", default="paper:table2", help="paper:TABLE or none")
    report.add_argument("--tasks", help="only these tasks or groups (default: every task the runs have)")
    report.set_defaults(func=_report)
