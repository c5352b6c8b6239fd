"""Lazy iteration over listSqlJobs, page after page, sync and async.

The walk stops at the first of: `job_count` jobs seen, an empty or short page, `limit` jobs
yielded, or page 100. The API reference bounds `current-page` to [1, 100] (the spec declares that
bound), so at most 100 pages of `page_size` jobs can be reached: narrow the filters (`start`/`end`,
`job_status`, ...) to see further back.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import Protocol, TypedDict, Unpack, cast

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


class PageQuery(JobFilters, total=False):
    """Keyword arguments of the clients' `list_jobs`: which page (`current_page`, else 1) of
    `page_size` jobs (else `DEFAULT_PAGE_SIZE`), and the filters."""

    page_size: int
    current_page: int


class JobWalk(JobFilters, total=False):
    """Keyword arguments of `iter_jobs` and the clients' `iter_jobs`: pages of `page_size` jobs
    (else `DEFAULT_PAGE_SIZE`), at most `limit` jobs (else every one), and the filters."""

    page_size: int
    limit: int | None


class PageLister(Protocol):
    """A client's `list_jobs`."""

    def __call__(self, **query: Unpack[PageQuery]) -> ListSqlJobsResponse: ...


class AsyncPageLister(Protocol):
    """An async client's `list_jobs`."""

    def __call__(self, **query: Unpack[PageQuery]) -> Awaitable[ListSqlJobsResponse]: ...


class _Walk:
    """Where a walk stands, shared by the sync and async iterators."""

    def __init__(self, walk: JobWalk) -> None:
        self.page_size = walk.get("page_size", DEFAULT_PAGE_SIZE)
        self._limit = walk.get("limit")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be in [1, {MAX_PAGE_SIZE}], got {self.page_size}")
        if self._limit is not None and self._limit < 0:
            raise ValueError(f"limit must not be negative, got {self._limit}")
        # What is left once the walk's own two keys are out is the filters.
        self._filters = cast(
            JobFilters, {k: v for k, v in walk.items() if k not in ("page_size", "limit")}
        )
        self.page = 1
        self._seen = 0
        self.more = self._limit != 0

    def query(self) -> PageQuery:
        """The `list_jobs` arguments of the next page."""
        return PageQuery(**self._filters, page_size=self.page_size, current_page=self.page)

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


def iter_jobs(list_jobs: PageLister, **walk: Unpack[JobWalk]) -> Iterator[SqlJob]:
    """Jobs from `list_jobs`, one page fetched at a time as they are consumed."""
    state = _Walk(walk)
    while state.more:
        yield from state.take(list_jobs(**state.query()))


async def aiter_jobs(list_jobs: AsyncPageLister, **walk: Unpack[JobWalk]) -> AsyncIterator[SqlJob]:
    """The async twin of `iter_jobs`."""
    state = _Walk(walk)
    while state.more:
        for job in state.take(await list_jobs(**state.query())):
            yield job
