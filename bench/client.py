"""Client CPU per status call, as ratios to raw httpx.

Each client asks for the status of one finished job and the benchmark counts this process's CPU
time (`time.process_time`) over the calls; the server runs in another process, so its CPU is not
counted.

The timed calls go to the bare route serving the emulator's bytes (bench/floor_app.py), not to
the emulator. A client's CPU per call is not independent of how long the server takes: the longer
it sleeps waiting, the colder its caches when it wakes (raw httpx measured about 620 us per call
against the bare route, 850 us against the emulator, on the same machine in the same minute).
The emulator takes longer over a signed request than over a token, so against it the AK/SK
client would also be billed for the emulator's signature check. The bare route answers every
client alike. It checks no credentials, so each client first makes its calls against the
emulator, which must accept them: a wrong token or signature fails the run instead of being
timed.

Rounds interleave the clients (raw, token, AK/SK, ...), each round a short burst of calls per
client; a client's figure is its lowest mean per call over the rounds. Other work on the machine
only ever adds CPU time (cache misses, wake-ups), so the lowest is the least disturbed, and many
short rounds give every client undisturbed ones.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse

from bench.emulator_server import Emulator
from bench.floor_app import serve_floor
from bench.report import Report, Target
from dli_toolkit.credentials import AccessKeyCredentials, TokenCredentials
from dli_toolkit.factory import AsyncDliClient, DliClient

SECTION = "client"
RAW = "raw httpx"
TOKEN = "dli_toolkit, token"
AKSK = "dli_toolkit, AK/SK"
ASYNC = "dli_toolkit, token, async"
RAW_ASYNC = "raw httpx, async"
SDK = "huaweicloudsdkdli, AK/SK"
TARGETS = {TOKEN: Target("<=", 1.15, "x"), AKSK: Target("<=", 1.2, "x")}
CHECK_CALLS = 3  # per client, against the emulator, before timing

SyncCall = Callable[[], None]
AsyncCall = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Sizes:
    calls: int  # per client per round
    rounds: int


@dataclass
class Clients:
    sync: dict[str, SyncCall]
    asynchronous: dict[str, AsyncCall]


def measure(report: Report, emulator: Emulator, workdir: Path, sizes: Sizes) -> None:
    with emulator.http() as http:
        job_id = emulator.run(http, "SELECT 1")["job_id"]
        answer = http.get(emulator.path(f"/jobs/{job_id}/status"))
    with asyncio.Runner() as runner:
        with ExitStack() as stack:
            # Timed too, but only to make the calls: the emulator must accept every client.
            _round(_clients(emulator, emulator.url, job_id, runner, stack), CHECK_CALLS, runner)
        with serve_floor(workdir, answer) as floor, ExitStack() as stack:
            timed = _clients(emulator, floor.url, job_id, runner, stack)
            rounds = [_round(timed, sizes.calls, runner) for _ in range(sizes.rounds + 1)]
    rounds = rounds[1:]  # the first warms up
    best = {name: min(r[name] for r in rounds) for name in rounds[0]}
    for name, cpu in best.items():
        report.add(SECTION, f"CPU per status call, {name}", cpu * 1e6, "us")
    for name, cpu in best.items():
        if name == RAW:
            continue
        note = f"{cpu / best[RAW_ASYNC]:.2f}x raw httpx async" if name == ASYNC else ""
        report.add(SECTION, f"{name} / raw httpx", cpu / best[RAW], "x", TARGETS.get(name), note)


def _clients(
    emulator: Emulator, url: str, job_id: str, runner: asyncio.Runner, stack: ExitStack
) -> Clients:
    def enter(manager: AbstractContextManager[SyncCall]) -> SyncCall:
        return stack.enter_context(manager)

    return Clients(
        sync={
            RAW: enter(_raw(emulator, url, job_id)),
            TOKEN: enter(_toolkit(emulator, url, job_id, aksk=False)),
            AKSK: enter(_toolkit(emulator, url, job_id, aksk=True)),
            SDK: enter(_sdk(emulator, url, job_id)),
        },
        asynchronous={
            ASYNC: stack.enter_context(_toolkit_async(emulator, url, job_id, runner)),
            RAW_ASYNC: stack.enter_context(_raw_async(emulator, url, job_id, runner)),
        },
    )


def _round(clients: Clients, calls: int, runner: asyncio.Runner) -> dict[str, float]:
    cpu = {name: _cpu_per_call(call, calls) for name, call in clients.sync.items()}
    for name, acall in clients.asynchronous.items():
        cpu[name] = runner.run(_async_cpu_per_call(acall, calls))
    return cpu


def _cpu_per_call(call: SyncCall, count: int) -> float:
    start = time.process_time()
    for _ in range(count):
        call()
    return (time.process_time() - start) / count


async def _async_cpu_per_call(call: AsyncCall, count: int) -> float:
    start = time.process_time()
    for _ in range(count):
        await call()
    return (time.process_time() - start) / count


def _check_raw(response: httpx.Response) -> None:
    if response.status_code != 200 or response.json()["status"] != "FINISHED":
        raise RuntimeError(f"status call answered {response.status_code}: {response.text[:300]}")


def _check_model(model: ShowSqlJobStatusResponse) -> None:
    if model.status != "FINISHED":
        raise RuntimeError(f"status call read {model.status!r}, expected FINISHED")


@contextmanager
def _raw(emulator: Emulator, url: str, job_id: str) -> Iterator[SyncCall]:
    path = emulator.path(f"/jobs/{job_id}/status")
    with httpx.Client(base_url=url, headers={"X-Auth-Token": emulator.token}) as http:

        def call() -> None:
            _check_raw(http.get(path))

        yield call


@contextmanager
def _raw_async(
    emulator: Emulator, url: str, job_id: str, runner: asyncio.Runner
) -> Iterator[AsyncCall]:
    path = emulator.path(f"/jobs/{job_id}/status")
    http = httpx.AsyncClient(base_url=url, headers={"X-Auth-Token": emulator.token})

    async def call() -> None:
        _check_raw(await http.get(path))

    try:
        yield call
    finally:
        runner.run(http.aclose())


def _credentials(emulator: Emulator, *, aksk: bool) -> AccessKeyCredentials | TokenCredentials:
    if aksk:
        return AccessKeyCredentials(emulator.access_key, emulator.secret_key)
    return TokenCredentials(emulator.token)


@contextmanager
def _toolkit(emulator: Emulator, url: str, job_id: str, *, aksk: bool) -> Iterator[SyncCall]:
    with DliClient.create(
        endpoint=url,
        project_id=emulator.project_id,
        credentials=_credentials(emulator, aksk=aksk),
        environ={},
    ) as dli:

        def call() -> None:
            _check_model(dli.status(job_id))

        yield call


@contextmanager
def _toolkit_async(
    emulator: Emulator, url: str, job_id: str, runner: asyncio.Runner
) -> Iterator[AsyncCall]:
    dli = AsyncDliClient.create(
        endpoint=url,
        project_id=emulator.project_id,
        credentials=_credentials(emulator, aksk=False),
        environ={},
    )

    async def call() -> None:
        _check_model(await dli.status(job_id))

    try:
        yield call
    finally:
        runner.run(dli.aclose())


@contextmanager
def _sdk(emulator: Emulator, url: str, job_id: str) -> Iterator[SyncCall]:
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkdli.v1 import DliClient as SdkClient
    from huaweicloudsdkdli.v1 import ShowSqlJobStatusRequest

    credentials = BasicCredentials(emulator.access_key, emulator.secret_key, emulator.project_id)
    client = SdkClient.new_builder().with_credentials(credentials).with_endpoint(url).build()
    request = ShowSqlJobStatusRequest(job_id=job_id)

    def call() -> None:
        response = client.show_sql_job_status(request)
        if response.status != "FINISHED":
            raise RuntimeError(f"the SDK read status {response.status!r}, expected FINISHED")

    try:
        yield call
    finally:
        client.close()
