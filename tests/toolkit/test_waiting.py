"""Waiting for jobs: the polling rules on a scripted job with a fake clock, then real jobs on the
emulator (finished, failed, cancelled, cancelled by dli.sql.job.timeout, wait timed out)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

import pytest
from dli_client.models.job_mode import JobMode
from dli_client.models.job_status import JobStatus
from dli_client.models.show_sql_job_progress_response import ShowSqlJobProgressResponse
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse

from dli_toolkit.credentials import AccessKeyCredentials
from dli_toolkit.errors import (
    BadRequest,
    DliApiError,
    JobCancelled,
    JobFailed,
    NotFound,
    ServerError,
    WaitTimeout,
)
from dli_toolkit.factory import AsyncDliClient, DliClient
from dli_toolkit.waiting import Backoff, JobUpdate, async_wait_for_job, wait_for_job
from tests.support.dli_cli import LONG_QUERY

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance

JOB = "6d2146a0-c2d5-41bd-8ca0-ca9694ada992"
# Runs for minutes on DuckDB unless interrupted; every test that starts it cancels it.


def status_of(state: str, message: str = "") -> ShowSqlJobStatusResponse:
    return ShowSqlJobStatusResponse(
        is_success=True,
        message=message,
        job_id=JOB,
        job_type="QUERY",  # type: ignore[arg-type]
        status=JobStatus(state),
        queue_name="default",
        owner="tester",
        start_time=1,
        duration=0,
        statement="select 1",
        job_mode=JobMode.ASYNC,
        input_size=0,
        result_count=0,
        detail='{"type":"struct","fields":[]}',
    )


def progress_of(fraction: float) -> ShowSqlJobProgressResponse:
    return ShowSqlJobProgressResponse(
        is_success=True, message="", status=JobStatus.RUNNING, progress=fraction
    )


class ScriptedJob:
    """A job whose status calls answer `states` in turn (the last repeats), and whose progress
    calls answer `progress` in turn (an exception in it is raised)."""

    def __init__(
        self,
        states: list[str],
        *,
        message: str = "",
        progress: list[float | DliApiError] | None = None,
    ) -> None:
        self._states = list(states)
        self._message = message
        self._progress = list(progress or [0.5])
        self.status_calls = 0
        self.progress_calls = 0

    def status(self, job_id: str) -> ShowSqlJobStatusResponse:
        assert job_id == JOB
        state = self._states[min(self.status_calls, len(self._states) - 1)]
        self.status_calls += 1
        return status_of(state, self._message)

    def progress(self, job_id: str) -> ShowSqlJobProgressResponse:
        answer = self._progress[min(self.progress_calls, len(self._progress) - 1)]
        self.progress_calls += 1
        if isinstance(answer, DliApiError):
            raise answer
        return progress_of(answer)


class AsyncScriptedJob:
    def __init__(self, job: ScriptedJob) -> None:
        self.job = job

    async def status(self, job_id: str) -> ShowSqlJobStatusResponse:
        return self.job.status(job_id)

    async def progress(self, job_id: str) -> ShowSqlJobProgressResponse:
        return self.job.progress(job_id)


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def wait(job: ScriptedJob, fake_time: FakeTime, **options: object) -> ShowSqlJobStatusResponse:
    return wait_for_job(job, JOB, sleep=fake_time.sleep, clock=fake_time.clock, **options)  # type: ignore[arg-type]


def test_polls_with_capped_exponential_backoff_until_finished(fake_time: FakeTime) -> None:
    job = ScriptedJob(["LAUNCHING", *["RUNNING"] * 6, "FINISHED"])

    final = wait(job, fake_time)

    assert final.status == JobStatus.FINISHED
    assert fake_time.sleeps == [0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0]
    assert job.status_calls == 8
    assert job.progress_calls == 0  # nobody asked for progress


def test_backoff_is_configurable(fake_time: FakeTime) -> None:
    job = ScriptedJob(["RUNNING"] * 4 + ["FINISHED"])

    wait(job, fake_time, backoff=Backoff(initial=1.0, cap=2.5, multiplier=2.0))

    assert fake_time.sleeps == [1.0, 2.0, 2.5, 2.5]


def test_failed_job_raises_with_its_message(fake_time: FakeTime) -> None:
    job = ScriptedJob(["RUNNING", "FAILED"], message="Table or view not found: t")

    with pytest.raises(JobFailed) as raised:
        wait(job, fake_time)

    assert (raised.value.job_id, raised.value.status) == (JOB, "FAILED")
    assert raised.value.message == "Table or view not found: t"


def test_cancelled_job_raises_job_cancelled(fake_time: FakeTime) -> None:
    job = ScriptedJob(["RUNNING", "CANCELLED"], message="cancelled by the user")

    with pytest.raises(JobCancelled) as raised:
        wait(job, fake_time)

    assert raised.value.message == "cancelled by the user"


def test_timeout_shortens_the_last_sleep_then_raises(fake_time: FakeTime) -> None:
    job = ScriptedJob(["RUNNING"])

    with pytest.raises(WaitTimeout) as raised:
        wait(job, fake_time, timeout=1.0)

    assert fake_time.sleeps == [0.2, 0.4, 0.4]
    assert job.status_calls == 4  # one more look once the deadline is reached
    assert (raised.value.status, raised.value.waited) == ("RUNNING", 1.0)


def test_zero_timeout_looks_once(fake_time: FakeTime) -> None:
    with pytest.raises(WaitTimeout):
        wait(ScriptedJob(["LAUNCHING"]), fake_time, timeout=0.0)
    assert fake_time.sleeps == []
    assert wait(ScriptedJob(["FINISHED"]), fake_time, timeout=0.0).status == "FINISHED"


def test_no_timeout_waits_as_long_as_it_takes(fake_time: FakeTime) -> None:
    job = ScriptedJob(["RUNNING"] * 300 + ["FINISHED"])

    wait(job, fake_time, timeout=None)

    assert job.status_calls == 301


def test_callback_gets_progress_and_a_final_update(fake_time: FakeTime) -> None:
    job = ScriptedJob(["LAUNCHING", "RUNNING", "RUNNING", "FINISHED"], progress=[0.0, 0.25, 0.5])
    updates: list[JobUpdate] = []

    wait(job, fake_time, on_progress=updates.append)

    assert [(u.status, u.fraction) for u in updates] == [
        ("LAUNCHING", 0.0),
        ("RUNNING", 0.25),
        ("RUNNING", 0.5),
        ("FINISHED", 1.0),
    ]
    assert [round(u.elapsed, 6) for u in updates] == [0.0, 0.2, 0.6, 1.4]
    assert all(u.job_id == JOB for u in updates)


def test_progress_refused_by_the_queue_is_not_asked_again(fake_time: FakeTime) -> None:
    refused = BadRequest(status_code=400, error_code="DLI.0999", error_msg="not supported")
    job = ScriptedJob(["RUNNING"] * 3 + ["FINISHED"], progress=[refused])
    updates: list[JobUpdate] = []

    final = wait(job, fake_time, on_progress=updates.append)

    assert final.status == "FINISHED"
    assert job.progress_calls == 1
    assert [u.fraction for u in updates] == [None, None, None, 1.0]


def test_progress_server_error_is_skipped_for_that_poll_only(fake_time: FakeTime) -> None:
    failing = ServerError(status_code=500, error_code="DLI.0999", error_msg="busy")
    job = ScriptedJob(["RUNNING"] * 3 + ["FINISHED"], progress=[failing, 0.7])
    updates: list[JobUpdate] = []

    wait(job, fake_time, on_progress=updates.append)

    assert job.progress_calls == 3
    assert [u.fraction for u in updates] == [None, 0.7, 0.7, 1.0]


def test_a_failing_status_call_raises_its_error(fake_time: FakeTime) -> None:
    class Missing(ScriptedJob):
        def status(self, job_id: str) -> ShowSqlJobStatusResponse:
            raise NotFound(status_code=400, error_code="DLI.0002", error_msg="no such job")

    with pytest.raises(NotFound):
        wait(Missing(["RUNNING"]), fake_time)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"initial": 0.0}, "initial must be positive"),
        ({"initial": 2.0, "cap": 1.0}, "cap"),
        ({"multiplier": 0.5}, "multiplier"),
    ],
)
def test_backoff_rejects_nonsense(arguments: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Backoff(**arguments)


def test_negative_timeout_is_refused(fake_time: FakeTime) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        wait(ScriptedJob(["RUNNING"]), fake_time, timeout=-1.0)


def test_async_wait_follows_the_same_rules(fake_time: FakeTime) -> None:
    finishing = ScriptedJob(["RUNNING", "RUNNING", "FINISHED"], progress=[0.3, 0.6])
    failing = ScriptedJob(["FAILED"], message="boom")
    running = ScriptedJob(["RUNNING"])
    updates: list[JobUpdate] = []

    async def run() -> ShowSqlJobStatusResponse:
        async def waited(job: ScriptedJob, **options: object) -> ShowSqlJobStatusResponse:
            return await async_wait_for_job(
                AsyncScriptedJob(job),
                JOB,
                sleep=fake_time.async_sleep,
                clock=fake_time.clock,
                **options,  # type: ignore[arg-type]
            )

        with pytest.raises(JobFailed, match="boom"):
            await waited(failing)
        with pytest.raises(WaitTimeout):
            await waited(running, timeout=0.5)
        return await waited(finishing, on_progress=updates.append)

    assert asyncio.run(run()).status == "FINISHED"
    assert fake_time.sleeps == [0.2, 0.3, 0.2, 0.4]
    assert [u.fraction for u in updates] == [0.3, 0.6, 1.0]


# --- against the emulator -------------------------------------------------------------------


def fast_wait(client: DliClient, job_id: str, **options: object) -> ShowSqlJobStatusResponse:
    backoff = Backoff(initial=0.05, cap=0.2)
    return client.wait(job_id, backoff=backoff, **options)  # type: ignore[arg-type]


def test_emulator_query_finishes(dli: DliClient) -> None:
    job = dli.submit("select 1 as one")
    updates: list[JobUpdate] = []

    final = fast_wait(dli, job.job_id, timeout=30.0, on_progress=updates.append)

    assert (final.job_id, final.status) == (job.job_id, "FINISHED")
    assert updates[-1].status == "FINISHED"
    assert updates[-1].fraction == 1.0


def test_emulator_failing_sql_raises_job_failed_with_the_reason(dli: DliClient) -> None:
    job = dli.submit("select * from no_such_table_here")

    with pytest.raises(JobFailed) as raised:
        fast_wait(dli, job.job_id, timeout=30.0)

    assert raised.value.job_id == job.job_id
    assert "no_such_table_here" in raised.value.message


def test_emulator_cancelled_job_raises_job_cancelled(dli: DliClient) -> None:
    job = dli.submit(LONG_QUERY)
    cancelled: list[str] = []

    def cancel_once_running(update: JobUpdate) -> None:
        if update.status == "RUNNING" and not cancelled:
            cancelled.append(str(dli.cancel(update.job_id).message))

    with pytest.raises(JobCancelled) as raised:
        fast_wait(dli, job.job_id, timeout=30.0, on_progress=cancel_once_running)

    assert raised.value.status == "CANCELLED"
    assert "cancel" in raised.value.message.lower()


def test_emulator_job_timeout_conf_cancels_the_job(dli: DliClient) -> None:
    job = dli.submit(LONG_QUERY, conf={"dli.sql.job.timeout": "1"})
    try:
        with pytest.raises(JobCancelled) as raised:
            fast_wait(dli, job.job_id, timeout=30.0)
    finally:
        _cancel_quietly(dli, job.job_id)

    assert "dli.sql.job.timeout" in raised.value.message


def test_emulator_wait_timeout_leaves_the_job_running(dli: DliClient) -> None:
    job = dli.submit(LONG_QUERY)
    try:
        with pytest.raises(WaitTimeout) as raised:
            fast_wait(dli, job.job_id, timeout=0.3)
        assert raised.value.status in {"LAUNCHING", "RUNNING"}
        assert dli.status(job.job_id).status in {"LAUNCHING", "RUNNING"}
    finally:
        _cancel_quietly(dli, job.job_id)


def test_emulator_async_wait(emulator: EmulatorInstance) -> None:
    async def run() -> tuple[ShowSqlJobStatusResponse, JobFailed]:
        async with AsyncDliClient.create(
            endpoint=emulator.base_url,
            project_id=emulator.project_id,
            credentials=AccessKeyCredentials(emulator.ak, emulator.sk),
        ) as client:
            backoff = Backoff(initial=0.05, cap=0.2)
            finished = await client.wait(
                (await client.submit("select 2")).job_id, backoff=backoff, timeout=30.0
            )
            failing = await client.submit("select * from also_missing")
            with pytest.raises(JobFailed) as raised:
                await client.wait(failing.job_id, backoff=backoff, timeout=30.0)
            return finished, raised.value

    finished, failed = asyncio.run(run())
    assert finished.status == "FINISHED"
    assert "also_missing" in failed.message


def _cancel_quietly(client: DliClient, job_id: str) -> None:
    # Free the emulator's worker; the job may already have ended.
    with contextlib.suppress(DliApiError):
        client.cancel(job_id)
