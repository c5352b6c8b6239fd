"""Running `dli` in-process with a chosen environment, and what its tests assert of it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from typer.testing import CliRunner, Result

from dli_toolkit.cli import app

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Runs for minutes on DuckDB: long enough to cancel, time out or interrupt.
LONG_QUERY = "select count(*) from range(100000) a cross join range(100000) b"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CREDENTIAL_VARIABLES = (
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_PROJECT_ID",
    "DLI_AUTH_TOKEN",
    "DLI_ENDPOINT",
    "DLI_REGION",
    "DLI_PROFILE",
    "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
    "NO_COLOR",
)


def environment_without_emulator(**overrides: str | None) -> dict[str, str | None]:
    """Made-up AK/SK and project in the environment, nothing else of ours."""
    env: dict[str, str | None] = dict.fromkeys(CREDENTIAL_VARIABLES)
    env.update(
        # No profile from the home of whoever runs the tests.
        HUAWEICLOUD_SDK_CREDENTIALS_FILE=os.devnull,
        HUAWEICLOUD_SDK_AK="AKNOTUSED",
        HUAWEICLOUD_SDK_SK="sk-not-used",
        HUAWEICLOUD_SDK_PROJECT_ID="p0123456789",
    )
    env.update(overrides)
    return env


def environment(emulator: EmulatorInstance, **overrides: str | None) -> dict[str, str | None]:
    """AK/SK of the emulator's project in the environment, nothing else of ours."""
    own = {
        "HUAWEICLOUD_SDK_AK": emulator.ak,
        "HUAWEICLOUD_SDK_SK": emulator.sk,
        "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id,
        "DLI_ENDPOINT": emulator.base_url,
    }
    return environment_without_emulator(**{**own, **overrides})


class Dli:
    """Runs `dli ARGS` in-process with a given environment."""

    def __init__(self, env: Mapping[str, str | None]) -> None:
        self.env = dict(env)
        self.runner = CliRunner()

    def __call__(self, *args: str, **overrides: str | None) -> Result:
        return self.runner.invoke(app, list(args), env={**self.env, **overrides})


def assert_one_line_error(result: Result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("dli: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def submitted_job(dli: Dli, sql: str, *options: str) -> str:
    result = dli("submit", sql, *options)
    assert result.exit_code == 0, result.stderr
    job_id = result.stdout.strip()
    assert UUID.fullmatch(job_id), result.stdout
    return job_id


def start_dli(
    emulator: EmulatorInstance,
    *args: str,
    stdout: int = subprocess.PIPE,
    stderr: int = subprocess.PIPE,
    **overrides: str | None,
) -> subprocess.Popen[str]:
    script = Path(sys.executable).with_name("dli")
    assert script.exists(), f"{script} is missing: install the project (make install)"
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIAL_VARIABLES}
    env.update({k: v for k, v in environment(emulator, **overrides).items() if v is not None})
    env["TERM"] = "xterm-256color"
    return subprocess.Popen([str(script), *args], env=env, stdout=stdout, stderr=stderr, text=True)
