"""The CI script and the test configuration: a failed step fails CI, the browser test cannot skip in CI, and
every doctest in the packages is collected."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import tomllib

from tests.conftest import REPO


def _ci(tmp_path: Path, fail: str | None, browser: bool = True) -> tuple[int, list[str]]:
    """Run a copy of .ci/run with stub pip / python / apt-get that log their calls; `fail` names the one that
    exits 1. Returns the exit status and the calls in order."""
    (tmp_path / ".ci").mkdir()
    for name in ("run", "vllm"):
        shutil.copy(REPO / ".ci" / name, tmp_path / ".ci" / name)
    stubs, log = tmp_path / "bin", tmp_path / "calls.log"
    stubs.mkdir()
    for tool in ("pip", "python", "apt-get", *(["chromium"] if browser else [])):
        code = 1 if tool == fail else 0
        (stubs / tool).write_text(f'#!/bin/sh\necho "{tool} $*" >> {log}\nexit {code}\n')
        (stubs / tool).chmod(0o755)
    for tool in ("bash", "dirname"):
        (stubs / tool).symlink_to(shutil.which(tool))
    done = subprocess.run(["/bin/bash", str(tmp_path / ".ci" / "run")], env={"PATH": str(stubs)},
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    return done.returncode, log.read_text().splitlines() if log.exists() else []


def test_a_failed_install_fails_ci_before_any_test(tmp_path):
    code, calls = _ci(tmp_path, fail="pip")
    assert code != 0 and calls == ["pip install torch==2.13.0 -e .[dev]"]


def test_a_failed_default_suite_stops_ci(tmp_path):
    code, calls = _ci(tmp_path, fail="python")
    assert code != 0 and calls[-1] == "python -m pytest" and calls.count("python -m pytest") == 1


def test_ci_runs_every_step_in_order_and_updates_apt_before_installing(tmp_path):
    code, calls = _ci(tmp_path, fail=None, browser=False)
    assert code != 0  # the stub python cannot build the vLLM venv; every step before it ran
    assert calls[:5] == ["apt-get update -q", "apt-get install -y -q chromium", 'pip install torch==2.13.0 -e .[dev]',
                         "python -m pytest", "python -m pytest -m slow"]  # fmt: skip
    assert calls[5].startswith("python -m venv")


def test_the_browser_test_fails_instead_of_skipping_in_ci():
    env = {**os.environ, "CI": "true", "PATH": "/nonexistent"}  # no chromium to be found
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_report.py::test_page_renders_in_headless_chromium"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 1 and "CI=true and no chromium on PATH" in done.stdout, done.stdout[-2000:]
    local = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
                            "tests/test_report.py::test_page_renders_in_headless_chromium"],
                           cwd=REPO, env={**env, "CI": ""}, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout[-2000:]


def test_every_doctest_in_the_packages_is_collected():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in config["addopts"]
    roots = [REPO / p for p in config["testpaths"]]
    with_doctests = [p for pkg in ("cfteval", "cft_train") for p in (REPO / pkg).rglob("*.py")
                     if re.search(r"^\s*>>> ", p.read_text(), re.M)]  # fmt: skip
    assert len(with_doctests) >= 4
    outside = [str(p.relative_to(REPO)) for p in with_doctests if not any(p.is_relative_to(r) for r in roots)]
    assert not outside
