"""The Spark engine: start-up and SELECT 1 latency (`--engine spark`, local Spark Connect)."""

import time
from pathlib import Path

from bench.emulator import latency
from bench.emulator_server import serve_emulator
from bench.report import Report, Target

SECTION = "spark"


def measure(report: Report, workdir: Path, jobs: int) -> None:
    started = time.perf_counter()
    serving = serve_emulator(workdir, "emulator-spark", engine_args=("--engine", "spark"))
    with serving as running:
        with running.http() as http:
            running.run(http, "SELECT 1")  # the project's Spark starts with its first job
        report.add(
            SECTION,
            "Spark engine start-up: process start -> first SELECT 1 FINISHED",
            time.perf_counter() - started,
            "s",
            Target("<=", 20, " s"),
        )
        latency(
            report,
            running,
            jobs,
            section=SECTION,
            label="Spark: SELECT 1 submit -> FINISHED",
            target_ms=300,
        )
