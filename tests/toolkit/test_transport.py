"""The retrying transport against a real, scripted, flaky HTTP server on 127.0.0.1."""

import asyncio
from collections.abc import AsyncIterator, Callable
from email.utils import formatdate
from time import time

import httpx
import pytest

from dli_toolkit.transport import (
    RetryPolicy,
    async_retrying_transport,
    retry_wait,
    retrying_transport,
)
from tests.support.scripted_server import DROP, OK, Reply, scripted


class FakeTime:
    """Clock and sleep for the transport: sleeping only moves the clock (and may run a hook)."""

    def __init__(self, on_sleep: Callable[[], None] | None = None) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self._on_sleep = on_sleep

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if self._on_sleep is not None:
            self._on_sleep()
        self._on_sleep = None

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


POLICY = RetryPolicy(max_attempts=4, deadline=60.0, backoff=0.5, max_wait=5.0)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def send(
    mode: str,
    fake: FakeTime,
    method: str,
    url: str,
    *,
    policy: RetryPolicy = POLICY,
    content: bytes | None = None,
) -> httpx.Response:
    if mode == "sync":
        transport = retrying_transport(policy, sleep=fake.sleep, clock=fake.clock)
        with httpx.Client(transport=transport, timeout=2) as client:
            return client.request(method, url, content=content)

    async def run() -> httpx.Response:
        transport = async_retrying_transport(policy, sleep=fake.async_sleep, clock=fake.clock)
        async with httpx.AsyncClient(transport=transport, timeout=2) as client:
            return await client.request(method, url, content=content)

    return asyncio.run(run())


@pytest.mark.parametrize("method", ["POST", "GET", "DELETE"])
def test_429_is_retried_for_every_method_after_retry_after(mode: str, method: str) -> None:
    fake = FakeTime()
    with scripted(Reply(429, headers={"Retry-After": "3"}), OK) as server:
        response = send(mode, fake, method, f"{server.url}/v1.0/p/jobs/submit-job", content=b"{}")

    assert response.status_code == 200
    assert fake.sleeps == [3.0]
    assert [(seen.method, seen.body) for seen in server.seen] == [(method, b"{}")] * 2


def test_retry_after_http_date_is_honoured_and_capped(mode: str) -> None:
    fake = FakeTime()
    in_an_hour = formatdate(time() + 3600, usegmt=True)
    an_hour_ago = formatdate(time() - 3600, usegmt=True)
    with scripted(
        Reply(429, headers={"Retry-After": in_an_hour}),
        Reply(429, headers={"Retry-After": an_hour_ago}),
        OK,
    ) as server:
        response = send(mode, fake, "POST", f"{server.url}/v1.0/p/jobs/submit-job")

    assert response.status_code == 200
    assert fake.sleeps == [POLICY.max_wait, 0.0]
    assert len(server.seen) == 3


def test_retry_after_in_seconds_is_capped(mode: str) -> None:
    fake = FakeTime()
    with scripted(Reply(429, headers={"Retry-After": "3600"}), OK) as server:
        response = send(mode, fake, "GET", f"{server.url}/v1.0/p/jobs")

    assert response.status_code == 200
    assert fake.sleeps == [POLICY.max_wait]


@pytest.mark.parametrize("status", [502, 503, 504])
@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_gateway_errors_are_retried_for_idempotent_methods(
    mode: str, status: int, method: str
) -> None:
    fake = FakeTime()
    with scripted(Reply(status), Reply(status), OK) as server:
        response = send(mode, fake, method, f"{server.url}/v1.0/p/jobs/j1")

    assert response.status_code == 200
    assert len(server.seen) == 3
    # Full jitter below the doubling ceilings 0.5, 1.0.
    assert len(fake.sleeps) == 2
    assert all(
        0.0 <= wait <= ceiling for wait, ceiling in zip(fake.sleeps, [0.5, 1.0], strict=True)
    )


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_not_retried_for_post(mode: str, status: int) -> None:
    fake = FakeTime()
    with scripted(Reply(status)) as server:
        response = send(mode, fake, "POST", f"{server.url}/v1.0/p/jobs/submit-job", content=b"{}")

    assert response.status_code == status
    assert len(server.seen) == 1
    assert fake.sleeps == []


@pytest.mark.parametrize("status", [400, 401, 404, 500])
def test_other_errors_are_returned_at_once(mode: str, status: int) -> None:
    fake = FakeTime()
    with scripted(Reply(status)) as server:
        response = send(mode, fake, "GET", f"{server.url}/v1.0/p/jobs")

    assert response.status_code == status
    assert len(server.seen) == 1


def test_dropped_connection_is_retried_for_get(mode: str) -> None:
    fake = FakeTime()
    with scripted(DROP, OK) as server:
        response = send(mode, fake, "GET", f"{server.url}/v1.0/p/jobs/j1/status")

    assert response.status_code == 200
    assert len(server.seen) == 2


def test_dropped_connection_is_not_retried_for_post(mode: str) -> None:
    fake = FakeTime()
    with scripted(DROP) as server, pytest.raises(httpx.RemoteProtocolError):
        send(mode, fake, "POST", f"{server.url}/v1.0/p/jobs/submit-job", content=b"{}")

    assert len(server.seen) == 1
    assert fake.sleeps == []


def test_refused_connection_is_retried_for_post(mode: str) -> None:
    with scripted(OK, listening=False) as server:
        fake = FakeTime(on_sleep=server.start)
        response = send(mode, fake, "POST", f"{server.url}/v1.0/p/jobs/submit-job", content=b"{}")

    assert response.status_code == 200
    assert len(fake.sleeps) == 1
    assert [(s.method, s.path, s.body) for s in server.seen] == [
        ("POST", "/v1.0/p/jobs/submit-job", b"{}")
    ]


def test_refused_connection_stops_after_max_attempts(mode: str) -> None:
    fake = FakeTime()
    with scripted(listening=False) as server, pytest.raises(httpx.ConnectError):
        send(mode, fake, "POST", f"{server.url}/v1.0/p/jobs/submit-job")

    assert len(fake.sleeps) == POLICY.max_attempts - 1


def test_max_attempts_is_respected(mode: str) -> None:
    fake = FakeTime()
    policy = RetryPolicy(max_attempts=3, deadline=1000.0)
    with scripted(*[Reply(503)] * 10) as server:
        response = send(mode, fake, "GET", f"{server.url}/v1.0/p/jobs", policy=policy)

    assert response.status_code == 503
    assert len(server.seen) == 3
    assert len(fake.sleeps) == 2


def test_deadline_stops_a_retry_whose_wait_would_cross_it(mode: str) -> None:
    fake = FakeTime()
    policy = RetryPolicy(max_attempts=10, deadline=5.0, max_wait=10.0)
    with scripted(*[Reply(503, headers={"Retry-After": "2"})] * 10) as server:
        response = send(mode, fake, "GET", f"{server.url}/v1.0/p/jobs", policy=policy)

    # Attempts at t=0, 2 and 4; the next would start at 6, past the 5 s deadline.
    assert response.status_code == 503
    assert len(server.seen) == 3
    assert fake.sleeps == [2.0, 2.0]


def test_streamed_body_is_sent_whole_again(mode: str) -> None:
    fake = FakeTime()
    with scripted(Reply(429, headers={"Retry-After": "1"}), OK) as server:
        url = f"{server.url}/v1.0/p/jobs/submit-job"
        if mode == "sync":
            with httpx.Client(
                transport=retrying_transport(POLICY, sleep=fake.sleep, clock=fake.clock)
            ) as client:
                response = client.post(url, content=iter([b'{"sql": ', b'"select 1"}']))
        else:

            async def chunks() -> AsyncIterator[bytes]:
                yield b'{"sql": '
                yield b'"select 1"}'

            async def run() -> httpx.Response:
                transport = async_retrying_transport(
                    POLICY, sleep=fake.async_sleep, clock=fake.clock
                )
                async with httpx.AsyncClient(transport=transport) as client:
                    return await client.post(url, content=chunks())

            response = asyncio.run(run())

    assert response.status_code == 200
    assert [seen.body for seen in server.seen] == [b'{"sql": "select 1"}'] * 2


def test_a_sync_transport_refuses_async_use() -> None:
    async def run() -> None:
        async with httpx.AsyncClient(transport=retrying_transport()) as client:
            await client.get("http://127.0.0.1:9/")

    with pytest.raises(RuntimeError, match="sync"):
        asyncio.run(run())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"max_attempts": 0}, "max_attempts"),
        ({"deadline": 0}, "deadline"),
        ({"backoff": -1}, "backoff"),
        ({"max_wait": 0}, "max_wait"),
    ],
)
def test_policy_rejects_nonsense(arguments: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RetryPolicy(**arguments)  # type: ignore[arg-type]


def test_policy_normalises_methods() -> None:
    assert RetryPolicy(idempotent_methods=frozenset({"get"})).idempotent_methods == {"GET"}


# --- the decision alone ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "outcome", "retried"),
    [
        ("POST", 429, True),
        ("POST", 503, False),
        ("POST", httpx.ConnectError("refused"), True),
        ("POST", httpx.ConnectTimeout("slow"), True),
        ("POST", httpx.ReadTimeout("sent, no answer"), False),
        ("POST", httpx.RemoteProtocolError("dropped"), False),
        ("GET", 502, True),
        ("GET", 504, True),
        ("DELETE", 503, True),
        ("GET", httpx.ReadTimeout("sent, no answer"), True),
        ("GET", 500, False),
        ("GET", 404, False),
        ("GET", ValueError("not a transport error"), False),
    ],
)
def test_retry_wait_decides_by_method_and_outcome(
    method: str, outcome: int | Exception, retried: bool
) -> None:
    wait = retry_wait(POLICY, method=method, outcome=outcome, attempts=1, elapsed=0.0, draw=0.5)
    assert (wait is not None) == retried


def test_retry_wait_backs_off_with_full_jitter_below_a_capped_ceiling() -> None:
    policy = RetryPolicy(max_attempts=10, deadline=1000.0, backoff=0.5, max_wait=3.0)

    def ceiling(attempts: int) -> float | None:
        return retry_wait(policy, method="GET", outcome=503, attempts=attempts, elapsed=0, draw=1.0)

    assert [ceiling(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert retry_wait(policy, method="GET", outcome=503, attempts=3, elapsed=0, draw=0.25) == 0.5
    assert ceiling(10) is None  # the tenth attempt was the last


def test_retry_wait_reads_retry_after_and_keeps_the_deadline() -> None:
    now = 1_700_000_000.0
    in_ten = formatdate(now + 10, usegmt=True)

    def wait(retry_after: str, elapsed: float = 0.0) -> float | None:
        return retry_wait(
            POLICY,
            method="POST",
            outcome=429,
            attempts=1,
            elapsed=elapsed,
            retry_after=retry_after,
            now=now,
        )

    assert wait("2") == 2.0
    assert wait(in_ten) == POLICY.max_wait  # 10 s, capped at 5
    assert wait("not a date") == 0.0  # unreadable: backoff (draw 0)
    assert wait("2", elapsed=58.5) is None  # would end past the 60 s deadline
