"""Retrying httpx transports for the DLI API, built on httpx-retries.

Rules:

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

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
from httpx_retries import Retry, RetryTransport

logger = logging.getLogger(__name__)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRIED_STATUSES = frozenset({429, 502, 503, 504})
ALWAYS_RETRIED_STATUSES = frozenset({429})
# Raised before a single byte of the request left: sending again cannot duplicate anything.
NOTHING_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to retry. Times are in seconds."""

    max_attempts: int = 4
    deadline: float = 60.0
    backoff: float = 0.5
    max_wait: float = 15.0
    idempotent_methods: frozenset[str] = field(default=IDEMPOTENT_METHODS)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {self.max_attempts}")
        if self.deadline <= 0:
            raise ValueError(f"deadline must be positive, got {self.deadline}")
        if self.backoff < 0:
            raise ValueError(f"backoff must not be negative, got {self.backoff}")
        if self.max_wait <= 0:
            raise ValueError(f"max_wait must be positive, got {self.max_wait}")
        object.__setattr__(
            self, "idempotent_methods", frozenset(m.upper() for m in self.idempotent_methods)
        )


class _FullJitterRetry(Retry):
    def backoff_strategy(self) -> float:
        # httpx-retries caps after drawing the jitter, min(cap, U(0, 1) * base * 2**n): once
        # the exponential passes the cap every client waits exactly the cap, in lockstep. Full
        # jitter draws below the capped ceiling instead. Called on the Retry of the coming
        # retry, so the first retry's ceiling is `backoff`; the exponent stops growing long
        # after any sane cap is reached.
        exponent = min(self.attempts_made - 1, 32)
        return random.uniform(0.0, min(self.max_backoff_wait, self.backoff_factor * 2**exponent))


def _retry(policy: RetryPolicy, *, idempotent: bool) -> Retry:
    return _FullJitterRetry(
        total=policy.max_attempts - 1,
        status_forcelist=RETRIED_STATUSES if idempotent else ALWAYS_RETRIED_STATUSES,
        retry_on_exceptions=Retry.RETRYABLE_EXCEPTIONS if idempotent else NOTHING_SENT_ERRORS,
        backoff_factor=policy.backoff,
        max_backoff_wait=policy.max_wait,
    )


def _wait(retry: Retry, outcome: httpx.Response | Exception) -> float:
    retry_after = (
        outcome.headers.get("Retry-After") if isinstance(outcome, httpx.Response) else None
    )
    if retry_after:
        try:
            return min(retry.parse_retry_after(retry_after), retry.max_backoff_wait)
        except ValueError:
            logger.info("ignoring unparsable Retry-After %r", retry_after)
    return retry.backoff_strategy()


class RetryingTransport(RetryTransport):
    """httpx-retries' RetryTransport with the rules of this module.

    Not RetryTransport as is, because (1) it chooses per method whether to retry at all, while a
    POST here is retried on 429 and on errors before sending but not on 503: each request gets
    a Retry built for its method; (2) its `total_timeout` only sums the sleeps and shortens the
    last one, and its loop commits to a retry before computing the wait, so no Retry subclass
    can skip a retry whose wait would cross a wall-clock deadline. The loop below therefore
    replaces `_retry_operation`, and still leaves classification, Retry-After parsing, backoff
    and attempt counting to Retry. A per-request `extensions["retry"]` is not consulted.
    """

    def __init__(
        self,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport,
        policy: RetryPolicy,
        *,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(transport=transport, retry=_retry(policy, idempotent=True))
        self.policy = policy
        self._not_idempotent_retry = _retry(policy, idempotent=False)
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._clock = clock

    def _retry_for(self, request: httpx.Request) -> Retry:
        if request.method.upper() in self.policy.idempotent_methods:
            return self.retry
        return self._not_idempotent_retry

    def _next(
        self,
        request: httpx.Request,
        retry: Retry,
        outcome: httpx.Response | Exception,
        started: float,
    ) -> tuple[Retry, float] | None:
        """The Retry and wait of the next attempt, or None to stop with this outcome."""
        if isinstance(outcome, httpx.Response):
            if not retry.is_retryable_status_code(outcome.status_code):
                return None
        elif not retry.is_retryable_exception(outcome):
            return None
        if retry.is_exhausted():
            return None
        following = retry.increment()
        wait = _wait(following, outcome)
        what = (
            outcome.status_code if isinstance(outcome, httpx.Response) else type(outcome).__name__
        )
        if self._clock() - started + wait > self.policy.deadline:
            logger.info(
                "not retrying %s %s after %s: waiting %.2fs would pass the %.1fs deadline",
                request.method,
                request.url.path,
                what,
                wait,
                self.policy.deadline,
            )
            return None
        logger.info(
            "retrying %s %s after %s in %.2fs (attempt %d of %d)",
            request.method,
            request.url.path,
            what,
            wait,
            following.attempts_made + 1,
            self.policy.max_attempts,
        )
        return following, wait

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._sync_transport is None:
            raise RuntimeError("a sync request reached a transport built for async clients")
        # A streamed body can be sent once only; buffer it so a retry sends it whole.
        request.read()
        retry, started = self._retry_for(request), self._clock()
        while True:
            try:
                response = self._sync_transport.handle_request(request)
            except httpx.TransportError as error:
                step = self._next(request, retry, error, started)
                if step is None:
                    raise
            else:
                step = self._next(request, retry, response, started)
                if step is None:
                    return response
                response.close()
            retry, wait = step
            self._sleep(wait)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._async_transport is None:
            raise RuntimeError("an async request reached a transport built for sync clients")
        await request.aread()
        retry, started = self._retry_for(request), self._clock()
        while True:
            try:
                response = await self._async_transport.handle_async_request(request)
            except httpx.TransportError as error:
                step = self._next(request, retry, error, started)
                if step is None:
                    raise
            else:
                step = self._next(request, retry, response, started)
                if step is None:
                    return response
                await response.aclose()
            retry, wait = step
            await self._async_sleep(wait)


def retrying_transport(
    policy: RetryPolicy | None = None,
    *,
    inner: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> RetryingTransport:
    """A retrying transport for `httpx.Client`, around `inner` (default: httpx.HTTPTransport)."""
    return RetryingTransport(
        inner or httpx.HTTPTransport(), policy or RetryPolicy(), sleep=sleep, clock=clock
    )


def async_retrying_transport(
    policy: RetryPolicy | None = None,
    *,
    inner: httpx.AsyncBaseTransport | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> RetryingTransport:
    """A retrying transport for `httpx.AsyncClient`, around `inner` (default: the httpx one)."""
    return RetryingTransport(
        inner or httpx.AsyncHTTPTransport(), policy or RetryPolicy(), async_sleep=sleep, clock=clock
    )
