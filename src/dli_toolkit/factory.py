"""`DliClient` and `AsyncDliClient`: the SQL-job API over a configured generated client.

Built the way httpx builds `Client` and `AsyncClient`: `_DliClientBase` turns each operation's
arguments into a `Call` (the generated operation module, its arguments and the success model
expected) once; the sync and async classes only send it, through `sync_detailed` or
`asyncio_detailed`, and map the outcome to a typed model or a `dli_toolkit.errors` error.

`build_client()` / `build_async_client()` make the generated `dli_client.Client` from
`ClientSettings` (see `dli_toolkit.settings`): endpoint, timeouts, TLS verification, User-Agent,
auth (IAM token or AK/SK signing) and the retrying transport.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Generic, Self, TypeVar, Unpack
from urllib.parse import urlsplit

import httpx
from dli_client import Client
from dli_client.api.sql_job_results import export_sql_job_result, preview_sql_job_result
from dli_client.api.sql_jobs import (
    cancel_sql_job,
    check_sql,
    create_sql_job,
    list_sql_jobs,
    show_sql_job_detail,
    show_sql_job_progress,
    show_sql_job_status,
)
from dli_client.models.async_job_response import AsyncJobResponse
from dli_client.models.check_sql_request import CheckSqlRequest
from dli_client.models.check_sql_response import CheckSqlResponse
from dli_client.models.create_sql_job_request import CreateSqlJobRequest
from dli_client.models.create_sql_job_response import CreateSqlJobResponse
from dli_client.models.export_sql_job_result_request import ExportSqlJobResultRequest
from dli_client.models.list_sql_jobs_response import ListSqlJobsResponse
from dli_client.models.preview_sql_job_result_response import PreviewSqlJobResultResponse
from dli_client.models.show_sql_job_detail_response import ShowSqlJobDetailResponse
from dli_client.models.show_sql_job_progress_response import ShowSqlJobProgressResponse
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse
from dli_client.models.sql_job import SqlJob
from dli_client.models.success_envelope import SuccessEnvelope
from dli_client.models.tag import Tag
from dli_client.types import UNSET, Response, Unset

from dli_toolkit import paging, pipelines, waiting
from dli_toolkit.auth import auth_for
from dli_toolkit.credentials import AccessKeyCredentials
from dli_toolkit.errors import (
    DliToolkitError,
    Model,
    async_error_body_hook,
    connection_failed,
    contract_mismatch,
    error_body_hook,
    unwrap,
)
from dli_toolkit.pipelines import RunOptions, SubmitOptions
from dli_toolkit.results import QueryResult
from dli_toolkit.settings import ClientSettings, SettingsArgs, user_agent
from dli_toolkit.transport import async_retrying_transport, retrying_transport

T = TypeVar("T")
# What sending can raise: no answer, or an answer the generated models cannot read.
_SEND_ERRORS = (httpx.TransportError, ValueError, KeyError, TypeError)


def _client(
    settings: ClientSettings,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport,
    hook: Callable[[httpx.Response], object],
) -> Client:
    headers = {"User-Agent": user_agent()}
    if isinstance(settings.credentials, AccessKeyCredentials):
        # Signed on every request: set once here rather than added by the signer each time.
        headers["X-Project-Id"] = settings.project_id
    return Client(
        base_url=settings.endpoint,
        headers=headers,
        timeout=settings.timeout,
        verify_ssl=tls_verify(settings),
        follow_redirects=False,
        httpx_args={
            "auth": auth_for(settings.credentials),
            "transport": transport,
            "event_hooks": {"response": [hook]},
        },
    )


def tls_verify(settings: ClientSettings) -> bool | str | ssl.SSLContext:
    """`settings.verify` for an https endpoint; False for a plain-http one (the emulator's),
    which never opens TLS (the client follows no redirects), so that the client does not load
    the CA bundle it would never use (about 35 ms per client)."""
    return settings.verify if urlsplit(settings.endpoint).scheme == "https" else False


def build_client(settings: ClientSettings) -> Client:
    """A generated `Client` for synchronous calls (`sync_detailed`)."""
    # httpx ignores `verify` once a transport is given: the inner transport takes it.
    inner = httpx.HTTPTransport(verify=tls_verify(settings))
    transport = retrying_transport(settings.retry, inner=inner)
    return _client(settings, transport, error_body_hook(settings.secrets()))


def build_async_client(settings: ClientSettings) -> Client:
    """A generated `Client` for asynchronous calls (`asyncio_detailed`)."""
    inner = httpx.AsyncHTTPTransport(verify=tls_verify(settings))
    transport = async_retrying_transport(settings.retry, inner=inner)
    return _client(settings, transport, async_error_body_hook(settings.secrets()))


def _given(value: T | None) -> T | Unset:
    return UNSET if value is None else value


@dataclass(frozen=True, slots=True)
class Call(Generic[Model]):
    """One operation, ready to send: `operation.sync_detailed(*args, client=..., **kwargs)`
    (or `asyncio_detailed`) answers with `expected` on success."""

    operation: ModuleType
    args: tuple[str, ...]
    kwargs: Mapping[str, Any]
    expected: type[Model]


class _DliClientBase:
    """Builds every call; `DliClient` and `AsyncDliClient` send them."""

    def __init__(self, client: Client, project_id: str, *, secrets: Sequence[str] = ()) -> None:
        self.client = client
        self.project_id = project_id
        self.endpoint = str(self._base_url(client)).rstrip("/")
        # Scrubbed from any text quoted out of a response.
        self._secrets = tuple(secrets)

    @staticmethod
    def _build(settings: ClientSettings) -> Client:
        """The generated client `create` builds: `build_client` or `build_async_client`."""
        raise NotImplementedError

    @staticmethod
    def _base_url(client: Client) -> httpx.URL:
        """Where `client` sends, as the httpx client it sends with says."""
        raise NotImplementedError

    @classmethod
    def create(cls, **settings: Unpack[SettingsArgs]) -> Self:
        """A client configured by `ClientSettings.resolve(**settings)`."""
        resolved = ClientSettings.resolve(**settings)
        return cls(cls._build(resolved), resolved.project_id, secrets=resolved.secrets())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint={self.endpoint!r}, project_id={self.project_id!r})"

    def _failure(self, error: Exception) -> DliToolkitError:
        """What a caller sees when sending raised `error` (one of `_SEND_ERRORS`)."""
        if isinstance(error, httpx.TransportError):
            return connection_failed(self.endpoint, error)
        # The generated model refused what came back: the contract and the service disagree.
        return contract_mismatch(error)

    def _answer(self, call: Call[Model], response: Response[Any]) -> Model:
        return unwrap(response, call.expected, redact=self._secrets)

    def _job(self, operation: ModuleType, job_id: str, expected: type[Model]) -> Call[Model]:
        return Call(operation, (self.project_id, job_id), {}, expected)

    def _submit(self, sql: str, options: SubmitOptions) -> Call[CreateSqlJobResponse]:
        conf, tags = options.get("conf"), options.get("tags")
        if isinstance(conf, Mapping):
            conf = [f"{key}={value}" for key, value in conf.items()]
        body = CreateSqlJobRequest(
            sql=sql,
            currentdb=_given(options.get("database")),
            current_catalog=_given(options.get("catalog")),
            queue_name=_given(options.get("queue")),
            conf=UNSET if conf is None else list(conf),
            tags=UNSET if tags is None else [Tag(key=k, value=v) for k, v in tags.items()],
            engine_type=_given(options.get("engine")),
        )
        return Call(create_sql_job, (self.project_id,), {"body": body}, CreateSqlJobResponse)

    def _check_sql(self, sql: str, database: str | None) -> Call[CheckSqlResponse]:
        body = CheckSqlRequest(sql=sql, currentdb=_given(database))
        return Call(check_sql, (self.project_id,), {"body": body}, CheckSqlResponse)

    def _preview(
        self, job_id: str, queue: str | None, page_size: int | None
    ) -> Call[PreviewSqlJobResultResponse]:
        arguments = {"queue_name": _given(queue), "page_size": _given(page_size)}
        return Call(
            preview_sql_job_result,
            (self.project_id, job_id),
            arguments,
            PreviewSqlJobResultResponse,
        )

    def _export(self, job_id: str, request: ExportSqlJobResultRequest) -> Call[AsyncJobResponse]:
        return Call(
            export_sql_job_result, (self.project_id, job_id), {"body": request}, AsyncJobResponse
        )

    def _list_jobs(self, query: paging.PageQuery) -> Call[ListSqlJobsResponse]:
        arguments = {"page_size": paging.DEFAULT_PAGE_SIZE, "current_page": 1, **query}
        return Call(list_sql_jobs, (self.project_id,), arguments, ListSqlJobsResponse)


class DliClient(_DliClientBase):
    """The SQL-job API, synchronously, over a generated `Client` (see `create`).

    Every method returns the generated success model or raises a `dli_toolkit.errors` error:
    a `DliApiError` when the service says no, `ConnectionFailed` when it does not answer.
    """

    _build = staticmethod(build_client)

    @staticmethod
    def _base_url(client: Client) -> httpx.URL:
        return client.get_httpx_client().base_url

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.get_httpx_client().close()

    def send(self, call: Call[Model]) -> Model:
        """Send a call built by the base; every method below is one."""
        try:
            response = call.operation.sync_detailed(*call.args, client=self.client, **call.kwargs)
        except _SEND_ERRORS as error:
            raise self._failure(error) from error
        return self._answer(call, response)

    def submit(self, sql: str, **options: Unpack[SubmitOptions]) -> CreateSqlJobResponse:
        """Submit one statement (`queue`, `database`, `conf` as `["k=v", ...]` or
        `{"k": "v"}`, `tags`, `engine`, `catalog`). Not retried on errors after sending (a
        resend could run it twice)."""
        return self.send(self._submit(sql, options))

    def check_sql(self, sql: str, *, database: str | None = None) -> CheckSqlResponse:
        """Parse without running; invalid SQL raises `InvalidSql`."""
        return self.send(self._check_sql(sql, database))

    def status(self, job_id: str) -> ShowSqlJobStatusResponse:
        return self.send(self._job(show_sql_job_status, job_id, ShowSqlJobStatusResponse))

    def detail(self, job_id: str) -> ShowSqlJobDetailResponse:
        return self.send(self._job(show_sql_job_detail, job_id, ShowSqlJobDetailResponse))

    def progress(self, job_id: str) -> ShowSqlJobProgressResponse:
        return self.send(self._job(show_sql_job_progress, job_id, ShowSqlJobProgressResponse))

    def cancel(self, job_id: str) -> SuccessEnvelope:
        return self.send(self._job(cancel_sql_job, job_id, SuccessEnvelope))

    def preview(
        self, job_id: str, *, queue: str | None = None, page_size: int | None = None
    ) -> PreviewSqlJobResultResponse:
        """The first rows (at most `paging.MAX_PREVIEW_ROWS`) of a finished QUERY job."""
        return self.send(self._preview(job_id, queue, page_size))

    def export_result(self, job_id: str, request: ExportSqlJobResultRequest) -> AsyncJobResponse:
        """Start an EXPORT job writing the result to OBS; poll the returned `job_id`."""
        return self.send(self._export(job_id, request))

    def list_jobs(self, **query: Unpack[paging.PageQuery]) -> ListSqlJobsResponse:
        """One page of jobs (`current_page`, `page_size`, filters: see `paging.PageQuery`);
        `job_count` counts all pages. See `iter_jobs` to walk them."""
        return self.send(self._list_jobs(query))

    def iter_jobs(self, **walk: Unpack[paging.JobWalk]) -> Iterator[SqlJob]:
        """Every matching job, fetching pages as they are consumed (`page_size`, `limit`,
        filters: see `paging.JobWalk`)."""
        return paging.iter_jobs(self.list_jobs, **walk)

    def wait(self, job_id: str, **options: Unpack[waiting.WaitOptions]) -> ShowSqlJobStatusResponse:
        """Wait until the job ends (`timeout`, `backoff`, `on_progress`: see
        `waiting.wait_for_job`)."""
        return waiting.wait_for_job(self, job_id, **options)

    def run(self, sql: str, **options: Unpack[RunOptions]) -> QueryResult:
        """Submit, wait, and return the result: a query's preview (`truncated` says when it
        holds fewer rows than the job made), or every row with `all_rows` (see `fetch`)."""
        return pipelines.run(self, sql, **options)

    def fetch(self, job_id: str, options: pipelines.FetchOptions | None = None) -> QueryResult:
        """Every row of a finished query: the preview when it holds them all, else an export
        to OBS streamed back (see `pipelines.FetchOptions` for where)."""
        return pipelines.fetch(self, job_id, options)


class AsyncDliClient(_DliClientBase):
    """`DliClient`'s methods as coroutines, over a generated `Client` built by
    `build_async_client`; each sends the same call."""

    _build = staticmethod(build_async_client)

    @staticmethod
    def _base_url(client: Client) -> httpx.URL:
        return client.get_async_httpx_client().base_url

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.client.get_async_httpx_client().aclose()

    async def send(self, call: Call[Model]) -> Model:
        try:
            response = await call.operation.asyncio_detailed(
                *call.args, client=self.client, **call.kwargs
            )
        except _SEND_ERRORS as error:
            raise self._failure(error) from error
        return self._answer(call, response)

    async def submit(self, sql: str, **options: Unpack[SubmitOptions]) -> CreateSqlJobResponse:
        return await self.send(self._submit(sql, options))

    async def check_sql(self, sql: str, *, database: str | None = None) -> CheckSqlResponse:
        return await self.send(self._check_sql(sql, database))

    async def status(self, job_id: str) -> ShowSqlJobStatusResponse:
        return await self.send(self._job(show_sql_job_status, job_id, ShowSqlJobStatusResponse))

    async def detail(self, job_id: str) -> ShowSqlJobDetailResponse:
        return await self.send(self._job(show_sql_job_detail, job_id, ShowSqlJobDetailResponse))

    async def progress(self, job_id: str) -> ShowSqlJobProgressResponse:
        call = self._job(show_sql_job_progress, job_id, ShowSqlJobProgressResponse)
        return await self.send(call)

    async def cancel(self, job_id: str) -> SuccessEnvelope:
        return await self.send(self._job(cancel_sql_job, job_id, SuccessEnvelope))

    async def preview(
        self, job_id: str, *, queue: str | None = None, page_size: int | None = None
    ) -> PreviewSqlJobResultResponse:
        return await self.send(self._preview(job_id, queue, page_size))

    async def export_result(
        self, job_id: str, request: ExportSqlJobResultRequest
    ) -> AsyncJobResponse:
        return await self.send(self._export(job_id, request))

    async def list_jobs(self, **query: Unpack[paging.PageQuery]) -> ListSqlJobsResponse:
        return await self.send(self._list_jobs(query))

    def iter_jobs(self, **walk: Unpack[paging.JobWalk]) -> AsyncIterator[SqlJob]:
        return paging.aiter_jobs(self.list_jobs, **walk)

    async def wait(
        self, job_id: str, **options: Unpack[waiting.WaitOptions]
    ) -> ShowSqlJobStatusResponse:
        return await waiting.async_wait_for_job(self, job_id, **options)

    async def run(self, sql: str, **options: Unpack[RunOptions]) -> QueryResult:
        return await pipelines.arun(self, sql, **options)

    async def fetch(
        self, job_id: str, options: pipelines.FetchOptions | None = None
    ) -> QueryResult:
        return await pipelines.afetch(self, job_id, options)
