"""The retrying transport against a real, scripted, flaky HTTP server on 127.0.0.1."""

import asyncio
import json
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from time import time

import httpx
import pytest

from dli_toolkit.transport import RetryPolicy, async_retrying_transport, retrying_transport


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the socket without answering


DROP = Reply(drop=True)


class ScriptedServer(ThreadingHTTPServer):
    """Answers with the scripted replies in order (then 200) and records every request."""

    daemon_threads = True

    def __init__(self, replies: list[Reply]) -> None:
        super().__init__(("127.0.0.1", 0), ScriptedHandler, bind_and_activate=False)
        self.replies = deque(replies)
        self.seen: list[tuple[str, str, bytes]] = []
        self._thread: threading.Thread | None = None
        self.server_bind()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> None:
        """Listen and serve; until then connections to the bound port are refused."""
        self.server_activate()
        # A short poll interval keeps shutdown() quick; the default waits up to half a second.
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join(5)
        self.server_close()


class ScriptedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ScriptedServer

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b""
        while size := int(self.rfile.readline().split(b";")[0], 16):
            body += self.rfile.read(size + 2)[:size]
        while self.rfile.readline() not in (b"\r\n", b""):
            pass
        return body

    def answer(self) -> None:
        body = self.read_body()
        self.server.seen.append((self.command, self.path, body))
        reply = self.server.replies.popleft() if self.server.replies else Reply()
        if reply.drop:
            self.close_connection = True
            return
        payload = json.dumps({"status": reply.status}).encode()
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_DELETE = do_PUT = answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def scripted(*replies: Reply, listening: bool = True) -> Iterator[ScriptedServer]:
    server = ScriptedServer(list(replies))
    try:
        if listening:
            server.start()
        yield server
    finally:
        server.stop()


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
    with scripted(Reply(429, {"Retry-After": "3"})) as server:
        response = send(mode, fake, method, f"{server.url}/v1.0/p/jobs/submit-job", content=b"{}")

    assert response.status_code == 200
    assert fake.sleeps == [3.0]
    assert [(m, body) for m, _, body in server.seen] == [(method, b"{}")] * 2


def test_retry_after_http_date_is_honoured_and_capped(mode: str) -> None:
    fake = FakeTime()
    in_an_hour = formatdate(time() + 3600, usegmt=True)
    an_hour_ago = formatdate(time() - 3600, usegmt=True)
    with scripted(
        Reply(429, {"Retry-After": in_an_hour}), Reply(429, {"Retry-After": an_hour_ago})
    ) as server:
        response = send(mode, fake, "POST", f"{server.url}/v1.0/p/jobs/submit-job")

    assert response.status_code == 200
    assert fake.sleeps == [POLICY.max_wait, 0.0]
    assert len(server.seen) == 3


def test_retry_after_in_seconds_is_capped(mode: str) -> None:
    fake = FakeTime()
    with scripted(Reply(429, {"Retry-After": "3600"})) as server:
        response = send(mode, fake, "GET", f"{server.url}/v1.0/p/jobs")

    assert response.status_code == 200
    assert fake.sleeps == [POLICY.max_wait]


@pytest.mark.parametrize("status", [502, 503, 504])
@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_gateway_errors_are_retried_for_idempotent_methods(
    mode: str, status: int, method: str
) -> None:
    fake = FakeTime()
    with scripted(Reply(status), Reply(status)) as server:
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
    with scripted(DROP) as server:
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
    with scripted(listening=False) as server:
        fake = FakeTime(on_sleep=server.start)
        response = send(mode, fake, "POST", f"{server.url}/v1.0/p/jobs/submit-job", content=b"{}")

    assert response.status_code == 200
    assert len(fake.sleeps) == 1
    assert server.seen == [("POST", "/v1.0/p/jobs/submit-job", b"{}")]


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
    with scripted(*[Reply(503, {"Retry-After": "2"})] * 10) as server:
        response = send(mode, fake, "GET", f"{server.url}/v1.0/p/jobs", policy=policy)

    # Attempts at t=0, 2 and 4; the next would start at 6, past the 5 s deadline.
    assert response.status_code == 503
    assert len(server.seen) == 3
    assert fake.sleeps == [2.0, 2.0]


def test_streamed_body_is_sent_whole_again(mode: str) -> None:
    fake = FakeTime()
    with scripted(Reply(429, {"Retry-After": "1"})) as server:
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
    assert [body for _, _, body in server.seen] == [b'{"sql": "select 1"}'] * 2


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
