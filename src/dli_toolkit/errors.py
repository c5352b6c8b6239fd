"""One exception hierarchy for everything the toolkit raises, and the step from a generated
`Response[...]` to either its success model or one of these exceptions.

    DliToolkitError
    ├── DliApiError            the service or its gateway said no: status, code, message, id
    │   ├── ClientError        4xx
    │   │   ├── BadRequest         400
    │   │   │   ├── InvalidParameter   DLI.0001
    │   │   │   └── InvalidSql         DLI.0004 (syntax), DLI.0005 (semantics)
    │   │   ├── NotFound           400 DLI.0002 and 404 (DLI.0023): the spec says treat both alike
    │   │   ├── AuthenticationError 401
    │   │   ├── Forbidden          403
    │   │   └── Throttled          429 (with `retry_after`)
    │   ├── ServerError        5xx
    │   ├── OperationFailed    HTTP 200 with `is_success: false`
    │   └── UnexpectedResponse a status or body the contract does not describe
    ├── ConnectionFailed       no answer at all (after the transport's retries)
    ├── ConfigurationError     bad settings found before any call (e.g. an unknown region)
    └── JobError               a job ended badly while waiting for it: job_id, status, job message
        ├── JobFailed
        ├── JobCancelled
        └── WaitTimeout
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, NotRequired, Protocol, TypedDict, TypeVar, Unpack

import httpx
from dli_client.models.dli_error import DliError
from dli_client.models.gateway_error import GatewayError
from dli_client.types import Response, Unset

from dli_toolkit.transport import NOTHING_SENT_ERRORS

# Raw bodies quoted in an error are cut here: enough to recognise an HTML error page or a proxy's
# text, not enough to flood a terminal.
_MAX_RAW_TEXT = 300

# The pairs the official SDK's DefaultExceptionHandler looks for, in its order.
_CODE_MESSAGE_KEYS = (("error_code", "error_msg"), ("errorCode", "errorMsg"), ("code", "message"))


class DliToolkitError(Exception):
    """Anything this package raises on purpose."""


class ApiErrorFields(TypedDict):
    """The keyword arguments of `DliApiError` (and of every subclass that adds none)."""

    status_code: int | None
    error_code: str
    error_msg: str
    request_id: NotRequired[str | None]


class DliApiError(DliToolkitError):
    """The service or its API gateway refused or failed a call.

    `error_code` is the service's code (`DLI.0002`, `APIGW.0301`), or the HTTP status as text when
    the body carried none (as the official SDK does); `request_id` is the `X-Request-Id` header, or
    the gateway body's `request_id` when the header is missing.
    """

    def __init__(
        self,
        *,
        status_code: int | None,
        error_code: str,
        error_msg: str,
        request_id: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = [f"HTTP {self.status_code}"] if self.status_code is not None else []
        if self.request_id:
            where.append(f"request id {self.request_id}")
        suffix = f" ({', '.join(where)})" if where else ""
        return f"{self.error_code}: {self.error_msg}{suffix}"


class ClientError(DliApiError):
    """A 4xx answer: the request needs to change before it can succeed."""


class BadRequest(ClientError):
    """HTTP 400 with a `DLI.xxxx` code that has no more specific class."""


class InvalidParameter(BadRequest):
    """DLI.0001: a parameter failed the service's checks."""


class InvalidSql(BadRequest):
    """DLI.0004 / DLI.0005: the SQL does not parse, or names what does not exist."""


class NotFound(ClientError):
    """The job (or queue, ...) does not exist: 400 DLI.0002 or 404 DLI.0023."""


class AuthenticationError(ClientError):
    """HTTP 401: credentials missing, malformed, expired or not matching."""


class Forbidden(ClientError):
    """HTTP 403: valid credentials that may not do this."""


class Throttled(ClientError):
    """HTTP 429 after the transport's retries; `retry_after` is in seconds when the server said."""

    def __init__(
        self, *, retry_after: float | None = None, **fields: Unpack[ApiErrorFields]
    ) -> None:
        self.retry_after = retry_after
        super().__init__(**fields)


class ServerError(DliApiError):
    """A 5xx answer; the request may or may not have taken effect."""


class OperationFailed(DliApiError):
    """HTTP 200 whose body says `is_success: false`; `result` is the parsed body (it may carry a
    `job_id`, e.g. for a synchronous DCL statement that failed)."""

    def __init__(self, *, result: object, error_msg: str, request_id: str | None = None) -> None:
        self.result = result
        super().__init__(
            status_code=200,
            error_code="is_success=false",
            error_msg=error_msg or "the service reported failure without a message",
            request_id=request_id,
        )


class UnexpectedResponse(DliApiError):
    """A status or body that the contract does not describe (e.g. an HTML page from a proxy)."""


class ConnectionFailed(DliToolkitError):
    """No HTTP answer: the connection failed or timed out after the transport's retries."""


class ConfigurationError(DliToolkitError, ValueError):
    """Settings that cannot work, found before any call is made."""


class JobError(DliToolkitError):
    """A job did not finish: it failed, was cancelled, or did not end in time."""

    def __init__(self, job_id: str, status: str, message: str) -> None:
        self.job_id = job_id
        self.status = status
        self.message = message
        super().__init__(self._describe())

    def _describe(self) -> str:
        text = f"job {self.job_id} {self.status}"
        return f"{text}: {self.message}" if self.message else text


class JobFailed(JobError):
    """The job ended FAILED; `message` is the job's own reason."""


class JobCancelled(JobError):
    """The job ended CANCELLED (by a user, or by `dli.sql.job.timeout`)."""


class WaitTimeout(JobError):
    """The job was still running when the wait's deadline passed; `status` is its last state."""

    def __init__(self, job_id: str, status: str, waited: float) -> None:
        self.waited = waited
        super().__init__(job_id, status, f"still {status} after waiting {waited:.1f}s")

    def _describe(self) -> str:
        return f"job {self.job_id}: {self.message}"


class _Envelope(Protocol):
    """What a success body of the spec may carry (some operations need not send either field)."""

    @property
    def is_success(self) -> bool | Unset: ...

    @property
    def message(self) -> str | Unset: ...


Model = TypeVar("Model", bound=_Envelope)


def unwrap(response: Response[Any], expected: type[Model], *, redact: Sequence[str] = ()) -> Model:
    """The success model of a generated `Response[...]`, or the matching `DliApiError`.

    `redact` lists secrets to blank out of any text quoted from the body (a misbehaving proxy
    may echo request headers back).
    """
    parsed = response.parsed
    # Only an explicit false is a failure: the reference lets cancel, check-sql, preview,
    # import-table and export-table leave `is_success` out of a 200.
    if isinstance(parsed, expected) and parsed.is_success is not False:
        return parsed
    request_id = _header(response.headers, "X-Request-Id")
    if isinstance(parsed, expected):
        message = parsed.message if isinstance(parsed.message, str) else ""
        raise OperationFailed(
            result=parsed, error_msg=_scrub(message, redact), request_id=request_id
        )
    if isinstance(parsed, DliError | GatewayError):
        body_request_id = parsed.request_id if isinstance(parsed, GatewayError) else None
        raise error_for_status(
            int(response.status_code),
            error_code=parsed.error_code,
            error_msg=_scrub(parsed.error_msg, redact),
            request_id=request_id or (body_request_id or None),
            headers=response.headers,
        )
    raise error_from_raw(int(response.status_code), response.content, response.headers, redact)


def error_from_raw(
    status_code: int, content: bytes, headers: Mapping[str, str], redact: Sequence[str] = ()
) -> DliApiError:
    """The error for a body the generated code did not parse (an undocumented status, or a
    documented one whose body does not match its schema), read the way the official SDK does:
    the first code/message pair found, else the status as code and the raw text as message."""
    text = content.decode("utf-8", errors="replace").strip()
    found = _find_code_and_message(_json_or_none(text))
    error_code, error_msg = found or (str(status_code), text[:_MAX_RAW_TEXT] or "(empty body)")
    return error_for_status(
        status_code,
        error_code=error_code,
        error_msg=_scrub(error_msg, redact),
        request_id=_header(headers, "X-Request-Id"),
        headers=headers,
    )


_BY_STATUS: dict[int, type[DliApiError]] = {
    401: AuthenticationError,
    403: Forbidden,
    404: NotFound,
}
# Refinements of HTTP 400 by the service's code.
_BY_CODE: dict[str, type[DliApiError]] = {
    "DLI.0001": InvalidParameter,
    "DLI.0002": NotFound,
    "DLI.0004": InvalidSql,
    "DLI.0005": InvalidSql,
}


def error_for_status(
    status_code: int,
    *,
    error_code: str,
    error_msg: str,
    request_id: str | None,
    headers: Mapping[str, str],
) -> DliApiError:
    """The most specific `DliApiError` for an HTTP status and the service's error code."""
    fields = ApiErrorFields(
        status_code=status_code, error_code=error_code, error_msg=error_msg, request_id=request_id
    )
    if status_code == 429:
        return Throttled(**fields, retry_after=_retry_after(headers))
    if status_code in _BY_STATUS:
        return _BY_STATUS[status_code](**fields)
    if status_code == 400:
        return _BY_CODE.get(error_code, BadRequest)(**fields)
    if 400 <= status_code < 500:
        return ClientError(**fields)
    if status_code >= 500:
        return ServerError(**fields)
    fields["error_msg"] = f"unexpected HTTP {status_code} answer: {error_msg}"
    return UnexpectedResponse(**fields)


def _has_error_fields(content: bytes) -> bool:
    body = _json_or_none(content.decode("utf-8", errors="replace"))
    return isinstance(body, Mapping) and "error_code" in body and "error_msg" in body


def error_body_hook(secrets: Iterable[str] = ()) -> Callable[[httpx.Response], None]:
    """An httpx response hook raising the typed error for an error body the generated code
    could not parse.

    The generated code reads a documented error status with `DliError.from_dict(...json())`,
    which fails on an HTML page or a gateway's plain text; the hook raises first, keeping the
    status and request id that the parse failure would lose.
    """
    kept = tuple(secrets)

    def check(response: httpx.Response) -> None:
        if response.status_code >= 400:
            response.read()
            if not _has_error_fields(response.content):
                raise error_from_raw(response.status_code, response.content, response.headers, kept)

    return check


def async_error_body_hook(
    secrets: Iterable[str] = (),
) -> Callable[[httpx.Response], Awaitable[None]]:
    """`error_body_hook` for an httpx.AsyncClient."""
    kept = tuple(secrets)

    async def check(response: httpx.Response) -> None:
        if response.status_code >= 400:
            await response.aread()
            if not _has_error_fields(response.content):
                raise error_from_raw(response.status_code, response.content, response.headers, kept)

    return check


def contract_mismatch(error: Exception) -> UnexpectedResponse:
    """The error for a body the generated models could not read (a required field missing...)."""
    what = f"{type(error).__name__}: {error}"
    return UnexpectedResponse(
        status_code=None,
        error_code="invalid-response",
        error_msg=f"the response does not match the API contract ({what})",
    )


def connection_failed(endpoint: str, error: httpx.TransportError) -> ConnectionFailed:
    """The error for a call that got no (complete) answer, after the transport's retries."""
    if isinstance(error, httpx.LocalProtocolError):
        # Its text quotes the offending request line or header, which may be a credential.
        return ConnectionFailed(
            f"no answer from {endpoint}: the request is not valid HTTP (LocalProtocolError)"
        )
    if isinstance(error, NOTHING_SENT_ERRORS):
        return ConnectionFailed(f"no answer from {endpoint}: {error!r}")
    # The request may have been sent whole: a submit may have created its job.
    return ConnectionFailed(
        f"no complete answer from {endpoint} (the request may have taken effect): {error!r}"
    )


def _find_code_and_message(body: object) -> tuple[str, str] | None:
    if isinstance(body, Mapping):
        for code_key, message_key in _CODE_MESSAGE_KEYS:
            code, message = body.get(code_key), body.get(message_key)
            if code is not None and message is not None:
                return str(code), str(message)
        nested: Iterable[object] = body.values()
    elif isinstance(body, list):
        nested = body
    else:
        return None
    for value in nested:
        found = _find_code_and_message(value)
        if found:
            return found
    return None


def _json_or_none(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    # httpx.Headers is case-insensitive, a plain mapping is not: look both ways.
    value = headers.get(name)
    if value is None:
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value or None


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = _header(headers, "Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _scrub(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
