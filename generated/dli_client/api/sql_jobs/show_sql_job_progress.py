from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dli_error import DliError
from ...models.gateway_error import GatewayError
from ...models.show_sql_job_progress_response import ShowSqlJobProgressResponse
from ...types import Response


def _get_kwargs(
    project_id: str,
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/{project_id}/jobs/{job_id}/progress".format(
            project_id=quote(str(project_id), safe=""),
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DliError | GatewayError | ShowSqlJobProgressResponse | None:
    if response.status_code == 200:
        response_200 = ShowSqlJobProgressResponse.from_dict(response.json())

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
) -> Response[DliError | GatewayError | ShowSqlJobProgressResponse]:
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
) -> Response[DliError | GatewayError | ShowSqlJobProgressResponse]:
    """Show a job's progress

     How far a job has got. Note the `/v1/` prefix, unlike the rest of the family. `progress` is 0
    while the job launches, 1 when it is done, and in between the completed share of the running
    sub-job's tasks; sub-job details exist only while the job runs. A queue whose engine cannot
    report progress answers 400 `DLI.0999`.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DliError | GatewayError | ShowSqlJobProgressResponse]
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
) -> DliError | GatewayError | ShowSqlJobProgressResponse | None:
    """Show a job's progress

     How far a job has got. Note the `/v1/` prefix, unlike the rest of the family. `progress` is 0
    while the job launches, 1 when it is done, and in between the completed share of the running
    sub-job's tasks; sub-job details exist only while the job runs. A queue whose engine cannot
    report progress answers 400 `DLI.0999`.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DliError | GatewayError | ShowSqlJobProgressResponse
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
) -> Response[DliError | GatewayError | ShowSqlJobProgressResponse]:
    """Show a job's progress

     How far a job has got. Note the `/v1/` prefix, unlike the rest of the family. `progress` is 0
    while the job launches, 1 when it is done, and in between the completed share of the running
    sub-job's tasks; sub-job details exist only while the job runs. A queue whose engine cannot
    report progress answers 400 `DLI.0999`.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DliError | GatewayError | ShowSqlJobProgressResponse]
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
) -> DliError | GatewayError | ShowSqlJobProgressResponse | None:
    """Show a job's progress

     How far a job has got. Note the `/v1/` prefix, unlike the rest of the family. `progress` is 0
    while the job launches, 1 when it is done, and in between the completed share of the running
    sub-job's tasks; sub-job details exist only while the job runs. A queue whose engine cannot
    report progress answers 400 `DLI.0999`.

    Args:
        project_id (str):
        job_id (str): Job ID. The service issues lowercase hyphenated UUIDs; one reference page
            says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DliError | GatewayError | ShowSqlJobProgressResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            job_id=job_id,
            client=client,
        )
    ).parsed
