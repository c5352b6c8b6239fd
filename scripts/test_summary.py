"""Add up every runner's JUnit XML report into the one line CI reads: `tests: N passed, N failed`.

    python scripts/test_summary.py [REPORTS_DIR] [--make-status CODE]

Every runner `make test` starts (pytest, the schemathesis CLI, node's test runner, Maven's
surefire) writes JUnit XML into reports/. Their dialects differ in where they put the totals
(attributes of <testsuites>, of each <testsuite>, of nested suites, or none at all), so the
attributes are not trusted: each <testcase> element is counted once, as failed when it holds a
<failure> or <error>, skipped when it holds <skipped>, passed otherwise.

A run that counts nothing must not read as a clean one, so these are failures too, each reported
on its own line above the total:
- a report that cannot be parsed, or holds no test case (pytest's "no tests ran", exit 5);
- no report at all;
- CODE (the exit status of the steps before) non-zero while no report shows a failure: a step
  that writes no report (a linter, the generated-code check) failed.

Prints one line per report, then the total as the very last line. Exit status: 0 when nothing
failed, else 1.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Counts:
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.passed + other.passed, self.failed + other.failed, self.skipped + other.skipped
        )

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.skipped


class ReportError(Exception):
    """A report that says nothing trustworthy about the tests it was written for."""


def count_report(path: Path) -> Counts:
    """The test cases of one JUnit XML file, by outcome."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise ReportError(f"not valid XML ({error})") from None
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        outcomes = {child.tag for child in case}
        if outcomes & {"failure", "error"}:
            failed += 1
        elif "skipped" in outcomes:
            skipped += 1
        else:
            passed += 1
    counts = Counts(passed, failed, skipped)
    if counts.total == 0:
        raise ReportError("no test case in it: the runner ran nothing")
    return counts


def summarise(reports: Path, make_status: int = 0) -> tuple[list[str], Counts]:
    """The per-report lines and the total, problems counted as failures."""
    lines: list[str] = []
    total = Counts()
    files = sorted(reports.glob("*.xml")) if reports.is_dir() else []
    for path in files:
        try:
            counts = count_report(path)
        except ReportError as error:
            lines.append(f"{path.name}: {error}: counted as 1 failed")
            total += Counts(failed=1)
            continue
        lines.append(
            f"{path.name}: {counts.passed} passed, {counts.failed} failed, {counts.skipped} skipped"
        )
        total += counts
    if not files:
        lines.append(f"no JUnit report in {reports}: counted as 1 failed")
        total += Counts(failed=1)
    if make_status != 0 and total.failed == 0:
        lines.append(
            f"a step without a JUnit report failed (exit status {make_status}, see above): "
            "counted as 1 failed"
        )
        total += Counts(failed=1)
    return lines, total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="?", type=Path, default=REPO / "reports")
    parser.add_argument(
        "--make-status",
        type=int,
        default=0,
        metavar="CODE",
        help="exit status of the steps that ran before (0: they passed)",
    )
    args = parser.parse_args(argv)
    lines, total = summarise(args.reports, args.make_status)
    for line in lines:
        print(f"  {line}")
    print(f"tests: {total.passed} passed, {total.failed} failed", flush=True)
    return 1 if total.failed else 0


if __name__ == "__main__":
    sys.exit(main())
