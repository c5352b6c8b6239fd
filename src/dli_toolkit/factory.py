"""Build a configured generated client, and the `DliClient` / `AsyncDliClient` facades over it.

`ClientSettings.resolve()` gathers what a client needs from arguments and the environment;
`build_client()` / `build_async_client()` turn it into a `dli_client.Client` whose httpx client
has the endpoint, timeouts, TLS verification, User-Agent, auth (IAM token or AK/SK signing) and
the retrying transport. The facades call the generated API functions and return their typed
models, or raise the errors of `dli_toolkit.errors`.
"""

from __future__ import annotations

import dataclasses
import os
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping, Sequence
from importlib import metadata
from typing import Any, Self, TypedDict, TypeVar, Unpack

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
from dli_client.models.engine_type import EngineType
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

from dli_toolkit import paging, waiting
from dli_toolkit.auth import auth_for
from dli_toolkit.credentials import (
    ENV_PROJECT_ID,
    Credentials,
    TokenCredentials,
    credentials_from_env,
)
from dli_toolkit.errors import (
    ConfigurationError,
    Model,
    async_error_body_hook,
    connection_failed,
    contract_mismatch,
    error_body_hook,
    unwrap,
)
from dli_toolkit.regions import endpoint_for
from dli_toolkit.transport import RetryPolicy, async_retrying_transport, retrying_transport

ENV_ENDPOINT = "DLI_ENDPOINT"
ENV_REGION = "DLI_REGION"

# The official SDK waits 60 s to connect and 120 s to read; a shorter connect timeout fails
# fast on a wrong endpoint, and the retrying transport covers a slow network.
DEFAULT_TIMEOUT = httpx.Timeout(120.0, connect=10.0)

T = TypeVar("T")


def user_agent() -> str:
    """`dli-sqljob/<version> python-httpx/<version>`."""
    try:
        version = metadata.version("dli-sqljob")
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    return f"dli-sqljob/{version} python-httpx/{httpx.__version__}"


def normalize_endpoint(endpoint: str) -> str:
    """`https://` is assumed when no scheme is given (as the official SDK does)."""
    endpoint = endpoint.strip().rstrip("/")
    if not endpoint:
        raise ConfigurationError("the endpoint is empty")
    if "://" not in endpoint:
        endpoint = f"https://{endpoint}"
    url = httpx.URL(endpoint)
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"endpoint {endpoint!r} is not an http(s) URL with a host")
    return endpoint


@dataclasses.dataclass(frozen=True)
class ClientSettings:
    """Everything a client needs. Its repr shows no secret (the credentials hide theirs)."""

    endpoint: str
    project_id: str
    credentials: Credentials
    timeout: httpx.Timeout = dataclasses.field(default_factory=lambda: DEFAULT_TIMEOUT)
    verify: bool | str | ssl.SSLContext = True
    retry: RetryPolicy = dataclasses.field(default_factory=RetryPolicy)

    @classmethod
    def resolve(
        cls,
        *,
        endpoint: str | None = None,
        region: str | None = None,
        project_id: str | None = None,
        credentials: Credentials | None = None,
        timeout: float | httpx.Timeout | None = None,
        verify: bool | str | ssl.SSLContext = True,
        retry: RetryPolicy | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ClientSettings:
        """Settings from arguments, falling back on the environment.

        The endpoint is `endpoint`, else the one of `region`, else $DLI_ENDPOINT, else the one
        of $DLI_REGION. Credentials are `credentials`, else AK/SK from $HUAWEICLOUD_SDK_AK and
        $HUAWEICLOUD_SDK_SK, else a token from $DLI_AUTH_TOKEN. The project ID is `project_id`,
        else the credentials', else $HUAWEICLOUD_SDK_PROJECT_ID.
        """
        env = os.environ if environ is None else environ
        try:
            credentials = credentials or credentials_from_env(env)
            project = project_id or credentials.project_id or env.get(ENV_PROJECT_ID)
            if not project:
                raise ConfigurationError(
                    f"no project ID: pass one or set {ENV_PROJECT_ID} (the project of the region)"
                )
            # AK/SK signing sends X-Project-Id from the credentials, so they carry the project.
            credentials = dataclasses.replace(credentials, project_id=project)
        except ConfigurationError:
            raise
        except ValueError as error:
            raise ConfigurationError(str(error)) from error
        if isinstance(timeout, int | float):
            timeout = httpx.Timeout(float(timeout))
        return cls(
            endpoint=_endpoint(endpoint, region, env),
            project_id=project,
            credentials=credentials,
            timeout=timeout or DEFAULT_TIMEOUT,
            verify=verify,
            retry=retry or RetryPolicy(),
        )

    def secrets(self) -> tuple[str, ...]:
        """Values that must never be shown, to scrub from text quoted out of responses."""
        creds = self.credentials
        if isinstance(creds, TokenCredentials):
            return (creds.token,)
        return tuple(s for s in (creds.secret_key, creds.security_token) if s)


def _endpoint(endpoint: str | None, region: str | None, env: Mapping[str, str]) -> str:
    if endpoint:
        return normalize_endpoint(endpoint)
    if region:
        return endpoint_for(region)
    if env.get(ENV_ENDPOINT):
        return normalize_endpoint(env[ENV_ENDPOINT])
    if env.get(ENV_REGION):
        return endpoint_for(env[ENV_REGION])
    raise ConfigurationError(
        f"no endpoint: pass a region or an endpoint, or set {ENV_REGION} or {ENV_ENDPOINT}"
    )


def _client(
    settings: ClientSettings,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport,
    hook: Callable[[httpx.Response], object],
) -> Client:
    return Client(
        base_url=settings.endpoint,
        headers={"User-Agent": user_agent()},
        timeout=settings.timeout,
        verify_ssl=settings.verify,
        follow_redirects=False,
        httpx_args={
            "auth": auth_for(settings.credentials),
            "transport": transport,
            "event_hooks": {"response": [hook]},
        },
    )


def build_client(settings: ClientSettings) -> Client:
    """A generated `Client` for synchronous calls (`sync_detailed`)."""
    # httpx ignores `verify` once a transport is given: the inner transport takes it.
    inner = httpx.HTTPTransport(verify=settings.verify)
    transport = retrying_transport(settings.retry, inner=inner)
    return _client(settings, transport, error_body_hook(settings.secrets()))


def build_async_client(settings: ClientSettings) -> Client:
    """A generated `Client` for asynchronous calls (`asyncio_detailed`)."""
    inner = httpx.AsyncHTTPTransport(verify=settings.verify)
    transport = async_retrying_transport(settings.retry, inner=inner)
    return _client(settings, transport, async_error_body_hook(settings.secrets()))


class SettingsArgs(TypedDict, total=False):
    """Keyword arguments of `ClientSettings.resolve`."""

    endpoint: str | None
    region: str | None
    project_id: str | None
    credentials: Credentials | None
    timeout: float | httpx.Timeout | None
    verify: bool | str | ssl.SSLContext
    retry: RetryPolicy | None
    environ: Mapping[str, str] | None


Conf = Sequence[str] | Mapping[str, str]


def _given(value: T | None) -> T | Unset:
    return UNSET if value is None else value


def _submit_body(
    sql: str,
    queue: str | None,
    database: str | None,
    conf: Conf | None,
    tags: Mapping[str, str] | None,
    engine: EngineType | None,
    catalog: str | None,
) -> CreateSqlJobRequest:
    if isinstance(conf, Mapping):
        conf = [f"{key}={value}" for key, value in conf.items()]
    return CreateSqlJobRequest(
        sql=sql,
        currentdb=_given(database),
        current_catalog=_given(catalog),
        queue_name=_given(queue),
        conf=UNSET if conf is None else list(conf),
        tags=UNSET if tags is None else [Tag(key=k, value=v) for k, v in tags.items()],
        engine_type=_given(engine),
    )


def _check_body(sql: str, database: str | None) -> CheckSqlRequest:
    return CheckSqlRequest(sql=sql, currentdb=_given(database))


class _Facade:
    def __init__(
        self, client: Client, project_id: str, endpoint: httpx.URL, secrets: Sequence[str]
    ) -> None:
        self.client = client
        self.project_id = project_id
        self.endpoint = str(endpoint).rstrip("/")
        # Scrubbed from any text quoted out of a response.
        self._secrets = tuple(secrets)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(endpoint={self.endpoint!r}, project_id={self.project_id!r})"


class DliClient(_Facade):
    """The SQL-job API, synchronously, over a generated `Client` (see `create`).

    Every method returns the generated success model or raises a `dli_toolkit.errors` error:
    a `DliApiError` when the service says no, `ConnectionFailed` when it does not answer.
    """

    def __init__(self, client: Client, project_id: str, *, secrets: Sequence[str] = ()) -> None:
        super().__init__(client, project_id, client.get_httpx_client().base_url, secrets)

    @classmethod
    def create(cls, **settings: Unpack[SettingsArgs]) -> Self:
        """A client configured by `ClientSettings.resolve(**settings)`."""
        resolved = ClientSettings.resolve(**settings)
        return cls(build_client(resolved), resolved.project_id, secrets=resolved.secrets())

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.get_httpx_client().close()

    def _call(self, send: Callable[[], Response[Any]], expected: type[Model]) -> Model:
        try:
            response = send()
        except httpx.TransportError as error:
            raise connection_failed(self.endpoint, error) from error
        except (ValueError, KeyError, TypeError) as error:
            raise contract_mismatch(error) from error
        return unwrap(response, expected, redact=self._secrets)

    def submit(
        self,
        sql: str,
        *,
        queue: str | None = None,
        database: str | None = None,
        conf: Conf | None = None,
        tags: Mapping[str, str] | None = None,
        engine: EngineType | None = None,
        catalog: str | None = None,
    ) -> CreateSqlJobResponse:
        """Submit one statement; `conf` is `["k=v", ...]` or `{"k": "v"}`. Not retried on
        errors after sending (a resend could run it twice)."""
        body = _submit_body(sql, queue, database, conf, tags, engine, catalog)
        return self._call(
            lambda: create_sql_job.sync_detailed(self.project_id, client=self.client, body=body),
            CreateSqlJobResponse,
        )

    def check_sql(self, sql: str, *, database: str | None = None) -> CheckSqlResponse:
        """Parse without running; invalid SQL raises `InvalidSql`."""
        body = _check_body(sql, database)
        return self._call(
            lambda: check_sql.sync_detailed(self.project_id, client=self.client, body=body),
            CheckSqlResponse,
        )

    def status(self, job_id: str) -> ShowSqlJobStatusResponse:
        return self._call(
            lambda: show_sql_job_status.sync_detailed(self.project_id, job_id, client=self.client),
            ShowSqlJobStatusResponse,
        )

    def detail(self, job_id: str) -> ShowSqlJobDetailResponse:
        return self._call(
            lambda: show_sql_job_detail.sync_detailed(self.project_id, job_id, client=self.client),
            ShowSqlJobDetailResponse,
        )

    def progress(self, job_id: str) -> ShowSqlJobProgressResponse:
        return self._call(
            lambda: show_sql_job_progress.sync_detailed(
                self.project_id, job_id, client=self.client
            ),
            ShowSqlJobProgressResponse,
        )

    def cancel(self, job_id: str) -> SuccessEnvelope:
        return self._call(
            lambda: cancel_sql_job.sync_detailed(self.project_id, job_id, client=self.client),
            SuccessEnvelope,
        )

    def preview(
        self, job_id: str, *, queue: str | None = None, page_size: int | None = None
    ) -> PreviewSqlJobResultResponse:
        """The first rows (at most 1000) of a finished QUERY job."""
        return self._call(
            lambda: preview_sql_job_result.sync_detailed(
                self.project_id,
                job_id,
                client=self.client,
                queue_name=_given(queue),
                page_size=_given(page_size),
            ),
            PreviewSqlJobResultResponse,
        )

    def export_result(self, job_id: str, request: ExportSqlJobResultRequest) -> AsyncJobResponse:
        """Start an EXPORT job writing the result to OBS; poll the returned `job_id`."""
        return self._call(
            lambda: export_sql_job_result.sync_detailed(
                self.project_id, job_id, client=self.client, body=request
            ),
            AsyncJobResponse,
        )

    def list_jobs(
        self,
        *,
        page_size: int = paging.DEFAULT_PAGE_SIZE,
        current_page: int = 1,
        **filters: Unpack[paging.JobFilters],
    ) -> ListSqlJobsResponse:
        """One page of jobs; `job_count` counts all pages. See `iter_jobs` to walk them."""
        return self._call(
            lambda: list_sql_jobs.sync_detailed(
                self.project_id,
                client=self.client,
                page_size=page_size,
                current_page=current_page,
                **filters,
            ),
            ListSqlJobsResponse,
        )

    def iter_jobs(
        self,
        *,
        page_size: int = paging.DEFAULT_PAGE_SIZE,
        limit: int | None = None,
        **filters: Unpack[paging.JobFilters],
    ) -> Iterator[SqlJob]:
        """Every matching job, fetching pages as they are consumed (see `paging`)."""
        return paging.iter_jobs(
            lambda page, size: self.list_jobs(page_size=size, current_page=page, **filters),
            page_size=page_size,
            limit=limit,
        )

    def wait(
        self,
        job_id: str,
        *,
        timeout: float | None = waiting.DEFAULT_WAIT_TIMEOUT,
        backoff: waiting.Backoff | None = None,
        on_progress: waiting.ProgressCallback | None = None,
    ) -> ShowSqlJobStatusResponse:
        """Wait until the job ends (see `waiting.wait_for_job`)."""
        return waiting.wait_for_job(
            self, job_id, timeout=timeout, backoff=backoff, on_progress=on_progress
        )


class AsyncDliClient(_Facade):
    """The async twin of `DliClient`, over a generated `Client` built by `build_async_client`."""

    def __init__(self, client: Client, project_id: str, *, secrets: Sequence[str] = ()) -> None:
        super().__init__(client, project_id, client.get_async_httpx_client().base_url, secrets)

    @classmethod
    def create(cls, **settings: Unpack[SettingsArgs]) -> Self:
        """A client configured by `ClientSettings.resolve(**settings)`."""
        resolved = ClientSettings.resolve(**settings)
        return cls(build_async_client(resolved), resolved.project_id, secrets=resolved.secrets())

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.client.get_async_httpx_client().aclose()

    async def _call(self, sending: Awaitable[Response[Any]], expected: type[Model]) -> Model:
        try:
            response = await sending
        except httpx.TransportError as error:
            raise connection_failed(self.endpoint, error) from error
        except (ValueError, KeyError, TypeError) as error:
            raise contract_mismatch(error) from error
        return unwrap(response, expected, redact=self._secrets)

    async def submit(
        self,
        sql: str,
        *,
        queue: str | None = None,
        database: str | None = None,
        conf: Conf | None = None,
        tags: Mapping[str, str] | None = None,
        engine: EngineType | None = None,
        catalog: str | None = None,
    ) -> CreateSqlJobResponse:
        body = _submit_body(sql, queue, database, conf, tags, engine, catalog)
        return await self._call(
            create_sql_job.asyncio_detailed(self.project_id, client=self.client, body=body),
            CreateSqlJobResponse,
        )

    async def check_sql(self, sql: str, *, database: str | None = None) -> CheckSqlResponse:
        body = _check_body(sql, database)
        return await self._call(
            check_sql.asyncio_detailed(self.project_id, client=self.client, body=body),
            CheckSqlResponse,
        )

    async def status(self, job_id: str) -> ShowSqlJobStatusResponse:
        return await self._call(
            show_sql_job_status.asyncio_detailed(self.project_id, job_id, client=self.client),
            ShowSqlJobStatusResponse,
        )

    async def detail(self, job_id: str) -> ShowSqlJobDetailResponse:
        return await self._call(
            show_sql_job_detail.asyncio_detailed(self.project_id, job_id, client=self.client),
            ShowSqlJobDetailResponse,
        )

    async def progress(self, job_id: str) -> ShowSqlJobProgressResponse:
        return await self._call(
            show_sql_job_progress.asyncio_detailed(self.project_id, job_id, client=self.client),
            ShowSqlJobProgressResponse,
        )

    async def cancel(self, job_id: str) -> SuccessEnvelope:
        return await self._call(
            cancel_sql_job.asyncio_detailed(self.project_id, job_id, client=self.client),
            SuccessEnvelope,
        )

    async def preview(
        self, job_id: str, *, queue: str | None = None, page_size: int | None = None
    ) -> PreviewSqlJobResultResponse:
        return await self._call(
            preview_sql_job_result.asyncio_detailed(
                self.project_id,
                job_id,
                client=self.client,
                queue_name=_given(queue),
                page_size=_given(page_size),
            ),
            PreviewSqlJobResultResponse,
        )

    async def export_result(
        self, job_id: str, request: ExportSqlJobResultRequest
    ) -> AsyncJobResponse:
        return await self._call(
            export_sql_job_result.asyncio_detailed(
                self.project_id, job_id, client=self.client, body=request
            ),
            AsyncJobResponse,
        )

    async def list_jobs(
        self,
        *,
        page_size: int = paging.DEFAULT_PAGE_SIZE,
        current_page: int = 1,
        **filters: Unpack[paging.JobFilters],
    ) -> ListSqlJobsResponse:
        return await self._call(
            list_sql_jobs.asyncio_detailed(
                self.project_id,
                client=self.client,
                page_size=page_size,
                current_page=current_page,
                **filters,
            ),
            ListSqlJobsResponse,
        )

    def iter_jobs(
        self,
        *,
        page_size: int = paging.DEFAULT_PAGE_SIZE,
        limit: int | None = None,
        **filters: Unpack[paging.JobFilters],
    ) -> AsyncIterator[SqlJob]:
        return paging.aiter_jobs(
            lambda page, size: self.list_jobs(page_size=size, current_page=page, **filters),
            page_size=page_size,
            limit=limit,
        )

    async def wait(
        self,
        job_id: str,
        *,
        timeout: float | None = waiting.DEFAULT_WAIT_TIMEOUT,
        backoff: waiting.Backoff | None = None,
        on_progress: waiting.ProgressCallback | None = None,
    ) -> ShowSqlJobStatusResponse:
        return await waiting.async_wait_for_job(
            self, job_id, timeout=timeout, backoff=backoff, on_progress=on_progress
        )
