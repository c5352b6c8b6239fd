from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dli_error import DliError
from ...models.gateway_error import GatewayError
from ...models.preview_sql_job_result_response import PreviewSqlJobResultResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    job_id: str,
    *,
    queue_name: str | Unset = UNSET,
    page_size: int | Unset = 1000,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["queue-name"] = queue_name

    params["page-size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1.0/{project_id}/jobs/{job_id}/preview".format(
            project_id=quote(str(project_id), safe=""),
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DliError | GatewayError | PreviewSqlJobResultResponse | None:
    if response.status_code == 200:
        response_200 = PreviewSqlJobResultResponse.from_dict(response.json())

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
) -> Response[DliError | GatewayError | PreviewSqlJobResultResponse]:
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
    queue_name: str | Unset = UNSET,
    page_size: int | Unset = 1000,
) -> Response[DliError | GatewayError | PreviewSqlJobResultResponse]:
    """Preview a query's result

     The first rows (at most 1000) of a finished QUERY job's result, with its column schema. For
    more rows, export the result. Other job types have no previewable result: 400.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits,
            not starting with `_`.
        page_size (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DliError | GatewayError | PreviewSqlJobResultResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        job_id=job_id,
        queue_name=queue_name,
        page_size=page_size,
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
    queue_name: str | Unset = UNSET,
    page_size: int | Unset = 1000,
) -> DliError | GatewayError | PreviewSqlJobResultResponse | None:
    """Preview a query's result

     The first rows (at most 1000) of a finished QUERY job's result, with its column schema. For
    more rows, export the result. Other job types have no previewable result: 400.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits,
            not starting with `_`.
        page_size (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DliError | GatewayError | PreviewSqlJobResultResponse
    """

    return sync_detailed(
        project_id=project_id,
        job_id=job_id,
        client=client,
        queue_name=queue_name,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    queue_name: str | Unset = UNSET,
    page_size: int | Unset = 1000,
) -> Response[DliError | GatewayError | PreviewSqlJobResultResponse]:
    """Preview a query's result

     The first rows (at most 1000) of a finished QUERY job's result, with its column schema. For
    more rows, export the result. Other job types have no previewable result: 400.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits,
            not starting with `_`.
        page_size (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DliError | GatewayError | PreviewSqlJobResultResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        job_id=job_id,
        queue_name=queue_name,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    queue_name: str | Unset = UNSET,
    page_size: int | Unset = 1000,
) -> DliError | GatewayError | PreviewSqlJobResultResponse | None:
    """Preview a query's result

     The first rows (at most 1000) of a finished QUERY job's result, with its column schema. For
    more rows, export the result. Other job types have no previewable result: 400.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits,
            not starting with `_`.
        page_size (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DliError | GatewayError | PreviewSqlJobResultResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            job_id=job_id,
            client=client,
            queue_name=queue_name,
            page_size=page_size,
        )
    ).parsed
