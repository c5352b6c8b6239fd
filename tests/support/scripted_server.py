"""A real HTTP server on 127.0.0.1 that answers from a script: for what the emulator never
sends (throttling, gateway errors, HTML error pages, dropped connections, broken bodies).

Requests to a path with its own script (`on`) get that script's replies in turn, the last one
repeating; any other request gets the next reply of the server's own script, and once that is
used up a 404 in the service's error format. Every request is recorded in `seen`.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: Any = field(default_factory=dict)  # bytes/str sent as is, anything else as JSON
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without answering

    def encoded(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, "application/octet-stream"
        if isinstance(self.body, str):
            return self.body.encode(), "text/html; charset=utf-8"
        return json.dumps(self.body).encode(), "application/json"


OK = Reply()
DROP = Reply(drop=True)


@dataclass(frozen=True)
class Seen:
    method: str
    path: str  # with the query string
    body: bytes
    headers: dict[str, str]


class ScriptedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *replies: Reply) -> None:
        super().__init__(("127.0.0.1", 0), _Handler, bind_and_activate=False)
        self.server_bind()
        self.script = deque(replies)
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def on(self, method: str, path: str, *replies: Reply) -> None:
        """Answer `method path` (without query) with `replies` in turn, repeating the last."""
        with self._lock:
            self.routes[(method.upper(), path)] = list(replies)

    def next_reply(self, method: str, path: str) -> Reply:
        with self._lock:
            replies = self.routes.get((method, path.partition("?")[0]))
            if replies:
                return replies.pop(0) if len(replies) > 1 else replies[0]
            if self.script:
                return self.script.popleft()
        body = {"error_code": "TEST.404", "error_msg": f"nothing scripted for {method} {path}"}
        return Reply(404, body)

    def start(self) -> None:
        """Listen and serve; until then the bound port refuses connections."""
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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ScriptedServer

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b""
        while size := int(self.rfile.readline().split(b";")[0], 16):
            body += self.rfile.read(size + 2)[:size]
        while self.rfile.readline() not in (b"\r\n", b""):
            pass
        return body

    def _answer(self) -> None:
        body = self._read_body()
        self.server.seen.append(Seen(self.command, self.path, body, dict(self.headers.items())))
        reply = self.server.next_reply(self.command, self.path)
        if reply.drop:
            self.close_connection = True
            return
        content, content_type = reply.encoded()
        self.send_response(reply.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(content)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def scripted(*replies: Reply, listening: bool = True) -> Iterator[ScriptedServer]:
    """A scripted server, stopped on the way out (on failure too); `listening=False` leaves
    its port bound but refusing until `start()`."""
    server = ScriptedServer(*replies)
    try:
        if listening:
            server.start()
        yield server
    finally:
        server.stop()
