"""Walking listSqlJobs page by page: the stop rules on an in-memory job list, then over the
emulator with several real pages and filters passed through."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Unpack

import httpx
import pytest
from dli_client.models.job_status import JobStatus
from dli_client.models.job_type import JobType
from dli_client.models.job_type_filter import JobTypeFilter
from dli_client.models.list_sql_jobs_response import ListSqlJobsResponse
from dli_client.models.sql_job import SqlJob

from dli_toolkit.credentials import AccessKeyCredentials
from dli_toolkit.factory import AsyncDliClient, DliClient
from dli_toolkit.paging import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE,
    JobWalk,
    PageQuery,
    aiter_jobs,
    iter_jobs,
)
from dli_toolkit.waiting import Backoff

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


def listed(number: int) -> SqlJob:
    return SqlJob(
        job_id=f"job-{number}",
        job_type=JobType.QUERY,
        queue_name="default",
        owner="tester",
        start_time=number,
        status=JobStatus.FINISHED,
        input_size=0,
        result_count=1,
        detail="{}",
        statement=f"select {number}",
    )


class Pages:
    """Serves `total` jobs in pages, as the service does; `job_count` can be made to lie."""

    def __init__(self, total: int, *, job_count: int | None = None) -> None:
        self.jobs = [listed(n) for n in range(total)]
        self.job_count = total if job_count is None else job_count
        self.fetched: list[tuple[int, int]] = []

    def __call__(self, **query: Unpack[PageQuery]) -> ListSqlJobsResponse:
        page, size = query.get("current_page", 1), query.get("page_size", DEFAULT_PAGE_SIZE)
        self.fetched.append((page, size))
        chunk = self.jobs[(page - 1) * size : page * size]
        return ListSqlJobsResponse(
            is_success=True, message="", job_count=self.job_count, jobs=chunk
        )


def ids(jobs: Iterator[SqlJob] | list[SqlJob]) -> list[str]:
    return [job.job_id for job in jobs]


def test_walks_every_page_and_stops_at_the_short_one() -> None:
    pages = Pages(7)

    assert ids(iter_jobs(pages, page_size=3)) == [f"job-{n}" for n in range(7)]
    assert pages.fetched == [(1, 3), (2, 3), (3, 3)]


def test_stops_at_job_count_without_fetching_an_empty_page() -> None:
    pages = Pages(6)

    assert len(ids(iter_jobs(pages, page_size=3))) == 6
    assert pages.fetched == [(1, 3), (2, 3)]


def test_stops_at_an_empty_page_even_if_job_count_says_more() -> None:
    pages = Pages(3, job_count=50)

    assert len(ids(iter_jobs(pages, page_size=3))) == 3
    assert pages.fetched == [(1, 3), (2, 3)]


def test_limit_stops_early_and_cuts_the_page() -> None:
    pages = Pages(20)

    assert ids(iter_jobs(pages, page_size=4, limit=6)) == [f"job-{n}" for n in range(6)]
    assert pages.fetched == [(1, 4), (2, 4)]
    untouched = Pages(5)
    assert ids(iter_jobs(untouched, limit=0)) == []
    assert untouched.fetched == []


def test_is_lazy() -> None:
    pages = Pages(10)
    walk = iter_jobs(pages, page_size=2)

    assert pages.fetched == []
    next(walk)
    next(walk)
    assert pages.fetched == [(1, 2)]
    next(walk)
    assert pages.fetched == [(1, 2), (2, 2)]


def test_stops_at_the_last_page_the_api_allows() -> None:
    pages = Pages(MAX_PAGE * 2 + 5)

    assert len(ids(iter_jobs(pages, page_size=2))) == MAX_PAGE * 2
    assert pages.fetched[-1] == (MAX_PAGE, 2)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [({"page_size": 0}, "page_size"), ({"page_size": 101}, "page_size"), ({"limit": -1}, "limit")],
)
def test_rejects_nonsense(arguments: JobWalk, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        list(iter_jobs(Pages(1), **arguments))


def test_async_walk_follows_the_same_rules() -> None:
    pages = Pages(7)

    async def fetch(**query: Unpack[PageQuery]) -> ListSqlJobsResponse:
        return pages(**query)

    async def collect() -> list[SqlJob]:
        return [job async for job in aiter_jobs(fetch, page_size=3, limit=5)]

    assert ids(asyncio.run(collect())) == [f"job-{n}" for n in range(5)]
    assert pages.fetched == [(1, 3), (2, 3)]


# --- against the emulator -------------------------------------------------------------------


@pytest.fixture(scope="module")
def marked_jobs(emulator: EmulatorInstance) -> tuple[str, list[str]]:
    """Seven finished jobs whose SQL carries a marker no other test uses."""
    marker = f"paging_{uuid.uuid4().hex[:12]}"
    with DliClient.create(
        endpoint=emulator.base_url,
        project_id=emulator.project_id,
        credentials=AccessKeyCredentials(emulator.ak, emulator.sk),
    ) as client:
        submitted = [client.submit(f"select {n} as {marker}").job_id for n in range(7)]
        for job_id in submitted:
            client.wait(job_id, timeout=30.0, backoff=Backoff(initial=0.05, cap=0.2))
    return marker, submitted


def test_emulator_pages_through_filtered_jobs(
    dli: DliClient, marked_jobs: tuple[str, list[str]]
) -> None:
    marker, submitted = marked_jobs
    sent: list[tuple[str | None, str | None]] = []

    def record(request: httpx.Request) -> None:
        sent.append((request.url.params.get("current-page"), request.url.params.get("page-size")))

    dli.client.get_httpx_client().event_hooks["request"].append(record)
    walked = list(dli.iter_jobs(page_size=3, sql_pattern=marker, job_status=JobStatus.FINISHED))

    assert sorted(ids(walked)) == sorted(submitted)
    assert len(set(ids(walked))) == 7
    assert sent == [("1", "3"), ("2", "3"), ("3", "3")]
    # Newest first, the service's default order.
    assert [job.start_time for job in walked] == sorted(
        (job.start_time for job in walked), reverse=True
    )


def test_emulator_filters_are_passed_through(
    dli: DliClient, marked_jobs: tuple[str, list[str]]
) -> None:
    marker, _ = marked_jobs

    assert list(dli.iter_jobs(sql_pattern=marker, job_status=JobStatus.FAILED)) == []
    assert list(dli.iter_jobs(sql_pattern=marker, job_type=JobTypeFilter.INSERT)) == []
    assert len(list(dli.iter_jobs(sql_pattern=marker.upper(), page_size=2, limit=5))) == 5


def test_emulator_async_pages(
    emulator: EmulatorInstance, marked_jobs: tuple[str, list[str]]
) -> None:
    marker, submitted = marked_jobs

    async def collect() -> list[SqlJob]:
        async with AsyncDliClient.create(
            endpoint=emulator.base_url,
            project_id=emulator.project_id,
            credentials=AccessKeyCredentials(emulator.ak, emulator.sk),
        ) as client:
            return [job async for job in client.iter_jobs(page_size=2, sql_pattern=marker)]

    assert sorted(ids(asyncio.run(collect()))) == sorted(submitted)
