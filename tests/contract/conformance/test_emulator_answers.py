"""The emulator under the new response policy: it still sends what it knows, `duration` included
once a job has started, and its answers parse in the generated client."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import httpx
from dli_client.models import ShowSqlJobStatusResponse

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance

# Long enough on DuckDB to be seen RUNNING by a few polls; cancelled at the end.
SLOW = "select count(*) from range(20000000) a cross join range(3) b"
TERMINAL = {"FINISHED", "FAILED", "CANCELLED"}


def test_every_status_answer_after_launch_carries_duration(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    project = emulator.project_id
    submitted = emulator_http.post(
        f"/v1.0/{project}/jobs/submit-job", json={"sql": SLOW, "queue_name": "default"}
    )
    assert submitted.status_code == 200, submitted.text
    job_id = submitted.json()["job_id"]
    seen: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            body = emulator_http.get(f"/v1.0/{project}/jobs/{job_id}/status").json()
            seen.append(body["status"])
            parsed = ShowSqlJobStatusResponse.from_dict(body)
            if body["status"] != "LAUNCHING":
                assert isinstance(body.get("duration"), int) and body["duration"] >= 0, body
                assert parsed.duration == body["duration"]
            if body["status"] in TERMINAL:
                break
            time.sleep(0.05)
    finally:
        emulator_http.delete(f"/v1.0/{project}/jobs/{job_id}")
    assert seen and seen[-1] in TERMINAL | {"RUNNING"}, seen
