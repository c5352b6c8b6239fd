"""Emulator figures: request rate on the status route against Prism and a bare route (wrk),
submit -> FINISHED latency of `SELECT 1`, and schemathesis test cases per second."""

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench import wrk
from bench.emulator_server import Emulator
from bench.floor_app import serve_floor
from bench.report import Report, Target
from bench.servers import LOOPBACK, REPO, Server, free_port, serve
from dli_emulator.testing import TERMINAL_STATES

SECTION = "emulator"
SPEC = REPO / "openapi.yaml"
PRISM = ("npx", "--no-install", "prism", "mock")
EMULATOR = "emulator"
FLOOR = "bare Starlette route"
# Prism as the issue runs it (it logs each request at info level), and quiet, as the emulator and
# the bare route run here: the target is checked against both.
PRISM_RUNS: dict[str, tuple[str, ...]] = {"Prism": (), "Prism -v warn": ("-v", "warn")}
PRISM_TARGET = Target(">=", 5, "x")
TARGETS = {FLOOR: Target(">=", 0.75, "x"), **dict.fromkeys(PRISM_RUNS, PRISM_TARGET)}
SCHEMATHESIS = (sys.executable, "-m", "schemathesis.cli")
POLL_INTERVAL = 0.001
LATENCY_TIMEOUT = 30.0
_GENERATED = re.compile(r"(\d+) generated")
_RUN_TIME = re.compile(r" in ([0-9.]+)s")


@dataclass(frozen=True)
class Sizes:
    wrk_seconds: float
    wrk_rounds: int
    wrk_warmup: bool
    latency_jobs: int
    schemathesis_examples: int
    prism: bool
    schemathesis: bool


def measure(report: Report, emulator: Emulator, workdir: Path, sizes: Sizes) -> None:
    with emulator.http() as http:
        job_id = emulator.run(http, "SELECT 1")["job_id"]
        status_path = emulator.path(f"/jobs/{job_id}/status")
        answer = http.get(status_path)
    request_rates(report, emulator, workdir, sizes, status_path, answer)
    latency(report, emulator, sizes.latency_jobs)
    if sizes.schemathesis:
        schemathesis_rate(report, emulator, workdir, sizes.schemathesis_examples)


def request_rates(
    report: Report,
    emulator: Emulator,
    workdir: Path,
    sizes: Sizes,
    status_path: str,
    answer: httpx.Response,
) -> None:
    """Requests per second and CPU per request of each server on the same status URL, over
    interleaved rounds; each ratio to the emulator is the median of its rounds' ratios."""
    if not wrk.available():
        report.add(SECTION, "status route, emulator", None, "req/s", note="wrk not installed")
        report.notes.append("wrk is missing: run bench/ensure_wrk.sh (make bench does).")
        return
    auth = {"X-Auth-Token": emulator.token}
    with ExitStack() as servers:
        floor = servers.enter_context(serve_floor(workdir, answer))
        running = {EMULATOR: emulator.server, FLOOR: floor}
        if sizes.prism:
            for name, options in PRISM_RUNS.items():
                running[name] = servers.enter_context(_serve_prism(workdir, name, options))
        rounds = _rounds(running, status_path, auth, sizes)
    for name, runs in rounds.items():
        rate = max(run.rate for run in runs)
        cpu = min(run.cpu_us for run in runs)
        report.add(SECTION, f"status route, {name}", rate, "req/s", note=f"{cpu:,.0f} us CPU/req")
    for name in [FLOOR, *PRISM_RUNS]:
        if name not in rounds:
            report.add(SECTION, f"emulator / {name}", None, "x", TARGETS[name], "Prism skipped")
            continue
        pairs = zip(rounds[EMULATOR], rounds[name], strict=True)
        ratios = sorted(emulated.rate / other.rate for emulated, other in pairs)
        cpu_ratio = min(r.cpu_us for r in rounds[name]) / min(r.cpu_us for r in rounds[EMULATOR])
        report.add(
            SECTION,
            f"emulator / {name}",
            statistics.median(ratios),
            "x",
            TARGETS[name],
            f"rounds {ratios[0]:.2f}-{ratios[-1]:.2f}; by CPU per request {cpu_ratio:.2f}",
        )


def _serve_prism(
    workdir: Path, name: str, options: Sequence[str]
) -> AbstractContextManager[Server]:
    url = f"http://{LOOPBACK}:{free_port()}"
    command = [*PRISM, str(SPEC), "-h", LOOPBACK, "-p", url.rsplit(":", 1)[1], *options]
    log = workdir / f"prism{len(options)}.log"
    return serve(name, command, log, url=url)


@dataclass(frozen=True)
class Round:
    rate: float  # requests per second
    cpu_us: float  # CPU time of the server's processes per request


def _rounds(
    servers: dict[str, Server], status_path: str, auth: dict[str, str], sizes: Sizes
) -> dict[str, list[Round]]:
    """Interleaved rounds of wrk on each server: the servers of one round share the machine's
    state of that moment, so the ratio of a round's rates is steadier than the ratio of bests."""
    if sizes.wrk_warmup:  # lazy imports, caches, the thread pool filling up
        for server in servers.values():
            wrk.run(server.url + status_path, seconds=1, headers=auth)
    rounds: dict[str, list[Round]] = {name: [] for name in servers}
    for _ in range(sizes.wrk_rounds):
        for name, server in servers.items():
            before = server.cpu_seconds()
            run = wrk.run(server.url + status_path, seconds=sizes.wrk_seconds, headers=auth)
            cpu = server.cpu_seconds() - before
            rounds[name].append(Round(run.requests_per_second, cpu / run.requests * 1e6))
    return rounds


def latency(
    report: Report,
    emulator: Emulator,
    jobs: int,
    *,
    section: str = SECTION,
    label: str = "SELECT 1 submit -> FINISHED",
    target_ms: float = 20,
) -> None:
    """Wall time from sending the submit to the first status poll that reads FINISHED."""
    times: list[float] = []
    with emulator.http() as http:
        emulator.run(http, "SELECT 1")  # warm-up
        for _ in range(jobs):
            start = time.perf_counter()
            _submit_and_poll(emulator, http)
            times.append(time.perf_counter() - start)
    times.sort()
    report.add(
        section,
        f"{label}, p50 of {jobs}",
        _percentile(times, 50) * 1000,
        "ms",
        Target("<=", target_ms, " ms"),
    )
    report.add(section, f"{label}, p99 of {jobs}", _percentile(times, 99) * 1000, "ms")


def _submit_and_poll(emulator: Emulator, http: httpx.Client) -> None:
    # dli_emulator.testing polls every 20 ms, coarser than the 20 ms target itself.
    job = emulator.call(
        http, "POST", "/jobs/submit-job", json={"sql": "SELECT 1", "queue_name": "default"}
    )
    status_path = f"/jobs/{job['job_id']}/status"
    deadline = time.monotonic() + LATENCY_TIMEOUT
    while (status := emulator.call(http, "GET", status_path)["status"]) not in TERMINAL_STATES:
        if time.monotonic() > deadline:
            raise TimeoutError(f"SELECT 1 still {status} after {LATENCY_TIMEOUT:.0f} s")
        time.sleep(POLL_INTERVAL)
    if status != "FINISHED":
        raise RuntimeError(f"SELECT 1 ended {status}")


def _percentile(sorted_values: list[float], percent: float) -> float:
    """Nearest-rank percentile."""
    rank = max(1, -(-len(sorted_values) * percent // 100))
    return sorted_values[int(rank) - 1]


def schemathesis_rate(report: Report, emulator: Emulator, workdir: Path, examples: int) -> None:
    """Cases generated per second of schemathesis's own run time, fuzzing phase only.

    It runs from the repo root, so with the project's schemathesis.toml (real statements and
    queues half the time, its checks): the rate `make fuzz` gets, not that of random bodies.
    """
    # The toml takes the project ID from the environment, as scripts/fuzz.py passes it.
    env = {**os.environ, "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id}
    command = [
        *SCHEMATHESIS,
        *("run", str(SPEC), "--url", emulator.url),
        *("-H", f"X-Auth-Token: {emulator.token}", "-n", str(examples)),
        *("--phases", "fuzzing", "--workers", "1", "--seed", "1", "--no-shrink"),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=REPO, env=env, timeout=600, check=False
    )
    (workdir / "schemathesis.log").write_text(done.stdout + done.stderr)
    generated, run_time = _GENERATED.search(done.stdout), _RUN_TIME.findall(done.stdout)
    if generated is None or not run_time:
        raise RuntimeError(
            f"schemathesis printed no case count ({done.returncode}):\n{done.stdout[-3000:]}"
        )
    cases, seconds = int(generated.group(1)), float(run_time[-1])
    report.add(
        SECTION,
        "schemathesis cases per second (fuzzing)",
        cases / seconds,
        "cases/s",
        note=f"{cases} cases in {seconds:.1f} s, exit code {done.returncode}",
    )
