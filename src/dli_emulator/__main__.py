"""`python -m dli_emulator` / `dli-emulator`: serve the emulator until interrupted."""

import argparse
import ipaddress
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import CONFIG_ENV, ConfigError, Project, Settings, dev_projects, load_projects
from .engines import DEFAULT_ENGINE, ENGINES
from .http.app import create_app
from .http.server import LOOPBACK, base_url, bind, make_server


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="dli-emulator", description="Local emulator of the Huawei Cloud DLI SQL-job API."
    )
    parser.add_argument(
        "--host", default=LOOPBACK, help="address to listen on (default: %(default)s)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8900,
        help="port to listen on, 0 for any free one (default: %(default)s)",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=Path("data"), help="where jobs, tables and results live"
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=os.environ.get(CONFIG_ENV) or None,
        help=f"JSON or TOML file of projects and credentials (env {CONFIG_ENV}); "
        "without one a development project is created in the data directory",
    )
    parser.add_argument(
        "--queues",
        default="default",
        help="comma-separated queue names jobs may be submitted to (default: %(default)s)",
    )
    parser.add_argument(
        "--workers", type=int, default=4, help="jobs run at the same time (default: %(default)s)"
    )
    parser.add_argument(
        "--engine",
        default=DEFAULT_ENGINE,
        choices=sorted(ENGINES),
        help="the SQL engine that runs the jobs (default: %(default)s)",
    )
    parser.add_argument(
        "--enable-reset",
        action="store_true",
        help="serve POST /_emulator/reset, which deletes every job and table",
    )
    parser.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"]
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be between 0 and 65535, got {args.port}")
    if args.workers < 1:
        parser.error(f"--workers must be at least 1, got {args.workers}")
    queues = [name.strip() for name in args.queues.split(",") if name.strip()]
    if not queues:
        parser.error("--queues needs at least one queue name")
    args.queues = frozenset(queues)
    return args


def load_credentials(args: argparse.Namespace) -> tuple[Project, ...]:
    if args.config is not None:
        return load_projects(args.config)
    projects, path, created = dev_projects(args.data_dir)
    # The development credentials are the developer's own: shown once here, in no log.
    print(f"{'Created' if created else 'Using'} development credentials in {path}:")
    for project in projects:
        print(f"  project_id  {project.project_id}")
        for token in project.tokens:
            print(f"  token       {token.value}   (user {token.user})")
        for key in project.access_keys:
            print(f"  ak / sk     {key.ak} / {key.sk}   (user {key.user})")
    return projects


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        settings = Settings(
            data_dir=args.data_dir,
            projects=load_credentials(args),
            queues=args.queues,
            workers=args.workers,
            enable_reset=args.enable_reset,
            engine=args.engine,
        )
        app = create_app(settings)
    except ConfigError as error:
        print(f"dli-emulator: {error}", file=sys.stderr)
        return 2
    if not _is_loopback(args.host):
        print(
            f"dli-emulator: warning: listening on {args.host}, not loopback; anyone who can reach "
            "it and holds a credential can run SQL here",
            file=sys.stderr,
        )
    try:
        sock = bind(args.host, args.port)
    except OSError as error:
        print(
            f"dli-emulator: cannot listen on {args.host}:{args.port}: {error.strerror}",
            file=sys.stderr,
        )
        return 1
    # Tests and scripts read this line to find the port when started with --port 0.
    print(f"DLI emulator listening on {base_url(sock)}", flush=True)
    make_server(app, log_level=args.log_level, access_log=True).run(sockets=[sock])
    return 0


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


if __name__ == "__main__":
    sys.exit(main())
