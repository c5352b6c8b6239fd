"""Routing over HTTP: literal segments beat {job_id}, 405 with Allow, 404 in the DLI format,
X-Request-Id on every answer."""

import httpx
import pytest

from dli_emulator.testing import EmulatorInstance, submit

UNKNOWN_JOB = "00000000-0000-4000-8000-000000000000"


def jobs(emulator: EmulatorInstance) -> str:
    return f"/v1.0/{emulator.project_id}/jobs"


@pytest.mark.parametrize(
    ("method", "literal", "allowed"),
    [
        ("DELETE", "submit-job", "POST"),
        ("GET", "submit-job", "POST"),
        ("DELETE", "check-sql", "POST"),
        ("DELETE", "import-table", "POST"),
        ("DELETE", "export-table", "POST"),
        ("PUT", "submit-job", "POST"),
    ],
)
def test_a_literal_segment_is_not_taken_for_a_job_id(
    emulator: EmulatorInstance,
    emulator_http: httpx.Client,
    method: str,
    literal: str,
    allowed: str,
) -> None:
    response = emulator_http.request(method, f"{jobs(emulator)}/{literal}")
    assert response.status_code == 405
    assert response.headers["allow"] == allowed
    body = response.json()
    assert body["error_code"] == "DLI.0007"
    assert method in body["error_msg"]
    assert response.headers["x-request-id"]


@pytest.mark.parametrize("method", ["TRACE", "PUT", "PATCH", "OPTIONS", "HEAD", "POST"])
def test_undeclared_methods_get_405_listing_the_declared_ones(
    emulator: EmulatorInstance, emulator_http: httpx.Client, method: str
) -> None:
    response = emulator_http.request(method, f"{jobs(emulator)}/{UNKNOWN_JOB}/status")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.headers["x-request-id"]
    response = emulator_http.request(method, f"/v1/{emulator.project_id}/jobs/j1/progress")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"


def test_delete_on_a_job_id_reaches_cancel(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    response = emulator_http.delete(f"{jobs(emulator)}/{UNKNOWN_JOB}")
    assert response.status_code == 400
    assert response.json()["error_code"] == "DLI.0002"
    assert UNKNOWN_JOB in response.json()["error_msg"]


def test_post_on_submit_job_reaches_submit(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    job_id = submit(emulator_http, emulator.project_id, "SELECT 'routing' AS probe")
    listed = emulator_http.get(jobs(emulator), params={"job-id": job_id}).json()
    assert listed["job_count"] == 1
    assert listed["jobs"][0]["job_id"] == job_id


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/v2/p1/jobs",
        "/v1.0/p1/queues",
        "/v1.0/{project}/jobs/",  # a trailing slash is another path, not a redirect
        "/v1.0/{project}/jobs/" + UNKNOWN_JOB + "/status/",
        "/v1.0/{project}/jobs/" + UNKNOWN_JOB + "/nothing",
        "/_emulator/reset",  # off unless --enable-reset
    ],
)
def test_unknown_paths_are_404_in_the_service_format(
    emulator: EmulatorInstance, emulator_http: httpx.Client, path: str
) -> None:
    response = emulator_http.post(path.format(project=emulator.project_id))
    assert response.status_code == 404
    assert response.json() == {
        "error_code": "DLI.0023",
        "error_msg": "No related resource was found.",
    }
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"]


def test_every_answer_has_its_own_request_id(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    answers = [
        emulator_http.get(jobs(emulator)),  # 200
        emulator_http.get(f"{jobs(emulator)}/{UNKNOWN_JOB}/status"),  # 400
        httpx.get(f"{emulator.base_url}{jobs(emulator)}"),  # 401
        emulator_http.get("/nowhere"),  # 404
        emulator_http.put(jobs(emulator)),  # 405
    ]
    assert [answer.status_code for answer in answers] == [200, 400, 401, 404, 405]
    ids = [answer.headers["x-request-id"] for answer in answers]
    assert all(len(request_id) == 32 for request_id in ids)
    assert len(set(ids)) == len(ids)
