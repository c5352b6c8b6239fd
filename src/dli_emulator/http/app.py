"""The ASGI app: every operation of openapi.yaml, routed and checked from the spec, then served.

API paths go straight to `api.Api` (see there for what a request goes through); Starlette
serves the rest: the lifespan that starts and stops the service, the reset route, and unknown
paths and methods, answered in the service's error format. Keeping Starlette's middleware off
the API's paths matters for the status route that clients poll: every error there is already
answered by `Api` itself.
"""

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..config import ConfigError, Settings, declared_buckets
from ..errors import DliError, no_resource, parameter_invalid, server_error
from ..jobs.service import EmulatorService
from . import requests
from .api import INTERNAL_ERROR_MESSAGE, Api, Endpoint, Handler
from .auth import Authenticator
from .responses import method_not_allowed, response
from .routing import RouteTable
from .validation import Operation, spec_operations

# A link to the repository's openapi.yaml: an installed wheel carries the file itself.
DEFAULT_SPEC = Path(__file__).parent.parent / "openapi.yaml"
RESET_PATH = "/_emulator/reset"
NOT_FOUND_MESSAGE = "No related resource was found."

log = logging.getLogger("dli_emulator")

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


class EmulatorApp:
    """API paths to `Api`, everything else (lifespan included) to the Starlette app."""

    def __init__(self, api: Api, fallback: Starlette) -> None:
        self.api = api
        self.fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            match = self.api.match(scope)
            if match is not None:
                await self.api.handle(match, scope, receive, send)
                return
        await self.fallback(scope, receive, send)


def create_app(settings: Settings, spec_path: Path = DEFAULT_SPEC) -> ASGIApp:
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
    api = Api(RouteTable(templates), Authenticator(settings.projects))

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        api.service = EmulatorService(
            settings.data_dir,
            settings.queues,
            settings.workers,
            engine=settings.engine,
            buckets=declared_buckets(settings.projects),
            engine_options=settings.engine_options,
        )
        try:
            yield
        finally:
            service, api.service = api.service, None
            await to_thread.run_sync(service.close)

    async def reset(_: Request) -> Response:
        assert api.service is not None
        await to_thread.run_sync(api.service.reset)
        return response(200, {"is_success": True, "message": "emulator state reset"})

    routes = [Route(RESET_PATH, reset, methods=["POST"])] if settings.enable_reset else []
    fallback = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )
    # A trailing-slash variant of an API path is another path (404), not a redirect.
    fallback.router.redirect_slashes = False
    return EmulatorApp(api, fallback)


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


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 and 405 (paths outside the spec), in the service's error format."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        status, body = method_not_allowed(request.method, (exc.headers or {}).get("Allow", ""))
        return response(status, body, exc.headers)
    if exc.status_code == 404:
        return response(404, no_resource(NOT_FOUND_MESSAGE).to_body())
    return response(exc.status_code, parameter_invalid(exc.detail).to_body())


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return response(500, server_error(INTERNAL_ERROR_MESSAGE).to_body())
