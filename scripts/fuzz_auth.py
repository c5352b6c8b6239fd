"""Credentials and the safety policy of a schemathesis run, applied to the bytes that go out.

Every request schemathesis sends with credentials passes through `DliRequestsAuth`, a `requests`
auth: it sees the prepared request, i.e. the final method, URL, headers and body. It first checks
the run's `Policy` (a live run is read-only unless writes are asked for, and then only harmless
ones) and refuses anything else before a byte is sent; then it adds the IAM token, or signs the
request with the toolkit's `AkSkAuth`, the same dli_signing code the client uses.

Requests schemathesis sends without credentials (its probes of `ignored_auth`) cannot act on
the service: it answers them 401.

Nothing here registers itself: `install()` puts the auth and the hooks on a schema (pytest) or
on schemathesis globally (scripts/fuzz_hooks.py, for the CLI).
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx
import requests
import requests.auth
from schemathesis import CheckContext, CheckFunction, Response
from schemathesis.generation.case import Case

from dli_signing import ALGORITHM
from dli_toolkit.auth import AkSkAuth
from dli_toolkit.credentials import AccessKeyCredentials, Credentials, TokenCredentials

POLICY_ENV = "DLI_FUZZ_POLICY"
# The one statement a write run may submit: it reads nothing and changes nothing.
HARMLESS_SQL = "select 1"
CREATE_SQL_JOB = "createSqlJob"
CHECK_SQL = "checkSql"
# POST operations a write run may call, by the last segments of their paths (openapi.yaml):
# check-sql only parses its statement, submit-job runs HARMLESS_SQL.
_SUBMIT_SUFFIX = "/jobs/submit-job"
_CHECK_SUFFIX = "/jobs/check-sql"


class PolicyViolation(RuntimeError):
    """A request the run's policy forbids; raised before the request is sent."""


class Policy(enum.StrEnum):
    """What a run may send with credentials."""

    # Only GET. The default: a run against a real endpoint reads and never acts.
    READ_ONLY = "read-only"
    # GET, check-sql, and submit-job with HARMLESS_SQL only (FUZZ_WRITE=1).
    HARMLESS_WRITES = "harmless-writes"
    # Anything: for the local emulator that scripts/fuzz.py or a test started and throws away.
    UNRESTRICTED = "unrestricted"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Policy:
        env = os.environ if environ is None else environ
        value = env.get(POLICY_ENV, cls.READ_ONLY.value)
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(policy.value for policy in cls)
            raise ValueError(f"{POLICY_ENV} must be one of {allowed}, got {value!r}") from None

    def check(self, method: str, url: str, body: bytes) -> None:
        """Raise PolicyViolation unless a request with this method, URL and body may be sent."""
        if self is Policy.UNRESTRICTED or method == "GET":
            return
        path = urlsplit(url).path
        if self is Policy.HARMLESS_WRITES and method == "POST":
            if path.endswith(_CHECK_SUFFIX):
                return
            if path.endswith(_SUBMIT_SUFFIX):
                sql = _json_field(body, "sql")
                if sql == HARMLESS_SQL:
                    return
                raise PolicyViolation(
                    f"refusing to submit {sql!r}: a write run submits only {HARMLESS_SQL!r}"
                )
        raise PolicyViolation(f"refusing {method} {path}: the fuzzing policy is {self.value}")


def _json_field(body: bytes, name: str) -> object:
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return document.get(name) if isinstance(document, dict) else None


class DliRequestsAuth(requests.auth.AuthBase):
    """Checks the policy, then authenticates the prepared request schemathesis is about to send."""

    def __init__(self, credentials: Credentials, policy: Policy) -> None:
        self._credentials = credentials
        self._policy = policy
        self._signer = (
            AkSkAuth(credentials) if isinstance(credentials, AccessKeyCredentials) else None
        )

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        method, url, body = request.method or "", request.url or "", _body_bytes(request.body)
        self._policy.check(method, url, body)
        if isinstance(self._credentials, TokenCredentials):
            request.headers["X-Auth-Token"] = self._credentials.token
        else:
            self._sign(request, method, url, body)
        return request

    def _sign(self, request: requests.PreparedRequest, method: str, url: str, body: bytes) -> None:
        assert self._signer is not None
        # The toolkit signs an httpx request; this one carries exactly what `requests` will send.
        # Whatever signing changes (canonical query, Host, X-Sdk-Date, X-Project-Id,
        # Authorization) is copied back, so the bytes sent are the bytes signed.
        signed = httpx.Request(method, url, headers=_wire_headers(request), content=body)
        self._signer.sign(signed)
        request.url = str(signed.url)
        for name, value in signed.headers.multi_items():
            if request.headers.get(name) != value:
                request.headers[name] = value

    def carried_by(self, headers: Mapping[str, str | bytes]) -> bool:
        """Whether a request with these headers was sent with this auth's credentials."""
        if isinstance(self._credentials, TokenCredentials):
            return _text(headers.get("X-Auth-Token")) == self._credentials.token
        prefix = f"{ALGORITHM} Access={self._credentials.access_key},"
        return _text(headers.get("Authorization")).startswith(prefix)

    def __repr__(self) -> str:
        return f"DliRequestsAuth({self._credentials!r}, {self._policy.value})"


def credentials_accepted_check(auth: DliRequestsAuth) -> CheckFunction:
    """A schemathesis check: no request sent with the run's credentials is answered 401.

    `missing_auth` only fails a run whose every answer is 401. One 401 among accepted requests
    means the signature of that request did not verify (the signer and the verifier disagree on
    its bytes), or the credentials expired mid-run.
    """

    def credentials_accepted(ctx: CheckContext, response: Response, case: Case[Any]) -> None:
        if response.status_code == 401 and auth.carried_by(response.request.headers):
            raise AssertionError(
                "401 to a request sent with the run's credentials: "
                f"{response.request.method} {response.request.url}: {response.text[:500]}"
            )

    return credentials_accepted


def _text(value: str | bytes | None) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value or ""


def _wire_headers(request: requests.PreparedRequest) -> list[tuple[bytes, bytes]]:
    """Header names and values as http.client puts them on the wire (text as Latin-1)."""
    return [
        (name.encode("latin-1"), value if isinstance(value, bytes) else value.encode("latin-1"))
        for name, value in request.headers.items()
    ]


def _body_bytes(body: object) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    # A streamed body cannot be signed or checked before it is sent; the spec has none.
    raise PolicyViolation(f"refusing a request with a streamed body ({type(body).__name__})")


def harmless_submit(body: Any) -> Any:
    """A createSqlJob body that runs HARMLESS_SQL: its statement replaced, its `conf` dropped.

    `conf` goes because settings such as `dli.sql.job.timeout` or Spark resources change how and
    what a job runs; queue, database, tags and engine only choose where HARMLESS_SQL runs.
    """
    if not isinstance(body, dict):
        return body
    harmless = {key: value for key, value in body.items() if key != "conf"}
    harmless["sql"] = HARMLESS_SQL
    return harmless


def install(target: Any, credentials: Credentials, policy: Policy) -> DliRequestsAuth:
    """Authenticate every request through DliRequestsAuth; in a write run, make submits harmless.

    `target` is the `schemathesis` module (global hooks: what the CLI uses) or a loaded schema:
    both have `auth` storage and a `hook` decorator. A write run needs the module: its
    `before_call` hook, which sees every case of every phase just before it is sent, is global.
    """
    auth = DliRequestsAuth(credentials, policy)
    target.auth.set_from_requests(auth)
    if policy is Policy.HARMLESS_WRITES:

        @target.hook  # type: ignore[untyped-decorator]
        def before_call(context: Any, case: Any, kwargs: Any) -> None:
            operation = context.operation
            if operation is not None and operation.definition.raw.get("operationId") == (
                CREATE_SQL_JOB
            ):
                case.body = harmless_submit(case.body)

    return auth
