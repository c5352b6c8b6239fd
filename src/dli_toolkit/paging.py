"""Lazy iteration over listSqlJobs, page after page, sync and async.

The walk stops at the first of: `job_count` jobs seen, an empty or short page, `limit` jobs
yielded, or page 100. The API reference bounds `current-page` to [1, 100] (the spec declares that
bound), so at most 100 pages of `page_size` jobs can be reached: narrow the filters (`start`/`end`,
`job_status`, ...) to see further back.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TypedDict

from dli_client.models.engine_type import EngineType
from dli_client.models.job_status import JobStatus
from dli_client.models.job_type_filter import JobTypeFilter
from dli_client.models.list_sql_jobs_order import ListSqlJobsOrder
from dli_client.models.list_sql_jobs_response import ListSqlJobsResponse
from dli_client.models.sql_job import SqlJob

# The spec's bounds, in one place: `current-page` and `page-size` of list-jobs, and the
# `page-size` of preview (its rows).
MAX_PAGE = 100
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50
MAX_PREVIEW_ROWS = 1000


class JobFilters(TypedDict, total=False):
    """listSqlJobs' filters, named as the generated `list_sql_jobs` names them."""

    start: int
    end: int
    job_type: JobTypeFilter
    job_types: list[JobTypeFilter]
    job_status: JobStatus
    job_id: str
    queue_name: str
    sql_pattern: str
    order: ListSqlJobsOrder
    engine_type: EngineType
    owner: str
    tags: str
    db_name: str
    table_name: str


PageFetcher = Callable[[int, int], ListSqlJobsResponse]
AsyncPageFetcher = Callable[[int, int], Awaitable[ListSqlJobsResponse]]


class _Walk:
    """Where a walk stands, shared by the sync and async iterators."""

    def __init__(self, page_size: int, limit: int | None) -> None:
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be in [1, {MAX_PAGE_SIZE}], got {page_size}")
        if limit is not None and limit < 0:
            raise ValueError(f"limit must not be negative, got {limit}")
        self.page_size = page_size
        self.page = 1
        self._limit = limit
        self._seen = 0
        self.more = limit != 0

    def take(self, response: ListSqlJobsResponse) -> list[SqlJob]:
        """The jobs of this page to yield, and whether to fetch the next one."""
        jobs = response.jobs
        if self._limit is not None:
            jobs = jobs[: self._limit - self._seen]
        self._seen += len(jobs)
        self.more = (
            len(response.jobs) == self.page_size
            and self._seen < response.job_count
            and (self._limit is None or self._seen < self._limit)
            and self.page < MAX_PAGE
        )
        self.page += 1
        return jobs


def iter_jobs(
    fetch: PageFetcher, *, page_size: int = DEFAULT_PAGE_SIZE, limit: int | None = None
) -> Iterator[SqlJob]:
    """Jobs from `fetch(current_page, page_size)`, one page fetched at a time as consumed."""
    walk = _Walk(page_size, limit)
    while walk.more:
        yield from walk.take(fetch(walk.page, walk.page_size))


async def aiter_jobs(
    fetch: AsyncPageFetcher, *, page_size: int = DEFAULT_PAGE_SIZE, limit: int | None = None
) -> AsyncIterator[SqlJob]:
    """The async twin of `iter_jobs`."""
    walk = _Walk(page_size, limit)
    while walk.more:
        for job in walk.take(await fetch(walk.page, walk.page_size)):
            yield job
