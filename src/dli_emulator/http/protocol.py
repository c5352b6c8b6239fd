"""uvicorn's HTTP protocol with a deadline for reading each request, headers and body.

uvicorn times out idle keep-alive connections but not a request that stops half-way: a client
that sends headers and no body, or half its headers, holds a connection (and, for a body, a
worker's wait) for ever. Here each request must arrive whole within `REQUEST_READ_TIMEOUT`
seconds of its first byte (or of the connection's opening); otherwise it is answered 408 with
the service's error body and the connection closed. Handling time is not counted: the deadline
ends when the last byte of the request has arrived.
"""

from __future__ import annotations

import asyncio

import orjson
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ..errors import PARAMETER_INVALID

REQUEST_READ_TIMEOUT = 10.0
_BODY = orjson.dumps(
    {
        "error_code": PARAMETER_INVALID,
        "error_msg": f"The request did not arrive whole within {REQUEST_READ_TIMEOUT:g} s",
    }
)
_TIMED_OUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
    b"content-length: " + str(len(_BODY)).encode("ascii") + b"\r\nconnection: close\r\n\r\n" + _BODY
)


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    read_timeout = REQUEST_READ_TIMEOUT
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.read_timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is None or cycle.response_complete or not cycle.response_started:
            self.transport.write(_TIMED_OUT)
        self.transport.close()
