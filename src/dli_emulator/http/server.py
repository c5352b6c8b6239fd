"""Serving the app with uvicorn: in the foreground (the CLI) or on a thread (tests, the demo),
on a socket bound beforehand (`sockets.bind`)."""

import threading
import time
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp

from .protocol import GuardedHttpToolsProtocol
from .sockets import LOOPBACK, base_url, bind


def make_server(
    app: ASGIApp, *, log_level: str = "warning", access_log: bool = False
) -> uvicorn.Server:
    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
        http=GuardedHttpToolsProtocol,
    )
    return uvicorn.Server(config)


class BackgroundServer:
    """Run an ASGI app on a daemon thread: `with BackgroundServer(app) as url:` serves inside."""

    def __init__(self, app: ASGIApp, host: str = LOOPBACK, port: int = 0, *, timeout: float = 15.0):
        self._server = make_server(app)
        self._socket = bind(host, port)
        self._timeout = timeout
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )
        self.url = base_url(self._socket)

    def start(self) -> str:
        self._thread.start()
        deadline = time.monotonic() + self._timeout
        while not self._server.started:
            if not self._thread.is_alive():
                self._socket.close()
                raise RuntimeError("the emulator stopped while starting; see its log above")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"the emulator did not start within {self._timeout} s")
            time.sleep(0.01)
        return self.url

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(self._timeout)
        self._socket.close()

    def __enter__(self) -> str:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
