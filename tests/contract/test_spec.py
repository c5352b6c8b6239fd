"""openapi.yaml is valid OpenAPI 3.1, says what the issue asks, and its examples hold."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
SPEC_URI = "urn:dli:openapi"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# The eleven SQL-job operations (reference operations.tsv, families sql-job and sql-job-deprecated).
OPERATIONS = {
    ("post", "/v1.0/{project_id}/jobs/submit-job"): "createSqlJob",
    ("get", "/v1.0/{project_id}/jobs/{job_id}/status"): "showSqlJobStatus",
    ("get", "/v1.0/{project_id}/jobs/{job_id}/detail"): "showSqlJobDetail",
    ("get", "/v1.0/{project_id}/jobs"): "listSqlJobs",
    ("delete", "/v1.0/{project_id}/jobs/{job_id}"): "cancelSqlJob",
    ("get", "/v1.0/{project_id}/jobs/{job_id}/preview"): "previewSqlJobResult",
    ("post", "/v1.0/{project_id}/jobs/{job_id}/export-result"): "exportSqlJobResult",
    ("post", "/v1.0/{project_id}/jobs/check-sql"): "checkSql",
    ("get", "/v1/{project_id}/jobs/{job_id}/progress"): "showSqlJobProgress",
    ("post", "/v1.0/{project_id}/jobs/import-table"): "importTable",
    ("post", "/v1.0/{project_id}/jobs/export-table"): "exportTable",
}
JOB_SCOPED = {op for (_, path), op in OPERATIONS.items() if "{job_id}" in path}


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in SPEC["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def node_ref_parts(ref: str) -> list[str]:
    assert ref.startswith("#/"), f"only internal references are allowed, got {ref}"
    return [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]


def deref(node: Any) -> Any:
    """Follow `$ref` until a concrete object is reached."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for part in node_ref_parts(node["$ref"]):
            target = target[part]
        node = target
    return node


def _int_format(lo: int, hi: int) -> Any:
    def check(value: object) -> bool:
        return not isinstance(value, int) or isinstance(value, bool) or lo <= value <= hi

    return check


FORMATS = jsonschema.FormatChecker()
FORMATS.checks("int32")(_int_format(-(2**31), 2**31 - 1))
FORMATS.checks("int64")(_int_format(-(2**63), 2**63 - 1))
REGISTRY: Registry[Any] = Registry().with_resource(
    SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
)


def validator_for(pointer: str) -> jsonschema.Draft202012Validator:
    """Validate against the schema at `pointer` in place, so its `$ref`s resolve in the spec."""
    return jsonschema.Draft202012Validator(
        {"$ref": f"{SPEC_URI}#{pointer}"}, registry=REGISTRY, format_checker=FORMATS
    )


def _pointer(*parts: str) -> str:
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def media_examples() -> Iterator[tuple[str, str, Any]]:
    """(id, JSON pointer of the schema, example value) for every request and response example."""
    for method, path, op in operations():
        body = op.get("requestBody")
        if body:
            for media_type, media in body["content"].items():
                base = ("paths", path, method, "requestBody", "content", media_type)
                yield from _examples_of(media, base, f"{op['operationId']} request")
        for status, response in op["responses"].items():
            ref = response.get("$ref")
            if ref:
                base_parts = node_ref_parts(ref)
                response = deref(response)
            else:
                base_parts = ["paths", path, method, "responses", status]
            for media_type, media in response.get("content", {}).items():
                base = (*base_parts, "content", media_type)
                yield from _examples_of(media, base, f"{op['operationId']} {status}")


def _examples_of(media: dict[str, Any], base: tuple[str, ...], label: str) -> Iterator[Any]:
    schema_ptr = _pointer(*base, "schema")
    if "example" in media:
        yield (label, schema_ptr, media["example"])
    for name, example in media.get("examples", {}).items():
        yield (f"{label} {name}", schema_ptr, deref(example)["value"])


def test_spec_is_valid_openapi_3_1() -> None:
    assert SPEC["openapi"].startswith("3.1")
    validate(SPEC)


def test_every_sql_job_operation_is_present_once() -> None:
    found = {(method, path): op["operationId"] for method, path, op in operations()}
    assert found == OPERATIONS
    ids = [op["operationId"] for _, _, op in operations()]
    assert len(ids) == len(set(ids))


def test_reference_operation_index_agrees_with_the_spec() -> None:
    index = ROOT / "tests" / "data" / "operations.tsv"
    with index.open() as handle:
        rows = [
            r for r in csv.DictReader(handle, delimiter="\t") if r["family"].startswith("sql-job")
        ]
    assert {(r["http_method"].lower(), r["path"]) for r in rows} == set(OPERATIONS)
    for row in rows:
        op = SPEC["paths"][row["path"]][row["http_method"].lower()]
        declared = {deref(p)["name"] for p in op.get("parameters", []) if deref(p)["in"] == "query"}
        wanted = (
            set()
            if row["query_params(wire names)"] == "-"
            else set(row["query_params(wire names)"].split(","))
        )
        # The preview's `page-size` is documented by the API reference but absent from the SDK.
        assert wanted <= declared, (row["operation_id"], wanted - declared)


def test_deprecated_operations_are_marked() -> None:
    deprecated = {op["operationId"] for _, _, op in operations() if op.get("deprecated")}
    assert deprecated == {"importTable", "exportTable"}


@pytest.mark.parametrize(("method", "path", "op"), list(operations()), ids=lambda v: str(v)[:40])
def test_operation_documents_success_and_errors(method: str, path: str, op: dict[str, Any]) -> None:
    assert op.get("summary") and op.get("description") and op.get("tags")
    codes = set(op["responses"])
    expected = {"200", "400", "401", "403", "429", "500"}
    if op["operationId"] in JOB_SCOPED:
        expected.add("404")
    assert codes == expected
    error_schemas = {
        code: deref(deref(op["responses"][code])["content"]["application/json"]["schema"])
        for code in expected - {"200"}
    }
    dli_error = SPEC["components"]["schemas"]["DliError"]
    gateway_error = SPEC["components"]["schemas"]["GatewayError"]
    assert error_schemas["400"] is dli_error and error_schemas["500"] is dli_error
    assert error_schemas["401"] is gateway_error and error_schemas["429"] is gateway_error


def test_error_bodies_have_the_service_fields() -> None:
    schemas = SPEC["components"]["schemas"]
    assert schemas["DliError"]["required"] == ["error_code", "error_msg"]
    assert set(schemas["GatewayError"]["properties"]) == {"error_code", "error_msg", "request_id"}


def test_wire_names_of_query_parameters_are_kept() -> None:
    list_params = {
        deref(p)["name"]: deref(p)
        for p in SPEC["paths"]["/v1.0/{project_id}/jobs"]["get"]["parameters"]
    }
    assert {"page-size", "current-page", "job-status", "job-type", "job-id", "engine-type"} <= set(
        list_params
    )
    assert {"queue_name", "sql_pattern", "job_types", "db_name", "table_name"} <= set(list_params)
    job_types = list_params["job_types"]
    assert job_types["style"] == "form" and job_types["explode"] is True
    page_size = list_params["page-size"]["schema"]
    assert (page_size["minimum"], page_size["maximum"], page_size["default"]) == (1, 100, 50)
    preview = {
        deref(p)["name"]: deref(p)
        for p in SPEC["paths"]["/v1.0/{project_id}/jobs/{job_id}/preview"]["get"]["parameters"]
    }
    assert set(preview) == {"queue-name", "page-size"}
    assert preview["page-size"]["schema"]["maximum"] == 1000


# The ShowSqlJobStatus page: every field with its documented type and format.
SEED_FIELDS = {
    "is_success": ("boolean", None),
    "message": ("string", None),
    "job_id": ("string", None),
    "job_type": ("string", None),
    "job_mode": ("string", None),
    "queue_name": ("string", None),
    "owner": ("string", None),
    "start_time": ("integer", "int64"),
    "duration": ("integer", "int64"),
    "status": ("string", None),
    "input_row_count": ("integer", "int64"),
    "bad_row_count": ("integer", "int64"),
    "input_size": ("integer", "int64"),
    # int64 where the page says Integer: the Go SDK types the same count int64 (allowlisted).
    "result_count": ("integer", "int64"),
    "database_name": ("string", None),
    "table_name": ("string", None),
    "detail": ("string", None),
    "statement": ("string", None),
    "tags": ("array", None),
    "user_conf": ("string", None),
}
# Listed by the SDK and the current reference beyond the seed page.
EXTRA_STATUS_FIELDS = {"result_format", "result_path", "execution_details_path"}

# The seed page's example, field for field.
SEED_EXAMPLE = {
    "is_success": True,
    "message": "",
    "job_id": "208b08d4-0dc2-4dd7-8879-ddd4c020d7aa",
    "job_type": "QUERY",
    "job_mode": "async",
    "queue_name": "default",
    "owner": "test",
    "start_time": 1509335108918,
    "duration": 2523,
    "status": "FINISHED",
    "input_size": 22,
    "result_count": 4,
    "database_name": "dbtest",
    "table_name": "tbtest",
    "detail": '{"type":"struct","fields":[{"name":"id","type":"integer","nullable":true,'
    '"metadata":{}},{"name":"name","type":"string","nullable":true,"metadata":{}}]}',
    "statement": "select * from t1",
}


def _flatten(schema: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        properties.update(_flatten(deref(part)))
    properties.update(schema.get("properties", {}))
    return properties


def test_status_schema_carries_every_seed_field_with_its_type() -> None:
    properties = _flatten(SPEC["components"]["schemas"]["ShowSqlJobStatusResponse"])
    assert set(SEED_FIELDS) | EXTRA_STATUS_FIELDS <= set(properties)
    for name, (json_type, fmt) in SEED_FIELDS.items():
        prop = deref(properties[name])
        if "anyOf" in prop:  # an extensible enum: its named enum's type
            prop = deref(prop["anyOf"][0])
        assert prop["type"] == json_type, name
        assert prop.get("format") == fmt, name
    # Extensible in responses: the named enum, or any other string the service adds later.
    status = properties["status"]["anyOf"]
    assert status[1] == {"type": "string"}
    assert deref(status[0])["enum"] == [
        "LAUNCHING",
        "RUNNING",
        "SCALING",
        "FINISHED",
        "FAILED",
        "CANCELLED",
    ]


def test_status_example_is_the_seed_example_and_validates() -> None:
    op = SPEC["paths"]["/v1.0/{project_id}/jobs/{job_id}/status"]["get"]
    example = op["responses"]["200"]["content"]["application/json"]["example"]
    assert example == SEED_EXAMPLE
    validator_for("/components/schemas/ShowSqlJobStatusResponse").validate(example)


def test_every_request_body_and_response_has_an_example() -> None:
    labels = [label for label, _, _ in media_examples()]
    for method, path, op in operations():
        if "requestBody" in op:
            assert any(lbl.startswith(f"{op['operationId']} request") for lbl in labels), path
        for status in op["responses"]:
            prefix = f"{op['operationId']} {status}"
            assert any(lbl.startswith(prefix) for lbl in labels), (method, path, status)


@pytest.mark.parametrize(("label", "pointer", "example"), list(media_examples()), ids=lambda v: v)
def test_example_validates_against_its_schema(label: str, pointer: str, example: Any) -> None:
    validator_for(pointer).validate(example)


def test_component_schema_examples_validate() -> None:
    for name, schema in SPEC["components"]["schemas"].items():
        if "example" in schema:
            validator_for(f"/components/schemas/{name}").validate(schema["example"])


def test_a_broken_example_is_caught() -> None:
    """The example check really checks: a retyped field fails it."""
    example = dict(SEED_EXAMPLE, result_count="4")
    with pytest.raises(jsonschema.ValidationError, match="not of type 'integer'"):
        validator_for("/components/schemas/ShowSqlJobStatusResponse").validate(example)
    without_status = {k: v for k, v in SEED_EXAMPLE.items() if k != "status"}
    with pytest.raises(jsonschema.ValidationError, match="'status' is a required property"):
        validator_for("/components/schemas/ShowSqlJobStatusResponse").validate(without_status)


def test_submit_links_lead_to_every_job_operation() -> None:
    links = SPEC["paths"]["/v1.0/{project_id}/jobs/submit-job"]["post"]["responses"]["200"]["links"]
    assert {link["operationId"] for link in links.values()} == {
        "showSqlJobStatus",
        "showSqlJobDetail",
        "showSqlJobProgress",
        "previewSqlJobResult",
        "exportSqlJobResult",
        "cancelSqlJob",
    }
    for link in links.values():
        assert link["parameters"] == {
            "project_id": "$request.path.project_id",
            "job_id": "$response.body#/job_id",
        }


def test_both_security_schemes_are_declared_and_required() -> None:
    schemes = SPEC["components"]["securitySchemes"]
    assert schemes["iamToken"] == {**schemes["iamToken"], "in": "header", "name": "X-Auth-Token"}
    assert "SDK-HMAC-SHA256" in schemes["akskSignature"]["description"]
    assert SPEC["security"] == [{"iamToken": []}, {"akskSignature": []}]


def test_servers_list_regions_and_the_emulator() -> None:
    urls = [server["url"] for server in SPEC["servers"]]
    assert urls[0] == "https://dli.{region}.myhuaweicloud.com"
    assert "cn-north-4" in SPEC["servers"][0]["variables"]["region"]["enum"]
    assert any(url.startswith("http://127.0.0.1:") for url in urls)


def test_only_internal_references() -> None:
    text = SPEC_PATH.read_text()
    for line in text.splitlines():
        if "$ref:" in line:
            assert "'#/" in line or '"#/' in line, line
