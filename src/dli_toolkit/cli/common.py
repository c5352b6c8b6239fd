"""The `dli` app, its global options, and what several commands use: a client from the
options, waiting with a live display, reading files and NAME=VALUE pairs, the shared options."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Protocol, TypeVar

import typer
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse

from dli_toolkit.cli import output
from dli_toolkit.cli.group import CommandFailed, DliGroup, ExitCode
from dli_toolkit.credentials import ENV_PROJECT_ID
from dli_toolkit.factory import DliClient
from dli_toolkit.profiles import ENV_PROFILE
from dli_toolkit.settings import ENV_ENDPOINT, ENV_REGION, package_version

HELP = """Submit Spark SQL to Huawei Cloud DLI, follow the jobs and read their results.

Settings come from the options, then the environment, then the official SDK's credentials file
(~/.huaweicloud/credentials, profile [basic] unless --profile names another): credentials from
HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (AK/SK signing) or DLI_AUTH_TOKEN (an IAM token); the
project from --project-id or HUAWEICLOUD_SDK_PROJECT_ID; the endpoint from --endpoint or
DLI_ENDPOINT, else --region or DLI_REGION. Global options go before or after the command.
"""

EXIT_CODES = """Exit codes:

- 0: the command worked (the job FINISHED)
- 1: the job FAILED, the service refused the SQL (DLI.0003-0006, DLI.0008), or check-sql
  found it invalid; for `dli run`, a statement failed
- 2: bad usage or configuration (missing credentials, project, endpoint; an unreadable file)
- 3: the job was CANCELLED
- 4: the wait timed out (the job goes on running)
- 5: API, authentication or connection error
- 130: interrupted (Ctrl-C); a job being waited for goes on running
"""

app = typer.Typer(
    name="dli",
    cls=DliGroup,
    help=HELP,
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="markdown",
)


@dataclass(frozen=True)
class _Options:
    endpoint: str | None
    region: str | None
    project_id: str | None
    profile: str | None


def _show_version(shown: bool) -> None:
    if shown:
        typer.echo(f"dli {package_version()}")
        raise typer.Exit()


# No `envvar=` here: ClientSettings.resolve reads the environment itself, so that the order
# of the sources (settings.py) is written once; the help names the variables it reads.
_GLOBAL_HELP = {
    "endpoint": f"DLI endpoint URL; else ${ENV_ENDPOINT}. Wins over any region.",
    "region": f"Region ID, e.g. cn-north-4; else ${ENV_REGION}.",
    "project_id": f"Project ID of the region; else ${ENV_PROJECT_ID}.",
    "profile": f"Profile of ~/.huaweicloud/credentials to use; else ${ENV_PROFILE}, else basic.",
}


@app.callback()
def _global_options(
    ctx: typer.Context,
    endpoint: Annotated[str | None, typer.Option(help=_GLOBAL_HELP["endpoint"])] = None,
    region: Annotated[str | None, typer.Option(help=_GLOBAL_HELP["region"])] = None,
    project_id: Annotated[str | None, typer.Option(help=_GLOBAL_HELP["project_id"])] = None,
    profile: Annotated[str | None, typer.Option(help=_GLOBAL_HELP["profile"])] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = _Options(endpoint=endpoint, region=region, project_id=project_id, profile=profile)


def client(ctx: typer.Context) -> DliClient:
    """A client configured by the global options (then the environment, then a profile)."""
    options: _Options = ctx.obj
    return DliClient.create(
        endpoint=options.endpoint,
        region=options.region,
        project_id=options.project_id,
        profile=options.profile,
    )


class _Answer(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


Model = TypeVar("Model", bound=_Answer)


def fetch_or_json(
    ctx: typer.Context, read: Callable[[DliClient], Model], *, as_json: bool
) -> Model | None:
    """What `read` answers; printed whole as JSON (and None returned) with --json."""
    with client(ctx) as dli:
        answer = read(dli)
    if as_json:
        print_json(answer.to_dict())
        return None
    return answer


def print_json(document: Any) -> None:
    typer.echo(json.dumps(document, ensure_ascii=False))


def wait_for(dli: DliClient, job_id: str, timeout: float) -> ShowSqlJobStatusResponse:
    """Wait with a live display on stderr; Ctrl-C leaves the job running and says so."""
    try:
        with output.Follow(job_id, live=sys.stdout.isatty()) as follow:
            return dli.wait(job_id, timeout=timeout or None, on_progress=follow)
    except KeyboardInterrupt:
        raise interrupted(job_id) from None


def interrupted(job_id: str | None) -> CommandFailed:
    if job_id is None:
        return CommandFailed("interrupted", ExitCode.INTERRUPTED)
    return CommandFailed(
        f"interrupted: job {job_id} goes on running on the service; `dli cancel {job_id}` stops it",
        ExitCode.INTERRUPTED,
    )


def read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise typer.BadParameter(f"cannot read {path}: {error}") from None


def parse_conf(values: list[str] | None) -> list[str]:
    for value in values or []:
        key, equals, _ = value.partition("=")
        if not equals or not key.strip():
            raise typer.BadParameter(f"{value!r} is not key=value", param_hint="--conf")
    return list(values or [])


def parse_pairs(values: list[str] | None, option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values or []:
        key, equals, rest = value.partition("=")
        if not equals or not key.strip():
            raise typer.BadParameter(f"{value!r} is not NAME=VALUE", param_hint=option)
        pairs[key.strip()] = rest
    return pairs


JobArgument = Annotated[str, typer.Argument(metavar="JOB", help="Job ID.")]
FinishedJobArgument = Annotated[
    str, typer.Argument(metavar="JOB", help="Job ID of a finished query.")
]
WaitOption = Annotated[
    bool, typer.Option("--wait", help="Wait for the job to end (a flag: takes no value).")
]
WaitTimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout", min=0, help="Seconds to wait for the job to end; 0 waits without limit."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Rows as a JSON array of objects.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Rows as CSV with a header line.")]
WholeJsonOption = Annotated[bool, typer.Option("--json", help="Everything, as JSON.")]
QueueOption = Annotated[str | None, typer.Option(help="Queue to run on.")]
DatabaseOption = Annotated[str | None, typer.Option(help="Database of unqualified table names.")]
ConfOption = Annotated[
    list[str] | None,
    typer.Option(help="A setting key=value, e.g. dli.sql.job.timeout=60; repeatable."),
]
