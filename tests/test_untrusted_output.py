"""Model output is hostile input: the grader never runs it, always answers within its timeout, keeps its memory
flat over many items, and loses no item when a worker process dies."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfteval.grading import extract_answer, grade_many
from cfteval.grading.pool import _IDLE
from cfteval.tasks import task_rules
from tests.conftest import child_pids, ruled, run_cli

STATUSES = {"ok", "no_answer", "timeout", "parse_error"}


def _chars(text: str) -> str:
    """A Python string expression for `text` without quote characters (normalisation strips quotes)."""
    return "+".join(f"chr({ord(c)})" for c in text)


def payloads(marker: str) -> list[str]:
    """Answers that would create `marker` (or hang, or blow up) if any layer eval()ed or expanded them."""
    touch = f"touch {marker}"
    os_ = _chars("os")
    return [
        f"__import__('os').system('{touch}')",
        f"__import__({os_}).system({_chars(touch)})",  # regression: reached sympy.sympify, ran the command
        f"getattr(__import__({os_}),{_chars('system')})({_chars(touch)})",
        f"open({_chars(marker)},{_chars('w')}).write({_chars('x')})",
        f"exec({_chars('import os; os.system(' + repr(touch) + ')')})",
        f"eval(compile({_chars('__import__(' + repr('os') + ').system(' + repr(touch) + ')')},{_chars('x')},"
        f"{_chars('eval')}))",
        f"(lambda: __import__({os_}).system({_chars(touch)}))()",
        f"[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == {_chars('_wrap_close')}][0]"
        f".__init__.__globals__[{_chars('system')}]({_chars(touch)})",
        "().__class__.__base__.__subclasses__()",
        "x.__class__.__mro__[-1].__subclasses__()",
        "breakpoint()",  # pdb would read the worker's protocol pipe
        "input()",
        "__import__(chr(116)+chr(105)+chr(109)+chr(101)).sleep(1000)",
        r"\def\a{\a\a}\a",  # TeX macros that expand without bound
        r"\newcommand{\b}{\b\b}\b",
        r"\renewcommand{\frac}{\frac\frac}\frac{1}{2}",
        r"\input{/etc/passwd}",
        rf"\immediate\write18{{{touch}}}",
        "9" * 400 + "**" + "9" * 400,
        "10^{10^{10^{10}}}",
    ]


WRAPPERS = ["\\boxed{{{}}}", "The answer is {}", "{}", "$${}$$"]


def test_injection_payloads_never_run(tmp_path):
    marker = tmp_path / "PWNED"
    items = [(w.format(p), gold, task) for p in payloads(str(marker)) for w in WRAPPERS
             for gold, task in (("3", "math500"), ("x", "generic"), ("3", "gsm8k"))]  # fmt: skip
    start = time.monotonic()
    grades = grade_many(ruled(items), workers=2, timeout=3)
    assert time.monotonic() - start < 240
    assert not marker.exists()
    assert all(g.status in STATUSES and not g.correct for g in grades)
    # pass@k clustering compares two model answers with each other: the same checks, both sides untrusted
    from cfteval.grading import equivalent_pairs

    answers = payloads(str(marker))
    assert not any(equivalent_pairs(list(zip(answers, reversed(answers))), task_rules("math500"), workers=2, timeout=3))
    assert not marker.exists()


def test_injection_through_the_grade_command(tmp_path):
    marker = tmp_path / "PWNED"
    data = tmp_path / "answers.jsonl"
    data.write_text("".join(json.dumps({"response": f"\\boxed{{{p}}}", "gold": "3"}) + "\n"
                            for p in payloads(str(marker))))  # fmt: skip
    done = run_cli("grade", "--input", str(data), "--response-field", "response", "--gold-field", "gold",
                   "--grading-timeout", "3", "--output", str(tmp_path / "graded.jsonl"), timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    graded = [json.loads(line) for line in (tmp_path / "graded.jsonl").read_text().splitlines()]
    assert len(graded) == len(payloads(str(marker))) and not any(g["correct"] for g in graded)


LATEX = ["\\boxed{", "}", "{", "\\frac", "\\sqrt", "^", "_", "$", "\\left(", "\\right)", "\\dfrac{1}{2}", "\\text{",
         "The answer is ", "Final Answer: ", "#### ", "\\\\", " ", "\n", "0", "7", "-", ".", ",", "x", "\\pi", "=",
         "\\infty", "\\begin{pmatrix}", "\\end{pmatrix}", "&", "%", "\\%", "e", "i", "10^{", "!", "(", ")",
         "[", "]"]  # fmt: skip
HOSTILE = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(LATEX), max_size=80).map("".join))
TASKS = ["generic", "math500", "gsm8k", "mmlu_stem", "aime24", "olympiadbench"]


@settings(max_examples=400, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE, st.sampled_from(TASKS), st.booleans())
def test_extract_answer_never_raises_and_stays_fast(response, task, last_number):
    start = time.monotonic()
    found = extract_answer(response, task_rules(task), last_number)
    assert found is None or isinstance(found, str)
    assert time.monotonic() - start < 1.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(HOSTILE, HOSTILE, st.sampled_from(TASKS)), min_size=1, max_size=10))
def test_grade_many_gives_every_item_a_verdict_within_the_timeout(items):
    start = time.monotonic()
    grades = grade_many(ruled(items), workers=2, timeout=2)
    assert len(grades) == len(items) and all(g.status in STATUSES for g in grades)
    assert time.monotonic() - start < 2 * 10 * len(items) + 30  # wall cap: 10x the CPU timeout per item


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def _item(k: int) -> tuple[str, str, str]:
    """Distinct items; one in ten needs sympy through math-verify, the rest the fast exact-fraction path."""
    if k % 10 == 0:
        return rf"\boxed{{x^2 + {k}x}}", rf"x(x+{k})", "math500"
    return rf"\boxed{{\frac{{{k}}}{{{k + 1}}}}}", rf"\frac{{{2 * k}}}{{{2 * k + 2}}}", "math500"


def _memory_over(total: int, chunk: int) -> list[int]:
    """Parent + worker RSS (KiB) after each chunk of `total` distinct items graded in one process."""
    seen = []
    for start in range(0, total, chunk):
        grades = grade_many(ruled([_item(k) for k in range(start, start + chunk)]), workers=2, timeout=10)
        assert all(g.correct for g in grades)
        workers = [w.process.pid for ws in _IDLE.values() for w in ws]
        seen.append(_rss_kib(os.getpid()) + sum(_rss_kib(p) for p in workers))
    return seen


def test_memory_stays_flat_over_many_items():
    seen = _memory_over(2000, 500)
    assert seen[-1] - seen[1] < 30_000, seen  # KiB; after the first chunk has warmed imports and caches


@pytest.mark.slow
def test_memory_stays_flat_over_20k_items():
    seen = _memory_over(20_000, 2000)
    print("RSS KiB per 2000 items:", seen)
    assert seen[-1] - seen[1] < 30_000, seen


def test_a_worker_killed_mid_item_is_replaced_and_its_item_reported():
    # A real model answer (grading corpus, skythought_math500.jsonl:1233) sympy cannot decide within the 4 s budget.
    # (`9^{9^{9^{9^{9}}}}` served here until the size guards of issue 15 answered it at once.)
    slow = (r"\boxed{\frac{2 - 3\omega + \omega^{-1994}}{2(1 - \omega)(1 - \omega^2)}}", r"\frac{1997}{2}", "math500")
    items = [slow] + [(rf"\boxed{{{k}}}", str(k), "gsm8k") for k in range(20)]
    killed = []

    def kill_the_busy_worker():
        time.sleep(1.5)
        for pid in child_pids(os.getpid()):
            if _cpu_busy(pid):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    killer = threading.Thread(target=kill_the_busy_worker)
    killer.start()
    grades = grade_many(ruled(items), workers=2, timeout=4)
    killer.join()
    assert killed, "no busy worker found to kill"
    assert len(grades) == len(items) and all(g.correct for g in grades[1:])
    assert grades[0].status in ("timeout", "parse_error") and not grades[0].correct  # retried, then reported


def _cpu_busy(pid: int) -> bool:
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] == "R"
    except OSError:
        return False


def test_plain_arithmetic_strings_still_compare_by_value(tmp_path):
    # Regression: refusing every unparsed string (the injection fix) lost golds like MATH's `-1./3`.
    from cfteval.grading.equiv import is_equivalent

    assert is_equivalent(r"-\frac{1}{3}", "-1./3") and is_equivalent("-1.5", "-3./2")
    marker = tmp_path / "PWNED"
    assert not is_equivalent(f"__import__({_chars('os')}).system({_chars(f'touch {marker}')})", "0")
    assert not marker.exists()
