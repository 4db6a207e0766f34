"""lm-eval interop on the tiny model.

The exported tasks (`cfteval_<task>`) grade with cfteval's own `grade`: their `process_results` calls it, so their
exact_match matching cfteval's run shows only that lm-eval handed cfteval the same completion and doc. What is
checked against lm-eval itself: that its run of the exported suite feeds the model the same prompt text, gets the
same completions and has the same golds as cfteval's run; and lm-eval's OWN metrics (minerva_math's
`process_results`: Minerva exact_match and math_verify; gsm8k.yaml's strict-match / flexible-extract filters with
its exact_match) run on those completions and on a fixed set of completions whose verdicts are known. The
accuracies of the two graders are reported (print, `record_property`), not asserted equal; on the fixed set the
known verdicts are asserted where lm-eval's metric can reach them. Also: lm-eval's --log_samples output imports
into a cfteval run."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from grading_cases import CASES, Case

from cfteval import evaluate, prompts
from cfteval.data import load_docs
from cfteval.grading import extract_answer, grade_many
from cfteval.lmeval import export_tasks
from cfteval.tasks import GROUPS, registry, task_rules
from tests.conftest import ruled

lm_eval = pytest.importorskip("lm_eval")  # part of the dev extra; the core install does not need it

MAX_NEW_TOKENS = "24"
LM_EVAL_TASKS = Path(lm_eval.__file__).parent / "tasks"


def _scored(run_dir, task) -> dict[int, dict]:
    lines = [json.loads(x) for x in (run_dir / "scored" / f"{task}.jsonl").read_text().splitlines()]
    return {x["doc_id"]: x for x in lines}


# ---------------------------------------------------------------- lm-eval's own metrics
@functools.cache
def _minerva_utils():
    """lm-eval's lm_eval/tasks/minerva_math/utils.py (a plain file, not a package: loaded by path)."""
    spec = importlib.util.spec_from_file_location("lm_eval_minerva_utils", LM_EVAL_TASKS / "minerva_math" / "utils.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lm_eval_math(items: list[tuple[str, str]]) -> list[dict[str, float]]:
    """lm-eval minerva_math's verdicts {"exact_match", "math_verify"} of (completion, solution) pairs: the docs go
    through its `process_docs` (gold = its normalized last \\boxed{} of the solution), then its `process_results`."""
    import datasets

    utils = _minerva_utils()
    docs = utils.process_docs(datasets.Dataset.from_list([{"problem": "", "solution": s} for _, s in items]))
    return [{k: float(v) for k, v in utils.process_results(d, [c]).items()} for d, (c, _) in zip(docs, items)]


def lm_eval_gsm8k(items: list[tuple[str, dict]], data_dir: Path) -> list[dict[str, float]]:
    """lm-eval gsm8k's verdicts {filter name: exact_match} of (completion, doc) pairs: its own gsm8k.yaml (filters,
    exact_match options, target `{{answer}}`) as a ConfigurableTask over the local data file, fed the completions."""
    import yaml
    from lm_eval.api.instance import Instance
    from lm_eval.api.task import ConfigurableTask

    config = yaml.safe_load((LM_EVAL_TASKS / "gsm8k" / "gsm8k.yaml").read_text())
    local = {"test": str(data_dir / registry()["gsm8k"].file)}
    config.update(dataset_path="json", dataset_name=None, dataset_kwargs={"data_files": local})
    config.update(training_split=None, fewshot_split=None, num_fewshot=0)
    task = ConfigurableTask(config=config)
    task._instances = [
        Instance("generate_until", doc, ("", {}), 0, ("gsm8k", i, 1), resps=[text])
        for i, (text, doc) in enumerate(items)
    ]
    task.apply_filters()
    score = task.process_results
    return [{k: float(score(i.doc, [r])["exact_match"]) for k, r in i.filtered_resps.items()} for i in task._instances]


def _accuracy(verdicts) -> float:
    verdicts = list(verdicts)
    return sum(map(float, verdicts)) / len(verdicts)


def _report(record_property, label: str, n: int, accuracies: dict[str, float]) -> None:
    record_property(label, accuracies)
    print(f"\nlm-eval cross-check [{label}, {n} samples]: " + ", ".join(f"{k} {v:.3f}" for k, v in accuracies.items()))


# ---------------------------------------------------------------- the exported suite inside lm-eval
def _prompt(sample: dict) -> str:
    """The prompt lm-eval fed the model: in-memory `arguments` is [(context, gen_kwargs)]."""
    arguments = sample["arguments"]
    return arguments[0][0] if isinstance(arguments, list) else arguments["gen_args_0"]["arg_0"]


def test_simple_evaluate_agrees_with_cfteval_sample_by_sample(tiny_model, data_dir, tmp_path, record_property):
    """lm-eval's run of the exported suite and cfteval's run: same samples, prompt text, completions and golds
    (asserted); cfteval's verdicts and lm-eval's own metrics on those completions (reported; a verdict per sample
    asserted). The tiny model writes junk, so both accuracies are expected to be 0."""
    from lm_eval import simple_evaluate
    from lm_eval.tasks import TaskManager

    limit = 2
    export_tasks(tmp_path / "tasks", "cft_math", str(data_dir), max_new_tokens=int(MAX_NEW_TOKENS))
    theirs = simple_evaluate(
        model="hf",
        model_args=f"pretrained={tiny_model},dtype=float32",
        tasks=["cft_math"],
        task_manager=TaskManager(include_path=str(tmp_path / "tasks")),
        limit=limit,
        batch_size=1,
        log_samples=True,
        device="cpu",
    )
    ours = evaluate(
        str(tiny_model),
        "cft_math",
        limit=limit,
        data_dir=str(data_dir),
        output=str(tmp_path / "run"),
        max_new_tokens=int(MAX_NEW_TOKENS),
        batch_size=1,
        progress=False,
    )
    math_items, gsm8k_items, cfteval_math, cfteval_gsm8k = [], [], [], []
    for name in GROUPS["cft_math"]:
        task = registry()[name]
        scored = _scored(tmp_path / "run", name)
        docs = {d.doc_id: d for d in load_docs(task, data_dir, limit=limit)[0]}
        samples = theirs["samples"][f"cfteval_{name}"]
        assert len(samples) == len(scored) == limit, name
        assert {int(s["doc_id"]) for s in samples} == set(scored) == set(docs), name
        for s in samples:
            mine, doc = scored[int(s["doc_id"])], docs[int(s["doc_id"])]
            completion = s["resps"][0][0]
            assert completion == mine["completion"], name
            # The exact text fed to the model: cfteval's run records its sha256, and its preset renders it.
            prompt = _prompt(s)
            assert prompts.sha256_text(prompt)[:16] == mine["prompt_hash"], name
            assert prompt == prompts.render(prompts.get_preset(task.preset), doc.question, task.fewshot), name
            assert s["target"] == mine["gold"] == doc.gold, name
            # cfteval knows which completions hit the token limit and drops their last-number fallback.
            finished = mine["finish_reason"] != "length"
            assert extract_answer(completion, task_rules(name), last_number=finished) == mine["extracted"]
            # Plumbing only: the exported exact_match IS cfteval's grade of the same completion and doc.
            assert float(s["exact_match"]) == float(mine["correct"])
            if name == "gsm8k":
                gsm8k_items.append((completion, s["doc"]))
                cfteval_gsm8k.append(mine["correct"])
            else:
                solution = s["doc"]["solution"] if task.gold_field == "solution" else f"$\\boxed{{{mine['gold']}}}$"
                math_items.append((completion, solution))
                cfteval_math.append(mine["correct"])
        assert theirs["results"][f"cfteval_{name}"]["exact_match,none"] == ours["tasks"][name]["accuracy"]
    assert "cft_math" in theirs["results"]
    minerva, gsm8k = lm_eval_math(math_items), lm_eval_gsm8k(gsm8k_items, data_dir)
    assert len(minerva) == len(math_items) == (len(GROUPS["cft_math"]) - 1) * limit
    assert len(gsm8k) == len(gsm8k_items) == limit
    assert all(set(v) == {"exact_match", "math_verify"} for v in minerva)
    assert all(set(v) == {"strict-match", "flexible-extract"} for v in gsm8k)
    assert all(x in (0.0, 1.0) for v in minerva + gsm8k for x in v.values())
    n = len(minerva) + len(gsm8k)
    _report(
        record_property,
        "run",
        n,
        {
            "cfteval": _accuracy(cfteval_math + cfteval_gsm8k),
            "lm-eval (minerva exact_match | gsm8k strict-match)": _accuracy(
                [v["exact_match"] for v in minerva] + [v["strict-match"] for v in gsm8k]
            ),
            "lm-eval (math_verify | gsm8k flexible-extract)": _accuracy(
                [v["math_verify"] for v in minerva] + [v["flexible-extract"] for v in gsm8k]
            ),
        },
    )


# ---------------------------------------------------------------- both graders on completions with known verdicts
# Math-style: the Minerva final-answer line and \boxed answers; GSM8K-style: every gsm8k case, plus two of GSM8K's
# own reference solutions ("... #### 18"), the format lm-eval's strict-match filter reads.
MATH_CASES = [c for c in CASES if c.category in ("minerva_format", "boxed") and c.task != "gsm8k"]
GSM8K_CASES = [c for c in CASES if c.task == "gsm8k"]
MINERVA_LINE = "Final Answer: The final answer is"
# Right answers lm-eval's own metric cannot accept, by its design (why, as in grading_cases):
MINERVA_BLIND = {
    "Minerva line with scientific notation vs 4.5e33": "sympy's parse_latex reads no e-notation gold",
    "within Minerva's 1e-2 relative tolerance": "exact equality, no tolerance",
}
FLEXIBLE_BLIND = {
    "plain boxed integer": "its last match is the '$.' after the box",
    "trailing zero in the last number": "string equality: 7.50 != 7.5",
    "trailing zeros": "string equality: 18.00 != 18",
}


def _gsm8k_reference_cases(data_dir: Path) -> list[Case]:
    first, second = load_docs(registry()["gsm8k"], data_dir, limit=2)[0]
    return [
        Case("reference", first.gold, first.record["answer"], True, "GSM8K's reference solution, #### line", "gsm8k"),
        Case("reference", first.gold, second.record["answer"], False, "another doc's reference solution", "gsm8k"),
    ]


def _knowable(case: Case, metric: str) -> bool:
    """Whether lm-eval's `metric` can reach the case's true verdict (a wrong answer it must reject, or a right one
    in the format the metric reads); math_verify is reported only."""
    if metric == "math_verify":
        return False
    if not case.expected:
        return True
    if metric == "exact_match":  # Minerva: only the final-answer line, compared by sympy
        return MINERVA_LINE in case.response and case.why not in MINERVA_BLIND
    if metric == "strict-match":
        return "#### " in case.response
    if metric == "flexible-extract":  # the last number-like run, compared as a string
        return case.why not in FLEXIBLE_BLIND
    raise AssertionError(f"unknown lm-eval metric {metric}")


def test_lm_eval_own_metrics_on_completions_with_known_verdicts(data_dir, record_property):
    """cfteval's `grade_many` and lm-eval's own minerva_math / gsm8k scoring on real-style completions whose
    verdicts are known: cfteval's verdicts must be the known ones; lm-eval's must be where `_knowable` (its format
    and comparison can reach them) and are reported where they differ."""
    gsm8k_cases = GSM8K_CASES + _gsm8k_reference_cases(data_dir)
    cases = MATH_CASES + gsm8k_cases
    ours = [g.correct for g in grade_many(ruled([(c.response, c.gold, c.task) for c in cases]))]
    assert ours == [c.expected for c in cases]
    minerva = lm_eval_math([(c.response, f"$\\boxed{{{c.gold}}}$") for c in MATH_CASES])
    gsm8k = lm_eval_gsm8k([(c.response, {"question": "", "answer": f"#### {c.gold}"}) for c in gsm8k_cases], data_dir)
    assert len(minerva) == len(MATH_CASES) and len(gsm8k) == len(gsm8k_cases)
    differ, asserted = [], {}
    for case, verdicts in zip(cases, minerva + gsm8k):
        for metric, value in verdicts.items():
            if bool(value) != case.expected:
                differ.append(f"{metric}: {case.why!r} (gold {case.gold}) lm-eval {bool(value)}, truth {case.expected}")
            if _knowable(case, metric):
                asserted.setdefault(metric, set()).add(case.expected)
                assert bool(value) == case.expected, (metric, case)
    assert asserted == {m: {True, False} for m in ("exact_match", "strict-match", "flexible-extract")}
    _report(
        record_property,
        "fixed set, math",
        len(MATH_CASES),
        {
            "truth": _accuracy(c.expected for c in MATH_CASES),
            "cfteval": _accuracy(ours[: len(MATH_CASES)]),
            "lm-eval minerva exact_match": _accuracy(v["exact_match"] for v in minerva),
            "lm-eval math_verify": _accuracy(v["math_verify"] for v in minerva),
        },
    )
    _report(
        record_property,
        "fixed set, gsm8k",
        len(gsm8k_cases),
        {
            "truth": _accuracy(c.expected for c in gsm8k_cases),
            "cfteval": _accuracy(ours[len(MATH_CASES) :]),
            "lm-eval strict-match": _accuracy(v["strict-match"] for v in gsm8k),
            "lm-eval flexible-extract": _accuracy(v["flexible-extract"] for v in gsm8k),
        },
    )
    record_property("lm-eval differs from the known verdict", differ)
    print(f"lm-eval's own metrics differ from the known verdict in {len(differ)} (metric, case) verdicts:")
    print("  " + "\n  ".join(differ))


def test_lm_eval_cli_output_imports_into_a_cfteval_run(tiny_model, data_dir, tmp_path):
    export = run_cli(
        "export",
        "lm-eval",
        str(tmp_path / "tasks"),
        "--tasks",
        "gsm8k,math500",
        "--data-dir",
        str(data_dir),
        "--max-new-tokens",
        MAX_NEW_TOKENS,
    )
    assert export.returncode == 0, export.stderr
    lm_eval = subprocess.run(
        [
            sys.executable,
            "-m",
            "lm_eval",
            "--model",
            "hf",
            "--model_args",
            f"pretrained={tiny_model},dtype=float32",
            "--tasks",
            "cfteval_gsm8k,cfteval_math500",
            "--include_path",
            str(tmp_path / "tasks"),
            "--limit",
            "3",
            "--batch_size",
            "1",
            "--device",
            "cpu",
            "--output_path",
            str(tmp_path / "lm"),
            "--log_samples",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ.copy(),
    )
    assert lm_eval.returncode == 0, lm_eval.stderr[-2000:]
    proc = run_cli("import-lm-eval", str(tmp_path / "lm"), "--output", str(tmp_path / "run"))
    assert proc.returncode == 0, proc.stderr
    # The exported exact_match is cfteval's own grade, so 0 disagreements checks the import, not the grading.
    assert "gsm8k: lm-eval exact_match and cfteval disagree on 0 sample(s)" in proc.stdout
    results = json.loads((tmp_path / "run" / "results.json").read_text())
    assert set(results["tasks"]) == {"gsm8k", "math500"}
    assert results["tasks"]["gsm8k"]["n_docs"] == 3
    assert _scored(tmp_path / "run", "gsm8k")[0]["gold"] == "18"
    again = run_cli("grade", str(tmp_path / "run"))  # an imported run re-grades like any other
    assert again.returncode == 0, again.stderr


def test_lm_eval_flag_spellings(tiny_model, data_dir, tmp_path):
    proc = run_cli(
        "run",
        "--model_args",
        f"pretrained={tiny_model},dtype=float32",
        "--tasks",
        "gsm8k",
        "--limit",
        "1",
        "--gen_kwargs",
        f"max_gen_toks={MAX_NEW_TOKENS},do_sample=false",
        "--output_path",
        str(tmp_path / "o"),
        "--log_samples",
        "--data-dir",
        str(data_dir),
        "--no-progress",
    )
    assert proc.returncode == 0, proc.stderr
    config = json.loads((tmp_path / "o" / "results.json").read_text())["config"]
    assert config["model"] == str(tiny_model) and config["max_new_tokens"] == 24 and config["dtype"] == "float32"
    bad = run_cli("run", "--model_args", "pretrained=x,parallelize=True", "--tasks", "gsm8k")
    assert bad.returncode == 2 and "no equivalent of 'parallelize'" in bad.stderr
    missing = run_cli("run", "--tasks", "gsm8k")
    assert missing.returncode == 2 and "give --model" in missing.stderr


@pytest.mark.parametrize(
    ("gen_kwargs", "temperature"),
    [("do_sample=true", 1.0), ("do_sample=true,temperature=0.6", 0.6), ("temperature=0.6,do_sample=false", 0.0)],
)
def test_gen_kwargs_do_sample_means_what_it_means_in_lm_eval(gen_kwargs, temperature):
    from cfteval.cli import _lm_eval_aliases, build_parser

    args = build_parser().parse_args(["run", "--model", "m", "--tasks", "gsm8k", "--gen_kwargs", gen_kwargs])
    _lm_eval_aliases(args)
    assert args.temperature == temperature


def test_import_errors(tmp_path):
    proc = run_cli("import-lm-eval", str(tmp_path / "absent"), "--output", str(tmp_path / "run"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    proc = run_cli("import-lm-eval", str(tmp_path), "--output", str(tmp_path / "run"))
    assert proc.returncode == 2 and "no lm-eval results_" in proc.stderr


def test_export_without_a_data_dir_points_lm_eval_at_the_hub(tmp_path, monkeypatch):
    monkeypatch.delenv("CFTEVAL_DATA_DIR", raising=False)
    export_tasks(tmp_path, "math500,gsm8k")
    text = (tmp_path / "cfteval_gsm8k.yaml").read_text()
    assert "dataset_path: openai/gsm8k\ndataset_name: main\n" in text and "test_split: test" in text
    proc = run_cli("export", "lm-eval", str(tmp_path / "x"), "--tasks", "minerva_math", env={"CFTEVAL_DATA_DIR": ""})
    assert proc.returncode == 2 and "has no hub source" in proc.stderr
