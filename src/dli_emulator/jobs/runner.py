"""The job state machine: LAUNCHING -> RUNNING -> FINISHED | FAILED | CANCELLED.

Asynchronous jobs wait LAUNCHING in a bounded pool of worker threads; synchronous ones run on
the caller's thread and are terminal when `run_inline` returns. Each running job owns an engine
session (`engines.protocol.Session`), which is what cancellation and `dli.sql.job.timeout`
interrupt and what progress is read from.

A cancelled job ends CANCELLED even when its query completes in the instant the cancel arrives:
once a cancel is accepted the answer is settled. A job that exceeds `dli.sql.job.timeout` also
ends CANCELLED (the DOC: "the job is cancelled after this many seconds"), with a message naming
the timeout; the timeout counts from when the job starts RUNNING, not while it waits LAUNCHING.

When the runner shuts down, jobs in flight are interrupted but their records are left as they
were: the next start of the emulator marks them FAILED (see `JobStore.fail_interrupted`), the
same as after a crash.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..engines.protocol import Checkpoint, Engine, ExecutionFailed, Interrupted, Outcome, Session
from ..engines.sparktypes import preview_schema, schema_detail
from ..errors import DliError, not_supported
from ..model import JobRecord, JobStatus
from ..storage.obs import ObsStore
from ..storage.store import Completion, JobStore
from .layout import details_dir, details_file, result_dir

log = logging.getLogger(__name__)

CANCELLED, FAILED, FINISHED = JobStatus.CANCELLED, JobStatus.FAILED, JobStatus.FINISHED
LAUNCHING, RUNNING = JobStatus.LAUNCHING, JobStatus.RUNNING

Work = Callable[[Session, Checkpoint], Outcome]

CANCELLED_BY_USER = "The job was cancelled by the user."
SHUTTING_DOWN = "The DLI emulator is shutting down."
TIMED_OUT = "The job ran longer than dli.sql.job.timeout ({seconds:g} s) and was cancelled."
# How long a cancel waits for the interrupted job to stop before answering anyway.
CANCEL_WAIT_SECONDS = 10.0
_INTERRUPT_INTERVAL = 0.05


def now_ms() -> int:
    return time.time_ns() // 1_000_000


class Cancelled(Exception):
    """Raised inside a job's work at a checkpoint once the job has been cancelled."""


@dataclass
class Job:
    record: JobRecord
    work: Work
    timeout_seconds: float | None = None
    # The job's Spark settings (`JobConf.engine_settings`), applied to its session only.
    engine_conf: Mapping[str, str] = field(default_factory=dict)


@dataclass
class _Active:
    job: Job
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: threading.Event = field(default_factory=threading.Event)
    session: Session | None = None
    started: bool = False
    finished: bool = False
    cancel_reason: str | None = None

    def checkpoint(self) -> None:
        if self.cancel_reason is not None:
            raise Cancelled(self.cancel_reason)


class JobRunner:
    def __init__(self, store: JobStore, engine: Engine, obs: ObsStore, workers: int) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._store = store
        self._engine = engine
        self._obs = obs
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dli-job")
        self._active: dict[tuple[str, str], _Active] = {}
        self._lock = threading.Lock()
        self._stopping = False

    # -- starting jobs -----------------------------------------------------------------------

    def launch(self, job: Job) -> None:
        """Store the job LAUNCHING and queue it for a worker."""
        active = self._register(job)
        self._pool.submit(self._execute, active)

    def run_inline(self, job: Job) -> Outcome | None:
        """Store the job and run it on this thread; its Outcome when it FINISHED, else None."""
        return self._execute(self._register(job))

    def _register(self, job: Job) -> _Active:
        active = _Active(job)
        # Stored and registered under one lock: a cancel sees the job in both places or in none.
        with self._lock:
            if self._stopping:
                raise not_supported(SHUTTING_DOWN)
            self._store.insert(job.record)
            self._active[_key(job.record)] = active
        return active

    # -- control -----------------------------------------------------------------------------

    def cancel(self, project_id: str, job_id: str) -> bool:
        """Cancel a LAUNCHING or RUNNING job; False when it is not active (already terminal)."""
        with self._lock:
            active = self._active.get((project_id, job_id))
        if active is None:
            return False
        with active.lock:
            if active.finished:
                return False
            if active.cancel_reason is None:
                active.cancel_reason = CANCELLED_BY_USER
            if not active.started:
                self._finish(active, Completion(CANCELLED, active.cancel_reason, now_ms()))
                return True
        self._interrupt_until_done(active, CANCEL_WAIT_SECONDS)
        return True

    def progress(self, project_id: str, job_id: str) -> float | None:
        """Fraction done (0..1) of a RUNNING job as the engine estimates it; None if not running."""
        with self._lock:
            active = self._active.get((project_id, job_id))
        if active is None:
            return None
        with active.lock:
            if active.session is None:
                return 0.0 if active.started and not active.finished else None
            return active.session.progress()

    def shutdown(self) -> None:
        """Stop: interrupt running jobs, drop queued ones, wait for the workers to exit."""
        with self._lock:
            self._stopping = True
            actives = list(self._active.values())
        for active in actives:
            with active.lock:
                if active.cancel_reason is None:
                    active.cancel_reason = SHUTTING_DOWN
                started = active.started
            if started:
                self._interrupt_until_done(active, CANCEL_WAIT_SECONDS)
        self._pool.shutdown(wait=True, cancel_futures=True)

    # -- the state machine -------------------------------------------------------------------

    def _execute(self, active: _Active) -> Outcome | None:
        record = active.job.record
        with active.lock:
            if active.finished or self._stopping:
                return None
            active.started = True
            self._store.set_status(record.project_id, record.job_id, RUNNING, LAUNCHING)
        outcome: Outcome | None = None
        error: BaseException | None = None
        try:
            outcome = self._work(active)
        except Exception as caught:
            if not isinstance(caught, Cancelled | DliError | ExecutionFailed | Interrupted):
                log.exception("job %s failed unexpectedly", record.job_id)
            error = caught
        with active.lock:
            if self._stopping:
                active.finished = True
                active.done.set()
                return None
            try:
                completion = self._completion(active, outcome, error)
            except OSError as caught:  # the execution details could not be written
                completion = Completion(FAILED, _failure_message(caught), now_ms(), _no_files())
            self._finish(active, completion)
        return outcome if completion.status == FINISHED else None

    def _work(self, active: _Active) -> Outcome:
        job = active.job
        timer: threading.Timer | None = None
        with self._engine.session(job.record.project_id, job.engine_conf) as session:
            with active.lock:
                active.session = session
            try:
                active.checkpoint()
                if job.timeout_seconds is not None:
                    timer = threading.Timer(job.timeout_seconds, self._expire, (active,))
                    timer.daemon = True
                    timer.start()
                return job.work(session, active.checkpoint)
            finally:
                if timer is not None:
                    timer.cancel()
                with active.lock:
                    active.session = None

    def _expire(self, active: _Active) -> None:
        with active.lock:
            if active.finished or active.cancel_reason is not None:
                return
            seconds = active.job.timeout_seconds or 0.0
            active.cancel_reason = TIMED_OUT.format(seconds=seconds)
        self._interrupt_until_done(active, CANCEL_WAIT_SECONDS)

    def _interrupt_until_done(self, active: _Active, wait_seconds: float) -> None:
        # An engine may forget an interrupt that arrives between two statements (DuckDB does),
        # so keep sending it until the job notices (at its next checkpoint or inside the
        # running statement).
        deadline = time.monotonic() + wait_seconds
        while not active.done.wait(_INTERRUPT_INTERVAL) and time.monotonic() < deadline:
            with active.lock:
                if active.session is not None:
                    active.session.interrupt()

    def _completion(
        self, active: _Active, outcome: Outcome | None, error: BaseException | None
    ) -> Completion:
        record = active.job.record
        end = now_ms()
        if active.cancel_reason is not None:
            self._discard_files(record)
            return Completion(CANCELLED, active.cancel_reason, end, _no_files())
        if error is not None or outcome is None:
            self._discard_files(record)
            # Engine errors quote the files they touched: show users OBS paths, not ours.
            message = self._obs.hide_local_paths(_failure_message(error))
            return Completion(FAILED, message, end, _no_files())
        return Completion(FINISHED, "", end, self._success_values(record, outcome))

    def _success_values(self, record: JobRecord, outcome: Outcome) -> dict[str, Any]:
        values: dict[str, Any] = {
            "result_count": outcome.result_count,
            "input_size": outcome.input_size,
            "input_row_count": outcome.input_row_count,
            "bad_row_count": outcome.bad_row_count,
        }
        if outcome.fields is not None:
            values["detail"] = schema_detail(outcome.fields)
            values["result_schema"] = preview_schema(outcome.fields)
        if record.execution_details_path is not None:
            if outcome.profile is None:
                values["execution_details_path"] = None
            else:
                path = details_file(self._obs, record.execution_details_path)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(outcome.profile, encoding="utf-8")
        return values

    def _discard_files(self, record: JobRecord) -> None:
        for uri, locate in (
            (record.result_path, result_dir),
            (record.execution_details_path, details_dir),
        ):
            if uri is not None:
                shutil.rmtree(locate(self._obs, uri), ignore_errors=True)

    def _finish(self, active: _Active, completion: Completion) -> None:
        """Record the terminal state; the caller holds `active.lock`."""
        record = active.job.record
        self._store.finish(record.project_id, record.job_id, completion)
        active.finished = True
        with self._lock:
            self._active.pop(_key(record), None)
        active.done.set()


def _key(record: JobRecord) -> tuple[str, str]:
    return record.project_id, record.job_id


def _no_files() -> dict[str, Any]:
    return {"result_path": None, "execution_details_path": None}


def _failure_message(error: BaseException | None) -> str:
    if isinstance(error, DliError):
        return error.error_msg
    if isinstance(error, Interrupted):
        return "The job was interrupted."
    if isinstance(error, ExecutionFailed):
        return str(error)
    return f"Internal error of the DLI emulator: {type(error).__name__}: {error}"
