"""Smoke run of the benchmark script (`python -m bench.run --quick`): it starts its servers, takes
a figure in every section, prints the table, writes the report and stops everything.

Only that the harness works is asserted, never a speed: the quick counts are too small to mean
anything and CI machines are noisy. Correctness figures (no 5xx, no lost job) must hold at any
size, so those are checked.
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROW = re.compile(
    r"^\| (?P<section>[^|]+) \| (?P<name>[^|]+) \| (?P<value>[^|]*) \| (?P<target>[^|]*) "
    r"\| (?P<verdict>[^|]*) \|",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Smoke:
    done: "subprocess.CompletedProcess[str]"
    report: str
    scratch: Path  # TMPDIR of the run: every server's files were under it


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> Smoke:
    root = tmp_path_factory.mktemp("bench")
    scratch = root / "tmp"
    scratch.mkdir()
    output = root / "BENCHMARKS.md"
    paths = [str(REPO / "src"), str(REPO / "generated"), str(REPO)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "TMPDIR": str(scratch)}
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--output", str(output)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"bench failed:\n{done.stdout}\n{done.stderr}"
    return Smoke(done, output.read_text(), scratch)


def _figures(text: str) -> dict[str, str]:
    return {m["name"].strip(): m["value"].strip() for m in ROW.finditer(text)}


def _verdicts(text: str) -> dict[str, str]:
    return {m["name"].strip(): m["verdict"].strip() for m in ROW.finditer(text)}


def test_every_section_yields_figures(smoke: Smoke) -> None:
    text = smoke.report
    sections = {m["section"].strip() for m in ROW.finditer(text)}
    assert {"client", "emulator", "scale"} <= sections
    figures = _figures(text)
    for name in (
        "CPU per status call, raw httpx",
        "dli_toolkit, token / raw httpx",
        "dli_toolkit, AK/SK / raw httpx",
        "huaweicloudsdkdli, AK/SK / raw httpx",
        "SELECT 1 submit -> FINISHED, p50 of 10",
        "preview 1000 rows of a 20,000-row result",
        "list page time, 2,000 / 100 jobs",
        "dli fetch of a 20,000-row result to csv, wall time",
        "dli fetch of a 20,000-row result to csv, peak RSS",
    ):
        assert re.match(r"^[0-9.,]+ ", figures[name]), f"{name}: {figures.get(name)!r}"


def test_concurrent_submits_lose_nothing(
    smoke: Smoke,
) -> None:
    figures = _figures(smoke.report)
    verdicts = _verdicts(smoke.report)
    for name in (
        "20 concurrent submits: 5xx answers",
        "20 concurrent submits: jobs missing afterwards",
    ):
        assert figures[name] == "0"
        assert verdicts[name] == "met"


def test_report_names_the_machine_and_prints_the_table(
    smoke: Smoke,
) -> None:
    done, text = smoke.done, smoke.report
    for fact in ("| CPU |", "| cores |", "| RAM |", "| Python |", "| httpx |", "| wrk |"):
        assert fact in text
    assert "CPU per status call, raw httpx" in done.stdout
    assert "section" in done.stdout.splitlines()[0]


def test_every_server_is_stopped(smoke: Smoke) -> None:
    left = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        if str(smoke.scratch) in command:
            left.append(command)
    assert not left, f"still running after the benchmark: {left}"
    assert not list(smoke.scratch.iterdir()), "the benchmark left files in its temporary folder"
