"""Real emulators for tests and scripts: started on 127.0.0.1, stopped by whoever started them.

`EmulatorFactory.start()` serves the app on a thread of this process (fast), or runs
`python -m dli_emulator` as a subprocess that can be killed with SIGKILL and restarted on the
same data directory. Each server is described by an `EmulatorInstance`.

`ServiceCalls` drives the service without a server: each call is checked by the spec's
validator and converted exactly as the HTTP layer does it.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx

from .config import (
    DEFAULT_ENGINE,
    DEFAULT_WORKERS,
    DEV_CREDENTIALS_FILE,
    Project,
    Settings,
    load_projects,
    new_project,
    write_config,
)
from .http import requests
from .http.app import DEFAULT_SPEC, create_app
from .http.server import BackgroundServer
from .http.validation import ValidRequest, spec_operations
from .jobs.service import EmulatorService
from .model import TERMINAL

START_TIMEOUT = 30.0

T = TypeVar("T")
TERMINAL_STATES = tuple(TERMINAL)
_SOURCE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class EmulatorInstance:
    """A running emulator and the credentials of its first project."""

    base_url: str
    project_id: str
    token: str = field(repr=False)
    ak: str
    sk: str = field(repr=False)
    user: str
    data_dir: Path
    projects: tuple[Project, ...] = field(repr=False)
    # Exactly one of these runs it.
    server: BackgroundServer | None = field(default=None, repr=False, compare=False)
    process: "subprocess.Popen[bytes] | None" = field(default=None, repr=False, compare=False)
    log: Path | None = None  # the subprocess's output


class EmulatorFactory:
    """Starts emulators under `root` and stops every one it started."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._count = 0
        self._running: list[EmulatorInstance] = []

    def start(
        self,
        *,
        data_dir: Path | None = None,
        projects: tuple[Project, ...] | None = None,
        enable_reset: bool = False,
        workers: int = DEFAULT_WORKERS,
        in_subprocess: bool = False,
        dev_credentials: bool = False,
        engine: str = DEFAULT_ENGINE,
        spark_remote: str | None = None,
    ) -> EmulatorInstance:
        """Serve an emulator; give the `data_dir` and `projects` of a stopped one to restart it.

        Without `projects` it serves one new project. `dev_credentials` (subprocess only) starts
        it without a config file, so that it uses or creates its data directory's dev project.
        `engine` names the SQL engine; `spark_remote` (a Spark Connect URL) implies "spark".
        """
        engine_args = ["--engine", engine]
        if spark_remote is not None:
            engine_args = ["--spark-remote", spark_remote]
        self._count += 1
        data_dir = data_dir or self._root / f"data-{self._count}"
        if in_subprocess:
            instance = self._start_process(
                data_dir, projects, enable_reset, workers, dev_credentials, engine_args
            )
        else:
            if dev_credentials:
                raise ValueError("dev_credentials needs in_subprocess=True")
            projects = projects or (new_project("tester"),)
            settings = Settings(
                data_dir=data_dir,
                projects=projects,
                workers=workers,
                enable_reset=enable_reset,
                engine="spark" if spark_remote else engine,
                engine_options={"remote": spark_remote} if spark_remote else {},
            )
            server = BackgroundServer(create_app(settings), timeout=START_TIMEOUT)
            instance = _instance(server.start(), projects, data_dir, server=server)
        self._running.append(instance)
        try:
            wait_until_answering(instance.base_url)
        except BaseException:
            self.stop(instance)
            raise
        return instance

    def stop(self, instance: EmulatorInstance) -> None:
        """Stop gracefully (SIGTERM for a subprocess, SIGKILL if that does not end it)."""
        if instance in self._running:
            self._running.remove(instance)
        if instance.server is not None:
            instance.server.stop()
        if instance.process is not None and instance.process.poll() is None:
            instance.process.terminate()
            try:
                instance.process.wait(START_TIMEOUT)
            except subprocess.TimeoutExpired:
                instance.process.kill()
                instance.process.wait()

    def kill(self, instance: EmulatorInstance) -> None:
        """kill -9 a subprocess emulator: none of its shutdown code runs."""
        if instance.process is None:
            raise ValueError("only a subprocess emulator can be killed")
        instance.process.send_signal(signal.SIGKILL)
        instance.process.wait()
        self.stop(instance)

    def close(self) -> None:
        for instance in list(self._running):
            self.stop(instance)

    def _start_process(
        self,
        data_dir: Path,
        projects: tuple[Project, ...] | None,
        enable_reset: bool,
        workers: int,
        dev_credentials: bool,
        engine_args: list[str],
    ) -> EmulatorInstance:
        options = ["--port", "0", "--data-dir", str(data_dir), "--workers", str(workers)]
        options += engine_args
        if enable_reset:
            options.append("--enable-reset")
        if dev_credentials:
            if projects is not None:
                raise ValueError("dev_credentials and projects exclude each other")
        else:
            projects = projects or (new_project("tester"),)
            config = self._root / f"config-{self._count}.json"
            write_config(config, projects)
            options += ["--config", str(config)]
        log = self._root / f"emulator-{self._count}.log"
        # The child imports this very source tree, installed or not.
        path = os.pathsep.join(filter(None, [str(_SOURCE_ROOT), os.environ.get("PYTHONPATH")]))
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "dli_emulator", *options],
                stdout=output,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONPATH": path},
            )
        try:
            url = _read_listening_url(log, process)
        except BaseException:
            process.kill()
            process.wait()
            raise
        if projects is None:
            projects = load_projects(data_dir / DEV_CREDENTIALS_FILE)
        return _instance(url, projects, data_dir, process=process, log=log)


def wait_until_answering(url: str, timeout: float = START_TIMEOUT) -> None:
    """Poll until the server answers HTTP at all (any status)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(f"{url}/", timeout=1.0)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def poll_until(
    look: Callable[[], T],
    done: Callable[[T], bool] = bool,
    *,
    timeout: float = 30.0,
    interval: float = 0.05,
    what: str = "the condition",
) -> T:
    """Call `look` until `done` accepts its value, and return that value; TimeoutError, naming
    the last value seen, once `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        value = look()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached in {timeout:g} s; last seen: {value!r}")
        time.sleep(interval)


def poll_status(
    read: Callable[[], dict[str, Any]],
    job_id: str,
    states: tuple[str, ...] = TERMINAL_STATES,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """Call `read` (a job's status body) until the job is in one of `states`; that body."""
    return poll_until(
        read,
        lambda body: body["status"] in states,
        timeout=timeout,
        interval=0.02,
        what=f"status {'/'.join(states)} of job {job_id}",
    )


def wait_for_status(
    client: httpx.Client,
    project_id: str,
    job_id: str,
    states: tuple[str, ...] = TERMINAL_STATES,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """Poll a job's status over HTTP until it is in one of `states`; its last status body."""

    def read() -> dict[str, Any]:
        response = client.get(f"/v1.0/{project_id}/jobs/{job_id}/status")
        if response.status_code != 200:
            raise AssertionError(f"status of job {job_id}: {response.status_code} {response.text}")
        body: dict[str, Any] = response.json()
        return body

    return poll_status(read, job_id, states, timeout)


def submit(client: httpx.Client, project_id: str, sql: str, **fields: Any) -> str:
    """Submit one statement over HTTP; its job ID."""
    response = client.post(f"/v1.0/{project_id}/jobs/submit-job", json={"sql": sql, **fields})
    if response.status_code != 200:
        raise AssertionError(f"submit of {sql!r}: {response.status_code} {response.text}")
    job_id: str = response.json()["job_id"]
    return job_id


def run_job(
    client: httpx.Client, project_id: str, sql: str, *, timeout: float = 30.0, **fields: Any
) -> dict[str, Any]:
    """Submit one statement over HTTP and wait (up to `timeout` seconds) until it ends; its
    final status body. `fields` go into the submit body."""
    job_id = submit(client, project_id, sql, **fields)
    return wait_for_status(client, project_id, job_id, timeout=timeout)


def _instance(
    url: str,
    projects: tuple[Project, ...],
    data_dir: Path,
    *,
    server: BackgroundServer | None = None,
    process: "subprocess.Popen[bytes] | None" = None,
    log: Path | None = None,
) -> EmulatorInstance:
    first = projects[0]
    return EmulatorInstance(
        base_url=url,
        project_id=first.project_id,
        token=first.tokens[0].value,
        ak=first.access_keys[0].ak,
        sk=first.access_keys[0].sk,
        user=first.tokens[0].user,
        data_dir=data_dir,
        projects=projects,
        server=server,
        process=process,
        log=log,
    )


def _read_listening_url(log: Path, process: "subprocess.Popen[bytes]") -> str:
    """The URL the emulator prints once it has bound its socket (`... listening on http://...`)."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            if "listening on http://" in line:
                return line.rsplit(" ", 1)[-1].strip()
        if process.poll() is not None:
            # Name the log rather than quote it: it holds the development credentials it printed.
            raise RuntimeError(f"emulator exited with {process.returncode}; its output: {log}")
        time.sleep(0.05)
    raise TimeoutError(f"emulator printed no URL within {START_TIMEOUT} s; its output: {log}")


Wire = dict[str, Any]


class ServiceCalls:
    """An `EmulatorService` called with wire values (JSON bodies, query dicts), in this process.

    Each call goes the way of an HTTP request after authentication: the spec's validator checks
    it (DLI.0001 on bad input) and fills in defaults, then the HTTP layer's converters build the
    typed request the service takes.
    """

    def __init__(
        self, data_dir: Path, queues: set[str] | None = None, workers: int = DEFAULT_WORKERS
    ) -> None:
        self.service = EmulatorService(data_dir, queues, workers)
        self.data_dir = data_dir

    def submit(self, project_id: str, owner: str, body: Wire) -> Wire:
        valid = _checked("createSqlJob", {"project_id": project_id}, body=body)
        return self.service.submit(project_id, owner, requests.submit(_body(valid)))

    def check_sql(self, project_id: str, body: Wire) -> Wire:
        valid = _checked("checkSql", {"project_id": project_id}, body=body)
        return self.service.check_sql(project_id, requests.check_sql(_body(valid)))

    def list_jobs(self, project_id: str, query: Wire) -> Wire:
        valid = _checked("listSqlJobs", {"project_id": project_id}, query=query)
        return self.service.list_jobs(project_id, requests.list_query(valid.query))

    def preview(self, project_id: str, job_id: str, query: Wire) -> Wire:
        path = {"project_id": project_id, "job_id": job_id}
        valid = _checked("previewSqlJobResult", path, query=query)
        return self.service.preview(project_id, job_id, requests.preview_query(valid.query))

    def export_result(self, project_id: str, job_id: str, body: Wire) -> Wire:
        path = {"project_id": project_id, "job_id": job_id}
        request = requests.export_result(_body(_checked("exportSqlJobResult", path, body=body)))
        return self.service.export_result(project_id, job_id, request)

    def export_table(self, project_id: str, owner: str, body: Wire) -> Wire:
        valid = _checked("exportTable", {"project_id": project_id}, body=body)
        return self.service.export_table(project_id, owner, requests.export_table(_body(valid)))

    def import_table(self, project_id: str, owner: str, body: Wire) -> Wire:
        valid = _checked("importTable", {"project_id": project_id}, body=body)
        return self.service.import_table(project_id, owner, requests.import_table(_body(valid)))

    def status(self, project_id: str, job_id: str) -> Wire:
        return self.service.status(project_id, job_id)

    def detail(self, project_id: str, job_id: str) -> Wire:
        return self.service.detail(project_id, job_id)

    def progress(self, project_id: str, job_id: str) -> Wire:
        return self.service.progress(project_id, job_id)

    def cancel(self, project_id: str, job_id: str) -> Wire:
        return self.service.cancel(project_id, job_id)

    def wait_for(
        self,
        project_id: str,
        job_id: str,
        states: tuple[str, ...] = TERMINAL_STATES,
        timeout: float = 30.0,
    ) -> Wire:
        """The job's status once it is in one of `states`."""
        return poll_status(lambda: self.status(project_id, job_id), job_id, states, timeout)

    def run(self, project_id: str, sql: str, **body: Any) -> Wire:
        """Submit `sql` (as user "tester") and wait for the job to end; its final status."""
        answer = self.submit(project_id, "tester", {"sql": sql, **body})
        if not answer["is_success"]:
            raise AssertionError(f"submit of {sql!r} answered {answer}")
        return self.wait_for(project_id, answer["job_id"])

    def finished(self, project_id: str, sql: str, **body: Any) -> Wire:
        """`run`, and the job must have FINISHED."""
        status = self.run(project_id, sql, **body)
        if status["status"] != "FINISHED":
            raise AssertionError(f"{sql!r} ended {status['status']}: {status['message']}")
        return status

    def reset(self) -> None:
        self.service.reset()

    def close(self) -> None:
        self.service.close()


def _checked(
    operation_id: str, path: dict[str, str], *, query: Wire | None = None, body: Any = None
) -> ValidRequest:
    pairs = [
        (name, str(item))
        for name, value in (query or {}).items()
        for item in (value if isinstance(value, list) else [value])
    ]
    raw = b"" if body is None else json.dumps(body).encode()
    operations = {operation.operation_id: operation for operation in spec_operations(DEFAULT_SPEC)}
    return operations[operation_id].validate(path, pairs, raw)


def _body(valid: ValidRequest) -> Wire:
    assert valid.body is not None, "the spec requires a body for this operation"
    return valid.body
