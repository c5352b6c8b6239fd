"""What every `dli` command shares, whatever it does: the exit codes, the one place failures
become a code and one line on stderr, and global options accepted after the subcommand.

Commands are plain functions on the typer app (`dli_toolkit.cli.common.app`); `DliGroup.main`
runs each inside one handler, so a command added later maps errors the same way unasked.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Sequence
from enum import IntEnum
from typing import Any

import typer
from typer.core import TyperGroup

from dli_toolkit import pipelines, scripts
from dli_toolkit.errors import (
    ConfigurationError,
    DliToolkitError,
    JobCancelled,
    JobFailed,
    WaitTimeout,
)

# Options of the group that a user may also write after the subcommand (`dli jobs --region x`).
GLOBAL_OPTIONS = ("--endpoint", "--region", "--project-id", "--profile")


class ExitCode(IntEnum):
    """The documented exit codes (the CLI's epilog); every command ends with one of them."""

    OK = 0
    JOB_FAILED = 1
    USAGE = 2
    JOB_CANCELLED = 3
    WAIT_TIMEOUT = 4
    API_ERROR = 5
    INTERRUPTED = 130


class CommandFailed(typer.TyperException):
    """A command's own verdict with its exit code, e.g. check-sql finding the SQL invalid."""

    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.exit_code = code


def exit_for(error: BaseException) -> tuple[ExitCode, str]:
    """The exit code and the one line to print for a failure: the CLI's only error mapping."""
    match error:
        case ConfigurationError():
            return ExitCode.USAGE, f"error: {error}"
        case JobFailed():
            return ExitCode.JOB_FAILED, str(error)
        case DliToolkitError() if pipelines.refuses_sql(error):
            # The SQL is wrong, not the service: a pipeline must tell the two apart.
            return ExitCode.JOB_FAILED, f"invalid SQL: {error}"
        case scripts.ScriptError():
            return ExitCode.USAGE, f"error: {error}"
        case JobCancelled():
            return ExitCode.JOB_CANCELLED, str(error)
        case WaitTimeout():
            return ExitCode.WAIT_TIMEOUT, str(error)
        case DliToolkitError():
            return ExitCode.API_ERROR, f"error: {error}"
        case CommandFailed():
            return ExitCode(error.exit_code), error.format_message()
        case typer.TyperException():  # usage errors: a bad option, a missing argument
            return ExitCode.USAGE, f"error: {error.format_message()}{_help_hint(error)}"
        case KeyboardInterrupt() | typer.Abort():
            return ExitCode.INTERRUPTED, "interrupted"
        case _:
            # A bug of ours still gets one line, not a traceback on a user's terminal.
            return ExitCode.API_ERROR, f"unexpected {type(error).__name__}: {error}"


def _help_hint(error: typer.TyperException) -> str:
    # click's usage errors carry the context of the command they arose in.
    context = getattr(error, "ctx", None)
    path = getattr(context, "command_path", None)
    return f" (see '{path} --help')" if path else ""


def hoist_global_options(args: Sequence[str], commands: Collection[str]) -> list[str]:
    """`args` with the global options written after the subcommand moved before it.

    Stops at `--`, after which everything is an argument; a value that merely looks like a
    global option (`--queue --region`) is taken for one, a price worth `dli jobs --region x`.
    """
    args = list(args)
    position = _subcommand_position(args, commands)
    if position is None:
        return args
    before, after, moved = args[: position + 1], args[position + 1 :], []
    rest: list[str] = []
    index = 0
    while index < len(after):
        arg = after[index]
        if arg == "--":
            rest += after[index:]
            break
        if arg in GLOBAL_OPTIONS and index + 1 < len(after):
            moved += after[index : index + 2]
            index += 2
            continue
        if arg.startswith(tuple(f"{option}=" for option in GLOBAL_OPTIONS)):
            moved.append(arg)
        else:
            rest.append(arg)
        index += 1
    return [*before[:-1], *moved, before[-1], *rest]


def _subcommand_position(args: list[str], commands: Collection[str]) -> int | None:
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in commands:
            return index
        index += 2 if arg in GLOBAL_OPTIONS else 1
    return None


class DliGroup(TyperGroup):
    """The `dli` group: every command runs inside `main`, whose one handler maps failures."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        given = sys.argv[1:] if args is None else args
        try:
            outcome = super().main(
                hoist_global_options(given, self.commands),
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = ExitCode.OK if outcome is None else outcome
        except Exception as error:
            code, message = exit_for(error)
            # One line, never wrapped: plain typer.echo, not the rich console.
            typer.echo(f"dli: {' '.join(message.split())}", err=True)
        if standalone_mode:
            sys.exit(code)
        return code
