"""The fuzzing auth and policy on real requests to the emulator; the fuzz script's choices.

Fast: these run in every `pytest`. The fuzzing runs themselves are in the `fuzz`-marked tests.
"""

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

import pytest
import requests
from fuzz import CI_SEED, choose_seed, live_operation_ids, max_time
from fuzz_auth import (
    HARMLESS_SQL,
    POLICY_ENV,
    DliRequestsAuth,
    Policy,
    PolicyViolation,
    credentials_accepted_check,
    harmless_submit,
)
from schemathesis import CheckContext, Response
from schemathesis.generation.case import Case

from dli_toolkit.credentials import AccessKeyCredentials, Credentials, TokenCredentials

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


SUBMIT = "/v1.0/p1/jobs/submit-job"
NO_CASE = cast(Case[Any], None)


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as client:
        yield client


def aksk(emulator: "EmulatorInstance", *, sk: str | None = None) -> AccessKeyCredentials:
    return AccessKeyCredentials(emulator.ak, sk or emulator.sk, project_id=emulator.project_id)


def url(emulator: "EmulatorInstance", path: str) -> str:
    return f"{emulator.base_url}/v1.0/{emulator.project_id}{path}"


def send(
    session: requests.Session,
    emulator: "EmulatorInstance",
    credentials: Credentials,
    method: str,
    path: str,
    **kwargs: object,
) -> requests.Response:
    auth = DliRequestsAuth(credentials, Policy.UNRESTRICTED)
    return session.request(method, url(emulator, path), auth=auth, timeout=10, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("policy", "method", "path", "body"),
    [
        (Policy.READ_ONLY, "GET", "/v1.0/p1/jobs", b""),
        (Policy.HARMLESS_WRITES, "GET", "/v1.0/p1/jobs/j1/status", b""),
        (Policy.HARMLESS_WRITES, "POST", "/v1.0/p1/jobs/check-sql", b'{"sql": "drop table t"}'),
        (Policy.HARMLESS_WRITES, "POST", SUBMIT, json.dumps({"sql": HARMLESS_SQL}).encode()),
        (Policy.UNRESTRICTED, "DELETE", "/v1.0/p1/jobs/j1", b""),
        (Policy.UNRESTRICTED, "POST", SUBMIT, b'{"sql": "drop table t"}'),
    ],
)
def test_policy_allows(policy: Policy, method: str, path: str, body: bytes) -> None:
    policy.check(method, f"https://dli.example.com{path}", body)


@pytest.mark.parametrize(
    ("policy", "method", "path", "body", "message"),
    [
        (Policy.READ_ONLY, "POST", "/v1.0/p1/jobs/check-sql", b"{}", "policy is read-only"),
        (Policy.READ_ONLY, "DELETE", "/v1.0/p1/jobs/j1", b"", "refusing DELETE"),
        (Policy.READ_ONLY, "TRACE", "/v1.0/p1/jobs", b"", "refusing TRACE"),
        (Policy.HARMLESS_WRITES, "DELETE", "/v1.0/p1/jobs/j1", b"", "refusing DELETE"),
        (Policy.HARMLESS_WRITES, "POST", "/v1.0/p1/jobs/import-table", b"{}", "import-table"),
        (Policy.HARMLESS_WRITES, "POST", "/v1.0/p1/jobs/j1/export-result", b"{}", "export"),
        (Policy.HARMLESS_WRITES, "POST", SUBMIT, b'{"sql": "drop table t"}', "'drop table t'"),
        (Policy.HARMLESS_WRITES, "POST", SUBMIT, b"not json", "refusing to submit None"),
    ],
)
def test_policy_refuses(policy: Policy, method: str, path: str, body: bytes, message: str) -> None:
    with pytest.raises(PolicyViolation, match=message):
        policy.check(method, f"https://dli.example.com{path}", body)


def test_policy_is_read_only_unless_the_environment_says_otherwise() -> None:
    assert Policy.from_env({}) is Policy.READ_ONLY
    assert Policy.from_env({POLICY_ENV: "harmless-writes"}) is Policy.HARMLESS_WRITES
    with pytest.raises(ValueError, match=f"{POLICY_ENV} must be one of read-only"):
        Policy.from_env({POLICY_ENV: "yolo"})


def test_a_harmless_submit_runs_select_1_without_settings() -> None:
    body = {"sql": "drop database db1 cascade", "conf": ["dli.sql.job.timeout=1"], "tags": []}

    assert harmless_submit(body) == {"sql": HARMLESS_SQL, "tags": []}
    assert harmless_submit(["not", "an", "object"]) == ["not", "an", "object"]


def test_signed_requests_verify_with_awkward_queries_and_bodies(
    session: requests.Session, emulator: "EmulatorInstance"
) -> None:
    credentials = aksk(emulator)
    listed = send(
        session,
        emulator,
        credentials,
        "GET",
        "/jobs",
        # Spaces, '+', non-ASCII, '~' and a repeated key: the query the signature must cover.
        params={"sql_pattern": "a b+c é~", "job_types": ["QUERY", "DDL"]},
    )
    checked = send(
        session, emulator, credentials, "POST", "/jobs/check-sql", json={"sql": "select 'é'"}
    )

    assert listed.status_code == 200, listed.text
    assert checked.status_code == 200, checked.text
    assert str(listed.request.headers["Authorization"]).startswith("SDK-HMAC-SHA256 Access=")


def test_the_signature_covers_the_bytes_sent(
    session: requests.Session, emulator: "EmulatorInstance"
) -> None:
    request = requests.Request(
        "POST", url(emulator, "/jobs/check-sql"), json={"sql": "select 1"}
    ).prepare()
    DliRequestsAuth(aksk(emulator), Policy.UNRESTRICTED)(request)
    request.body = b'{"sql": "select 2"}'

    response = session.send(request, timeout=10)

    assert response.status_code == 401, response.text


def test_a_token_is_sent_as_x_auth_token(
    session: requests.Session, emulator: "EmulatorInstance"
) -> None:
    token = TokenCredentials(emulator.token, project_id=emulator.project_id)

    response = send(session, emulator, token, "GET", "/jobs")

    assert response.status_code == 200, response.text
    assert "Authorization" not in response.request.headers


def test_the_policy_stops_a_request_before_it_is_sent(emulator: "EmulatorInstance") -> None:
    auth = DliRequestsAuth(aksk(emulator), Policy.READ_ONLY)

    with pytest.raises(PolicyViolation, match="refusing POST"):
        requests.post(
            url(emulator, "/jobs/submit-job"), json={"sql": "select 1"}, auth=auth, timeout=10
        )


def test_the_credentials_check_fails_on_a_401_to_our_credentials_only(
    session: requests.Session, emulator: "EmulatorInstance"
) -> None:
    good, bad = aksk(emulator), aksk(emulator, sk="not-the-secret-key")
    check = credentials_accepted_check(DliRequestsAuth(good, Policy.UNRESTRICTED))
    accepted = send(session, emulator, good, "GET", "/jobs")
    refused = send(session, emulator, bad, "GET", "/jobs")
    anonymous = session.get(url(emulator, "/jobs"), timeout=10)

    def run_check(response: requests.Response) -> None:
        # The check reads only the response and the request it answers.
        check(cast(CheckContext, None), Response.from_requests(response, verify=True), NO_CASE)

    assert refused.status_code == anonymous.status_code == 401
    run_check(accepted)
    run_check(anonymous)
    with pytest.raises(AssertionError, match="401 to a request sent with the run's credentials"):
        run_check(refused)


def test_the_seed_is_fixed_in_ci_given_by_fuzz_seed_else_random() -> None:
    assert choose_seed({"CI": "true"}) == (CI_SEED, "fixed in CI")
    assert choose_seed({"CI": "true", "FUZZ_SEED": "42"}) == (42, "FUZZ_SEED")
    assert choose_seed({})[1] == "random"
    assert len({choose_seed({})[0] for _ in range(5)}) > 1
    with pytest.raises(SystemExit, match="FUZZ_SEED must be an integer"):
        choose_seed({"FUZZ_SEED": "abc"})


def test_max_time_defaults_by_mode_and_is_checked() -> None:
    assert max_time({}, "emulator") < max_time({}, "live")
    assert max_time({"FUZZ_MAX_TIME": "7"}, "live") == 7
    with pytest.raises(SystemExit, match="FUZZ_MAX_TIME must be a positive number"):
        max_time({"FUZZ_MAX_TIME": "0"}, "emulator")


def test_a_live_run_calls_get_operations_and_only_harmless_writes_when_asked() -> None:
    read_only = live_operation_ids(Policy.READ_ONLY)

    assert sorted(read_only) == [
        "listSqlJobs",
        "previewSqlJobResult",
        "showSqlJobDetail",
        "showSqlJobProgress",
        "showSqlJobStatus",
    ]
    assert sorted(live_operation_ids(Policy.HARMLESS_WRITES)) == sorted(
        [*read_only, "checkSql", "createSqlJob"]
    )


def test_repr_shows_no_secret(emulator: "EmulatorInstance") -> None:
    auth = DliRequestsAuth(aksk(emulator), Policy.READ_ONLY)

    assert emulator.sk not in repr(auth)
