from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dli_error import DliError
from ...models.gateway_error import GatewayError
from ...models.show_sql_job_detail_response import ShowSqlJobDetailResponse
from ...types import Response


def _get_kwargs(
    project_id: str,
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1.0/{project_id}/jobs/{job_id}/detail".format(
            project_id=quote(str(project_id), safe=""),
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DliError | GatewayError | ShowSqlJobDetailResponse | None:
    if response.status_code == 200:
        response_200 = ShowSqlJobDetailResponse.from_dict(response.json())

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
) -> Response[DliError | GatewayError | ShowSqlJobDetailResponse]:
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
) -> Response[DliError | GatewayError | ShowSqlJobDetailResponse]:
    """Show a job's import/export details

     Where an IMPORT or EXPORT job reads or writes, and how. The reference calls `data_path`,
    `data_type`, `database_name` and `table_name` mandatory, but other job types have none of
    them and the service leaves them out: they are optional here.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DliError | GatewayError | ShowSqlJobDetailResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        job_id=job_id,
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
) -> DliError | GatewayError | ShowSqlJobDetailResponse | None:
    """Show a job's import/export details

     Where an IMPORT or EXPORT job reads or writes, and how. The reference calls `data_path`,
    `data_type`, `database_name` and `table_name` mandatory, but other job types have none of
    them and the service leaves them out: they are optional here.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DliError | GatewayError | ShowSqlJobDetailResponse
    """

    return sync_detailed(
        project_id=project_id,
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DliError | GatewayError | ShowSqlJobDetailResponse]:
    """Show a job's import/export details

     Where an IMPORT or EXPORT job reads or writes, and how. The reference calls `data_path`,
    `data_type`, `database_name` and `table_name` mandatory, but other job types have none of
    them and the service leaves them out: they are optional here.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DliError | GatewayError | ShowSqlJobDetailResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> DliError | GatewayError | ShowSqlJobDetailResponse | None:
    """Show a job's import/export details

     Where an IMPORT or EXPORT job reads or writes, and how. The reference calls `data_path`,
    `data_type`, `database_name` and `table_name` mandatory, but other job types have none of
    them and the service leaves them out: they are optional here.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DliError | GatewayError | ShowSqlJobDetailResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            job_id=job_id,
            client=client,
        )
    ).parsed
