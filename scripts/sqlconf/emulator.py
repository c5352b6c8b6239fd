"""The corpus on an emulator, only through its HTTP API: submit, wait, preview.

Each statement is one job. A job that ends FAILED, or a submit refused with the service's error
body, counts as the engine refusing the statement.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from .corpus import Category, Query
from .outcome import Outcome, first_line
from .values import canonical

TERMINAL = ("FINISHED", "FAILED", "CANCELLED")
JOB_TIMEOUT = 120.0
SYNC_DDL = ["dli.sql.sqlasync.enabled=false"]


class EmulatorClient:
    def __init__(self, base_url: str, project_id: str, token: str) -> None:
        self._project = project_id
        self._http = httpx.Client(base_url=base_url, headers={"X-Auth-Token": token}, timeout=60.0)

    def close(self) -> None:
        self._http.close()

    def run_statement(self, sql: str, truth: Outcome | None = None) -> Outcome:
        start = time.perf_counter()
        outcome = self._run(sql)
        outcome.seconds = time.perf_counter() - start
        types = truth.type_json if truth is not None else None
        columns = outcome.columns
        if outcome.rows is not None and columns and types and len(columns) == len(types):
            outcome.rows = [
                [canonical(v, t) for v, t in zip(row, types, strict=True)] for row in outcome.rows
            ]
        return outcome

    def _run(self, sql: str) -> Outcome:
        base = f"/v1.0/{self._project}/jobs"
        # Synchronous DDL: SHOW and DESCRIBE answer their rows with the submit.
        response = self._http.post(f"{base}/submit-job", json={"sql": sql, "conf": SYNC_DDL})
        body: dict[str, Any] = response.json()
        if response.status_code != 200:
            return Outcome(False, error=first_line(str(body.get("error_msg", body))))
        if "schema" in body:  # a statement the service runs synchronously
            if not body.get("is_success", True):
                return Outcome(False, error=first_line(str(body.get("message", ""))))
            return Outcome(True, columns=_columns(body["schema"]), rows=body.get("rows") or [])
        job_id = body["job_id"]
        status = self._wait(base, job_id)
        if status["status"] != "FINISHED":
            return Outcome(False, error=first_line(str(status.get("message", status["status"]))))
        if status.get("job_type") != "QUERY":
            if not body.get("is_success", True):
                return Outcome(False, error=first_line(str(body.get("message", ""))))
            return Outcome(True)
        preview = self._http.get(f"{base}/{job_id}/preview", params={"page-size": 1000})
        data: dict[str, Any] = preview.json()
        if preview.status_code != 200:
            return Outcome(False, error=first_line(str(data.get("error_msg", data))))
        return Outcome(True, columns=_columns(data.get("schema") or []), rows=data.get("rows"))

    def _wait(self, base: str, job_id: str) -> dict[str, Any]:
        deadline = time.monotonic() + JOB_TIMEOUT
        pause = 0.005
        while True:
            response = self._http.get(f"{base}/{job_id}/status")
            status: dict[str, Any] = response.json()
            if response.status_code != 200:
                return {"status": "FAILED", "message": status.get("error_msg", str(status))}
            if status["status"] in TERMINAL:
                return status
            if time.monotonic() > deadline:
                return {"status": "FAILED", "message": f"still {status['status']} after timeout"}
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


def run_corpus(
    client: EmulatorClient,
    categories: list[Category],
    truth: dict[str, Outcome],
    selected: Callable[[Query], bool] = lambda q: True,
) -> tuple[dict[str, Outcome], list[str]]:
    outcomes: dict[str, Outcome] = {}
    setup_errors: list[str] = []
    for category in categories:
        for sql in category.setup:
            result = client.run_statement(sql)
            if not result.ok:
                setup_errors.append(f"{category.name}: {sql}: {result.error}")
        for query in category.queries:
            if selected(query):
                outcomes[query.key] = client.run_statement(query.sql, truth.get(query.key))
    return outcomes, setup_errors


def _columns(schema: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [next(iter(column.items())) for column in schema]
