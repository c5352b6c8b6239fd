"""Promise: a credential acts on its own project only (API level).

Another project's job is answered as missing (400 DLI.0002); a project-level call under another
project's path is 403 APIGW.0302. Nothing in those answers tells B that A's job exists.
"""

from __future__ import annotations

import pytest

from .conftest import World

JOB_OPERATIONS = [
    ("GET", "/v1.0/{p}/jobs/{j}/status"),
    ("GET", "/v1.0/{p}/jobs/{j}/detail"),
    ("GET", "/v1.0/{p}/jobs/{j}/preview"),
    ("GET", "/v1/{p}/jobs/{j}/progress"),
    ("DELETE", "/v1.0/{p}/jobs/{j}"),
    ("POST", "/v1.0/{p}/jobs/{j}/export-result"),
]


@pytest.mark.parametrize(("method", "template"), JOB_OPERATIONS)
@pytest.mark.parametrize("under", ["own", "alice"])
def test_b_cannot_touch_a_job(world: World, method: str, template: str, under: str) -> None:
    project = world.bob.project_id if under == "own" else world.alice.project_id
    path = template.format(p=project, j=world.query_job["job_id"])
    body = {"data_path": "obs://bob-bucket-z/out", "data_type": "csv"}
    answer = world.bob.http.request(method, path, json=body if method == "POST" else None)
    assert answer.status_code in (400, 403), answer.text
    if answer.status_code == 400:
        assert answer.json()["error_code"] == "DLI.0002"
    assert world.query_job["result_path"] not in answer.text


def test_b_list_shows_none_of_a_jobs(world: World) -> None:
    answer = world.bob.http.get(f"/v1.0/{world.bob.project_id}/jobs", params={"page-size": 100})
    assert answer.status_code == 200
    assert world.query_job["job_id"] not in answer.text


TRANSFER = {
    "data_path": "obs://bob-bucket-z/t",
    "data_type": "csv",
    "database_name": "default",
    "table_name": "vault",
    "compress": "none",
}
PROJECT_CALLS = {
    "submit-job": {"sql": "SELECT * FROM vault"},
    "check-sql": {"sql": "SELECT * FROM vault"},
    "import-table": {k: v for k, v in TRANSFER.items() if k != "compress"},
    "export-table": TRANSFER,
}


@pytest.mark.parametrize("operation", sorted(PROJECT_CALLS))
def test_b_project_calls_under_a_path_are_forbidden(world: World, operation: str) -> None:
    answer = world.bob.http.post(
        f"/v1.0/{world.alice.project_id}/jobs/{operation}", json=PROJECT_CALLS[operation]
    )
    assert answer.status_code == 403, answer.text
