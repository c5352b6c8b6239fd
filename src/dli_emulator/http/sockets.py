"""Listening sockets and their URLs (standard library only: the command line reads them before
it knows whether the emulator's dependencies are installed).

The socket is bound here, before uvicorn starts, so port 0 gives a free port whose number is
known at once, without a race between choosing a port and binding it.
"""

import socket

from ..config import DEFAULT_HOST

LOOPBACK = DEFAULT_HOST


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready TCP socket on host:port (port 0: any free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must be named: asyncio sets TCP_NODELAY only on sockets whose proto is IPPROTO_TCP,
    # and without it every response waits ~40 ms on Nagle and delayed ACKs.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return url(host, port)


def url(host: str, port: int) -> str:
    """The http:// URL of host:port (IPv6 addresses in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
