"""The emulator in a process of its own, and the raw calls the benchmarks set up and check with.

`dli_emulator.testing.EmulatorFactory` also starts subprocess emulators, but at the default log
level, with an access log line per request; the benchmarks start it quietly instead, through the
same `serve` that runs the bare route and Prism, so all three are started and stopped alike.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.servers import LOOPBACK, Server, python_command, serve
from dli_emulator.config import Project, new_project, write_config
from dli_emulator.testing import submit, wait_for_status

SLOW_JOB_TIMEOUT = 600.0


@dataclass(frozen=True)
class Emulator:
    server: Server
    project: Project
    data_dir: Path

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def project_id(self) -> str:
        return self.project.project_id

    @property
    def token(self) -> str:
        return self.project.tokens[0].value

    @property
    def access_key(self) -> str:
        return self.project.access_keys[0].ak

    @property
    def secret_key(self) -> str:
        return self.project.access_keys[0].sk

    def path(self, suffix: str) -> str:
        return f"/v1.0/{self.project_id}{suffix}"

    def http(self) -> httpx.Client:
        """Plain httpx with the project's token, for setting up and checking."""
        return httpx.Client(
            base_url=self.url, headers={"X-Auth-Token": self.token}, timeout=SLOW_JOB_TIMEOUT
        )

    def call(self, http: httpx.Client, method: str, suffix: str, **kwargs: Any) -> dict[str, Any]:
        """One call under the project's path; any answer but 200 is an error."""
        response = http.request(method, self.path(suffix), **kwargs)
        if response.status_code != 200:
            raise RuntimeError(
                f"{method} {suffix} answered {response.status_code}: {response.text[:500]}"
            )
        body: dict[str, Any] = response.json()
        return body

    def run(self, http: httpx.Client, sql: str) -> dict[str, Any]:
        """Submit `sql`, wait until it ends and insist it FINISHED; its last status."""
        job_id = submit(http, self.project_id, sql, queue_name="default")
        status = wait_for_status(http, self.project_id, job_id, timeout=SLOW_JOB_TIMEOUT)
        if status["status"] != "FINISHED":
            raise RuntimeError(f"{sql!r} ended {status['status']}: {status.get('message')}")
        return status


@contextmanager
def serve_emulator(
    workdir: Path,
    name: str = "emulator",
    *,
    data_dir: Path | None = None,
    project: Project | None = None,
    engine_args: tuple[str, ...] = (),
) -> Iterator[Emulator]:
    """Serve an emulator on a free loopback port; pass `data_dir` and `project` to reuse a store.

    It logs at warning level (no access log), as the bare route and Prism are run quietly too:
    request rates then compare the servers, not their logging.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    project = project or new_project("bench")
    data_dir = data_dir or workdir / f"{name}-data"
    config = workdir / f"{name}-config.json"
    write_config(config, [project])
    command = python_command(
        "dli_emulator",
        *("--host", LOOPBACK, "--port", "0", "--data-dir", str(data_dir)),
        *("--config", str(config), "--log-level", "warning"),
        *engine_args,
    )
    with serve(name, command, workdir / f"{name}.log") as server:
        yield Emulator(server, project, data_dir)
