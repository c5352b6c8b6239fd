from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.async_job_response import AsyncJobResponse
from ...models.dli_error import DliError
from ...models.export_table_request import ExportTableRequest
from ...models.gateway_error import GatewayError
from ...types import Response


def _get_kwargs(
    project_id: str,
    *,
    body: ExportTableRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1.0/{project_id}/jobs/export-table".format(
            project_id=quote(str(project_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AsyncJobResponse | DliError | GatewayError | None:
    if response.status_code == 200:
        response_200 = AsyncJobResponse.from_dict(response.json())

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
) -> Response[AsyncJobResponse | DliError | GatewayError]:
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
    body: ExportTableRequest,
) -> Response[AsyncJobResponse | DliError | GatewayError]:
    """Export a table's data

     Writes a table's rows to an OBS folder as an asynchronous EXPORT job. Deprecated by the
    service: prefer exporting a query's result with `exportSqlJobResult`.

    Args:
        project_id (str):
        body (ExportTableRequest):  Example: {'data_path': 'obs://home/data1/DLI/test',
            'data_type': 'json', 'database_name': 'tpchtest2', 'table_name': 't2', 'compress':
            'none'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AsyncJobResponse | DliError | GatewayError]
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
    body: ExportTableRequest,
) -> AsyncJobResponse | DliError | GatewayError | None:
    """Export a table's data

     Writes a table's rows to an OBS folder as an asynchronous EXPORT job. Deprecated by the
    service: prefer exporting a query's result with `exportSqlJobResult`.

    Args:
        project_id (str):
        body (ExportTableRequest):  Example: {'data_path': 'obs://home/data1/DLI/test',
            'data_type': 'json', 'database_name': 'tpchtest2', 'table_name': 't2', 'compress':
            'none'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AsyncJobResponse | DliError | GatewayError
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
    body: ExportTableRequest,
) -> Response[AsyncJobResponse | DliError | GatewayError]:
    """Export a table's data

     Writes a table's rows to an OBS folder as an asynchronous EXPORT job. Deprecated by the
    service: prefer exporting a query's result with `exportSqlJobResult`.

    Args:
        project_id (str):
        body (ExportTableRequest):  Example: {'data_path': 'obs://home/data1/DLI/test',
            'data_type': 'json', 'database_name': 'tpchtest2', 'table_name': 't2', 'compress':
            'none'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AsyncJobResponse | DliError | GatewayError]
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
    body: ExportTableRequest,
) -> AsyncJobResponse | DliError | GatewayError | None:
    """Export a table's data

     Writes a table's rows to an OBS folder as an asynchronous EXPORT job. Deprecated by the
    service: prefer exporting a query's result with `exportSqlJobResult`.

    Args:
        project_id (str):
        body (ExportTableRequest):  Example: {'data_path': 'obs://home/data1/DLI/test',
            'data_type': 'json', 'database_name': 'tpchtest2', 'table_name': 't2', 'compress':
            'none'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AsyncJobResponse | DliError | GatewayError
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed
