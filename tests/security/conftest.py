"""Two tenants in one real emulator on 127.0.0.1: the second one plays the adversary.

`tenants` serves projects A (alice) and B (bob), each with its own token, and gives each an
httpx client bound to its own credential. A has done ordinary work first (a table with a secret
row, a query whose result and execution details hold a secret literal, an export to its own
bucket) so that B has something to reach for.

Every test names the promise of the README's "Security model" it guards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from dli_emulator.config import Project, new_project
from dli_emulator.testing import EmulatorFactory, EmulatorInstance, wait_for_status

SECRET_ROW = "alice-secret-row-7f3a"
SECRET_LITERAL = "alice-secret-literal-91c2"


@dataclass
class Tenant:
    project: Project
    http: httpx.Client

    @property
    def project_id(self) -> str:
        return self.project.project_id

    def run(self, sql: str, **fields: Any) -> dict[str, Any]:
        """Submit `sql` and wait for its end; the final status body (or the refusal body)."""
        answer = self.http.post(
            f"/v1.0/{self.project_id}/jobs/submit-job", json={"sql": sql, **fields}
        )
        if answer.status_code != 200:
            return {"http_status": answer.status_code, **answer.json()}
        body = answer.json()
        if body.get("job_mode") == "sync":
            return {"status": "FINISHED" if body["is_success"] else "FAILED", **body}
        return wait_for_status(self.http, self.project_id, body["job_id"], timeout=60.0)

    def post(self, operation: str, body: dict[str, Any]) -> httpx.Response:
        return self.http.post(f"/v1.0/{self.project_id}/jobs/{operation}", json=body)

    def wait(self, job_id: str) -> dict[str, Any]:
        return wait_for_status(self.http, self.project_id, job_id, timeout=60.0)

    def preview(self, job_id: str) -> httpx.Response:
        return self.http.get(f"/v1.0/{self.project_id}/jobs/{job_id}/preview")


@dataclass
class World:
    emulator: EmulatorInstance
    alice: Tenant
    bob: Tenant
    query_job: dict[str, Any]  # A's finished QUERY job (result file, execution details)
    alice_bucket: str

    @property
    def host_paths(self) -> tuple[str, ...]:
        """Host paths no answer may contain: the data directory, resolved or not, and its parent."""
        data = self.emulator.data_dir
        return tuple({str(data), str(data.resolve()), str(data.resolve().parent)})

    def assert_hides_host_paths(self, text: str) -> None:
        for path in self.host_paths:
            assert path not in text, f"a host path leaked: {text[:500]}"

    def files(self) -> list[Path]:
        return [p for p in self.emulator.data_dir.rglob("*") if p.is_file()]


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def tenant(instance: EmulatorInstance, project: Project) -> Tenant:
    headers = {"X-Auth-Token": project.tokens[0].value}
    return Tenant(project, httpx.Client(base_url=instance.base_url, headers=headers, timeout=60.0))


def seed_alice(alice: Tenant, bucket: str) -> dict[str, Any]:
    """A's ordinary work: a table with a secret row, a query, an export to its own bucket."""
    assert alice.run("CREATE TABLE vault (id INT, secret STRING)")["status"] == "FINISHED"
    inserted = alice.run(f"INSERT INTO vault VALUES (1, '{SECRET_ROW}')")
    assert inserted["status"] == "FINISHED", inserted
    query = alice.run(f"SELECT secret, '{SECRET_LITERAL}' AS lit FROM vault")
    assert query["status"] == "FINISHED", query
    exported = alice.post(
        "export-table",
        {
            "data_path": f"obs://{bucket}/reports/q1",
            "data_type": "csv",
            "database_name": "default",
            "table_name": "vault",
            "compress": "none",
        },
    )
    assert exported.status_code == 200, exported.text
    assert alice.wait(exported.json()["job_id"])["status"] == "FINISHED"
    return query


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    factory = EmulatorFactory(tmp_path_factory.mktemp("security"))
    alice_project, bob_project = new_project("alice"), new_project("bob")
    try:
        instance = factory.start(projects=(alice_project, bob_project))
        alice, bob = tenant(instance, alice_project), tenant(instance, bob_project)
        bucket = unique("alice-bucket")
        try:
            yield World(instance, alice, bob, seed_alice(alice, bucket), bucket)
        finally:
            alice.http.close()
            bob.http.close()
    finally:
        factory.close()


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[EmulatorFactory]:
    started = EmulatorFactory(tmp_path)
    try:
        yield started
    finally:
        started.close()
