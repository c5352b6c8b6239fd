"""The `dli` command line: submit SQL, follow jobs, read, export and fetch results, run scripts.

- `group`: the exit codes and the one handler every command runs in (and global options
  accepted after the command);
- `common`: the app, its global options, what several commands use;
- `output`: what they print (tables, fields, UTC times, coloured statuses, the live wait);
- `jobs`, `results`, `pipelines`: the commands, one module per group.

A new command is a function decorated with `app.command()` in one of the command modules;
tests/toolkit/test_cli.py walks every registered command.
"""

from dli_toolkit.cli import jobs, pipelines, results
from dli_toolkit.cli.common import app

__all__ = ["app", "jobs", "main", "pipelines", "results"]


def main() -> None:
    """Entry point of the `dli` script."""
    app(prog_name="dli")
