"""Request checks compiled from the real openapi.yaml, no server: types, messages, defaults."""

from pathlib import Path

import pytest

from dli_emulator.errors import DliError
from dli_emulator.http.validation import Operation, compile_operations, load_spec

SPEC = Path(__file__).resolve().parents[3] / "openapi.yaml"
PROJECT = {"project_id": "0123456789abcdef0123456789abcdef"}
JOB = {**PROJECT, "job_id": "6d2146a0-c2d5-41bd-8ca0-ca9694ada992"}


@pytest.fixture(scope="module")
def operations() -> dict[str, Operation]:
    return {op.operation_id: op for op in compile_operations(load_spec(SPEC))}


def refused(call: object) -> str:
    assert callable(call)
    with pytest.raises(DliError) as caught:
        call()
    assert caught.value.error_code == "DLI.0001"
    assert caught.value.http_status == 400
    return caught.value.error_msg


def test_every_operation_of_the_spec_is_compiled(operations: dict[str, Operation]) -> None:
    spec = load_spec(SPEC)
    declared = {
        op["operationId"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if method != "parameters"
    }
    assert set(operations) == declared


def test_query_text_is_converted_to_the_declared_types(operations: dict[str, Operation]) -> None:
    checked = operations["listSqlJobs"].validate(
        PROJECT,
        [("page-size", "10"), ("job_types", "DDL"), ("job_types", "QUERY"), ("start", "5")],
        b"",
    )
    assert checked.query["page-size"] == 10
    assert checked.query["job_types"] == ["DDL", "QUERY"]
    assert checked.query["start"] == 5
    # Defaults of the spec are filled in for what was not sent.
    assert checked.query["current-page"] == 1
    assert checked.query["order"] == "start_time_desc"
    assert checked.body is None


def test_undeclared_query_parameters_are_ignored(operations: dict[str, Operation]) -> None:
    checked = operations["listSqlJobs"].validate(PROJECT, [("nonsense", "1")], b"")
    assert "nonsense" not in checked.query


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("page-size", "0")], "Invalid parameter page-size: 0 is less than the minimum of 1"),
        ([("page-size", "101")], "Invalid parameter page-size: 101 is greater than the maximum"),
        ([("page-size", "ten")], 'Invalid parameter page-size: "ten" is not an integer'),
        ([("page-size", "1.5")], "Invalid parameter page-size: "),
        ([("page-size", "")], 'Invalid parameter page-size: "" is not an integer'),
        ([("page-size", "1"), ("page-size", "2")], "Invalid parameter page-size: given 2 times"),
        ([("start", "9" * 30)], "Invalid parameter start: " + "9" * 30 + " is greater than"),
        ([("start", "9" * 5000)], "Invalid parameter start: "),
        ([("job-status", "DONE")], 'Invalid parameter job-status: "DONE" is not one of'),
        ([("job_types", "QUERY"), ("job_types", "NOPE")], "Invalid parameter job_types[1]: "),
        ([("job-id", "a b")], "Invalid parameter job-id: "),
        ([("tags", "novalue")], 'Invalid parameter tags: "novalue" does not match'),
    ],
)
def test_bad_query_values_name_the_parameter(
    operations: dict[str, Operation], pairs: list[tuple[str, str]], expected: str
) -> None:
    message = refused(lambda: operations["listSqlJobs"].validate(PROJECT, pairs, b""))
    assert message.startswith(expected)
    assert len(message) < 300


def test_bad_path_parameters_name_the_parameter(operations: dict[str, Operation]) -> None:
    status = operations["showSqlJobStatus"]
    message = refused(lambda: status.validate({**JOB, "job_id": "a/b"}, [], b""))
    assert message.startswith('Invalid parameter job_id: "a/b" does not match')
    message = refused(lambda: status.validate({**JOB, "project_id": "x" * 65}, [], b""))
    assert message.startswith("Invalid parameter project_id: ")
    assert "is longer than 64 characters" in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"", "Invalid request body: a JSON body is required"),
        (b"  \n", "Invalid request body: a JSON body is required"),
        (b"\xff\xfe{}", "Invalid request body: not UTF-8 text"),
        (b"{", "Invalid request body: not valid JSON"),
        (b'{"sql": NaN}', "Invalid request body: not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "Invalid request body: "),
        (b"[]", 'Invalid request body: [] is not of type "object"'),
        (b"{}", 'Invalid request body: "sql" is a required property'),
        (b'{"sql": ""}', 'Invalid parameter sql: "" is shorter than 1 character'),
        (b'{"sql": 1}', 'Invalid parameter sql: 1 is not of type "string"'),
        (b'{"sql": "x", "queue_name": "_q"}', 'Invalid parameter queue_name: "_q" does not'),
        (b'{"sql": "x", "tags": [{"key": "k"}]}', "Invalid parameter tags[0]: "),
        (
            b'{"sql": "x", "tags": [{"key": "_sys_k", "value": "v"}]}',
            "Invalid parameter tags[0].key",
        ),
        (b'{"sql": "x", "engine_type": "hive"}', "Invalid parameter engine_type: "),
    ],
)
def test_bad_bodies_name_the_field(
    operations: dict[str, Operation], body: bytes, expected: str
) -> None:
    message = refused(lambda: operations["createSqlJob"].validate(PROJECT, [], body))
    assert message.startswith(expected)


def test_a_long_offending_value_is_cut_in_the_message(operations: dict[str, Operation]) -> None:
    body = b'{"sql": "x", "queue_name": "' + b"k" * 5000 + b'"}'
    message = refused(lambda: operations["createSqlJob"].validate(PROJECT, [], body))
    assert message.startswith("Invalid parameter queue_name: ")
    assert "(5002 characters)" in message
    assert len(message) < 300


def test_a_valid_body_gets_the_defaults_of_the_spec(operations: dict[str, Operation]) -> None:
    body = b'{"data_path": "obs://bucket/out", "data_type": "csv"}'
    checked = operations["exportSqlJobResult"].validate(JOB, [], body)
    assert checked.body is not None
    assert checked.body["data_path"] == "obs://bucket/out"
    assert checked.body["compress"] == "none"
    assert checked.body["export_mode"] == "ErrorIfExists"
    assert checked.body["limit_num"] == 0


def test_integer_formats_bound_body_numbers(operations: dict[str, Operation]) -> None:
    body = b'{"data_path": "obs://bucket/out", "data_type": "csv", "limit_num": 2147483648}'
    message = refused(lambda: operations["exportSqlJobResult"].validate(JOB, [], body))
    assert message == (
        "Invalid parameter limit_num: 2147483648 is greater than the maximum of 2147483647"
    )
