"""The `dli` command line against the emulator: every command through typer's CliRunner, then
the installed `dli` script as a subprocess. Exit codes and one-line errors are the contract."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import socket
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.main import get_command

from dli_toolkit import settings
from dli_toolkit.cli import app
from dli_toolkit.cli.group import ExitCode
from dli_toolkit.transport import RetryPolicy
from tests.support.dli_cli import (
    ANSI_ESCAPE,
    LONG_QUERY,
    UUID,
    Dli,
    assert_one_line_error,
    environment,
    environment_without_emulator,
    start_dli,
    submitted_job,
)

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


@pytest.fixture
def dli(emulator: EmulatorInstance) -> Dli:
    return Dli(environment(emulator))


def test_help_documents_the_exit_codes(dli: Dli) -> None:
    for args in (["--help"], ["wait", "--help"], ["submit", "--help"]):
        result = dli(*args)
        assert result.exit_code == 0
        text = " ".join(result.stdout.split())
        for line in (
            "0: the command worked",
            "1: the job FAILED",
            "2: bad usage",
            "3: the job was CANCELLED",
            "4: the wait timed out",
            "5: API, authentication or connection error",
        ):
            assert line in text


def test_submit_wait_prints_the_rows(dli: Dli) -> None:
    table = dli("submit", "select 1 as one, 'x' as letter", "--wait")
    as_json = dli("submit", "select 2 as two", "--wait", "--json")
    as_csv = dli(
        "submit",
        "select 3 as three, 'a,b' as text, true as flag, array(1, 2) as list, null as nothing",
        "--wait",
        "--csv",
    )

    assert table.exit_code == 0, table.stderr
    assert re.search(r"one\s.*letter", table.stdout)
    assert re.search(r"\b1\b.*\bx\b", table.stdout)
    assert re.match(rf"submitted job {UUID.pattern} \(QUERY\)", table.stderr)
    assert json.loads(as_json.stdout) == [{"two": 2}]
    assert list(csv.reader(io.StringIO(as_csv.stdout))) == [
        ["three", "text", "flag", "list", "nothing"],
        ["3", "a,b", "true", "[1, 2]", ""],
    ]


def test_submit_then_wait_then_status_preview(dli: Dli) -> None:
    marker = f"cli_{uuid.uuid4().hex[:8]}"
    job_id = submitted_job(dli, f"select 7 as {marker}", "--queue", "default", "--conf", "a.b=1")

    waited = dli("wait", job_id)
    status = dli("status", job_id)
    status_json = dli("status", job_id, "--json")
    preview = dli("preview", job_id, "--json")
    preview_csv = dli("preview", job_id, "--csv", "--rows", "1")

    assert waited.exit_code == 0, waited.stderr
    assert waited.stdout == f"{job_id} FINISHED\n"
    # Not a terminal: plain progress lines on stderr, ending with the final state.
    assert waited.stderr.splitlines()[-1] == f"job {job_id}: FINISHED 100%"
    assert re.search(r"^status\s+FINISHED$", status.stdout, re.MULTILINE)
    assert re.search(rf"^statement\s+select 7 as {marker}$", status.stdout, re.MULTILINE)
    assert json.loads(status_json.stdout)["job_id"] == job_id
    assert json.loads(json.loads(status_json.stdout)["user_conf"]) == {"a.b": "1"}
    assert json.loads(preview.stdout) == [{marker: 7}]
    assert preview_csv.stdout == f"{marker}\n7\n"


def test_synchronous_ddl_prints_its_inline_rows(dli: Dli) -> None:
    database = f"cli_db_{uuid.uuid4().hex[:8]}"
    assert dli("submit", f"create database {database}", "--wait").exit_code == 0
    created = dli("submit", f"create table {database}.t1 (a int, b string)", "--wait")
    assert created.exit_code == 0, created.stderr

    described = dli(
        "submit", f"desc {database}.t1", "--conf", "dli.sql.sqlasync.enabled=false", "--json"
    )

    assert described.exit_code == 0, described.stderr
    job_id, rows = described.stdout.split("\n", 1)
    assert UUID.fullmatch(job_id)
    assert [(r["col_name"], r["data_type"]) for r in json.loads(rows)] == [
        ("a", "int"),
        ("b", "string"),
    ]
    # A synchronous job that fails answers HTTP 200 with is_success false: the job FAILED.
    failed = dli("submit", f"desc {database}.missing", "--conf", "dli.sql.sqlasync.enabled=false")
    assert failed.exit_code == ExitCode.JOB_FAILED, failed.stderr
    assert re.match(rf"dli: job {UUID.pattern} FAILED: .*missing", failed.stderr)


def test_failed_job_exits_1_with_its_reason(dli: Dli) -> None:
    result = dli("submit", "select * from cli_missing_table", "--wait")

    assert result.exit_code == ExitCode.JOB_FAILED
    assert "Traceback" not in result.output
    last = result.stderr.splitlines()[-1]
    assert re.match(rf"dli: job {UUID.pattern} FAILED: .*cli_missing_table", last)


def test_wait_timeout_exits_4_then_cancel_and_wait_exits_3(dli: Dli) -> None:
    started = dli("submit", LONG_QUERY, "--wait", "--timeout", "0.3")
    job_id = UUID.search(started.stderr)
    assert job_id is not None, started.stderr
    try:
        assert started.exit_code == ExitCode.WAIT_TIMEOUT
        assert re.search(r"dli: job \S+: still (LAUNCHING|RUNNING) after", started.stderr)
    finally:
        cancelled = dli("cancel", job_id.group())
    assert cancelled.exit_code == 0, cancelled.stderr
    assert cancelled.stdout == f"{job_id.group()} cancel requested\n"

    waited = dli("wait", job_id.group())

    assert waited.exit_code == ExitCode.JOB_CANCELLED
    assert waited.stderr.splitlines()[-1].startswith(f"dli: job {job_id.group()} CANCELLED")


def test_cancelling_a_finished_job_is_an_api_error(dli: Dli) -> None:
    job_id = submitted_job(dli, "select 1")
    assert dli("wait", job_id).exit_code == 0

    assert_one_line_error(dli("cancel", job_id), ExitCode.API_ERROR, "dli: error: DLI.0007")


def test_jobs_lists_with_filters(dli: Dli) -> None:
    marker = f"cli_jobs_{uuid.uuid4().hex[:8]}"
    finished = submitted_job(dli, f"select 1 as {marker}")
    assert dli("wait", finished).exit_code == 0
    failed = submitted_job(dli, f"select * from {marker}")
    assert dli("wait", failed).exit_code == ExitCode.JOB_FAILED

    table = dli("jobs", "--limit", "50")
    only_failed = dli(
        "jobs", "--status", "FAILED", "--type", "QUERY", "--queue", "default", "--json"
    )
    limited = dli("jobs", "--limit", "1", "--json")

    assert table.exit_code == 0, table.stderr
    assert finished in table.stdout and failed in table.stdout
    assert "JOB ID" in table.stdout
    listed = json.loads(only_failed.stdout)
    assert failed in [job["job_id"] for job in listed]
    assert finished not in [job["job_id"] for job in listed]
    assert {(job["status"], job["job_type"]) for job in listed} == {("FAILED", "QUERY")}
    assert len(json.loads(limited.stdout)) == 1


def test_check_sql(dli: Dli) -> None:
    good = dli("check-sql", "select 1")
    bad = dli("check-sql", "selec 1")

    assert (good.exit_code, good.stdout) == (0, "OK QUERY\n")
    assert_one_line_error(bad, ExitCode.JOB_FAILED, "invalid SQL", "DLI.0004")


def test_api_errors_exit_5_on_one_line(dli: Dli, emulator: EmulatorInstance) -> None:
    missing = str(uuid.uuid4())

    assert_one_line_error(dli("status", missing), ExitCode.API_ERROR, "dli: error: DLI.0002")
    assert_one_line_error(dli("preview", missing), ExitCode.API_ERROR, "dli: error:")
    wrong_key = dli("status", missing, HUAWEICLOUD_SDK_SK="wrong-secret-key-value")
    assert_one_line_error(wrong_key, ExitCode.API_ERROR, "HTTP 401")
    assert "wrong-secret-key-value" not in wrong_key.output


@pytest.mark.parametrize(
    ("args", "overrides", "fragment"),
    [
        (
            ["status", "x"],
            {"HUAWEICLOUD_SDK_AK": None, "HUAWEICLOUD_SDK_SK": None},
            "no credentials",
        ),
        (["status", "x"], {"HUAWEICLOUD_SDK_PROJECT_ID": None}, "no project ID: pass --project-id"),
        (["status", "x", "--profile", "nobody"], {}, "profile 'nobody'"),
        (["--region", "mars-1", "status", "x"], {"DLI_ENDPOINT": None}, "unknown DLI region"),
    ],
)
def test_configuration_errors_exit_2(
    dli: Dli, args: list[str], overrides: dict[str, str | None], fragment: str
) -> None:
    assert_one_line_error(dli(*args, **overrides), ExitCode.USAGE, fragment)


# --- the installed script -------------------------------------------------------------------


def test_the_installed_script(emulator: EmulatorInstance) -> None:
    """`dli` as a user runs it: AK/SK in the environment, one process per command (run at once
    to keep the test short)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    runs = {
        "row": start_dli(emulator, "submit", "select 1", "--wait"),
        "failed": start_dli(emulator, "submit", "select * from script_missing_table", "--wait"),
        "missing": start_dli(emulator, "status", str(uuid.uuid4())),
        "unconfigured": start_dli(
            emulator, "status", "x", HUAWEICLOUD_SDK_AK=None, HUAWEICLOUD_SDK_SK=None
        ),
        "no server": start_dli(
            emulator, "check-sql", "select 1", DLI_ENDPOINT=f"http://127.0.0.1:{closed_port}"
        ),
    }
    done: dict[str, tuple[int, str, str]] = {}
    try:
        for name, process in runs.items():
            stdout, stderr = process.communicate(timeout=60)
            done[name] = (process.returncode, stdout, stderr)
    finally:
        for process in runs.values():
            if process.poll() is None:
                process.kill()
                process.wait()

    code, stdout, stderr = done["row"]
    assert code == 0, stderr
    assert stdout.splitlines()[1:] == ["1"], stdout  # a header line, then the row
    expected = {
        "failed": (ExitCode.JOB_FAILED, "script_missing_table"),
        "missing": (ExitCode.API_ERROR, "dli: error: DLI.0002"),
        "unconfigured": (ExitCode.USAGE, "dli: error: no credentials"),
        "no server": (ExitCode.API_ERROR, f"no answer from http://127.0.0.1:{closed_port}"),
    }
    for name, (expected_code, fragment) in expected.items():
        code, stdout, stderr = done[name]
        assert code == expected_code, (name, stderr)
        assert fragment in stderr.splitlines()[-1], (name, stderr)
    for name in ("missing", "unconfigured", "no server"):
        assert done[name][2].count("\n") == 1, done[name][2]
    assert not any("Traceback" in stderr for _, _, stderr in done.values())


def test_wait_on_a_terminal_draws_a_live_bar(emulator: EmulatorInstance) -> None:
    job_id = Dli(environment(emulator))("submit", "select 1").stdout.strip()
    controller, terminal = pty.openpty()
    try:
        process = start_dli(emulator, "wait", job_id, stdout=terminal, stderr=terminal)
    finally:
        os.close(terminal)
    output = bytearray()
    try:
        while chunk := _read_terminal(controller):
            output += chunk
        assert process.wait(timeout=60) == 0
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
            process.wait()

    text = output.decode(errors="replace")
    assert "\x1b[" in text  # drawn with terminal escapes, not plain lines
    plain = ANSI_ESCAPE.sub("", text)
    assert f"{job_id} FINISHED" in plain
    assert f"{job_id} {typer.style('FINISHED', fg='green', bold=False)}" in text  # coloured
    assert "100%" in plain
    assert f"job {job_id}:" not in plain  # the plain-line format is for pipes only


def _read_terminal(controller: int) -> bytes:
    try:
        return os.read(controller, 4096)
    except OSError:  # EIO: the child closed its end
        return b""


# --- every command maps failures the same way ----------------------------------------------


def minimal_arguments(command: TyperCommand, sql_file: Path) -> list[str]:
    """What a command needs to run: a value for each argument (a file of SQL where it takes
    a FILE) and each required option."""
    arguments: list[str] = []
    for param in command.params:
        if isinstance(param, TyperArgument):
            arguments.append(str(sql_file) if param.metavar == "FILE" else "select 1")
        elif param.required:
            arguments += [param.opts[0], "x"]
    return arguments


def registered() -> TyperGroup:
    group = get_command(app)
    assert isinstance(group, TyperGroup)
    return group


COMMANDS = sorted(registered().commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_exits_5_on_one_line_when_nothing_answers(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Found by walking the group, so a command added later is covered without a new test.
    monkeypatch.setattr(settings, "DEFAULT_RETRY", RetryPolicy(max_attempts=1))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    command = registered().commands[name]
    assert isinstance(command, TyperCommand)
    dli = Dli(environment_without_emulator(DLI_ENDPOINT=closed))

    sql_file = tmp_path / "script.sql"
    sql_file.write_text("select 1;\n")
    result = dli(name, *minimal_arguments(command, sql_file))

    assert_one_line_error(result, ExitCode.API_ERROR, f"no answer from {closed}")


def test_the_walk_sees_every_command() -> None:
    assert {
        *("submit", "status", "detail", "progress", "wait", "jobs", "cancel", "check-sql"),
        *("preview", "export", "fetch", "run"),
    } <= set(COMMANDS)
