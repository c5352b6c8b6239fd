"""Promise: every input gets a 4xx in the service's error format, never a 500, and loses nothing.

Unencodable text (a lone surrogate) in any JSON string, deep nesting, out-of-range conf values,
previews too big to send, and clients that send headers but never a body.
"""

from __future__ import annotations

import json
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from .conftest import World

LONE = "\ud800"
DEPTH = 900

SUBMIT = {"sql": "SELECT 1", "currentdb": "default", "queue_name": "default"}
IMPORT = {
    "data_path": "obs://lone-bucket/in",
    "data_type": "csv",
    "database_name": "default",
    "table_name": "vault",
}
EXPORT = {**IMPORT, "data_path": "obs://lone-bucket/out", "compress": "none"}
# (operation, base body, where the lone surrogate goes)
SURROGATE_CASES: list[tuple[str, dict[str, Any], tuple[str | int, ...]]] = [
    ("submit-job", SUBMIT, ("sql",)),
    ("submit-job", SUBMIT, ("currentdb",)),
    ("submit-job", SUBMIT, ("queue_name",)),
    ("submit-job", SUBMIT, ("engine_type",)),
    ("submit-job", SUBMIT, ("current_catalog",)),
    ("submit-job", {**SUBMIT, "conf": ["k=v"]}, ("conf", 0)),
    ("submit-job", {**SUBMIT, "tags": [{"key": "k", "value": "v"}]}, ("tags", 0, "key")),
    ("submit-job", {**SUBMIT, "tags": [{"key": "k", "value": "v"}]}, ("tags", 0, "value")),
    ("check-sql", {"sql": "SELECT 1"}, ("sql",)),
    ("check-sql", {"sql": "SELECT 1", "currentdb": "default"}, ("currentdb",)),
    ("import-table", IMPORT, ("data_path",)),
    ("import-table", IMPORT, ("database_name",)),
    ("import-table", IMPORT, ("table_name",)),
    ("import-table", {**IMPORT, "partition_spec": {"p": "v"}}, ("partition_spec", "p")),
    ("import-table", {**IMPORT, "date_format": "yyyy"}, ("date_format",)),
    ("export-table", EXPORT, ("data_path",)),
    ("export-table", EXPORT, ("table_name",)),
    ("export-table", {**EXPORT, "quote_char": "'"}, ("quote_char",)),
]


def _with(body: dict[str, Any], where: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(body))
    node: Any = copy
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    return copy


def _post_raw(world: World, operation: str, text: str) -> httpx.Response:
    return world.bob.http.post(
        f"/v1.0/{world.bob.project_id}/jobs/{operation}",
        content=text.encode("ascii"),
        headers={"Content-Type": "application/json"},
    )


def _refused_in_dli_format(answer: httpx.Response) -> dict[str, Any]:
    assert 400 <= answer.status_code < 500, f"{answer.status_code} {answer.text}"
    body: dict[str, Any] = answer.json()
    assert body["error_code"].startswith("DLI.") and body["error_msg"], body
    return body


@pytest.mark.parametrize(("operation", "body", "where"), SURROGATE_CASES)
def test_lone_surrogate_is_a_4xx(
    world: World, operation: str, body: dict[str, Any], where: tuple[str | int, ...]
) -> None:
    text = json.dumps(_with(body, where, f"a{LONE}b"))  # ensure_ascii: "\ud800" on the wire
    assert "\\ud800" in text
    _refused_in_dli_format(_post_raw(world, operation, text))


def test_lone_surrogate_as_a_key_is_a_4xx(world: World) -> None:
    text = json.dumps({**IMPORT, "partition_spec": {f"k{LONE}": "v"}})
    _refused_in_dli_format(_post_raw(world, "import-table", text))


def test_lone_surrogate_in_export_result_is_a_4xx(world: World) -> None:
    query = world.bob.run("SELECT 1 AS one")
    text = json.dumps({"data_path": f"obs://b{LONE}/x", "data_type": "csv"})
    answer = world.bob.http.post(
        f"/v1.0/{world.bob.project_id}/jobs/{query['job_id']}/export-result",
        content=text.encode(),
        headers={"Content-Type": "application/json"},
    )
    _refused_in_dli_format(answer)


def _deep(depth: int, leaf: str = "x") -> str:
    return "[" * depth + json.dumps(leaf) + "]" * depth


@pytest.mark.parametrize(
    ("operation", "text"),
    [
        ("submit-job", '{"sql": "SELECT 1", "conf": ' + _deep(DEPTH) + "}"),
        ("submit-job", '{"sql": "SELECT 1", "tags": ' + _deep(DEPTH) + "}"),
        (
            "import-table",
            json.dumps(IMPORT)[:-1]
            + ', "partition_spec": '
            + '{"a": ' * DEPTH
            + "1"
            + "}" * DEPTH
            + "}",
        ),
        ("check-sql", '{"sql": "SELECT 1", "x": ' + _deep(DEPTH) + "}"),
    ],
    ids=["conf", "tags", "partition_spec", "unknown-field"],
)
def test_deep_nesting_is_a_4xx(world: World, operation: str, text: str) -> None:
    _refused_in_dli_format(_post_raw(world, operation, text))


@pytest.mark.parametrize("value", ["1e10", "1e300", "inf", "nan", "-5", "0", "abc"])
def test_out_of_range_timeout_is_dli_0001_naming_the_field(world: World, value: str) -> None:
    answer = world.bob.post(
        "submit-job", {"sql": "SELECT 1", "conf": [f"dli.sql.job.timeout={value}"]}
    )
    body = _refused_in_dli_format(answer)
    assert body["error_code"] == "DLI.0001"
    assert "dli.sql.job.timeout" in body["error_msg"]


def test_a_large_timeout_within_range_still_times_the_job(world: World) -> None:
    """The largest accepted timeout still arms the timer (it once died on OverflowError)."""
    answer = world.bob.run(
        "SELECT count(*) AS n FROM range(1000000) a CROSS JOIN range(1000000) b",
        conf=["dli.sql.job.timeout=1"],
    )
    assert answer["status"] == "CANCELLED", answer
    assert "dli.sql.job.timeout" in answer["message"]


def test_a_huge_preview_is_cut_by_bytes_and_says_so(world: World) -> None:
    answer = world.bob.run("SELECT repeat('x', 3000000) AS s FROM range(8)")
    assert answer["status"] == "FINISHED", answer
    preview = world.bob.preview(answer["job_id"])
    assert preview.status_code == 200
    assert len(preview.content) < 16 * 1024 * 1024
    body = preview.json()
    assert body["row_count"] == 8  # the result's own size is still told in full
    assert len(body["rows"]) < 8
    assert "cut" in body["message"].lower() or "truncat" in body["message"].lower()


def test_a_small_preview_is_not_cut(world: World) -> None:
    answer = world.bob.run("SELECT id FROM range(5) AS r(id)")
    body = world.bob.preview(answer["job_id"]).json()
    assert len(body["rows"]) == 5 and body["message"] == ""


def _hold(url: str, request: bytes) -> socket.socket:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=60)
    sock.sendall(request)
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bytes:
    sock.settimeout(seconds)
    received = b""
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                return received or b"closed"
            received += chunk
    except TimeoutError:
        return b""
    finally:
        sock.close()
    return received


def test_slow_clients_are_cut_off(world: World) -> None:
    path = f"/v1.0/{world.bob.project_id}/jobs/check-sql"
    token = world.bob.project.tokens[0].value
    no_body = _hold(
        world.emulator.base_url,
        f"POST {path} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {token}\r\n"
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n".encode(),
    )
    half_headers = _hold(world.emulator.base_url, f"POST {path} HTTP/1.1\r\nHost: x\r\n".encode())
    started = time.monotonic()
    answer = _closed_within(no_body, 40)
    assert answer, "a request with headers but no body was held open"
    if answer != b"closed":
        status = int(answer.split(b" ", 2)[1])
        assert 400 <= status < 500, answer[:200]
    assert _closed_within(half_headers, max(1.0, 40 - (time.monotonic() - started))), (
        "a request with unfinished headers was held open"
    )
