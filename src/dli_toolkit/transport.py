"""A retrying httpx transport for the DLI API: a small wrapper around any httpx transport.

Why not httpx-retries: its public API is one `Retry` per transport with one set of retried
statuses and exceptions, and a `total_timeout` that only sums the sleeps. DLI needs a rule per
method (a POST is retried on 429 and on errors raised before anything was sent, never on 503)
and a wall-clock deadline that skips a retry whose wait would cross it. Expressing that took a
subclass reading its private `_sync_transport` and replacing its private retry loop, which only
the exact pin kept working. The wrapper here is short, uses only httpx's public transport API,
and composes like any other transport (`RetryTransport(inner=httpx.HTTPTransport(...))`).

The rules, all in the pure function `retry_wait`:

- HTTP 429 is retried for every method: the gateway throttled the request before the service
  saw it, so even a submit-job is safe to send again.
- 502, 503, 504 and transport errors (timeouts, dropped connections, protocol errors) are retried
  only for idempotent methods: GET, HEAD, OPTIONS, PUT, DELETE (cancelling a DLI job twice
  is harmless).
- Any other method (POST: submit-job, export-result, check-sql, import-table, export-table) is
  never sent again once it may have reached the server; only errors raised before anything was
  sent (connect error, connect timeout, pool timeout) are retried.
- The wait before a retry is the server's Retry-After (seconds or an HTTP date) when given,
  otherwise exponential backoff with full jitter; either way capped by `RetryPolicy.max_wait`.
- At most `max_attempts` attempts, and no retry whose wait would end past `deadline` seconds
  after the first attempt started.

The transport re-sends the request it was given: an AK/SK signature is not renewed, so keep the
deadline far below the gateway's 15-minute X-Sdk-Date window.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import httpx

from dli_toolkit.bounds import require_at_least, require_positive

logger = logging.getLogger(__name__)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
IDEMPOTENT_RETRIED_STATUSES = frozenset({429, 502, 503, 504})
ALWAYS_RETRIED_STATUSES = frozenset({429})
# Raised before a single byte of the request left: sending again cannot duplicate anything.
NOTHING_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
# The exponent stops growing long after any sane cap is reached (and 2**n stays a float).
_MAX_EXPONENT = 32


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to retry. Times are in seconds."""

    max_attempts: int = 4
    deadline: float = 60.0
    backoff: float = 0.5
    max_wait: float = 15.0
    idempotent_methods: frozenset[str] = field(default=IDEMPOTENT_METHODS)

    def __post_init__(self) -> None:
        require_at_least("RetryPolicy.max_attempts", self.max_attempts, 1)
        require_positive("RetryPolicy.deadline", self.deadline)
        require_at_least("RetryPolicy.backoff", self.backoff, 0)
        require_positive("RetryPolicy.max_wait", self.max_wait)
        object.__setattr__(
            self, "idempotent_methods", frozenset(m.upper() for m in self.idempotent_methods)
        )


def parse_retry_after(value: str, *, now: float) -> float | None:
    """Seconds to wait from a Retry-After value (seconds or an HTTP date); None if unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # an HTTP date is GMT even when it fails to say so
        return None
    return max(0.0, when.timestamp() - now)


def retryable(policy: RetryPolicy, method: str, outcome: int | Exception) -> bool:
    """Whether this kind of outcome may be retried at all for `method` (see the module)."""
    idempotent = method.upper() in policy.idempotent_methods
    if isinstance(outcome, int):
        statuses = IDEMPOTENT_RETRIED_STATUSES if idempotent else ALWAYS_RETRIED_STATUSES
        return outcome in statuses
    return isinstance(outcome, httpx.TransportError if idempotent else NOTHING_SENT_ERRORS)


def retry_wait(
    policy: RetryPolicy,
    *,
    method: str,
    outcome: int | Exception,
    attempts: int,
    elapsed: float,
    retry_after: str | None = None,
    now: float = 0.0,
    draw: float = 0.0,
) -> float | None:
    """Seconds to wait before sending the request again, or None to stop with `outcome`.

    `outcome` is the status code received or the transport error raised by attempt number
    `attempts` (1 for the first); `elapsed` counts seconds since the first attempt started;
    `now` is the epoch time (for a Retry-After date) and `draw` a uniform number in [0, 1)
    (the jitter), both given so that the decision depends on its arguments only.
    """
    if not retryable(policy, method, outcome) or attempts >= policy.max_attempts:
        return None
    wait = None if retry_after is None else parse_retry_after(retry_after, now=now)
    if wait is None:
        ceiling = policy.backoff * 2.0 ** min(attempts - 1, _MAX_EXPONENT)
        # Full jitter below the capped ceiling: drawing first and capping after would make
        # every client wait exactly the cap, in lockstep, once the exponential passes it.
        wait = draw * min(policy.max_wait, ceiling)
    wait = min(wait, policy.max_wait)
    if elapsed + wait > policy.deadline:
        return None
    return wait


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends through `inner` and retries by `retry_wait`; sync or async as `inner` is."""

    def __init__(
        self,
        inner: httpx.BaseTransport | httpx.AsyncBaseTransport,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inner = inner
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._clock = clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self.inner, httpx.BaseTransport):
            raise RuntimeError("a sync request reached a transport built for async clients")
        # A streamed body can be sent once only; buffer it so a retry sends it whole.
        request.read()
        attempts = _Attempts(self, request)
        while True:
            try:
                outcome: httpx.Response | httpx.TransportError = self.inner.handle_request(request)
            except httpx.TransportError as error:
                outcome = error
            if (wait := attempts.wait_after(outcome)) is None:
                return _final(outcome)
            if isinstance(outcome, httpx.Response):
                outcome.close()
            self._sleep(wait)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self.inner, httpx.AsyncBaseTransport):
            raise RuntimeError("an async request reached a transport built for sync clients")
        await request.aread()
        attempts = _Attempts(self, request)
        while True:
            try:
                outcome: (
                    httpx.Response | httpx.TransportError
                ) = await self.inner.handle_async_request(request)
            except httpx.TransportError as error:
                outcome = error
            if (wait := attempts.wait_after(outcome)) is None:
                return _final(outcome)
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()
            await self._async_sleep(wait)

    def close(self) -> None:
        if isinstance(self.inner, httpx.BaseTransport):
            self.inner.close()

    async def aclose(self) -> None:
        if isinstance(self.inner, httpx.AsyncBaseTransport):
            await self.inner.aclose()


class _Attempts:
    """The attempts at one request: the sync and async loops differ only in how they wait."""

    def __init__(self, transport: RetryTransport, request: httpx.Request) -> None:
        self._transport = transport
        self._request = request
        self._count = 0
        self._started = transport._clock()

    def wait_after(self, outcome: httpx.Response | httpx.TransportError) -> float | None:
        """Seconds to wait before sending again after `outcome`, or None to stop with it."""
        self._count += 1
        request, policy = self._request, self._transport.policy
        kind = outcome.status_code if isinstance(outcome, httpx.Response) else outcome
        if not retryable(policy, request.method, kind):
            return None  # most answers: skip reading the clock and the headers
        response = outcome if isinstance(outcome, httpx.Response) else None
        retry_after = None if response is None else response.headers.get("Retry-After")
        wait = retry_wait(
            policy,
            method=request.method,
            outcome=kind,
            attempts=self._count,
            elapsed=self._transport._clock() - self._started,
            retry_after=retry_after,
            now=time.time(),
            draw=random.random(),
        )
        if wait is not None:
            logger.info(
                "retrying %s %s after %s in %.2fs (attempt %d of %d)",
                request.method,
                request.url.path,
                kind if isinstance(kind, int) else type(kind).__name__,
                wait,
                self._count + 1,
                policy.max_attempts,
            )
        return wait


def _final(outcome: httpx.Response | httpx.TransportError) -> httpx.Response:
    if isinstance(outcome, httpx.TransportError):
        raise outcome
    return outcome


def retrying_transport(
    policy: RetryPolicy | None = None,
    *,
    inner: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> RetryTransport:
    """A retrying transport for `httpx.Client`, around `inner` (default: httpx.HTTPTransport)."""
    return RetryTransport(inner or httpx.HTTPTransport(), policy, sleep=sleep, clock=clock)


def async_retrying_transport(
    policy: RetryPolicy | None = None,
    *,
    inner: httpx.AsyncBaseTransport | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> RetryTransport:
    """A retrying transport for `httpx.AsyncClient`, around `inner` (default: the httpx one)."""
    return RetryTransport(
        inner or httpx.AsyncHTTPTransport(), policy, async_sleep=sleep, clock=clock
    )
