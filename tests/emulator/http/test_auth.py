"""Authentication (token, AK/SK) and isolation between the two projects of the shared emulator."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from dli_emulator.testing import EmulatorInstance, run_job, submit
from dli_signing import sign
from dli_toolkit.auth import AkSkAuth
from dli_toolkit.credentials import AccessKeyCredentials


def signed_client(
    emulator: EmulatorInstance, *, sk: str | None = None, shift: timedelta = timedelta(0)
) -> httpx.Client:
    credentials = AccessKeyCredentials(emulator.ak, sk or emulator.sk, emulator.project_id)
    auth = AkSkAuth(credentials, clock=lambda: datetime.now(UTC) + shift)
    return httpx.Client(base_url=emulator.base_url, auth=auth, timeout=30.0)


def assert_gateway_401(response: httpx.Response, reason: str) -> str:
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["error_code"] == "APIGW.0301"
    assert body["error_msg"].startswith("Incorrect IAM authentication information: ")
    assert reason in body["error_msg"]
    assert body["request_id"] == response.headers["x-request-id"]
    message: str = body["error_msg"]
    return message


def test_no_credentials_is_401(emulator: EmulatorInstance) -> None:
    response = httpx.get(f"{emulator.base_url}/v1.0/{emulator.project_id}/jobs")
    assert_gateway_401(response, "no X-Auth-Token or Authorization header")


def test_unknown_token_is_401_without_echoing_it(emulator: EmulatorInstance) -> None:
    response = httpx.get(
        f"{emulator.base_url}/v1.0/{emulator.project_id}/jobs",
        headers={"X-Auth-Token": "not-a-real-token-4711"},
    )
    message = assert_gateway_401(response, "decrypt token fail")
    assert "4711" not in response.text
    assert emulator.token not in message


def test_auth_comes_before_parameter_checks(emulator: EmulatorInstance) -> None:
    response = httpx.post(
        f"{emulator.base_url}/v1.0/{emulator.project_id}/jobs/submit-job", content=b"not json"
    )
    assert_gateway_401(response, "no X-Auth-Token")


def test_a_valid_signature_is_accepted_and_its_user_owns_the_job(
    emulator: EmulatorInstance,
) -> None:
    with signed_client(emulator) as client:
        status = run_job(client, emulator.project_id, "SELECT 1 AS signed")
        listed = client.get(
            f"/v1.0/{emulator.project_id}/jobs",
            params={"sql_pattern": "1 AS signed", "page-size": 5},
        )
    assert status["status"] == "FINISHED"
    assert status["owner"] == emulator.projects[0].access_keys[0].user
    assert listed.status_code == 200
    assert listed.json()["job_count"] >= 1


def test_a_signature_made_with_another_secret_is_401(emulator: EmulatorInstance) -> None:
    with signed_client(emulator, sk="not-the-secret") as client:
        response = client.get(f"/v1.0/{emulator.project_id}/jobs")
    message = assert_gateway_401(response, "verify aksk signature fail")
    assert "does not match" in message
    assert emulator.sk not in response.text


def test_a_body_changed_after_signing_is_401(emulator: EmulatorInstance) -> None:
    path = f"/v1.0/{emulator.project_id}/jobs/check-sql"
    host = emulator.base_url.removeprefix("http://")
    headers = {"Content-Type": "application/json", "Host": host}
    signed = sign(
        access_key=emulator.ak,
        secret_key=emulator.sk,
        method="POST",
        raw_path=path,
        raw_query="",
        headers=headers,
        body=b'{"sql": "SELECT 1"}',
    )
    for body, expected in [(b'{"sql": "SELECT 1"}', 200), (b'{"sql": "SELECT 2"}', 401)]:
        response = httpx.post(
            f"{emulator.base_url}{path}", content=body, headers=dict(signed.headers)
        )
        assert response.status_code == expected, response.text


@pytest.mark.parametrize("minutes", [-20, 20])
def test_a_date_more_than_15_minutes_off_is_401(emulator: EmulatorInstance, minutes: int) -> None:
    with signed_client(emulator, shift=timedelta(minutes=minutes)) as client:
        response = client.get(f"/v1.0/{emulator.project_id}/jobs")
    assert_gateway_401(response, "more than 0:15:00 apart")


def test_a_date_within_15_minutes_is_accepted(emulator: EmulatorInstance) -> None:
    with signed_client(emulator, shift=timedelta(minutes=-14)) as client:
        assert client.get(f"/v1.0/{emulator.project_id}/jobs").status_code == 200


def test_an_unknown_access_key_is_401(emulator: EmulatorInstance) -> None:
    credentials = AccessKeyCredentials("UNKNOWNAK0000000000", "secret", emulator.project_id)
    with httpx.Client(base_url=emulator.base_url, auth=AkSkAuth(credentials)) as client:
        response = client.get(f"/v1.0/{emulator.project_id}/jobs")
    assert_gateway_401(response, "UNKNOWNAK0000000000")


def test_a_project_sees_none_of_another_projects_jobs(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    other = emulator.projects[1]
    mine = emulator.project_id
    with httpx.Client(
        base_url=emulator.base_url, headers={"X-Auth-Token": other.tokens[0].value}
    ) as other_http:
        foreign_job = submit(other_http, other.project_id, "SELECT 'theirs' AS tenant")
        own_view = other_http.get(f"/v1.0/{other.project_id}/jobs/{foreign_job}/status")
    assert own_view.status_code == 200
    assert own_view.json()["owner"] == other.tokens[0].user

    # Job calls on the other project's job, through either project's path: the job "does not exist".
    for project in (mine, other.project_id):
        for method, path in [
            ("GET", f"/v1.0/{project}/jobs/{foreign_job}/status"),
            ("GET", f"/v1.0/{project}/jobs/{foreign_job}/detail"),
            ("GET", f"/v1.0/{project}/jobs/{foreign_job}/preview"),
            ("GET", f"/v1/{project}/jobs/{foreign_job}/progress"),
            ("DELETE", f"/v1.0/{project}/jobs/{foreign_job}"),
        ]:
            response = emulator_http.request(method, path)
            assert response.status_code == 400, (method, path, response.text)
            assert response.json() == {
                "error_code": "DLI.0002",
                "error_msg": f"The job {foreign_job} does not exist",
            }

    listed = emulator_http.get(f"/v1.0/{mine}/jobs", params={"job-id": foreign_job}).json()
    assert listed["job_count"] == 0
    assert foreign_job not in emulator_http.get(f"/v1.0/{mine}/jobs").text


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/jobs", None),
        ("POST", "/jobs/submit-job", {"sql": "SELECT 1"}),
        ("POST", "/jobs/check-sql", {"sql": "SELECT 1"}),
    ],
)
def test_project_calls_on_another_project_are_403(
    emulator: EmulatorInstance,
    emulator_http: httpx.Client,
    method: str,
    path: str,
    body: dict[str, str] | None,
) -> None:
    other = emulator.projects[1].project_id
    before = emulator_http.get(f"/v1.0/{emulator.project_id}/jobs").json()["job_count"]
    response = emulator_http.request(method, f"/v1.0/{other}{path}", json=body)
    assert response.status_code == 403
    error = response.json()
    assert error["error_code"] == "APIGW.0302"
    assert other in error["error_msg"]
    assert error["request_id"] == response.headers["x-request-id"]
    after = emulator_http.get(f"/v1.0/{emulator.project_id}/jobs").json()["job_count"]
    assert after == before
