"""The floor: a bare Starlette route answering the status path with fixed bytes.

It is served exactly as the emulator is (the emulator's own uvicorn settings), so the difference
between the two request rates is the emulator's work per request: routing, auth, validation, the
job lookup. The client benchmark times its calls against it too (see bench/client.py).

    python -m bench.floor_app --body-file status.json [--port 0]
"""

import argparse
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.servers import Server, python_command, serve
from dli_emulator.http.server import make_server
from dli_emulator.http.sockets import LOOPBACK, base_url, bind

STATUS_PATH = "/v1.0/{project_id}/jobs/{job_id}/status"


def create_app(body: bytes, media_type: str = "application/json") -> Starlette:
    async def status(request: Request) -> Response:
        return Response(body, media_type=media_type)

    return Starlette(routes=[Route(STATUS_PATH, status)])


def serve_floor(workdir: Path, answer: httpx.Response) -> AbstractContextManager[Server]:
    """Serve the bare route in its own process, answering with `answer`'s body and type."""
    body_file = workdir / "floor-body"
    body_file.write_bytes(answer.content)
    command = python_command(
        "bench.floor_app",
        *("--body-file", str(body_file), "--media-type", answer.headers["content-type"]),
    )
    return serve("bare route", command, workdir / "floor.log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--body-file", type=Path, required=True, help="bytes to answer with")
    parser.add_argument("--media-type", default="application/json")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    app = create_app(args.body_file.read_bytes(), args.media_type)
    sock = bind(LOOPBACK, args.port)
    print(f"floor app listening on {base_url(sock)}", flush=True)
    make_server(app).run(sockets=[sock])


if __name__ == "__main__":
    main()
