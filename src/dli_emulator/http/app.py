"""The ASGI app: every operation of openapi.yaml, routed and checked from the spec, then served.

A request goes: route (literal segments first; 405 with Allow for a known path and another
method), authentication (401), checks of path, query and body (400 DLI.0001), the project of the
credential, then one call of the service. Every response is JSON and carries X-Request-Id.

A credential acts on its own project only. A job of another project is answered as missing
(400 DLI.0002, what the service says of other projects' jobs), so a job ID tells nothing about
other tenants; a project-level call (submit, list, check-sql, import/export table) under
another project's path is 403 with the gateway's APIGW.0302 body: the credential is valid, but
not for that project, which is what the spec's 403 describes.
"""

import logging
import os
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import orjson
from anyio import to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, NoMatchFound, Route
from starlette.types import Receive, Scope, Send

from ..config import ConfigError, Settings
from ..errors import (
    DliError,
    job_not_found,
    no_resource,
    not_supported,
    parameter_invalid,
    server_error,
)
from ..jobs.service import EmulatorService
from . import requests
from .auth import GATEWAY_AUTH_ERROR, GATEWAY_FORBIDDEN, Authenticator, AuthError, Principal
from .routing import Match as PathMatch
from .routing import RouteTable
from .validation import Operation, ValidRequest, spec_operations

# A link to the repository's openapi.yaml: an installed wheel carries the file itself.
DEFAULT_SPEC = Path(__file__).parent.parent / "openapi.yaml"
RESET_PATH = "/_emulator/reset"
# The API gateway refuses request bodies above 12 MiB; nothing of this API comes close.
MAX_BODY_BYTES = 12 * 1024 * 1024
NOT_FOUND_MESSAGE = "No related resource was found."
INTERNAL_ERROR_MESSAGE = "Internal error, please try again later."
_MATCH_KEY = "dli_emulator.match"

log = logging.getLogger("dli_emulator")
# The status route is benchmarked against a bare route: orjson encodes about 5x faster than the
# standard library, with the same compact UTF-8 output. (Results never hold integers beyond 64
# bits, which orjson refuses: the engine sends wide decimals as strings.)
_encode = orjson.dumps


def _request_id() -> str:
    return os.urandom(16).hex()


@dataclass(frozen=True)
class Call:
    """One checked request, as the service methods take it."""

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

# operationId -> service call. The spec decides paths, methods and checks; this table only
# says which method of the service does the work.
HANDLERS: dict[str, Handler] = {
    "createSqlJob": lambda s, c: s.submit(c.project_id, c.owner, requests.submit(c.body)),
    "checkSql": lambda s, c: s.check_sql(c.project_id, requests.check_sql(c.body)),
    "listSqlJobs": lambda s, c: s.list_jobs(c.project_id, requests.list_query(c.query)),
    "cancelSqlJob": lambda s, c: s.cancel(c.project_id, c.job_id),
    "showSqlJobStatus": lambda s, c: s.status(c.project_id, c.job_id),
    "showSqlJobDetail": lambda s, c: s.detail(c.project_id, c.job_id),
    "previewSqlJobResult": lambda s, c: s.preview(
        c.project_id, c.job_id, requests.preview_query(c.query)
    ),
    "exportSqlJobResult": lambda s, c: s.export_result(
        c.project_id, c.job_id, requests.export_result(c.body)
    ),
    "showSqlJobProgress": lambda s, c: s.progress(c.project_id, c.job_id),
    "importTable": lambda s, c: s.import_table(
        c.project_id, c.owner, requests.import_table(c.body)
    ),
    "exportTable": lambda s, c: s.export_table(
        c.project_id, c.owner, requests.export_table(c.body)
    ),
}


# Single-row reads of the job store, answered on the event loop: handing them to a worker
# thread costs several times the read itself, and the status route is the one clients poll.
INLINE = frozenset({"showSqlJobStatus", "showSqlJobDetail"})


@dataclass(frozen=True)
class Endpoint:
    operation: Operation
    handler: Handler
    job_scoped: bool  # has a {job_id}: another project's job is answered as missing
    inline: bool  # run on the event loop instead of a worker thread


class ApiRoute(BaseRoute):
    """Every path of the spec, matched with RouteTable (Starlette's router prefers a full match
    anywhere over a literal segment, which would send DELETE /jobs/submit-job to cancel)."""

    def __init__(self, table: RouteTable[Endpoint], authenticator: Authenticator) -> None:
        self._table = table
        self._authenticator = authenticator
        self.service: EmulatorService | None = None  # set while the app runs (lifespan)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http":
            match = self._table.match(_raw_path(scope))
            if match is not None:
                return Match.FULL, {_MATCH_KEY: match}
        return Match.NONE, {}

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        raise NoMatchFound(name, path_params)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = _request_id()
        match: PathMatch[Endpoint] = scope[_MATCH_KEY]
        endpoint = match.route.methods.get(scope["method"])
        try:
            if endpoint is None:
                status, body = _method_not_allowed(scope["method"], match.route.allow)
                await _send_json(
                    send, status, body, request_id, [(b"allow", match.route.allow.encode())]
                )
                return
            status, body = await self._answer(endpoint, match, scope, receive, request_id)
        except DliError as error:
            status, body = error.http_status, error.to_body()
        except Exception:
            log.exception("request %s (%s %s) failed", request_id, scope["method"], scope["path"])
            status, body = 500, server_error(INTERNAL_ERROR_MESSAGE).to_body()
        await _send_json(send, status, body, request_id)

    async def _answer(
        self,
        endpoint: Endpoint,
        match: PathMatch[Endpoint],
        scope: Scope,
        receive: Receive,
        request_id: str,
    ) -> tuple[int, dict[str, Any]]:
        raw_body = await _read_body(receive)
        raw_query = scope["query_string"].decode("latin-1")
        try:
            principal = self._authenticator.authenticate(
                method=scope["method"],
                raw_path=_raw_path(scope),
                raw_query=raw_query,
                headers=_headers(scope),
                body=raw_body,
            )
        except AuthError as error:
            return 401, _gateway_error(GATEWAY_AUTH_ERROR, error.error_msg, request_id)
        checked = endpoint.operation.validate(
            match.params, parse_qsl(raw_query, keep_blank_values=True), raw_body
        )
        call = Call(principal, checked)
        if call.project_id != principal.project_id:
            if endpoint.job_scoped:
                raise job_not_found(call.job_id)
            refusal = AuthError(f"the credential is not valid for project {call.project_id}")
            return 403, _gateway_error(GATEWAY_FORBIDDEN, refusal.error_msg, request_id)
        service = self.service
        assert service is not None, "the app serves requests only between startup and shutdown"
        if endpoint.inline:
            return 200, endpoint.handler(service, call)
        return 200, await to_thread.run_sync(partial(endpoint.handler, service, call))


def create_app(settings: Settings, spec_path: Path = DEFAULT_SPEC) -> Starlette:
    """The emulator app; its service starts with the app's lifespan and closes with it."""
    operations = spec_operations(spec_path)
    unknown = {op.operation_id for op in operations} ^ set(HANDLERS)
    if unknown:
        raise ValueError(
            f"operations without a handler or handlers without an operation: {unknown}"
        )
    _check_project_ids(operations, settings)
    templates: dict[str, dict[str, Endpoint]] = {}
    for operation in operations:
        templates.setdefault(operation.template, {})[operation.method] = Endpoint(
            operation,
            HANDLERS[operation.operation_id],
            job_scoped="{job_id}" in operation.template,
            inline=operation.operation_id in INLINE,
        )
    api = ApiRoute(RouteTable(templates), Authenticator(settings.projects))

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        api.service = EmulatorService(
            settings.data_dir, settings.queues, settings.workers, engine=settings.engine
        )
        try:
            yield
        finally:
            service, api.service = api.service, None
            await to_thread.run_sync(service.close)

    async def reset(_: Request) -> Response:
        assert api.service is not None
        await to_thread.run_sync(api.service.reset)
        return _response(200, {"is_success": True, "message": "emulator state reset"})

    routes: list[BaseRoute] = [api]
    if settings.enable_reset:
        routes.insert(0, Route(RESET_PATH, reset, methods=["POST"]))
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )
    # A trailing-slash variant of an API path is another path (404), not a redirect.
    app.router.redirect_slashes = False
    return app


def _check_project_ids(operations: Sequence[Operation], settings: Settings) -> None:
    """Refuse to start with a configured project whose ID the API's paths would refuse."""
    project_paths = [op for op in operations if set(op.path_params) == {"project_id"}]
    for project in settings.projects:
        for operation in project_paths:
            try:
                operation.check_path({"project_id": project.project_id})
            except DliError as error:
                raise ConfigError(
                    f"project {project.project_id!r} cannot be called: {error.error_msg}"
                ) from None


def _raw_path(scope: Scope) -> str:
    raw: bytes | None = scope.get("raw_path")
    return raw.decode("latin-1") if raw else str(scope["path"])


def _headers(scope: Scope) -> list[tuple[str, str]]:
    # Clients sign non-ASCII header values as UTF-8 text (see dli_signing.verify).
    return [
        (name.decode("latin-1"), value.decode("utf-8", "replace"))
        for name, value in scope["headers"]
    ]


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
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _gateway_error(code: str, message: str, request_id: str) -> dict[str, Any]:
    return {"error_code": code, "error_msg": message, "request_id": request_id}


def _method_not_allowed(method: str, allow: str) -> tuple[int, dict[str, Any]]:
    error = not_supported(f"Method {method} is not allowed here; allowed: {allow}")
    return 405, error.to_body()


async def _send_json(
    send: Send,
    status: int,
    body: dict[str, Any],
    request_id: str,
    extra_headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    payload = _encode(body)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode("ascii")),
        (b"x-request-id", request_id.encode("ascii")),
    ]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": headers + (extra_headers or []),
        }
    )
    await send({"type": "http.response.body", "body": payload})


def _response(
    status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        _encode(body),
        status_code=status,
        media_type="application/json",
        headers={**(headers or {}), "X-Request-Id": _request_id()},
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 and 405 (paths outside the spec), in the service's error format."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        status, body = _method_not_allowed(request.method, (exc.headers or {}).get("Allow", ""))
        return _response(status, body, exc.headers)
    if exc.status_code == 404:
        return _response(404, no_resource(NOT_FOUND_MESSAGE).to_body())
    return _response(exc.status_code, parameter_invalid(exc.detail).to_body())


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return _response(500, server_error(INTERNAL_ERROR_MESSAGE).to_body())
