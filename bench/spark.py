"""The Spark engine: start-up and SELECT 1 latency (`--engine spark`, local Spark Connect)."""

import time
from pathlib import Path

from bench.emulator import _percentile, _submit_and_poll
from bench.emulator_server import serve_emulator
from bench.report import Report, Target

SECTION = "spark"


def measure(report: Report, workdir: Path, jobs: int) -> None:
    started = time.perf_counter()
    serving = serve_emulator(workdir, "emulator-spark", engine_args=("--engine", "spark"))
    with serving as running, running.http() as http:
        running.run(http, "SELECT 1")  # the project's Spark starts with its first job
        report.add(
            SECTION,
            "Spark engine start-up: process start -> first SELECT 1 FINISHED",
            time.perf_counter() - started,
            "s",
            Target("<=", 20, " s"),
        )
        times: list[float] = []
        for _ in range(jobs):
            start = time.perf_counter()
            _submit_and_poll(running, http)
            times.append(time.perf_counter() - start)
    times.sort()
    report.add(
        SECTION,
        f"Spark: SELECT 1 submit -> FINISHED, p50 of {jobs}",
        _percentile(times, 50) * 1000,
        "ms",
        Target("<=", 300, " ms"),
    )
    report.add(
        SECTION,
        f"Spark: SELECT 1 submit -> FINISHED, p99 of {jobs}",
        _percentile(times, 99) * 1000,
        "ms",
    )
