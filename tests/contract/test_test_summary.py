"""scripts/test_summary.py counts what real runners wrote; "nothing ran" is never a pass."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "test_summary.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("test_summary", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["test_summary"] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


summary = _load()

PYTEST_SUITE = """
import pytest

def test_ok(): pass
def test_also_ok(): pass
def test_bad(): assert 1 == 2
@pytest.mark.skip(reason="not today")
def test_skipped(): pass
@pytest.fixture
def broken(): raise RuntimeError("setup fails")
def test_error(broken): pass
"""

NODE_SUITE = """
import test from 'node:test';
import assert from 'node:assert';
test('ok', () => {});
test('bad', () => assert.equal(1, 2));
test('skipped', { skip: true }, () => {});
test('group', async (t) => { await t.test('inner ok', () => {}); });
"""

# Maven surefire's shape: <testsuite> is the root and errors are their own element.
SUREFIRE = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="dli.ClientTest" tests="3" failures="0" errors="1" skipped="0">
  <testcase name="parses" classname="dli.ClientTest" time="0.01"/>
  <testcase name="reads" classname="dli.ClientTest" time="0.01"/>
  <testcase name="throws" classname="dli.ClientTest" time="0.01">
    <error type="java.lang.IllegalStateException">boom</error>
  </testcase>
</testsuite>
"""

# schemathesis's CLI: one test case per operation, failures as <failure> children.
SCHEMATHESIS = """<?xml version="1.0" ?>
<testsuites disabled="0" errors="0" failures="1" tests="3" time="60.0">
  <testsuite name="schemathesis" errors="0" failures="1" skipped="0" tests="3" time="60.0">
    <testcase name="GET /v1.0/{project_id}/jobs" time="20.0"/>
    <testcase name="POST /v1.0/{project_id}/jobs/submit-job" time="20.0"/>
    <testcase name="GET /v1.0/{project_id}/jobs/{job_id}/status" time="20.0">
      <failure type="failure" message="Response violates schema">details</failure>
    </testcase>
  </testsuite>
</testsuites>
"""


def _pytest(tmp_path: Path, source: str, report: Path) -> int:
    test_file = tmp_path / "suite" / "test_sample.py"
    test_file.parent.mkdir(exist_ok=True)
    test_file.write_text(source)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(test_file),
            f"--junitxml={report}",
            "-o",
            "addopts=",
        ],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    ).returncode


def _run_main(reports: Path, status: int, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = summary.main([str(reports), "--make-status", str(status)])
    return code, capsys.readouterr().out


def test_a_real_pytest_report_is_counted_by_outcome(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    assert _pytest(tmp_path, PYTEST_SUITE, reports / "unit.xml") == 1
    counts = summary.count_report(reports / "unit.xml")
    # The fixture error is a failure: CI must not count it as a pass.
    assert counts == summary.Counts(passed=2, failed=2, skipped=1)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is installed by make install")
def test_a_real_node_report_counts_leaf_test_cases(tmp_path: Path) -> None:
    source = tmp_path / "sample.test.mjs"
    source.write_text(NODE_SUITE)
    report = tmp_path / "node.xml"
    subprocess.run(
        [
            "node",
            "--test",
            "--test-reporter=junit",
            f"--test-reporter-destination={report}",
            str(source),
        ],
        capture_output=True,
        check=False,
    )
    # Node makes the group a <testsuite> around its subtest; the group itself is not a test case.
    assert summary.count_report(report) == summary.Counts(passed=2, failed=1, skipped=1)


def test_surefire_and_schemathesis_shapes(tmp_path: Path) -> None:
    (tmp_path / "java.xml").write_text(SUREFIRE)
    (tmp_path / "fuzz.xml").write_text(SCHEMATHESIS)
    assert summary.count_report(tmp_path / "java.xml") == summary.Counts(passed=2, failed=1)
    assert summary.count_report(tmp_path / "fuzz.xml") == summary.Counts(passed=2, failed=1)


def test_the_last_line_adds_up_every_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "java.xml").write_text(SUREFIRE)
    (tmp_path / "fuzz.xml").write_text(SCHEMATHESIS)
    _pytest(tmp_path, "def test_ok(): pass\n", tmp_path / "unit.xml")
    code, out = _run_main(tmp_path, 2, capsys)
    assert out.splitlines()[-1] == "tests: 5 passed, 2 failed"
    assert code == 1


def test_all_green_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _pytest(tmp_path, "def test_ok(): pass\ndef test_two(): pass\n", tmp_path / "unit.xml")
    code, out = _run_main(tmp_path, 0, capsys)
    assert (code, out.splitlines()[-1]) == (0, "tests: 2 passed, 0 failed")


def test_a_runner_that_ran_nothing_is_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    # pytest's exit 5: collected nothing, and still wrote a report.
    assert _pytest(tmp_path, "x = 1\n", reports / "empty.xml") == 5
    _pytest(tmp_path, "def test_ok(): pass\n", reports / "unit.xml")
    code, out = _run_main(reports, 0, capsys)
    assert "empty.xml: no test case in it" in out
    assert (code, out.splitlines()[-1]) == (1, "tests: 1 passed, 1 failed")


def test_no_report_at_all_is_a_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run_main(tmp_path / "missing", 0, capsys)
    assert (code, out.splitlines()[-1]) == (1, "tests: 0 passed, 1 failed")


def test_a_failed_step_without_a_report_is_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _pytest(tmp_path, "def test_ok(): pass\n", tmp_path / "unit.xml")
    code, out = _run_main(tmp_path, 2, capsys)
    assert "a step without a JUnit report failed" in out
    assert (code, out.splitlines()[-1]) == (1, "tests: 1 passed, 1 failed")


def test_a_truncated_report_is_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cut.xml").write_text(SCHEMATHESIS[: len(SCHEMATHESIS) // 2])
    code, out = _run_main(tmp_path, 0, capsys)
    assert "cut.xml: not valid XML" in out
    assert (code, out.splitlines()[-1]) == (1, "tests: 0 passed, 1 failed")


def test_make_test_ends_with_the_summary_line() -> None:
    """The Makefile's `test` recipe clears old reports and closes with the summary."""
    text = (ROOT / "Makefile").read_text()
    recipe = text.split("\ntest: ", 1)[1].split("\n\n", 1)[0].splitlines()
    assert "rm -rf reports" in recipe[1]
    assert recipe[-1].strip().startswith("$(PY) scripts/test_summary.py reports")
    assert "--junitxml=reports/unit.xml" in text.split("\nunit: install", 1)[1].split("\n\n")[0]
