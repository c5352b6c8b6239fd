"""Wait for a job to reach FINISHED, FAILED or CANCELLED, polling its status with capped
exponential backoff, sync and async.

An optional callback receives a `JobUpdate` after every poll, with the completed share from the
progress operation while it answers; a queue that cannot report progress answers it with an
error (400 DLI.0999), after which the wait goes on with the status alone.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypedDict

from dli_client.models.job_status import JobStatus
from dli_client.models.show_sql_job_progress_response import ShowSqlJobProgressResponse
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse
from dli_client.types import Unset

from dli_toolkit.bounds import require_at_least, require_positive
from dli_toolkit.errors import ClientError, DliApiError, JobCancelled, JobFailed, WaitTimeout

TERMINAL_STATES = frozenset({JobStatus.FINISHED, JobStatus.FAILED, JobStatus.CANCELLED})

DEFAULT_WAIT_TIMEOUT = 600.0


@dataclass(frozen=True)
class Backoff:
    """Delays between polls, in seconds: `initial`, times `multiplier` after each poll, never
    above `cap`."""

    initial: float = 0.2
    cap: float = 5.0
    multiplier: float = 2.0

    def __post_init__(self) -> None:
        require_positive("Backoff.initial", self.initial)
        require_at_least("Backoff.cap", self.cap, self.initial, "Backoff.initial")
        require_at_least("Backoff.multiplier", self.multiplier, 1)

    def delays(self) -> Iterator[float]:
        delay = self.initial
        while True:
            yield delay
            delay = min(delay * self.multiplier, self.cap)


@dataclass(frozen=True)
class JobUpdate:
    """What a progress callback is told after each poll."""

    job_id: str
    status: JobStatus
    # Completed share in [0, 1] from the progress operation; None when it is not known.
    fraction: float | None
    elapsed: float


ProgressCallback = Callable[[JobUpdate], None]


class WaitOptions(TypedDict, total=False):
    """How to wait (keyword arguments of `wait_for_job` and the clients' `wait`)."""

    timeout: float | None
    backoff: Backoff | None
    on_progress: ProgressCallback | None


class JobSource(Protocol):
    def status(self, job_id: str) -> ShowSqlJobStatusResponse: ...

    def progress(self, job_id: str) -> ShowSqlJobProgressResponse: ...


class AsyncJobSource(Protocol):
    async def status(self, job_id: str) -> ShowSqlJobStatusResponse: ...

    async def progress(self, job_id: str) -> ShowSqlJobProgressResponse: ...


class _Wait:
    """The decisions of one wait, shared by the sync and async loops."""

    def __init__(
        self,
        job_id: str,
        timeout: float | None,
        backoff: Backoff,
        on_progress: ProgressCallback | None,
        clock: Callable[[], float],
    ) -> None:
        if timeout is not None and timeout < 0:
            raise ValueError(f"wait timeout must not be negative, got {timeout}")
        self._job_id = job_id
        self._clock = clock
        self._started = clock()
        self._deadline = None if timeout is None else self._started + timeout
        self._delays = backoff.delays()
        self._on_progress = on_progress
        self.wants_progress = on_progress is not None

    def done(self, status: ShowSqlJobStatusResponse) -> bool:
        """True once the job FINISHED; raises for FAILED and CANCELLED."""
        if status.status not in TERMINAL_STATES:
            return False
        self.report(status, 1.0 if status.status == JobStatus.FINISHED else None)
        if status.status == JobStatus.FAILED:
            raise JobFailed(self._job_id, str(status.status), status.message)
        if status.status == JobStatus.CANCELLED:
            raise JobCancelled(self._job_id, str(status.status), status.message)
        return True

    def progress_failed(self, error: DliApiError) -> None:
        # A 4xx (DLI.0999: the queue cannot report progress) will not change during this wait;
        # a 5xx might, so only a client error stops the asking.
        if isinstance(error, ClientError):
            self.wants_progress = False

    def report(self, status: ShowSqlJobStatusResponse, fraction: float | None) -> None:
        if self._on_progress is not None:
            elapsed = self._clock() - self._started
            self._on_progress(JobUpdate(self._job_id, status.status, fraction, elapsed))

    def next_delay(self, status: ShowSqlJobStatusResponse) -> float:
        """How long to sleep before the next poll; raises WaitTimeout once the deadline passed."""
        delay = next(self._delays)
        if self._deadline is None:
            return delay
        now = self._clock()
        if now >= self._deadline:
            raise WaitTimeout(self._job_id, str(status.status), now - self._started)
        return min(delay, self._deadline - now)


def _fraction(progress: ShowSqlJobProgressResponse) -> float | None:
    if isinstance(progress.progress, Unset):
        return None
    return min(max(float(progress.progress), 0.0), 1.0)


def wait_for_job(
    source: JobSource,
    job_id: str,
    *,
    timeout: float | None = DEFAULT_WAIT_TIMEOUT,
    backoff: Backoff | None = None,
    on_progress: ProgressCallback | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ShowSqlJobStatusResponse:
    """Poll `job_id` until it ends; return its FINISHED status.

    Raises JobFailed or JobCancelled (carrying the job's message), WaitTimeout after `timeout`
    seconds (None: wait for ever), or the DliApiError of a failing status call.
    """
    wait = _Wait(job_id, timeout, backoff or Backoff(), on_progress, clock)
    while True:
        status = source.status(job_id)
        if wait.done(status):
            return status
        fraction = None
        if wait.wants_progress:
            try:
                fraction = _fraction(source.progress(job_id))
            except DliApiError as error:
                wait.progress_failed(error)
        wait.report(status, fraction)
        sleep(wait.next_delay(status))


async def async_wait_for_job(
    source: AsyncJobSource,
    job_id: str,
    *,
    timeout: float | None = DEFAULT_WAIT_TIMEOUT,
    backoff: Backoff | None = None,
    on_progress: ProgressCallback | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ShowSqlJobStatusResponse:
    """The async twin of `wait_for_job`."""
    wait = _Wait(job_id, timeout, backoff or Backoff(), on_progress, clock)
    while True:
        status = await source.status(job_id)
        if wait.done(status):
            return status
        fraction = None
        if wait.wants_progress:
            try:
                fraction = _fraction(await source.progress(job_id))
            except DliApiError as error:
                wait.progress_failed(error)
        wait.report(status, fraction)
        await sleep(wait.next_delay(status))
