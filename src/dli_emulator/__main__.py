"""`python -m dli_emulator` / `dli-emulator`: serve the emulator until interrupted.

Started, it prints the URL it listens on and, for the development project, a ready-to-paste
`export` line of the variables the toolkit, the `dli` command and Huawei's SDK read.
`--print-env` prints only that line and exits without serving, for scripts:

    eval "$(dli-emulator --print-env --data-dir data)"   # same data dir and port as the server
    dli-emulator --data-dir data &

This module imports only the standard library until it serves, so that `--help`, `--version`
and the message about a missing `[emulator]` extra work in a base install.
"""

import argparse
import importlib.metadata
import ipaddress
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import (
    CONFIG_ENV,
    DEFAULT_ENGINE,
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_QUEUE,
    DEFAULT_WORKERS,
    ConfigError,
    Project,
    Settings,
    dev_projects,
    load_projects,
)
from .engines import ENGINES
from .http.sockets import base_url, bind, url

DISTRIBUTION = "dli-sqljob"
MISSING_EXTRA = (
    "dli-emulator: the emulator needs its extra dependencies (module {module} is missing): "
    "pip install 'dli-sqljob[emulator]'"
)
# The variables the toolkit and Huawei's SDK read (dli_toolkit.credentials, dli_toolkit.factory).
ENV_ENDPOINT = "DLI_ENDPOINT"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_TOKEN = "DLI_AUTH_TOKEN"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="dli-emulator", description="Local emulator of the Huawei Cloud DLI SQL-job API."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="address to listen on (default: %(default)s)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
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
        default=DEFAULT_QUEUE,
        help="comma-separated queue names jobs may be submitted to (default: %(default)s)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help="jobs run at the same time (default: %(default)s)",
    )
    parser.add_argument(
        "--engine",
        default=DEFAULT_ENGINE,
        choices=sorted(ENGINES),
        help="the SQL engine that runs the jobs (default: %(default)s)",
    )
    parser.add_argument(
        "--spark-remote",
        metavar="URL",
        help="run the jobs on an existing Spark cluster through Spark Connect (sc://host:port; "
        "implies --engine spark; the cluster serves one project)",
    )
    parser.add_argument(
        "--enable-reset",
        action="store_true",
        help="serve POST /_emulator/reset, which deletes every job and table",
    )
    parser.add_argument(
        "--print-env",
        action="store_true",
        help="print the export line of the endpoint and the first project's credentials (for "
        "`eval`), then exit without serving; needs a fixed --port",
    )
    parser.add_argument(
        "--log-level", default="info", choices=["debug", "info", "warning", "error"]
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be between 0 and 65535, got {args.port}")
    if args.print_env and args.port == 0:
        parser.error("--print-env needs a fixed --port: the port of --port 0 is known only later")
    if args.workers < 1:
        parser.error(f"--workers must be at least 1, got {args.workers}")
    queues = [name.strip() for name in args.queues.split(",") if name.strip()]
    if not queues:
        parser.error("--queues needs at least one queue name")
    args.queues = frozenset(queues)
    if args.spark_remote is not None:
        if not args.spark_remote.startswith("sc://"):
            parser.error(
                "--spark-remote must be a Spark Connect URL (sc://host:port), "
                f"got {args.spark_remote!r}"
            )
        args.engine = "spark"
    return args


def load_credentials(args: argparse.Namespace, *, quiet: bool = False) -> tuple[Project, ...]:
    if args.config is not None:
        return load_projects(args.config)
    projects, path, created = dev_projects(args.data_dir)
    if not quiet:
        print(f"{'Created' if created else 'Using'} development credentials in {path}")
    return projects


def export_line(url: str, project: Project) -> str:
    """`export` of the endpoint, the project and its first AK/SK pair, shell-quoted."""
    values = [(ENV_ENDPOINT, url), (ENV_PROJECT_ID, project.project_id)]
    if project.access_keys:
        key = project.access_keys[0]
        values += [(ENV_AK, key.ak), (ENV_SK, key.sk)]
    return "export " + " ".join(f"{name}={shlex.quote(value)}" for name, value in values)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        from .http.app import create_app
        from .http.server import make_server
    except ModuleNotFoundError as error:
        if error.name is None or error.name.partition(".")[0].startswith("dli_"):
            raise
        print(MISSING_EXTRA.format(module=error.name), file=sys.stderr)
        return 2
    try:
        projects = load_credentials(args, quiet=args.print_env)
        if args.print_env:
            print(export_line(url(args.host, args.port), projects[0]))
            return 0
        settings = Settings(
            data_dir=args.data_dir,
            projects=projects,
            queues=args.queues,
            workers=args.workers,
            enable_reset=args.enable_reset,
            engine=args.engine,
            engine_options={"remote": args.spark_remote} if args.spark_remote else {},
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
    endpoint = base_url(sock)
    # Tests and scripts read this line to find the port when started with --port 0.
    print(f"DLI emulator listening on {endpoint}", flush=True)
    _print_credentials(endpoint, projects[0], dev=args.config is None)
    # uvicorn builds each access-log line before the logger drops it: only log when shown.
    access_log = args.log_level in ("debug", "info")
    make_server(app, log_level=args.log_level, access_log=access_log).run(sockets=[sock])
    return 0


def _print_credentials(endpoint: str, project: Project, *, dev: bool) -> None:
    # The development credentials are the developer's own: shown here, in no log. A config
    # file's secrets are its owner's, who has them already.
    if not dev:
        print(f"export {ENV_ENDPOINT}={shlex.quote(endpoint)}", flush=True)
        return
    print(export_line(endpoint, project))
    if project.tokens:
        print(f"# or with a token: export {ENV_TOKEN}={shlex.quote(project.tokens[0].value)}")
    sys.stdout.flush()


def _version() -> str:
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        return "unknown (not installed)"


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


if __name__ == "__main__":
    sys.exit(main())
