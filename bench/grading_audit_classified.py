"""Recount the hand classification of the grading audit's disagreements against the grader as it is now.

    python bench/grading_audit_classified.py --corpus ../shared/grading-corpus [--summary ../audit/summary.json]
        [--classified results/grading_audit/classified.jsonl]

`results/grading_audit/classified.jsonl` holds one judgement per corpus row that the audit (bench/grading_audit.py)
found in disagreement with its source label and a reviewer read: `file`, `line`, `truth` (is the response right:
true, false or "ambiguous"), `kind` (cfteval_bug, source_bug, convention, data), `tag` (the failure class) and
`why` (one line). This script regrades those rows with `cfteval.grading.grade_many` (their question included) and
prints, per corpus file, the bench/README.md table: rows classified, cfteval bugs found and how many the grader now
gets right, source-grader bugs, conventions and gold errors, with each file's agreement from an audit's
`summary.json`; then every cfteval bug still open, and every classified row whose verdict has changed against its
judgement (a regression to read).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from cfteval.grading import grade_many
from cfteval.tasks import task_rules

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--classified", default=str(REPO / "results" / "grading_audit" / "classified.jsonl"))
    parser.add_argument("--summary", help="an audit's summary.json, for the agreement columns")
    args = parser.parse_args()
    judged = [json.loads(line) for line in Path(args.classified).read_text(encoding="utf-8").splitlines()]
    wanted = defaultdict(set)
    for j in judged:
        wanted[j["file"]].add(j["line"])
    rows = {}
    for name, lines in wanted.items():
        with (Path(args.corpus) / name).open(encoding="utf-8") as f:
            rows |= {(name, i): json.loads(text) for i, text in enumerate(f, 1) if i in lines}
    missing = [f"{j['file']}:{j['line']}" for j in judged if (j["file"], j["line"]) not in rows]
    if missing:
        print(f"classified rows not in the corpus: {', '.join(missing[:5])}", file=sys.stderr)
        raise SystemExit(2)
    corpus = [rows[(j["file"], j["line"])] for j in judged]
    rules = {t: task_rules("math" if t == "math_level5" else t) for t in {r["task"] for r in corpus}}
    items = [(r["response"], r["gold"], rules[r["task"]]) for r in corpus]
    grades = grade_many(items, questions=[r["question"] for r in corpus])
    summary = json.loads(Path(args.summary).read_text())["files"] if args.summary else {}
    counts: dict[str, Counter] = defaultdict(Counter)
    still_open, changed = [], []
    for j, g in zip(judged, grades):
        c = counts[j["file"]]
        c["classified"] += 1
        c[j["kind"]] += 1
        decided = j["truth"] in (True, False)
        if j["kind"] == "cfteval_bug":
            if decided and g.correct == j["truth"]:
                c["fixed"] += 1
            else:
                still_open.append(j)
        elif decided and j["kind"] == "source_bug" and g.correct != j["truth"]:
            changed.append(j)
    print(
        "| file | n | cfteval agrees with label | math-verify agrees with label | disagreements classified | "
        "cfteval bugs found / fixed | source-grader bugs | conventions | gold errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in sorted(counts):
        c, s = counts[name], summary.get(name)
        agree = [f"{100 * s[k] / s['n']:.1f} %" for k in ("cf_agree", "mv_agree")] if s else ["-", "-"]
        n = s["n"] if s else "-"
        print(
            f"| {Path(name).stem} | {n} | {agree[0]} | {agree[1]} | {c['classified']} | {c['cfteval_bug']} / "
            f"{c['fixed']} | {c['source_bug']} | {c['convention']} | {c['data']} |"
        )
    for label, found in (("open cfteval bug", still_open), ("changed against its judgement", changed)):
        for j in found:
            print(f"{label}: {j['file']}:{j['line']} [{j['tag']}] {j['why']}", file=sys.stderr)


if __name__ == "__main__":
    main()
