from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.async_job_response import AsyncJobResponse
from ...models.dli_error import DliError
from ...models.export_sql_job_result_request import ExportSqlJobResultRequest
from ...models.gateway_error import GatewayError
from ...types import Response


def _get_kwargs(
    project_id: str,
    job_id: str,
    *,
    body: ExportSqlJobResultRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1.0/{project_id}/jobs/{job_id}/export-result".format(
            project_id=quote(str(project_id), safe=""),
            job_id=quote(str(job_id), safe=""),
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

    if response.status_code == 404:
        response_404 = DliError.from_dict(response.json())

        return response_404

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
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ExportSqlJobResultRequest,
) -> Response[AsyncJobResponse | DliError | GatewayError]:
    """Export a query's result to OBS

     Writes a finished QUERY job's whole result to an OBS folder as a new asynchronous EXPORT
    job; poll the returned `job_id`. The target is a folder path without commas.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        body (ExportSqlJobResultRequest):  Example: {'data_path': 'obs://obs-bucket1/path',
            'data_type': 'csv'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AsyncJobResponse | DliError | GatewayError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        job_id=job_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ExportSqlJobResultRequest,
) -> AsyncJobResponse | DliError | GatewayError | None:
    """Export a query's result to OBS

     Writes a finished QUERY job's whole result to an OBS folder as a new asynchronous EXPORT
    job; poll the returned `job_id`. The target is a folder path without commas.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        body (ExportSqlJobResultRequest):  Example: {'data_path': 'obs://obs-bucket1/path',
            'data_type': 'csv'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AsyncJobResponse | DliError | GatewayError
    """

    return sync_detailed(
        project_id=project_id,
        job_id=job_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ExportSqlJobResultRequest,
) -> Response[AsyncJobResponse | DliError | GatewayError]:
    """Export a query's result to OBS

     Writes a finished QUERY job's whole result to an OBS folder as a new asynchronous EXPORT
    job; poll the returned `job_id`. The target is a folder path without commas.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        body (ExportSqlJobResultRequest):  Example: {'data_path': 'obs://obs-bucket1/path',
            'data_type': 'csv'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AsyncJobResponse | DliError | GatewayError]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        job_id=job_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ExportSqlJobResultRequest,
) -> AsyncJobResponse | DliError | GatewayError | None:
    """Export a query's result to OBS

     Writes a finished QUERY job's whole result to an OBS folder as a new asynchronous EXPORT
    job; poll the returned `job_id`. The target is a folder path without commas.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        body (ExportSqlJobResultRequest):  Example: {'data_path': 'obs://obs-bucket1/path',
            'data_type': 'csv'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AsyncJobResponse | DliError | GatewayError
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            job_id=job_id,
            client=client,
            body=body,
        )
    ).parsed
