"""`dli run`: a script of SQL statements, each its own job, in order."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from dli_toolkit import pipelines, scripts
from dli_toolkit.cli import output
from dli_toolkit.cli.common import (
    EXIT_CODES,
    ConfOption,
    CsvOption,
    DatabaseOption,
    JsonOption,
    QueueOption,
    WaitTimeoutOption,
    app,
    client,
    interrupted,
    parse_conf,
    parse_pairs,
    read_file,
)
from dli_toolkit.cli.group import ExitCode
from dli_toolkit.waiting import DEFAULT_WAIT_TIMEOUT, JobUpdate


@app.command(name="run", epilog=EXIT_CODES)
def run_command(
    ctx: typer.Context,
    script: Annotated[
        str, typer.Argument(metavar="FILE", help="A file of SQL statements; - reads stdin.")
    ],
    var: Annotated[
        list[str] | None,
        typer.Option("--var", help="NAME=VALUE: replaces ${NAME} in the script; repeatable."),
    ] = None,
    continue_on_error: Annotated[
        bool,
        typer.Option(help="Run the statements after a failed one too (the exit code is still 1)."),
    ] = False,
    queue: QueueOption = None,
    db: DatabaseOption = None,
    conf: ConfOption = None,
    timeout: WaitTimeoutOption = DEFAULT_WAIT_TIMEOUT,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> ExitCode:
    """Run a script: each statement (cut at `;`, not inside quotes or comments) is its own job,
    in order, with the same queue, database and conf. Progress goes to stderr, query rows to
    stdout. The first failure stops the script unless --continue-on-error; a summary ends it.
    """
    form = output.output_format(as_json, as_csv)
    text = sys.stdin.read() if script == "-" else read_file(Path(script))
    variables = parse_pairs(var, "--var")
    settings = parse_conf(conf)
    statements = scripts.split(scripts.substitute(text, variables))
    if not statements:
        raise typer.BadParameter(f"{script} holds no SQL statement", param_hint="FILE")
    total = len(statements)
    started = time.monotonic()
    current: dict[str, Any] = {}

    def announce(job_id: str | None) -> None:
        # Once the statement became a job (or was refused): a script that cannot reach the
        # service at all ends with its one error line.
        if current.get("announced"):
            return
        current["announced"] = True
        index, statement = current["index"], current["statement"]
        flat = " ".join(statement.sql.split())
        shown = flat if len(flat) <= 60 else flat[:59] + "…"
        job = f" job {job_id}" if job_id else ""
        typer.echo(f"[{index + 1}/{total}] line {statement.line}{job}: {shown}", err=True)

    def on_start(index: int, statement: scripts.Statement) -> None:
        current.update(index=index, statement=statement, job=None, announced=False)
        current["since"] = time.monotonic()

    def on_progress(update: JobUpdate) -> None:
        current["job"] = update.job_id
        announce(update.job_id)

    def on_done(index: int, outcome: pipelines.StatementOutcome) -> None:
        announce(outcome.job_id)
        took = time.monotonic() - current["since"]
        reason = f": {outcome.error}" if outcome.error is not None else ""
        typer.echo(f"[{index + 1}/{total}] {outcome.status} ({took:.1f} s){reason}", err=True)
        if outcome.result is not None and outcome.result.columns:
            output.print_result(outcome.result, form)

    with client(ctx) as dli:
        try:
            outcomes = pipelines.run_script(
                dli,
                text,
                variables=variables,
                queue=queue,
                database=db,
                conf=settings or None,
                timeout=timeout or None,
                continue_on_error=continue_on_error,
                on_start=on_start,
                on_done=on_done,
                on_progress=on_progress,
            )
        except KeyboardInterrupt:
            raise interrupted(current.get("job")) from None
    counts = {state: sum(o.status == state for o in outcomes) for state in _STATES}
    summary = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
    typer.echo(f"{total} statements: {summary} ({time.monotonic() - started:.1f} s)", err=True)
    if counts["FAILED"]:
        return ExitCode.JOB_FAILED
    if counts["CANCELLED"]:
        return ExitCode.JOB_CANCELLED
    return ExitCode.OK


_STATES = ("FINISHED", "FAILED", "CANCELLED", "SKIPPED")
