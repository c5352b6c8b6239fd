"""Scale figures: a page of the job list with many jobs stored against few, previewing a large
result (time and the emulator's memory), and a burst of concurrent submits.

The many stored jobs are written straight into the emulator's job store
(`dli_emulator.storage.store`) before the emulator starts on that data directory: submitting
100 000 real jobs would take minutes and measure the job runner, not the list. The records
look like finished, failed and cancelled jobs of every type, spread over a year of start times.
"""

import asyncio
import random
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.emulator_server import Emulator, serve_emulator
from bench.report import Report, Target
from dli_emulator.config import Project, new_project
from dli_emulator.model import JobRecord, JobStatus, JobType
from dli_emulator.storage.store import JOBS_FILE, JobStore

SECTION = "scale"
SHM = Path("/dev/shm")
LIST_PAGE = {"page-size": 100}
YEAR_MS = 365 * 24 * 3600 * 1000
_TYPES = tuple(
    JobType(name)
    for name in ("QUERY", "QUERY", "QUERY", "INSERT", "DDL", "DCL", "EXPORT", "IMPORT")
)
_ENDINGS = (JobStatus.FINISHED,) * 8 + (JobStatus.FAILED, JobStatus.CANCELLED)


@dataclass(frozen=True)
class Sizes:
    few_jobs: int
    many_jobs: int
    list_calls: int
    result_rows: int
    preview_calls: int
    concurrent_submits: int


def measure(report: Report, workdir: Path, sizes: Sizes) -> None:
    list_pages(report, workdir, sizes)
    with serve_emulator(workdir, "emulator-scale") as emulator:
        preview(report, emulator, sizes)
        concurrent_submits(report, emulator, sizes.concurrent_submits)


def list_pages(report: Report, workdir: Path, sizes: Sizes) -> None:
    """Both stores served at once and their pages asked for in turn, so that a busy moment of
    the machine falls on both alike."""
    counts = (sizes.few_jobs, sizes.many_jobs)
    times: dict[int, list[float]] = {count: [] for count in counts}
    storing: dict[int, float] = {}
    with ExitStack() as stack:
        served: dict[int, tuple[Emulator, httpx.Client]] = {}
        for count in counts:
            project = new_project("bench")
            data_dir = workdir / f"jobs-{count}"
            started = time.perf_counter()
            store_jobs(data_dir, project, count)
            storing[count] = time.perf_counter() - started
            emulator = stack.enter_context(
                serve_emulator(
                    workdir, f"emulator-{count}-jobs", data_dir=data_dir, project=project
                )
            )
            http = stack.enter_context(emulator.http())
            _check_listing(emulator, http, count)
            served[count] = (emulator, http)
        for _ in range(sizes.list_calls):
            for count, (emulator, http) in served.items():
                start = time.perf_counter()
                emulator.call(http, "GET", "/jobs", params=LIST_PAGE)
                times[count].append(time.perf_counter() - start)
    median = {count: statistics.median(values) for count, values in times.items()}
    for count in counts:
        report.add(
            SECTION,
            f"list jobs, first page of 100, {count:,} jobs stored",
            median[count] * 1000,
            "ms",
            note=f"median of {sizes.list_calls}; records stored in {storing[count]:.2f} s",
        )
    report.add(
        SECTION,
        f"list page time, {sizes.many_jobs:,} / {sizes.few_jobs:,} jobs",
        median[sizes.many_jobs] / median[sizes.few_jobs],
        "x",
        Target("<=", 2, "x"),
    )


def store_jobs(data_dir: Path, project: Project, count: int) -> None:
    """`count` finished-looking job records of `project`, written through the job store.

    The store is built in memory-backed /dev/shm when there is one and then copied: one commit
    per record costs a WAL write each, several times slower on a disk. The emulator then reads
    the copy from `data_dir` like any store of its own.
    """
    scratch_root = SHM if SHM.is_dir() else data_dir.parent
    with tempfile.TemporaryDirectory(prefix="dli-bench-store-", dir=scratch_root) as scratch:
        built = Path(scratch) / JOBS_FILE
        store = JobStore(built)
        try:
            for record in _records(project, count):
                store.insert(record)
        finally:
            store.close()  # the last connection to close checkpoints the WAL into the file
        data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, data_dir / JOBS_FILE)


def _records(project: Project, count: int) -> Iterator[JobRecord]:
    chooser = random.Random(count)  # the same records on every run
    now_ms = int(time.time() * 1000)
    user = project.tokens[0].user
    for number in range(count):
        start = now_ms - chooser.randrange(YEAR_MS)
        duration = chooser.randrange(50, 600_000)
        job_type = chooser.choice(_TYPES)
        yield JobRecord(
            project_id=project.project_id,
            job_id=str(uuid.UUID(int=chooser.getrandbits(128), version=4)),
            job_type=job_type,
            job_mode="sync" if job_type == "DCL" else "async",
            queue_name="default",
            owner=user,
            statement=f"select c{number % 97}, count(*) from db1.t{number % 13} group by 1",
            start_time=start,
            status=chooser.choice(_ENDINGS),
            end_time=start + duration,
            duration=duration,
            result_count=chooser.randrange(1000) if job_type == "QUERY" else 0,
            detail='{"type":"struct","fields":[]}',
        )


def _check_listing(emulator: Emulator, http: httpx.Client, count: int) -> None:
    first = emulator.call(http, "GET", "/jobs", params=LIST_PAGE)
    if first["job_count"] != count or len(first["jobs"]) != min(100, count):
        raise RuntimeError(
            f"list read {first['job_count']} jobs ({len(first['jobs'])} on the page), "
            f"stored {count}"
        )


def preview(report: Report, emulator: Emulator, sizes: Sizes) -> None:
    rows = sizes.result_rows
    # Spark names range()'s column `id`; the explicit alias keeps the query plain either way.
    sql = (
        f"SELECT t.id, t.id * 2 AS twice, concat('row ', t.id) AS label FROM range({rows}) AS t(id)"
    )
    with emulator.http() as http:
        started = time.perf_counter()
        status = emulator.run(http, sql)
        run_seconds = time.perf_counter() - started
        job_id = status["job_id"]
        if status["result_count"] != rows:
            raise RuntimeError(f"the query counted {status['result_count']} rows, expected {rows}")
        times = []
        for _ in range(sizes.preview_calls):
            start = time.perf_counter()
            body = emulator.call(http, "GET", f"/jobs/{job_id}/preview", params={"page-size": 1000})
            times.append(time.perf_counter() - start)
            if len(body["rows"]) != 1000:
                raise RuntimeError(f"the preview returned {len(body['rows'])} rows, expected 1000")
    report.add(
        SECTION,
        f"preview 1000 rows of a {rows:,}-row result",
        statistics.median(times) * 1000,
        "ms",
        Target("<=", 100, " ms"),
        f"median of {sizes.preview_calls}; the query ran in {run_seconds:.1f} s",
    )
    report.add(
        SECTION,
        "emulator RSS after the preview",
        emulator.server.rss_kib() / 1024,
        "MiB",
        Target("<=", 300, " MiB"),
    )
    report.add(
        SECTION,
        "emulator peak RSS (VmHWM) so far",
        emulator.server.peak_rss_kib() / 1024,
        "MiB",
        Target("<=", 300, " MiB"),
        f"includes running the {rows:,}-row query",
    )


def concurrent_submits(report: Report, emulator: Emulator, count: int) -> None:
    """`count` submits at once on `count` connections; then every job must be listed."""
    statuses, job_ids, seconds = asyncio.run(_submit_all(emulator, count))
    server_errors = sum(1 for status in statuses if status >= 500)
    others = sorted({status for status in statuses if status != 200})
    with emulator.http() as http:
        missing = [job_id for job_id in job_ids if not _listed(emulator, http, job_id)]
    report.add(
        SECTION,
        f"{count} concurrent submits: 5xx answers",
        server_errors,
        "",
        Target("<=", 0),
        f"statuses other than 200: {others or 'none'}; all answered in {seconds:.1f} s",
    )
    report.add(
        SECTION,
        f"{count} concurrent submits: jobs missing afterwards",
        len(missing) + count - len(job_ids),
        "",
        Target("<=", 0),
        f"{len(job_ids)} job IDs returned, each looked up with listSqlJobs job-id",
    )


async def _submit_all(emulator: Emulator, count: int) -> tuple[list[int], list[str], float]:
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(
        base_url=emulator.url,
        headers={"X-Auth-Token": emulator.token},
        limits=limits,
        timeout=httpx.Timeout(120.0),
    ) as http:
        path = emulator.path("/jobs/submit-job")
        started = time.perf_counter()
        responses = await asyncio.gather(
            *(
                http.post(path, json={"sql": f"SELECT {n} AS n", "queue_name": "default"})
                for n in range(count)
            )
        )
        seconds = time.perf_counter() - started
    job_ids = [str(r.json()["job_id"]) for r in responses if r.status_code == 200]
    return [r.status_code for r in responses], job_ids, seconds


def _listed(emulator: Emulator, http: httpx.Client, job_id: str) -> bool:
    body = emulator.call(http, "GET", "/jobs", params={"job-id": job_id})
    return bool(body["job_count"] == 1 and body["jobs"][0]["job_id"] == job_id)
