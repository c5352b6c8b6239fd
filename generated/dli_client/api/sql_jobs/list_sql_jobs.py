from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dli_error import DliError
from ...models.engine_type import EngineType
from ...models.gateway_error import GatewayError
from ...models.job_status import JobStatus
from ...models.job_type_filter import JobTypeFilter
from ...models.list_sql_jobs_order import ListSqlJobsOrder
from ...models.list_sql_jobs_response import ListSqlJobsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    *,
    page_size: int | Unset = 50,
    current_page: int | Unset = 1,
    start: int | Unset = UNSET,
    end: int | Unset = UNSET,
    job_type: JobTypeFilter | Unset = UNSET,
    job_types: list[JobTypeFilter] | Unset = UNSET,
    job_status: JobStatus | Unset = UNSET,
    job_id: str | Unset = UNSET,
    queue_name: str | Unset = UNSET,
    sql_pattern: str | Unset = UNSET,
    order: ListSqlJobsOrder | Unset = ListSqlJobsOrder.START_TIME_DESC,
    engine_type: EngineType | Unset = UNSET,
    owner: str | Unset = UNSET,
    tags: str | Unset = UNSET,
    db_name: str | Unset = UNSET,
    table_name: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page-size"] = page_size

    params["current-page"] = current_page

    params["start"] = start

    params["end"] = end

    json_job_type: str | Unset = UNSET
    if not isinstance(job_type, Unset):
        json_job_type = job_type.value

    params["job-type"] = json_job_type

    json_job_types: list[str] | Unset = UNSET
    if not isinstance(job_types, Unset):
        json_job_types = []
        for job_types_item_data in job_types:
            job_types_item = job_types_item_data.value
            json_job_types.append(job_types_item)

    params["job_types"] = json_job_types

    json_job_status: str | Unset = UNSET
    if not isinstance(job_status, Unset):
        json_job_status = job_status.value

    params["job-status"] = json_job_status

    params["job-id"] = job_id

    params["queue_name"] = queue_name

    params["sql_pattern"] = sql_pattern

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    json_engine_type: str | Unset = UNSET
    if not isinstance(engine_type, Unset):
        json_engine_type = engine_type.value

    params["engine-type"] = json_engine_type

    params["owner"] = owner

    params["tags"] = tags

    params["db_name"] = db_name

    params["table_name"] = table_name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1.0/{project_id}/jobs".format(
            project_id=quote(str(project_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DliError | GatewayError | ListSqlJobsResponse | None:
    if response.status_code == 200:
        response_200 = ListSqlJobsResponse.from_dict(response.json())

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
) -> Response[DliError | GatewayError | ListSqlJobsResponse]:
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
    page_size: int | Unset = 50,
    current_page: int | Unset = 1,
    start: int | Unset = UNSET,
    end: int | Unset = UNSET,
    job_type: JobTypeFilter | Unset = UNSET,
    job_types: list[JobTypeFilter] | Unset = UNSET,
    job_status: JobStatus | Unset = UNSET,
    job_id: str | Unset = UNSET,
    queue_name: str | Unset = UNSET,
    sql_pattern: str | Unset = UNSET,
    order: ListSqlJobsOrder | Unset = ListSqlJobsOrder.START_TIME_DESC,
    engine_type: EngineType | Unset = UNSET,
    owner: str | Unset = UNSET,
    tags: str | Unset = UNSET,
    db_name: str | Unset = UNSET,
    table_name: str | Unset = UNSET,
) -> Response[DliError | GatewayError | ListSqlJobsResponse]:
    """List jobs

     Lists the project's jobs, newest first unless `order` says otherwise, one page at a time.
    `job_count` is the number of jobs matching the filters, not the length of the page. Filters
    combine with AND; when both `job-type` and `job_types` are given the result is their
    intersection.

    Args:
        project_id (str):
        page_size (int | Unset):  Default: 50.
        current_page (int | Unset):  Default: 1.
        start (int | Unset):
        end (int | Unset):
        job_type (JobTypeFilter | Unset): A job type to filter on, or `ALL` for every type.
        job_types (list[JobTypeFilter] | Unset):
        job_status (JobStatus | Unset): State of a job. LAUNCHING (being submitted), RUNNING,
            SCALING (the queue is changing size
            for it), then one of the terminal states FINISHED, FAILED, CANCELLED. The SDK's docstrings
            spell `FINISH` and leave out SCALING; the service sends the values listed here. An open
            enum: see the API description.
        job_id (str | Unset): Job ID. The service issues lowercase hyphenated UUIDs; one reference
            page says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits,
            not starting with `_`.
        sql_pattern (str | Unset):
        order (ListSqlJobsOrder | Unset):  Default: ListSqlJobsOrder.START_TIME_DESC.
        engine_type (EngineType | Unset): Engine that runs the SQL. Some regions only offer
            `spark`.
        owner (str | Unset):
        tags (str | Unset):
        db_name (str | Unset):
        table_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DliError | GatewayError | ListSqlJobsResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        page_size=page_size,
        current_page=current_page,
        start=start,
        end=end,
        job_type=job_type,
        job_types=job_types,
        job_status=job_status,
        job_id=job_id,
        queue_name=queue_name,
        sql_pattern=sql_pattern,
        order=order,
        engine_type=engine_type,
        owner=owner,
        tags=tags,
        db_name=db_name,
        table_name=table_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    current_page: int | Unset = 1,
    start: int | Unset = UNSET,
    end: int | Unset = UNSET,
    job_type: JobTypeFilter | Unset = UNSET,
    job_types: list[JobTypeFilter] | Unset = UNSET,
    job_status: JobStatus | Unset = UNSET,
    job_id: str | Unset = UNSET,
    queue_name: str | Unset = UNSET,
    sql_pattern: str | Unset = UNSET,
    order: ListSqlJobsOrder | Unset = ListSqlJobsOrder.START_TIME_DESC,
    engine_type: EngineType | Unset = UNSET,
    owner: str | Unset = UNSET,
    tags: str | Unset = UNSET,
    db_name: str | Unset = UNSET,
    table_name: str | Unset = UNSET,
) -> DliError | GatewayError | ListSqlJobsResponse | None:
    """List jobs

     Lists the project's jobs, newest first unless `order` says otherwise, one page at a time.
    `job_count` is the number of jobs matching the filters, not the length of the page. Filters
    combine with AND; when both `job-type` and `job_types` are given the result is their
    intersection.

    Args:
        project_id (str):
        page_size (int | Unset):  Default: 50.
        current_page (int | Unset):  Default: 1.
        start (int | Unset):
        end (int | Unset):
        job_type (JobTypeFilter | Unset): A job type to filter on, or `ALL` for every type.
        job_types (list[JobTypeFilter] | Unset):
        job_status (JobStatus | Unset): State of a job. LAUNCHING (being submitted), RUNNING,
            SCALING (the queue is changing size
            for it), then one of the terminal states FINISHED, FAILED, CANCELLED. The SDK's docstrings
            spell `FINISH` and leave out SCALING; the service sends the values listed here. An open
            enum: see the API description.
        job_id (str | Unset): Job ID. The service issues lowercase hyphenated UUIDs; one reference
            page says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits,
            not starting with `_`.
        sql_pattern (str | Unset):
        order (ListSqlJobsOrder | Unset):  Default: ListSqlJobsOrder.START_TIME_DESC.
        engine_type (EngineType | Unset): Engine that runs the SQL. Some regions only offer
            `spark`.
        owner (str | Unset):
        tags (str | Unset):
        db_name (str | Unset):
        table_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DliError | GatewayError | ListSqlJobsResponse
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        page_size=page_size,
        current_page=current_page,
        start=start,
        end=end,
        job_type=job_type,
        job_types=job_types,
        job_status=job_status,
        job_id=job_id,
        queue_name=queue_name,
        sql_pattern=sql_pattern,
        order=order,
        engine_type=engine_type,
        owner=owner,
        tags=tags,
        db_name=db_name,
        table_name=table_name,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    current_page: int | Unset = 1,
    start: int | Unset = UNSET,
    end: int | Unset = UNSET,
    job_type: JobTypeFilter | Unset = UNSET,
    job_types: list[JobTypeFilter] | Unset = UNSET,
    job_status: JobStatus | Unset = UNSET,
    job_id: str | Unset = UNSET,
    queue_name: str | Unset = UNSET,
    sql_pattern: str | Unset = UNSET,
    order: ListSqlJobsOrder | Unset = ListSqlJobsOrder.START_TIME_DESC,
    engine_type: EngineType | Unset = UNSET,
    owner: str | Unset = UNSET,
    tags: str | Unset = UNSET,
    db_name: str | Unset = UNSET,
    table_name: str | Unset = UNSET,
) -> Response[DliError | GatewayError | ListSqlJobsResponse]:
    """List jobs

     Lists the project's jobs, newest first unless `order` says otherwise, one page at a time.
    `job_count` is the number of jobs matching the filters, not the length of the page. Filters
    combine with AND; when both `job-type` and `job_types` are given the result is their
    intersection.

    Args:
        project_id (str):
        page_size (int | Unset):  Default: 50.
        current_page (int | Unset):  Default: 1.
        start (int | Unset):
        end (int | Unset):
        job_type (JobTypeFilter | Unset): A job type to filter on, or `ALL` for every type.
        job_types (list[JobTypeFilter] | Unset):
        job_status (JobStatus | Unset): State of a job. LAUNCHING (being submitted), RUNNING,
            SCALING (the queue is changing size
            for it), then one of the terminal states FINISHED, FAILED, CANCELLED. The SDK's docstrings
            spell `FINISH` and leave out SCALING; the service sends the values listed here. An open
            enum: see the API description.
        job_id (str | Unset): Job ID. The service issues lowercase hyphenated UUIDs; one reference
            page says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits,
            not starting with `_`.
        sql_pattern (str | Unset):
        order (ListSqlJobsOrder | Unset):  Default: ListSqlJobsOrder.START_TIME_DESC.
        engine_type (EngineType | Unset): Engine that runs the SQL. Some regions only offer
            `spark`.
        owner (str | Unset):
        tags (str | Unset):
        db_name (str | Unset):
        table_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DliError | GatewayError | ListSqlJobsResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        page_size=page_size,
        current_page=current_page,
        start=start,
        end=end,
        job_type=job_type,
        job_types=job_types,
        job_status=job_status,
        job_id=job_id,
        queue_name=queue_name,
        sql_pattern=sql_pattern,
        order=order,
        engine_type=engine_type,
        owner=owner,
        tags=tags,
        db_name=db_name,
        table_name=table_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    current_page: int | Unset = 1,
    start: int | Unset = UNSET,
    end: int | Unset = UNSET,
    job_type: JobTypeFilter | Unset = UNSET,
    job_types: list[JobTypeFilter] | Unset = UNSET,
    job_status: JobStatus | Unset = UNSET,
    job_id: str | Unset = UNSET,
    queue_name: str | Unset = UNSET,
    sql_pattern: str | Unset = UNSET,
    order: ListSqlJobsOrder | Unset = ListSqlJobsOrder.START_TIME_DESC,
    engine_type: EngineType | Unset = UNSET,
    owner: str | Unset = UNSET,
    tags: str | Unset = UNSET,
    db_name: str | Unset = UNSET,
    table_name: str | Unset = UNSET,
) -> DliError | GatewayError | ListSqlJobsResponse | None:
    """List jobs

     Lists the project's jobs, newest first unless `order` says otherwise, one page at a time.
    `job_count` is the number of jobs matching the filters, not the length of the page. Filters
    combine with AND; when both `job-type` and `job_types` are given the result is their
    intersection.

    Args:
        project_id (str):
        page_size (int | Unset):  Default: 50.
        current_page (int | Unset):  Default: 1.
        start (int | Unset):
        end (int | Unset):
        job_type (JobTypeFilter | Unset): A job type to filter on, or `ALL` for every type.
        job_types (list[JobTypeFilter] | Unset):
        job_status (JobStatus | Unset): State of a job. LAUNCHING (being submitted), RUNNING,
            SCALING (the queue is changing size
            for it), then one of the terminal states FINISHED, FAILED, CANCELLED. The SDK's docstrings
            spell `FINISH` and leave out SCALING; the service sends the values listed here. An open
            enum: see the API description.
        job_id (str | Unset): Job ID. The service issues lowercase hyphenated UUIDs; one reference
            page says "letters and
            digits only, at most 64", which its own examples contradict, so hyphens are accepted.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits,
            not starting with `_`.
        sql_pattern (str | Unset):
        order (ListSqlJobsOrder | Unset):  Default: ListSqlJobsOrder.START_TIME_DESC.
        engine_type (EngineType | Unset): Engine that runs the SQL. Some regions only offer
            `spark`.
        owner (str | Unset):
        tags (str | Unset):
        db_name (str | Unset):
        table_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DliError | GatewayError | ListSqlJobsResponse
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            page_size=page_size,
            current_page=current_page,
            start=start,
            end=end,
            job_type=job_type,
            job_types=job_types,
            job_status=job_status,
            job_id=job_id,
            queue_name=queue_name,
            sql_pattern=sql_pattern,
            order=order,
            engine_type=engine_type,
            owner=owner,
            tags=tags,
            db_name=db_name,
            table_name=table_name,
        )
    ).parsed
