"""`make bench`: measure the client, the emulator and its scaling; print a table and write
BENCHMARKS.md.

    python -m bench.run [--quick] [--output BENCHMARKS.md] [--sections client,emulator,scale]

`--quick` is the smoke run CI makes: every section with small counts, in well under 30 s; its
figures show the harness works, not how fast anything is. Every server runs on 127.0.0.1 on a
free port in a process of its own and is stopped at the end, on failure too. The exit code is 0
when every figure was measured (a missed target is reported, not an error), 1 otherwise.
"""

import argparse
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import client, emulator, fetch, machine, scale, spark
from bench.emulator_server import serve_emulator
from bench.report import Report, markdown, table
from bench.servers import REPO


@dataclass(frozen=True)
class Plan:
    client: client.Sizes
    emulator: emulator.Sizes
    scale: scale.Sizes
    fetch: fetch.Sizes
    spark_jobs: int


FULL = Plan(
    client=client.Sizes(calls=100, rounds=20),
    emulator=emulator.Sizes(
        wrk_seconds=3,
        wrk_rounds=5,
        wrk_warmup=True,
        latency_jobs=200,
        schemathesis_examples=25,
        prism=True,
        schemathesis=True,
    ),
    scale=scale.Sizes(
        few_jobs=100,
        many_jobs=100_000,
        list_calls=50,
        result_rows=10_000_000,
        preview_calls=10,
        concurrent_submits=200,
    ),
    fetch=fetch.Sizes(rows=1_000_000, formats=("csv", "parquet")),
    spark_jobs=50,
)
QUICK = Plan(
    client=client.Sizes(calls=20, rounds=1),
    emulator=emulator.Sizes(
        wrk_seconds=1,
        wrk_rounds=1,
        wrk_warmup=False,
        latency_jobs=10,
        schemathesis_examples=1,
        prism=False,
        schemathesis=False,
    ),
    scale=scale.Sizes(
        few_jobs=100,
        many_jobs=2000,
        list_calls=3,
        result_rows=20_000,
        preview_calls=2,
        concurrent_submits=20,
    ),
    fetch=fetch.Sizes(rows=20_000, formats=("csv",)),
    spark_jobs=5,
)
SECTIONS = ("client", "emulator", "scale", "fetch")
# Starts JVMs (tens of seconds): in a full run, not in the --quick smoke run unless named.
SPARK_SECTIONS = ("spark",)

METHOD = (
    "Client: CPU time of the benchmark process (`time.process_time`) per `showSqlJobStatus` "
    "call; the server runs in another process, so its CPU is not counted. The timed calls go to "
    "the bare route serving the emulator's bytes: a client's CPU per call grows with the time it "
    "waits (colder caches when it wakes), and the emulator takes longer over a signature than a "
    "token, so against it the AK/SK client would be billed for the server's check. Each client "
    "first calls the emulator, which must accept its token or signature. Raw httpx (the floor) "
    "is `httpx.Client.get` plus `.json()`; dli_toolkit is `DliClient.status` / "
    "`AsyncDliClient.status` of `dli_toolkit.factory` (auth, retrying transport, error hook, "
    "typed model); the official SDK is `huaweicloudsdkdli` `DliClient` with `BasicCredentials`. "
    f"Rounds of {FULL.client.calls} calls per client interleave the clients; each figure is the "
    f"client's lowest mean per call over {FULL.client.rounds} rounds (interference only adds CPU "
    "time).",
    f"Request rates: wrk, 1 thread, 16 connections, on the status URL of one finished job, "
    f"{FULL.emulator.wrk_rounds} interleaved rounds of {FULL.emulator.wrk_seconds} s after a 1 s "
    "warm-up each; a run with any non-2xx answer or socket error fails. A server's rate is its "
    "best round; a ratio to the emulator is the median of the ratios of the same rounds (servers "
    "one after another, so a round's servers share the machine's load of the moment), with the "
    "spread of the rounds and the ratio of CPU time per request of the servers' processes (from "
    "/proc, the lowest round of each; load on a shared machine moves it far less than rates). "
    "The emulator logs at warning level (no access log). Prism runs twice: as the issue starts "
    "it (`prism mock openapi.yaml`, which logs every request, here to a file) and quiet "
    "(`-v warn`); the 5x target is checked against both. The bare route is a Starlette route "
    "under the emulator's own uvicorn settings answering the emulator's bytes.",
    "Latency: wall time from sending the submit of `SELECT 1` to the first status poll that "
    "reads FINISHED, polling every 1 ms, jobs one after another.",
    "schemathesis: `schemathesis run` from the repo root (so with the project's "
    "schemathesis.toml), fuzzing phase, 1 worker, fixed seed, no shrinking; cases generated "
    "divided by the run time it reports.",
    "List: job records written directly through `dli_emulator.storage.store.JobStore` before the "
    "emulator starts (submitting 100 000 jobs would measure the runner, not the list); median "
    "time of `GET /jobs?page-size=100` after a first call that checks `job_count`.",
    "Preview: `SELECT t.id, t.id * 2, concat(...) FROM range(N) AS t(id)`, then the median of "
    "`GET /preview?page-size=1000` times; RSS and peak RSS (VmHWM) of the emulator process from "
    "/proc/<pid>/status.",
    "Spark engine: an emulator process with `--engine spark`; start-up is the wall time from "
    "starting that process to the first `SELECT 1` read FINISHED (the project's Spark Connect "
    "server starts with its first job); then SELECT 1 submit -> FINISHED as for DuckDB.",
    "Concurrent submits: one asyncio httpx client with as many connections as submits, all "
    "sent at once; afterwards each returned job ID is looked up with `listSqlJobs?job-id=`.",
    "Fetch: the emulator runs `SELECT t.id, t.id * 2, concat(...) FROM range(N) AS t(id)`; then "
    "`dli fetch JOB --output FILE --format F` runs as a process of its own (token auth, "
    "$DLI_OBS_DIR on the emulator's OBS folder): export-result to JSON lines, the wait, reading "
    "the files, writing the output. Wall time of that process from start to exit; its peak RSS "
    "from `os.wait4` (ru_maxrss). The CSV file is checked to hold N rows and a header.",
)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    # SIGTERM (a timeout, a CI cancel) must unwind like Ctrl-C, so the servers get stopped.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    plan = QUICK if args.quick else FULL
    report = Report()
    started = datetime.now(UTC)
    load = machine.load_average()
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dli-bench-") as tmp:
        workdir = Path(tmp)
        steps: dict[str, Callable[[], None]] = {
            "client": lambda: _client(report, workdir / "client", plan),
            "emulator": lambda: _emulator(report, workdir / "emulator", plan),
            "scale": lambda: scale.measure(report, workdir / "scale", plan.scale),
            "fetch": lambda: fetch.measure(report, workdir / "fetch", plan.fetch),
            "spark": lambda: spark.measure(report, workdir / "spark", plan.spark_jobs),
        }
        for name in args.sections:
            print(f"[bench] {name} ...", file=sys.stderr, flush=True)
            section_start = time.monotonic()
            try:
                steps[name]()
            except Exception as error:
                failed.append(name)
                first_line = str(error).splitlines()[0] if str(error) else ""
                report.notes.append(f"section {name} failed: {type(error).__name__}: {first_line}")
                traceback.print_exc()
            took = time.monotonic() - section_start
            print(f"[bench] {name}: {took:.1f} s", file=sys.stderr, flush=True)
    print(table(report.figures))
    if report.missed:
        print(f"\nTargets missed: {', '.join(f.name for f in report.missed)}")
    if args.output is not None:
        given = sys.argv[1:] if argv is None else list(argv)
        command = " ".join(["python -m bench.run", *given])
        text = markdown(
            report,
            {**machine.describe(), "load average at start": load},
            started.strftime("%Y-%m-%d %H:%M UTC"),
            command,
            METHOD,
        )
        args.output.write_text(text)
        print(f"\nwrote {args.output}")
    if failed:
        print(f"sections that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _exit_on_signal(signum: int, _: object) -> None:
    raise SystemExit(128 + signum)


def _client(report: Report, workdir: Path, plan: Plan) -> None:
    with serve_emulator(workdir, "emulator-client") as running:
        client.measure(report, running, workdir, plan.client)


def _emulator(report: Report, workdir: Path, plan: Plan) -> None:
    with serve_emulator(workdir, "emulator-rates") as running:
        emulator.measure(report, running, workdir, plan.emulator)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke run")
    parser.add_argument(
        "--output",
        type=Path,
        default=REPO / "BENCHMARKS.md",
        help="where to write the markdown report (default: BENCHMARKS.md)",
    )
    parser.add_argument("--no-output", dest="output", action="store_const", const=None)
    known = (*SECTIONS, *SPARK_SECTIONS)
    parser.add_argument(
        "--sections",
        type=lambda text: [part.strip() for part in text.split(",") if part.strip()],
        help=f"comma-separated, of {', '.join(known)} (default: all; --quick: all but spark)",
    )
    args = parser.parse_args(argv)
    if args.sections is None:
        args.sections = list(SECTIONS if args.quick else known)
    unknown = set(args.sections) - set(known)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {', '.join(known)}")
    return args


if __name__ == "__main__":
    sys.exit(main())
