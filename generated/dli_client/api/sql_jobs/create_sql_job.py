from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_sql_job_request import CreateSqlJobRequest
from ...models.create_sql_job_response import CreateSqlJobResponse
from ...models.dli_error import DliError
from ...models.gateway_error import GatewayError
from ...types import Response


def _get_kwargs(
    project_id: str,
    *,
    body: CreateSqlJobRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1.0/{project_id}/jobs/submit-job".format(
            project_id=quote(str(project_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateSqlJobResponse | DliError | GatewayError | None:
    if response.status_code == 200:
        response_200 = CreateSqlJobResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DliError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = GatewayError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = GatewayError.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = GatewayError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = DliError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreateSqlJobResponse | DliError | GatewayError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateSqlJobRequest,
) -> Response[CreateSqlJobResponse | DliError | GatewayError]:
    """Submit a SQL job

     Runs one SQL statement on a queue. The statement's kind decides the job type (QUERY, INSERT,
    DDL, DCL, ...). DCL statements, and DDL statements with `dli.sql.sqlasync.enabled=false` in
    `conf`, run synchronously; everything else returns at once with `job_mode: async` and a
    `job_id` to poll. A submit is not idempotent: resending it after a timeout can run the
    statement twice.

    Args:
        project_id (str):
        body (CreateSqlJobRequest):  Example: {'sql': 'select 1', 'queue_name': 'default'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateSqlJobResponse | DliError | GatewayError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateSqlJobRequest,
) -> CreateSqlJobResponse | DliError | GatewayError | None:
    """Submit a SQL job

     Runs one SQL statement on a queue. The statement's kind decides the job type (QUERY, INSERT,
    DDL, DCL, ...). DCL statements, and DDL statements with `dli.sql.sqlasync.enabled=false` in
    `conf`, run synchronously; everything else returns at once with `job_mode: async` and a
    `job_id` to poll. A submit is not idempotent: resending it after a timeout can run the
    statement twice.

    Args:
        project_id (str):
        body (CreateSqlJobRequest):  Example: {'sql': 'select 1', 'queue_name': 'default'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateSqlJobResponse | DliError | GatewayError
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateSqlJobRequest,
) -> Response[CreateSqlJobResponse | DliError | GatewayError]:
    """Submit a SQL job

     Runs one SQL statement on a queue. The statement's kind decides the job type (QUERY, INSERT,
    DDL, DCL, ...). DCL statements, and DDL statements with `dli.sql.sqlasync.enabled=false` in
    `conf`, run synchronously; everything else returns at once with `job_mode: async` and a
    `job_id` to poll. A submit is not idempotent: resending it after a timeout can run the
    statement twice.

    Args:
        project_id (str):
        body (CreateSqlJobRequest):  Example: {'sql': 'select 1', 'queue_name': 'default'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateSqlJobResponse | DliError | GatewayError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateSqlJobRequest,
) -> CreateSqlJobResponse | DliError | GatewayError | None:
    """Submit a SQL job

     Runs one SQL statement on a queue. The statement's kind decides the job type (QUERY, INSERT,
    DDL, DCL, ...). DCL statements, and DDL statements with `dli.sql.sqlasync.enabled=false` in
    `conf`, run synchronously; everything else returns at once with `job_mode: async` and a
    `job_id` to poll. A submit is not idempotent: resending it after a timeout can run the
    statement twice.

    Args:
        project_id (str):
        body (CreateSqlJobRequest):  Example: {'sql': 'select 1', 'queue_name': 'default'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateSqlJobResponse | DliError | GatewayError
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed
