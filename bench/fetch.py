"""Fetch figures: `dli fetch` of a large result from the emulator, as a user runs it.

The emulator runs a query of N rows; then `dli fetch JOB --output FILE` runs as a process of its
own, so that its wall time (start-up, imports, the export job, reading the exported files,
writing the output) and its peak RSS are the client's alone. The peak RSS comes from the
kernel's accounting of that one child (`os.wait4`), not from polling.
"""

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.emulator_server import Emulator, serve_emulator
from bench.report import Report, Target
from bench.servers import python_env

SECTION = "fetch"
EXPORT_PATH = "obs://bench-fetch/results"
FETCH_TIMEOUT = 300.0


@dataclass(frozen=True)
class Sizes:
    rows: int
    formats: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float
    lines: int


def measure(report: Report, workdir: Path, sizes: Sizes) -> None:
    with serve_emulator(workdir, "emulator-fetch") as emulator, emulator.http() as http:
        sql = (
            "SELECT t.id, t.id * 2 AS twice, concat('row ', t.id) AS label "
            f"FROM range({sizes.rows}) AS t(id)"
        )
        job_id = emulator.run(http, sql)["job_id"]
        for fmt in sizes.formats:
            output = workdir / f"fetched.{fmt}"
            run = fetch(emulator, job_id, output, fmt)
            if fmt == "csv" and run.lines != sizes.rows + 1:
                raise RuntimeError(f"dli fetch wrote {run.lines} lines, expected {sizes.rows + 1}")
            output.unlink()
            report.add(
                SECTION,
                f"dli fetch of a {sizes.rows:,}-row result to {fmt}, wall time",
                run.seconds,
                "s",
                Target("<=", 5, " s"),
                "the whole process: start-up, export job, download, write",
            )
            report.add(
                SECTION,
                f"dli fetch of a {sizes.rows:,}-row result to {fmt}, CPU time",
                run.cpu_seconds,
                "s",
                note="user + system time of the dli process: what a busy machine does not add",
            )
            report.add(
                SECTION,
                f"dli fetch of a {sizes.rows:,}-row result to {fmt}, peak RSS",
                run.peak_rss_mib,
                "MiB",
                Target("<=", 300, " MiB"),
            )


def fetch(emulator: Emulator, job_id: str, output: Path, fmt: str) -> Run:
    env = {
        **python_env(),
        "DLI_ENDPOINT": emulator.url,
        "DLI_AUTH_TOKEN": emulator.token,
        "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id,
        "DLI_OBS_DIR": str(emulator.data_dir / "obs"),
        "DLI_EXPORT_PATH": EXPORT_PATH,
    }
    for name in ("HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "DLI_REGION"):
        env.pop(name, None)
    command = [
        sys.executable,
        "-c",
        "from dli_toolkit.cli import main; main()",
        *("fetch", job_id, "--output", str(output), "--format", fmt),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, status, usage = _wait4(process, FETCH_TIMEOUT)
    except BaseException:
        process.kill()
        process.wait()
        raise
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"dli fetch failed: {errors.strip()}")
    lines = _count_lines(output) if fmt == "csv" else 0
    # ru_maxrss is in KiB on Linux.
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lines)


def _wait4(
    process: "subprocess.Popen[bytes]", timeout: float
) -> tuple[int, int, resource.struct_rusage]:
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        if time.monotonic() > deadline:
            raise TimeoutError(f"dli fetch did not end within {timeout} s")
        time.sleep(0.01)


def _count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
