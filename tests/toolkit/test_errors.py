"""Every error body of the spec, `is_success: false`, and what the contract does not describe,
answered by a real loopback server and read through DliClient (and the bare generated client).

The server here answers from a script: the emulator does not send HTML error pages, undocumented
statuses or bodies that break the contract, which is what these tests need.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import TypeVar

import pytest
from dli_client import Client
from dli_client.api.sql_jobs import show_sql_job_status
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse

from dli_toolkit.credentials import TokenCredentials
from dli_toolkit.errors import (
    AuthenticationError,
    BadRequest,
    ClientError,
    ConnectionFailed,
    DliApiError,
    Forbidden,
    InvalidParameter,
    InvalidSql,
    JobCancelled,
    JobFailed,
    NotFound,
    OperationFailed,
    ServerError,
    Throttled,
    UnexpectedResponse,
    WaitTimeout,
    unwrap,
)
from dli_toolkit.factory import AsyncDliClient, DliClient
from dli_toolkit.transport import RetryPolicy
from tests.support.scripted_server import Reply, ScriptedServer, scripted

PROJECT = "p0123456789"
JOB = "6d2146a0-c2d5-41bd-8ca0-ca9694ada992"
STATUS_PATH = f"/v1.0/{PROJECT}/jobs/{JOB}/status"
SUBMIT_PATH = f"/v1.0/{PROJECT}/jobs/submit-job"
TOKEN = "token-that-must-stay-secret"
NO_RETRY = RetryPolicy(max_attempts=1)
E = TypeVar("E", bound=DliApiError)

STATUS_BODY = {
    "is_success": True,
    "message": "",
    "job_id": JOB,
    "job_type": "QUERY",
    "queue_name": "default",
    "owner": "tester",
    "start_time": 1509335108918,
    "duration": 2523,
    "status": "RUNNING",
    "statement": "select 1",
}


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with scripted() as running:
        yield running


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[DliClient]:
    with DliClient.create(
        endpoint=server.url,
        project_id=PROJECT,
        credentials=TokenCredentials(TOKEN),
        retry=NO_RETRY,
        timeout=5.0,
    ) as created:
        yield created


def _status_error(server: ScriptedServer, client: DliClient, reply: Reply, raises: type[E]) -> E:
    """What `client.status` raises (an instance of `raises`) when the server answers `reply`."""
    server.on("GET", STATUS_PATH, reply)
    with pytest.raises(raises) as raised:
        client.status(JOB)
    return raised.value


DOCUMENTED_ERRORS = [
    # status, body, expected class (spec responses BadRequest, Unauthorized, Forbidden,
    # NotFound, TooManyRequests, InternalError)
    (400, {"error_code": "DLI.0001", "error_msg": "Invalid page-size"}, InvalidParameter),
    (400, {"error_code": "DLI.0002", "error_msg": "There is no job"}, NotFound),
    (400, {"error_code": "DLI.0004", "error_msg": "syntax error at 1:7"}, InvalidSql),
    (400, {"error_code": "DLI.0005", "error_msg": "Table not found"}, InvalidSql),
    (400, {"error_code": "DLI.0007", "error_msg": "cannot cancel"}, BadRequest),
    (
        401,
        {
            "error_code": "APIGW.0301",
            "error_msg": "verify aksk signature fail",
            "request_id": "gw1",
        },
        AuthenticationError,
    ),
    (
        403,
        {"error_code": "APIGW.0302", "error_msg": "AK locked", "request_id": "gw2"},
        Forbidden,
    ),
    (404, {"error_code": "DLI.0023", "error_msg": "No related resource"}, NotFound),
    (
        429,
        {"error_code": "APIGW.0308", "error_msg": "throttled", "request_id": "gw3"},
        Throttled,
    ),
    (500, {"error_code": "DLI.0999", "error_msg": "Internal error"}, ServerError),
]


@pytest.mark.parametrize(("status", "body", "expected"), DOCUMENTED_ERRORS)
def test_documented_error_bodies_raise_their_class(
    server: ScriptedServer,
    client: DliClient,
    status: int,
    body: dict[str, str],
    expected: type[DliApiError],
) -> None:
    error = _status_error(server, client, Reply(status, body, {"X-Request-Id": "req-42"}), expected)

    assert type(error) is expected
    assert (error.status_code, error.error_code, error.error_msg) == (
        status,
        body["error_code"],
        body["error_msg"],
    )
    assert error.request_id == "req-42"
    assert (
        str(error)
        == f"{body['error_code']}: {body['error_msg']} (HTTP {status}, request id req-42)"
    )


def test_gateway_request_id_is_used_without_the_header(
    server: ScriptedServer, client: DliClient
) -> None:
    body = {"error_code": "APIGW.0301", "error_msg": "decrypt token fail", "request_id": "gw-9"}
    error = _status_error(server, client, Reply(401, body), AuthenticationError)

    assert error.request_id == "gw-9"


def test_throttled_carries_retry_after(server: ScriptedServer, client: DliClient) -> None:
    body = {"error_code": "APIGW.0308", "error_msg": "throttled"}
    error = _status_error(server, client, Reply(429, body, {"Retry-After": "7"}), Throttled)

    assert error.retry_after == 7.0
    assert isinstance(error, ClientError)


def test_is_success_false_on_200_raises_operation_failed_with_the_body(
    server: ScriptedServer, client: DliClient
) -> None:
    body = {
        "is_success": False,
        "message": "grant failed: no such user",
        "job_id": JOB,
        "job_type": "DCL",
        "job_mode": "sync",
    }
    server.on("POST", SUBMIT_PATH, Reply(200, body, {"X-Request-Id": "req-7"}))

    with pytest.raises(OperationFailed) as raised:
        client.submit("grant select on table t to user u")

    error = raised.value
    assert error.status_code == 200
    assert error.error_msg == "grant failed: no such user"
    assert error.request_id == "req-7"
    assert getattr(error.result, "job_id", None) == JOB


@pytest.mark.parametrize(
    ("status", "reply_body", "expected", "code", "message"),
    [
        # Undocumented statuses: read as the official SDK does.
        (502, "Bad Gateway from the proxy", ServerError, "502", "Bad Gateway from the proxy"),
        (418, {"code": "X.1", "message": "teapot"}, ClientError, "X.1", "teapot"),
        (409, {"outer": {"errorCode": "E9", "errorMsg": "nested"}}, ClientError, "E9", "nested"),
        (503, b"", ServerError, "503", "(empty body)"),
        # Documented statuses whose body the generated parser cannot read.
        (500, "<html><body>Internal Server Error</body></html>", ServerError, "500", "<html>"),
        (429, "slow down", Throttled, "429", "slow down"),
        (400, {"unexpected": "shape"}, BadRequest, "400", '{"unexpected": "shape"}'),
    ],
)
def test_bodies_outside_the_contract_fall_back_to_status_and_raw_text(
    server: ScriptedServer,
    client: DliClient,
    status: int,
    reply_body: object,
    expected: type[DliApiError],
    code: str,
    message: str,
) -> None:
    error = _status_error(
        server, client, Reply(status, reply_body, {"X-Request-Id": "req-raw"}), expected
    )

    assert type(error) is expected
    assert (error.status_code, error.error_code, error.request_id) == (status, code, "req-raw")
    assert error.error_msg.startswith(message)


def test_an_undocumented_success_status_is_unexpected(
    server: ScriptedServer, client: DliClient
) -> None:
    error = _status_error(server, client, Reply(202, STATUS_BODY), UnexpectedResponse)

    assert error.status_code == 202
    assert "unexpected HTTP 202" in error.error_msg


def test_a_success_body_missing_required_fields_is_unexpected(
    server: ScriptedServer, client: DliClient
) -> None:
    server.on("GET", STATUS_PATH, Reply(200, {"is_success": True, "message": ""}))

    with pytest.raises(UnexpectedResponse, match="does not match the API contract"):
        client.status(JOB)


def test_raw_text_is_cut_short(server: ScriptedServer, client: DliClient) -> None:
    error = _status_error(server, client, Reply(502, "x" * 5000), ServerError)

    assert len(error.error_msg) == 300


def test_secrets_echoed_by_a_server_are_scrubbed(server: ScriptedServer, client: DliClient) -> None:
    for status in (500, 502):
        server.on("GET", STATUS_PATH, Reply(status, f"proxy saw X-Auth-Token: {TOKEN}"))
        with pytest.raises(ServerError) as raised:
            client.status(JOB)
        assert TOKEN not in str(raised.value)
        assert "X-Auth-Token: ***" in str(raised.value)
    body = {"error_code": "DLI.0013", "error_msg": f"bad token {TOKEN}"}
    server.on("GET", STATUS_PATH, Reply(401, body))
    with pytest.raises(AuthenticationError) as auth_error:
        client.status(JOB)
    assert TOKEN not in str(auth_error.value)


def test_no_server_raises_connection_failed() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on `port` any more.
    with (
        DliClient.create(
            endpoint=f"http://127.0.0.1:{port}",
            project_id=PROJECT,
            credentials=TokenCredentials(TOKEN),
            retry=NO_RETRY,
        ) as client,
        pytest.raises(ConnectionFailed, match=f"127.0.0.1:{port}") as raised,
    ):
        client.status(JOB)
    assert TOKEN not in str(raised.value)


def test_a_server_that_never_answers_may_have_taken_the_request() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # the kernel accepts the connection; nobody ever answers
        port = silent.getsockname()[1]
        with (
            DliClient.create(
                endpoint=f"http://127.0.0.1:{port}",
                project_id=PROJECT,
                credentials=TokenCredentials(TOKEN),
                retry=NO_RETRY,
                timeout=0.2,
            ) as client,
            pytest.raises(ConnectionFailed, match="may have taken effect") as raised,
        ):
            client.submit("insert into t select 1")
    assert "ReadTimeout" in str(raised.value)


def test_async_client_raises_the_same_errors(server: ScriptedServer) -> None:
    server.on("GET", STATUS_PATH, Reply(400, {"error_code": "DLI.0002", "error_msg": "no job"}))
    server.on("POST", SUBMIT_PATH, Reply(500, "<html>oops</html>"))

    async def run() -> tuple[DliApiError, DliApiError]:
        async with AsyncDliClient.create(
            endpoint=server.url,
            project_id=PROJECT,
            credentials=TokenCredentials(TOKEN),
            retry=NO_RETRY,
        ) as client:
            with pytest.raises(NotFound) as missing:
                await client.status(JOB)
            with pytest.raises(ServerError) as failing:
                await client.submit("select 1")
            return missing.value, failing.value

    missing, failing = asyncio.run(run())
    assert missing.error_code == "DLI.0002"
    assert (failing.status_code, failing.error_code) == (500, "500")


def test_unwrap_works_on_the_bare_generated_client(server: ScriptedServer) -> None:
    """Users of the generated client alone get the same errors from `unwrap`."""
    server.on(
        "GET",
        STATUS_PATH,
        Reply(200, STATUS_BODY),
        Reply(400, {"error_code": "DLI.0002", "error_msg": "no job"}, {"X-Request-Id": "r1"}),
        Reply(504, "gateway timeout"),
    )
    with Client(base_url=server.url) as bare:
        ok = unwrap(
            show_sql_job_status.sync_detailed(PROJECT, JOB, client=bare), ShowSqlJobStatusResponse
        )
        assert ok.status == "RUNNING"
        with pytest.raises(NotFound) as missing:
            unwrap(
                show_sql_job_status.sync_detailed(PROJECT, JOB, client=bare),
                ShowSqlJobStatusResponse,
            )
        assert missing.value.request_id == "r1"
        with pytest.raises(ServerError) as timeout:
            unwrap(
                show_sql_job_status.sync_detailed(PROJECT, JOB, client=bare),
                ShowSqlJobStatusResponse,
            )
        assert (timeout.value.error_code, timeout.value.error_msg) == ("504", "gateway timeout")


def test_job_errors_carry_the_job_and_its_message() -> None:
    failed = JobFailed(JOB, "FAILED", "Table or view not found: t")
    cancelled = JobCancelled(JOB, "CANCELLED", "")
    timed_out = WaitTimeout(JOB, "RUNNING", 2.5)

    assert (failed.job_id, failed.status, failed.message) == (
        JOB,
        "FAILED",
        "Table or view not found: t",
    )
    assert str(failed) == f"job {JOB} FAILED: Table or view not found: t"
    assert str(cancelled) == f"job {JOB} CANCELLED"
    assert str(timed_out) == f"job {JOB}: still RUNNING after waiting 2.5s"
    assert timed_out.waited == 2.5
