"""The API's requests, from the matched path to the answer sent.

A request goes: route (literal segments first; 405 with Allow for a known path and another
method), authentication (401), checks of path, query and body (400 DLI.0001), the project of the
credential, then one call of the service. Every answer is JSON in the service's format and
carries X-Request-Id; no error escapes as anything else.

A credential acts on its own project only. A job of another project is answered as missing
(400 DLI.0002, what the service says of other projects' jobs), so a job ID tells nothing about
other tenants; a project-level call (submit, list, check-sql, import/export table) under
another project's path is 403 with the gateway's APIGW.0302 body: the credential is valid, but
not for that project, which is what the spec's 403 describes.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

from anyio import to_thread
from starlette.types import Receive, Scope, Send

from ..errors import DliError, job_not_found, parameter_invalid, server_error
from ..jobs.service import EmulatorService
from .auth import GATEWAY_AUTH_ERROR, GATEWAY_FORBIDDEN, Authenticator, AuthError, Principal
from .responses import gateway_error, method_not_allowed, request_id, send_json
from .routing import Match, RouteTable
from .validation import Operation, ValidRequest

# The API gateway refuses request bodies above 12 MiB; nothing of this API comes close.
MAX_BODY_BYTES = 12 * 1024 * 1024
INTERNAL_ERROR_MESSAGE = "Internal error, please try again later."

log = logging.getLogger("dli_emulator")


@dataclass(frozen=True)
class Call:
    """One checked request, as the handlers take it."""

    principal: Principal
    request: ValidRequest

    @property
    def project_id(self) -> str:
        return str(self.request.path["project_id"])

    @property
    def job_id(self) -> str:
        return str(self.request.path["job_id"])

    @property
    def owner(self) -> str:
        return self.principal.user

    @property
    def query(self) -> dict[str, Any]:
        return self.request.query

    @property
    def body(self) -> dict[str, Any]:
        assert self.request.body is not None, "the spec requires a body for this operation"
        return self.request.body


Handler = Callable[[EmulatorService, Call], dict[str, Any]]


@dataclass(frozen=True)
class Endpoint:
    operation: Operation
    handler: Handler
    job_scoped: bool  # has a {job_id}: another project's job is answered as missing
    inline: bool  # run on the event loop instead of a worker thread


class Api:
    """Every path of the spec, matched with RouteTable (Starlette's router prefers a full match
    anywhere over a literal segment, which would send DELETE /jobs/submit-job to cancel)."""

    def __init__(self, table: RouteTable[Endpoint], authenticator: Authenticator) -> None:
        self._table = table
        self._authenticator = authenticator
        self.service: EmulatorService | None = None  # set while the app runs (lifespan)

    def match(self, scope: Scope) -> Match[Endpoint] | None:
        return self._table.match(raw_path(scope))

    async def handle(
        self, match: Match[Endpoint], scope: Scope, receive: Receive, send: Send
    ) -> None:
        rid = request_id()
        endpoint = match.route.methods.get(scope["method"])
        try:
            if endpoint is None:
                status, body = method_not_allowed(scope["method"], match.route.allow)
                allow = [(b"allow", match.route.allow.encode())]
                await send_json(send, status, body, rid, allow)
                return
            status, body = await self._answer(endpoint, match, scope, receive, rid)
        except DliError as error:
            status, body = error.http_status, error.to_body()
            if self.service is not None:
                body["error_msg"] = self.service.hide_host_paths(body["error_msg"])
        except Exception:
            log.exception("request %s (%s %s) failed", rid, scope["method"], scope["path"])
            status, body = 500, server_error(INTERNAL_ERROR_MESSAGE).to_body()
        await send_json(send, status, body, rid)

    async def _answer(
        self,
        endpoint: Endpoint,
        match: Match[Endpoint],
        scope: Scope,
        receive: Receive,
        rid: str,
    ) -> tuple[int, dict[str, Any]]:
        raw_body = await _read_body(receive)
        raw_query = scope["query_string"].decode("latin-1")
        try:
            principal = self._authenticator.authenticate(
                method=scope["method"],
                raw_path=raw_path(scope),
                raw_query=raw_query,
                headers=scope["headers"],
                body=raw_body,
            )
        except AuthError as error:
            return 401, gateway_error(GATEWAY_AUTH_ERROR, error.error_msg, rid)
        query = parse_qsl(raw_query, keep_blank_values=True) if raw_query else []
        call = Call(principal, endpoint.operation.validate(match.params, query, raw_body))
        if call.project_id != principal.project_id:
            if endpoint.job_scoped:
                raise job_not_found(call.job_id)
            refusal = AuthError(f"the credential is not valid for project {call.project_id}")
            return 403, gateway_error(GATEWAY_FORBIDDEN, refusal.error_msg, rid)
        service = self.service
        assert service is not None, "the app serves requests only between startup and shutdown"
        if endpoint.inline:
            return 200, endpoint.handler(service, call)
        return 200, await to_thread.run_sync(partial(endpoint.handler, service, call))


def raw_path(scope: Scope) -> str:
    raw: bytes | None = scope.get("raw_path")
    return raw.decode("latin-1") if raw else str(scope["path"])


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise parameter_invalid("Invalid request body: the client disconnected")
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise parameter_invalid(f"Invalid request body: larger than {MAX_BODY_BYTES} bytes")
        if not message.get("more_body", False):
            return b"".join([*chunks, chunk]) if chunks else chunk
        chunks.append(chunk)
