"""Driving an emulator's jobs over HTTP in tests: `run` and `start` wait as long as a Spark job
may take (seconds, not milliseconds); `preview` reads a result."""

from typing import Any

import httpx

from dli_emulator.testing import run_job, wait_for_status

JOB_TIMEOUT = 120.0


def run(client: httpx.Client, project: str, sql: str, **fields: Any) -> dict[str, Any]:
    """`run_job` with a Spark job's wait."""
    return run_job(client, project, sql, timeout=JOB_TIMEOUT, **fields)


def start(client: httpx.Client, project: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST an import/export job (`jobs/<path>`) and wait until it ends."""
    response = client.post(f"/v1.0/{project}/jobs/{path}", json=body)
    assert response.status_code == 200, response.text
    return wait_for_status(client, project, response.json()["job_id"], timeout=JOB_TIMEOUT)


def preview(client: httpx.Client, project: str, job_id: str) -> dict[str, Any]:
    response = client.get(f"/v1.0/{project}/jobs/{job_id}/preview")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
