"""`dli run`, `dli fetch`, SQL from files and stdin, the notice of a cut preview, exit codes
of refused SQL and of Ctrl-C: the command line against the emulator."""

from __future__ import annotations

import csv
import json
import re
import signal
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
import pytest
from typer.testing import Result

from dli_emulator.testing import poll_until
from dli_toolkit.cli import app
from dli_toolkit.cli.group import ExitCode
from tests.support.dli_cli import (
    LONG_QUERY,
    UUID,
    Dli,
    environment,
    environment_without_emulator,
    start_dli,
)
from tests.support.scripted_server import Reply, scripted

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


@pytest.fixture
def dli(emulator: EmulatorInstance) -> Dli:
    """`dli` with the emulator's OBS folder and an export path, as its README section says."""
    return Dli(
        environment(
            emulator,
            DLI_OBS_DIR=str(emulator.data_dir / "obs"),
            DLI_EXPORT_PATH="obs://cli-fetch/results",
        )
    )


def piped(dli: Dli, stdin: str | None, *args: str) -> Result:
    """`dli ARGS` with `stdin` on its standard input."""
    return dli.runner.invoke(app, list(args), env=dli.env, input=stdin)


def _script(table: str, third: str = "") -> str:
    return f"""-- five statements: a DDL, INSERTs, a query
create table {table} (id int, note string);
insert into {table} values (1, 'a;b'), (2, '${{note}}');
{third or f"insert into {table} values (3, 'c')"};
select id, note from {table} order by id;
select count(*) as n from {table}
"""


def test_run_executes_a_script_statement_by_statement(dli: Dli, tmp_path: Path) -> None:
    table = f"cli_run_{uuid.uuid4().hex[:8]}"
    script = tmp_path / "pipeline.sql"
    script.write_text(_script(table))

    result = dli("run", str(script), "--var", "note=from var", "--csv", "--queue", "default")

    assert result.exit_code == 0, result.stderr
    progress = result.stderr.splitlines()
    assert [line[:5] for line in progress if line.startswith("[")] == [
        "[1/5]",
        "[1/5]",
        "[2/5]",
        "[2/5]",
        "[3/5]",
        "[3/5]",
        "[4/5]",
        "[4/5]",
        "[5/5]",
        "[5/5]",
    ]
    assert re.match(rf"\[1/5\] line 2 job {UUID.pattern}: create table {table}", progress[0])
    assert progress[1].startswith("[1/5] FINISHED (")
    assert re.match(r"5 statements: 5 FINISHED \(", progress[-1])
    # Each query's rows, in script order, as CSV with its header.
    assert result.stdout == "id,note\n1,a;b\n2,from var\n3,c\nn\n3\n"


def test_a_failing_statement_stops_the_script_with_exit_1(dli: Dli, tmp_path: Path) -> None:
    table = f"cli_run_{uuid.uuid4().hex[:8]}"
    script = tmp_path / "broken.sql"
    script.write_text(_script(table, third=f"insert into {table}_missing values (9, 'x')"))

    result = dli("run", str(script), "--var", "note=n")

    assert result.exit_code == ExitCode.JOB_FAILED, result.stderr
    assert re.search(r"^\[3/5\] FAILED \(.*_missing", result.stderr, re.MULTILINE)
    assert "[4/5]" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        "5 statements: 2 FINISHED, 1 FAILED, 2 SKIPPED"
    )
    counted = dli("submit", f"select count(*) as n from {table}", "--wait", "--json")
    assert json.loads(counted.stdout) == [{"n": 2}]
    # With --continue-on-error the rest runs, and the exit code stays 1.
    other = f"cli_run_{uuid.uuid4().hex[:8]}"
    script.write_text(_script(other, third=f"insert into {other}_missing values (9, 'x')"))
    going_on = dli("run", str(script), "--var", "note=n", "--continue-on-error", "--json")
    assert going_on.exit_code == ExitCode.JOB_FAILED
    assert "[5/5] FINISHED" in going_on.stderr
    assert json.loads(going_on.stdout.splitlines()[-1]) == [{"n": 2}]


def test_sql_comes_from_a_file_or_stdin(dli: Dli, tmp_path: Path) -> None:
    query = tmp_path / "q.sql"
    query.write_text("select 41 + 1 as answer -- a comment\n")

    from_file = dli("submit", "-f", str(query), "--wait", "--csv")
    from_stdin = piped(dli, "select 'piped' as source", "submit", "-", "--wait", "--json")
    script_on_stdin = piped(dli, "select 1 as a; select 2 as b;", "run", "-", "--csv")

    assert (from_file.exit_code, from_file.stdout) == (0, "answer\n42\n"), from_file.stderr
    assert json.loads(from_stdin.stdout) == [{"source": "piped"}], from_stdin.stderr
    assert script_on_stdin.exit_code == 0, script_on_stdin.stderr
    assert script_on_stdin.stdout == "a\n1\nb\n2\n"


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["submit", "select 1", "-f", "x.sql"], None, "not both"),
        (["submit", "-"], "  \n", "the SQL is empty"),
        (["submit", "-f", "/nonexistent/q.sql"], None, "cannot read"),
        (["run", "-"], "select ${day}", "no value for ${day}"),
        (["run", "-"], "select 'open", "cannot read the script"),
        (["run", "-", "--var", "novalue"], "select 1", "NAME=VALUE"),
        (["run", "-"], "-- nothing\n;", "no SQL statement"),
    ],
)
def test_bad_scripts_exit_2_naming_the_problem(
    dli: Dli, args: list[str], stdin: str | None, fragment: str
) -> None:
    result = piped(dli, stdin, *args)

    assert result.exit_code == ExitCode.USAGE, (result.stdout, result.stderr)
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_refused_sql_exits_1_like_check_sql(dli: Dli) -> None:
    submitted = dli("submit", "selec 1", "--wait")
    checked = dli("check-sql", "selec 1")

    assert submitted.exit_code == checked.exit_code == ExitCode.JOB_FAILED
    assert submitted.stderr.startswith("dli: invalid SQL: DLI.0004")


def test_a_cut_preview_says_so_and_fetch_writes_every_row(dli: Dli, tmp_path: Path) -> None:
    shown = dli("submit", "select id from range(5000)", "--wait", "--csv")
    job_id = re.search(UUID.pattern, shown.stderr)
    assert job_id is not None
    job = job_id.group()
    assert shown.exit_code == 0
    assert len(shown.stdout.splitlines()) == 1001
    assert f"showing 1000 of 5000 rows; dli fetch {job} gets all" in shown.stderr
    previewed = dli("preview", job, "--rows", "10", "--json")
    assert len(json.loads(previewed.stdout)) == 10
    assert f"showing 10 of 5000 rows; dli fetch {job} gets all" in previewed.stderr

    out = tmp_path / "all.csv"
    fetched = dli("fetch", job, "--output", str(out))

    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stderr.strip() == f"wrote 5000 rows of job {job} to {out} (csv)"
    rows = list(csv.reader(out.open()))
    assert rows[0] == ["id"]
    assert sorted(int(row[0]) for row in rows[1:]) == list(range(5000))

    parquet = tmp_path / "all.parquet"
    assert dli("fetch", job, "-o", str(parquet)).exit_code == 0
    assert sorted(pq.read_table(parquet).column("id").to_pylist()) == list(range(5000))
    as_json = dli("fetch", job, "--format", "json")
    assert sorted(json.loads(line)["id"] for line in as_json.stdout.splitlines()) == list(
        range(5000)
    )


def test_fetch_without_an_export_path_exits_2_and_keeps_the_old_file(
    emulator: EmulatorInstance, tmp_path: Path
) -> None:
    bare = Dli(environment(emulator, DLI_OBS_DIR=None, DLI_EXPORT_PATH=None))
    shown = bare("submit", "select id from range(1500)", "--wait", "--json")
    job_id = re.search(UUID.pattern, shown.stderr)
    assert job_id is not None
    out = tmp_path / "kept.csv"
    out.write_text("earlier\n")

    result = bare("fetch", job_id.group(), "--output", str(out))

    assert result.exit_code == ExitCode.USAGE
    assert "DLI_EXPORT_PATH" in result.stderr
    assert out.read_text() == "earlier\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.csv"]


def _interrupt(emulator: EmulatorInstance, *args: str, once: str = "") -> tuple[str, int, str]:
    """Start `dli *args`, take the job ID from its first stderr line, wait for a stderr line
    holding `once` (if given), then press Ctrl-C: (job ID, exit code, the rest of stderr).
    The job is cancelled afterwards, on failure too."""
    process = start_dli(emulator, *args)
    job_id = None
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        found = re.search(UUID.pattern, first)
        assert found is not None, first
        job_id = found.group()
        if once:
            # readline blocks until a line comes, so there is nothing to sleep between looks.
            poll_until(
                process.stderr.readline,
                lambda line: once in line,
                interval=0,
                what=f"a {once} line on stderr",
            )
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if job_id is not None:
            Dli(environment(emulator))("cancel", job_id)
    return job_id, process.returncode, rest


GOES_ON = "dli: interrupted: job {0} goes on running on the service; `dli cancel {0}` stops it"


def test_ctrl_c_during_a_wait_says_the_job_goes_on(emulator: EmulatorInstance) -> None:
    job_id, code, rest = _interrupt(emulator, "submit", LONG_QUERY, "--wait", once="RUNNING")
    assert code == ExitCode.INTERRUPTED
    assert rest.splitlines()[-1] == GOES_ON.format(job_id)


@pytest.mark.parametrize(
    ("status", "code", "exit_code"),
    [
        (400, "DLI.0003", ExitCode.JOB_FAILED),  # SQL permission check failed
        (400, "DLI.0005", ExitCode.JOB_FAILED),  # SQL semantic error
        (400, "DLI.0006", ExitCode.JOB_FAILED),  # object already exists
        (400, "DLI.0002", ExitCode.API_ERROR),  # e.g. no such queue: not the SQL
        (400, "DLI.0001", ExitCode.API_ERROR),  # a parameter of the call
        (500, "DLI.0999", ExitCode.API_ERROR),
    ],
)
def test_submit_refusals_of_the_sql_exit_1_others_5(
    status: int, code: str, exit_code: ExitCode
) -> None:
    """Codes the emulator never sends at submit, from a scripted server on loopback."""
    refusal = Reply(status, {"error_code": code, "error_msg": f"refused with {code}"})
    with scripted() as server:
        # Every submit gets the refusal.
        server.on("POST", "/v1.0/p0123456789/jobs/submit-job", refusal)
        dli = Dli(
            environment_without_emulator(
                DLI_ENDPOINT=server.url,
                HUAWEICLOUD_SDK_AK=None,
                HUAWEICLOUD_SDK_SK=None,
                DLI_AUTH_TOKEN="t0ken",
            )
        )
        submitted = dli("submit", "create table t (a int)", "--wait")
        ran = piped(dli, "create table t (a int); select 1", "run", "-")

    assert submitted.exit_code == ran.exit_code == exit_code, (submitted.stderr, ran.stderr)
    assert code in submitted.stderr
    if exit_code == ExitCode.JOB_FAILED:
        assert submitted.stderr.startswith(f"dli: invalid SQL: {code}")
        assert "2 statements: 1 FAILED, 1 SKIPPED" in ran.stderr


def test_ctrl_c_during_a_script_names_the_running_job(
    emulator: EmulatorInstance, tmp_path: Path
) -> None:
    script = tmp_path / "long.sql"
    script.write_text(f"{LONG_QUERY};\nselect 1;\n")
    # The first line is "[1/2] line 1 job <id>: select count(*) ...".
    job_id, code, rest = _interrupt(emulator, "run", str(script))
    assert code == ExitCode.INTERRUPTED
    assert rest.splitlines()[-1] == GOES_ON.format(job_id)
    assert "[2/2]" not in rest
