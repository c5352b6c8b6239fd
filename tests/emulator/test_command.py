"""The command line: development credentials, config files, the reset endpoint, secrets kept out
of logs and reprs."""

import importlib.metadata
import json
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from dli_emulator.__main__ import load_credentials, main, parse_args
from dli_emulator.config import (
    CONFIG_ENV,
    DEV_CREDENTIALS_FILE,
    ConfigError,
    Settings,
    load_projects,
    new_project,
    write_config,
)
from dli_emulator.testing import EmulatorFactory, EmulatorInstance, run_job


def list_jobs(emulator: EmulatorInstance) -> httpx.Response:
    return httpx.get(
        f"{emulator.base_url}/v1.0/{emulator.project_id}/jobs",
        headers={"X-Auth-Token": emulator.token},
    )


def test_dev_credentials_are_created_once_printed_and_kept(
    emulator_factory: EmulatorFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    emulator = emulator_factory.start(in_subprocess=True, dev_credentials=True, data_dir=data_dir)
    assert list_jobs(emulator).status_code == 200
    credentials = data_dir / DEV_CREDENTIALS_FILE
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    emulator_factory.stop(emulator)
    assert emulator.log is not None
    output = emulator.log.read_text()
    assert f"Created development credentials in {credentials}" in output
    # Shown to the developer, once, ready to paste.
    assert (
        f"export DLI_ENDPOINT={emulator.base_url} HUAWEICLOUD_SDK_PROJECT_ID={emulator.project_id}"
        f" HUAWEICLOUD_SDK_AK={emulator.ak} HUAWEICLOUD_SDK_SK={emulator.sk}\n"
    ) in output
    assert f"# or with a token: export DLI_AUTH_TOKEN={emulator.token}\n" in output

    # A restart on the same data directory uses them again.
    assert load_credentials(parse_args(["--data-dir", str(data_dir)])) == emulator.projects
    assert f"Using development credentials in {credentials}" in capsys.readouterr().out


def test_reprs_hide_secrets() -> None:
    project = new_project("alice")
    settings = Settings(data_dir=Path("data"), projects=(project,))
    text = repr(settings)
    assert project.tokens[0].value not in text
    assert project.access_keys[0].sk not in text
    assert project.access_keys[0].ak in text


def test_reset_is_off_by_default_and_clears_everything_when_on(
    emulator_factory: EmulatorFactory,
) -> None:
    emulator = emulator_factory.start(enable_reset=True)
    headers = {"X-Auth-Token": emulator.token}
    with httpx.Client(base_url=emulator.base_url, headers=headers, timeout=30) as client:
        run_job(client, emulator.project_id, "CREATE TABLE kept (x INT)")
        assert list_jobs(emulator).json()["job_count"] == 1

        assert client.get("/_emulator/reset").status_code == 405
        response = client.post("/_emulator/reset")
        assert response.status_code == 200
        assert response.json()["is_success"] is True
        assert response.headers["x-request-id"]

        assert list_jobs(emulator).json()["job_count"] == 0
        # The table went with the jobs: creating it again works.
        assert run_job(client, emulator.project_id, "CREATE TABLE kept (x INT)")["status"] == (
            "FINISHED"
        )


def test_a_toml_config_file_is_read(tmp_path: Path) -> None:
    config = tmp_path / "emulator.toml"
    config.write_text(
        """
[[projects]]
project_id = "abc123"
tokens = [{ token = "t0k3n", user = "alice" }]
access_keys = [{ ak = "AK1", sk = "s3cret", user = "bob" }]
""",
        encoding="utf-8",
    )
    (project,) = load_projects(config)
    assert project.project_id == "abc123"
    assert project.tokens[0].user == "alice"
    assert project.access_keys[0].sk == "s3cret"


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("{", "does not parse"),
        ('{"projects": []}', "projects: [] has less than 1 item"),
        (
            '{"projects": [{"project_id": "p1", "tokens": [{"token": "t"}]}]}',
            'projects/0/tokens/0: "user" is a required property',
        ),
        (
            '{"projects": [{"project_id": "p1", "tokens": [{"token": "t", "user": "a"}]},'
            ' {"project_id": "p2", "tokens": [{"token": "t", "user": "b"}]}]}',
            "a token of project p2 is reused",
        ),
    ],
)
def test_a_bad_config_file_is_refused_naming_the_problem(
    tmp_path: Path, document: str, expected: str
) -> None:
    config = tmp_path / "emulator.json"
    config.write_text(document, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_projects(config)
    assert expected in str(caught.value)
    assert '"t"' not in str(caught.value).replace(expected, "")


SECRET = "s3cret-" + "x" * 130


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            {"projects": [{"project_id": "p1", "access_keys": [{"ak": "A", "sk": SECRET}]}]},
            'projects/0/access_keys/0: "user" is a required property',
        ),
        (
            {
                "projects": [
                    {"project_id": "p1", "access_keys": [{"ak": "A", "sk": SECRET, "user": "u"}]}
                ]
            },
            'projects/0/access_keys/0/sk: "***" is longer than 128 characters',
        ),
        (
            {"projects": [{"project_id": "p1", "tokens": {"token": SECRET, "user": "u"}}]},
            'projects/0/tokens: {"token":"***","user":"u"} is not of type "array"',
        ),
    ],
)
def test_a_config_error_never_quotes_a_secret(
    tmp_path: Path, document: dict[str, object], expected: str
) -> None:
    config = tmp_path / "emulator.json"
    config.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_projects(config)
    assert expected in str(caught.value)
    assert "s3cret" not in str(caught.value)


def test_the_command_line_exits_2_on_a_bad_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "missing.json"
    assert main(["--config", str(config), "--data-dir", str(tmp_path / "data")]) == 2
    assert f"cannot read config file {config}" in capsys.readouterr().err


def test_a_project_id_the_api_refuses_stops_the_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "emulator.json"
    config.write_text('{"projects": [{"project_id": "my-project"}]}', encoding="utf-8")
    assert main(["--config", str(config), "--data-dir", str(tmp_path / "data")]) == 2
    error = capsys.readouterr().err
    assert "project 'my-project' cannot be called: Invalid parameter project_id:" in error


def test_the_command_line_refuses_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, expected in [
        (["--port", "70000"], "--port must be between 0 and 65535"),
        (["--workers", "0"], "--workers must be at least 1"),
        (["--queues", " , "], "--queues needs at least one queue name"),
        (["--engine", "oracle"], "argument --engine: invalid choice: 'oracle' (choose from"),
    ]:
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
        assert expected in capsys.readouterr().err


def test_write_config_round_trips(tmp_path: Path) -> None:
    projects = (new_project("alice"), new_project("bob"))
    path = tmp_path / "config.json"
    write_config(path, projects)
    assert load_projects(path) == projects
    assert json.loads(path.read_text())["projects"][1]["tokens"][0]["user"] == "bob"


def test_the_config_file_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "from-env.json"
    projects = (new_project("carol"),)
    write_config(config, projects)
    monkeypatch.setenv(CONFIG_ENV, str(config))
    args = parse_args(["--queues", "etl, adhoc", "--data-dir", str(tmp_path / "data")])
    assert args.config == config
    assert args.queues == frozenset({"etl", "adhoc"})
    assert load_credentials(args) == projects
    assert not (tmp_path / "data").exists()  # no dev project is made when a config is given


def test_print_env_prints_one_export_line_and_exits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    assert main(["--print-env", "--port", "8911", "--data-dir", str(data_dir)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    (project,) = load_projects(data_dir / DEV_CREDENTIALS_FILE)
    key = project.access_keys[0]
    assert line == (
        f"export DLI_ENDPOINT=http://127.0.0.1:8911 HUAWEICLOUD_SDK_PROJECT_ID={project.project_id}"
        f" HUAWEICLOUD_SDK_AK={key.ak} HUAWEICLOUD_SDK_SK={key.sk}"
    )
    # The same credentials when the emulator then starts on that data directory.
    assert main(["--print-env", "--port", "8911", "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out.splitlines() == [line]


def test_print_env_runs_in_a_shell_and_needs_a_fixed_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    script = (
        f'eval "$({sys.executable} -m dli_emulator --print-env --data-dir {data_dir})"'
        ' && echo "$DLI_ENDPOINT $HUAWEICLOUD_SDK_PROJECT_ID"'
    )
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=60)
    (project,) = load_projects(data_dir / DEV_CREDENTIALS_FILE)
    assert done.stdout == f"http://127.0.0.1:8900 {project.project_id}\n", done.stderr
    with pytest.raises(SystemExit):
        main(["--print-env", "--port", "0"])
    assert "--print-env needs a fixed --port" in capsys.readouterr().err


def test_version_is_the_installed_distributions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"dli-emulator {importlib.metadata.version('dli-sqljob')}\n"


# Run in a fresh interpreter whose imports of the emulator's extra dependencies fail, as in a
# base install (`pip install dli-sqljob` without `[emulator]`).
BASE_INSTALL = """
import importlib.abc, sys
EXTRA = {"starlette", "uvicorn", "httptools", "uvloop", "orjson", "duckdb", "sqlglot",
         "jsonschema_rs", "yaml"}
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in EXTRA:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Blocker())
from dli_emulator.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def base_install(*argv: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-c", BASE_INSTALL, *argv], capture_output=True, text=True, timeout=60
    )


def test_a_base_install_says_what_to_install_in_one_line(tmp_path: Path) -> None:
    # Once with no data directory yet, once with its development credentials there.
    for _ in range(2):
        done = base_install("--port", "0", "--data-dir", str(tmp_path))
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        (line,) = done.stderr.splitlines()
        assert line.startswith("dli-emulator: the emulator needs its extra dependencies (module ")
        assert line.endswith("is missing): pip install 'dli-sqljob[emulator]'")
        main(["--print-env", "--data-dir", str(tmp_path)])  # leaves dev credentials behind


def test_a_base_install_still_answers_version_and_help() -> None:
    version = base_install("--version")
    assert (version.returncode, version.stderr) == (0, "")
    assert version.stdout == f"dli-emulator {importlib.metadata.version('dli-sqljob')}\n"
    usage = base_install("--help")
    assert usage.returncode == 0 and "--print-env" in usage.stdout
