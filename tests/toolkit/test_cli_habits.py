"""The `dli` command line's habits (issue 14): one-line usage errors naming the option,
--version, global options anywhere, any-case choices, UTC times, colour only on a terminal, and
the export, detail and progress commands, against the emulator."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from importlib import metadata
from typing import TYPE_CHECKING

import pytest

from dli_toolkit.cli.group import ExitCode, hoist_global_options
from tests.support.dli_cli import (
    Dli,
    assert_one_line_error,
    environment,
    environment_without_emulator,
    submitted_job,
)

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


@pytest.fixture
def dli(emulator: EmulatorInstance) -> Dli:
    return Dli(environment(emulator))


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["submit", "select 1", "--conf", "no-equals-sign"], ["--conf", "dli submit --help"]),
        (["preview", "some-job", "--json", "--csv"], ["--json/--csv"]),
        (["jobs", "--status", "SLEEPING"], ["'--status'", "'SLEEPING'", "dli jobs --help"]),
        (["submit"], ["Invalid value for SQL", "--file FILE"]),
        (["submit", "select 1", "--wait", "true"], ["unexpected extra argument(s) (true)"]),
        (["frobnicate"], ["No such command 'frobnicate'"]),
        (["jobs", "--limit", "0"], ["'--limit'"]),
    ],
)
def test_bad_usage_exits_2_on_one_line_naming_the_option(
    dli: Dli, args: list[str], fragments: list[str]
) -> None:
    result = dli(*args)

    assert_one_line_error(result, ExitCode.USAGE, "dli: error:", *fragments)
    assert result.stdout == ""


def test_version() -> None:
    result = Dli(environment_without_emulator())("--version")

    assert result.exit_code == 0
    assert result.stdout.strip() == f"dli {metadata.version('dli-sqljob')}"


def test_global_options_go_before_or_after_the_command(
    dli: Dli, emulator: EmulatorInstance
) -> None:
    job_id = submitted_job(dli, "select 1")
    assert dli("wait", job_id).exit_code == 0
    elsewhere = {"DLI_ENDPOINT": "http://127.0.0.1:9", "HUAWEICLOUD_SDK_PROJECT_ID": "nope"}
    options = ["--endpoint", emulator.base_url, f"--project-id={emulator.project_id}"]

    before = dli(*options, "status", job_id, **elsewhere)
    after = dli("status", job_id, *options, **elsewhere)
    mixed = dli(options[0], options[1], "status", options[2], job_id, **elsewhere)
    after_separator = dli("check-sql", "--", "--region", **elsewhere)

    for result in (before, after, mixed):
        assert result.exit_code == 0, result.stderr
        assert re.search(r"^status\s+FINISHED$", result.stdout, flags=re.M), result.stdout
    # After `--`, "--region" is the SQL text, not an option: the connection fails instead.
    assert after_separator.exit_code == ExitCode.API_ERROR


def test_choices_take_any_case(dli: Dli) -> None:
    job_id = submitted_job(dli, "select 'any case' as c")
    dli("wait", job_id)

    lower = dli("jobs", "--status", "finished", "--type", "query", "--limit", "100")
    mixed = dli("jobs", "--status", "Finished", "--type", "QuErY", "--limit", "100")

    assert lower.exit_code == 0, lower.stderr
    assert job_id in lower.stdout
    assert lower.stdout == mixed.stdout


def test_times_are_utc_and_say_so(dli: Dli) -> None:
    job_id = submitted_job(dli, "select 1")
    dli("wait", job_id)
    status = json.loads(dli("status", job_id, "--json").stdout)
    started = datetime.fromtimestamp(status["start_time"] / 1000, UTC)

    shown = dli("status", job_id).stdout
    listed = dli("jobs", "--limit", "100").stdout

    expected = started.strftime("%Y-%m-%d %H:%M:%S UTC")
    assert re.search(rf"^started\s+{expected}$", shown, flags=re.M), shown
    assert expected in listed


def test_no_colour_into_a_pipe(dli: Dli) -> None:
    job_id = submitted_job(dli, "select 1")

    outputs = [dli("wait", job_id), dli("status", job_id), dli("jobs", "--limit", "5")]

    for result in outputs:
        assert result.exit_code == 0
        assert "\x1b[" not in result.output


def test_export_detail_and_progress(dli: Dli, emulator: EmulatorInstance) -> None:
    job_id = submitted_job(dli, "select 1 as one, 'two' as two")
    dli("wait", job_id)
    target = f"obs://cli-tests/{uuid.uuid4().hex}"

    exported = dli("export", job_id, "--to", target, "--format", "CSV", "--header", "--wait")
    again = dli("export", job_id, "--to", target, "--format", "csv")
    progress = dli("progress", job_id)

    assert exported.exit_code == 0, exported.stderr
    export_job, status, where = exported.stdout.split()
    assert (status, where) == ("FINISHED", target)
    written = sorted((emulator.data_dir / "obs" / target.removeprefix("obs://")).rglob("*"))
    files = [path for path in written if path.is_file()]
    assert files, f"nothing written under {target}"
    assert "one,two" in files[0].read_text().splitlines()[0]
    detail = dli("detail", export_job)
    assert detail.exit_code == 0, detail.stderr
    assert re.search(rf"^data_path\s+{re.escape(target)}$", detail.stdout, flags=re.M)
    assert re.search(r"^data_type\s+csv$", detail.stdout, flags=re.M | re.I), detail.stdout
    # The path is taken: without --overwrite the second export is refused or its job fails.
    if again.exit_code == 0:
        assert dli("wait", again.stdout.strip()).exit_code == ExitCode.JOB_FAILED
    else:
        assert again.exit_code == ExitCode.API_ERROR
    assert progress.exit_code == 0, progress.stderr
    assert re.search(r"^progress\s+100%$", progress.stdout, flags=re.M), progress.stdout
    assert json.loads(dli("progress", job_id, "--json").stdout)["status"] == "FINISHED"


def test_wait_is_documented_as_a_flag() -> None:
    result = Dli(environment_without_emulator())("submit", "--help")

    text = " ".join(result.stdout.split())
    assert "--wait" in text
    assert "takes no value" in text
    assert "<bool>" not in text and "BOOLEAN" not in text


@pytest.mark.parametrize(
    ("given", "hoisted"),
    [
        (["jobs", "--region", "r", "--limit", "3"], ["--region", "r", "jobs", "--limit", "3"]),
        (["status", "j", "--endpoint=http://e"], ["--endpoint=http://e", "status", "j"]),
        (["--profile", "p", "status", "j"], ["--profile", "p", "status", "j"]),
        (["--region", "jobs", "status", "j"], ["--region", "jobs", "status", "j"]),
        (["check-sql", "--", "--region", "x"], ["check-sql", "--", "--region", "x"]),
        (["status", "j", "--project-id"], ["status", "j", "--project-id"]),
        (["--help"], ["--help"]),
    ],
)
def test_global_options_are_moved_before_the_command(given: list[str], hoisted: list[str]) -> None:
    assert hoist_global_options(given, {"jobs", "status", "check-sql"}) == hoisted
