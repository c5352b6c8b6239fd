"""Hand-written layer over the generated dli_client.

Auth, retries, waiting, paging, typed errors and the `dli` command line. The names most programs
need are re-exported here; the modules hold the rest.
"""

from dli_toolkit.errors import (
    DliApiError,
    DliToolkitError,
    JobCancelled,
    JobFailed,
    WaitTimeout,
)
from dli_toolkit.factory import AsyncDliClient, DliClient
from dli_toolkit.pipelines import FetchOptions, fetch, run, run_script
from dli_toolkit.results import Column, QueryResult
from dli_toolkit.settings import ClientSettings

__all__ = [
    "AsyncDliClient",
    "ClientSettings",
    "Column",
    "DliApiError",
    "DliClient",
    "DliToolkitError",
    "FetchOptions",
    "JobCancelled",
    "JobFailed",
    "QueryResult",
    "WaitTimeout",
    "fetch",
    "run",
    "run_script",
]
