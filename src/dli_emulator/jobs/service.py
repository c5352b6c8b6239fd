"""The emulator's operations, one method per API operation, below any HTTP concern.

Methods take typed requests the spec has already accepted (`jobs.requests`; the HTTP layer
builds them) and return the response body exactly as the service sends it, or raise
`DliError`. Jobs are scoped by project: a job of
another project is answered like a missing one. The work of each operation lives in `sql`,
`reads` and `transfers`; this class owns the parts they share (`JobContext`).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import engines
from ..config import DEFAULT_ENGINE, DEFAULT_QUEUE, DEFAULT_WORKERS
from ..engines.protocol import EngineSettings
from ..storage.buckets import BucketOwners
from ..storage.obs import ObsStore
from ..storage.store import JOBS_FILE, JobStore
from . import layout, reads, sql, transfers
from .context import JobContext
from .requests import (
    CheckSqlRequest,
    ExportResultRequest,
    ExportTableRequest,
    ImportTableRequest,
    ListQuery,
    PreviewQuery,
    SubmitRequest,
)
from .runner import JobRunner, now_ms


class EmulatorService:
    def __init__(
        self,
        data_dir: Path,
        queues: set[str] | frozenset[str] | None = None,
        workers: int = DEFAULT_WORKERS,
        *,
        engine: str = DEFAULT_ENGINE,
        engine_options: Mapping[str, str] | None = None,
        threads: int | None = None,
        memory_limit: str | None = None,
        buckets: Mapping[str, str] | None = None,
    ) -> None:
        """`buckets` maps the buckets declared in the config to the project owning each."""
        self.data_dir = data_dir
        self.queues = frozenset(queues or {DEFAULT_QUEUE})
        self.default_queue = DEFAULT_QUEUE if DEFAULT_QUEUE in self.queues else min(self.queues)
        self._workers = workers
        obs = ObsStore(data_dir / "obs", BucketOwners(data_dir, buckets or {}, layout.JOB_BUCKET))
        obs.root.mkdir(parents=True, exist_ok=True)
        chosen = engines.create(
            engine,
            EngineSettings(
                warehouse=data_dir / "warehouse",
                files_root=obs.root,
                threads=threads,
                memory_limit=memory_limit,
                options=dict(engine_options or {}),
            ),
        )
        store = JobStore(data_dir / JOBS_FILE)
        # What a crash left half-written: the files of jobs that were running, staging and
        # replaced folders of exports. Removed before anything can read them.
        for uri in store.interrupted_files():
            shutil.rmtree(obs.local_path(uri), ignore_errors=True)
        store.fail_interrupted(now_ms())
        obs.clean_leftovers()
        self._context = JobContext(
            store=store,
            engine=chosen,
            obs=obs,
            runner=JobRunner(store, chosen, obs, workers),
            queues=self.queues,
            default_queue=self.default_queue,
        )

    # -- SQL jobs ----------------------------------------------------------------------------

    def submit(self, project_id: str, owner: str, request: SubmitRequest) -> dict[str, Any]:
        return sql.submit(self._context, project_id, owner, request)

    def check_sql(self, project_id: str, request: CheckSqlRequest) -> dict[str, Any]:
        return sql.check_sql(self._context, project_id, request)

    def status(self, project_id: str, job_id: str) -> dict[str, Any]:
        return reads.status(self._context, project_id, job_id)

    def detail(self, project_id: str, job_id: str) -> dict[str, Any]:
        return reads.detail(self._context, project_id, job_id)

    def list_jobs(self, project_id: str, query: ListQuery) -> dict[str, Any]:
        return reads.list_jobs(self._context, project_id, query)

    def cancel(self, project_id: str, job_id: str) -> dict[str, Any]:
        return reads.cancel(self._context, project_id, job_id)

    def preview(self, project_id: str, job_id: str, query: PreviewQuery) -> dict[str, Any]:
        return reads.preview(self._context, project_id, job_id, query)

    def progress(self, project_id: str, job_id: str) -> dict[str, Any]:
        return reads.progress(self._context, project_id, job_id)

    # -- import and export -------------------------------------------------------------------

    def export_result(
        self, project_id: str, job_id: str, request: ExportResultRequest
    ) -> dict[str, Any]:
        return transfers.export_result(self._context, project_id, job_id, request)

    def export_table(
        self, project_id: str, owner: str, request: ExportTableRequest
    ) -> dict[str, Any]:
        return transfers.export_table(self._context, project_id, owner, request)

    def import_table(
        self, project_id: str, owner: str, request: ImportTableRequest
    ) -> dict[str, Any]:
        return transfers.import_table(self._context, project_id, owner, request)

    def hide_host_paths(self, text: str) -> str:
        """`text` (an error message) with no host path in it."""
        return self._context.obs.hide_local_paths(text)

    # -- lifecycle ---------------------------------------------------------------------------

    def reset(self) -> None:
        """Drop every job, table and file (for tests); the service stays usable."""
        context = self._context
        context.runner.shutdown()
        context.store.clear()
        context.terminal_status.clear()
        context.engine.reset()
        if context.obs.owners is not None:
            context.obs.owners.clear()
        shutil.rmtree(context.obs.root, ignore_errors=True)
        context.obs.root.mkdir(parents=True, exist_ok=True)
        context.runner = JobRunner(context.store, context.engine, context.obs, self._workers)

    def close(self) -> None:
        """Stop the workers (jobs in flight are left for the next start to mark FAILED)."""
        self._context.runner.shutdown()
        self._context.engine.close()
        self._context.store.close()
