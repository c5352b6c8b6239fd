"""The conformance gate (make conformance): openapi.yaml against Huawei's SDK and API reference.

Every difference is either fixed or listed in tests/data/contract-allowlist.tsv with its reason;
a new one fails with a message naming the operation, the field and both sides.
"""

from __future__ import annotations

import copy
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
sys.path.append(str(ROOT / "scripts"))
from conformance import (  # noqa: E402  (lives in scripts/)
    Difference,
    compare_reference,
    compare_sdk,
    load_allowlist,
    reference_rows,
    sdk_operation,
    spec_fields,
    unexplained,
)

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
REFERENCE = reference_rows(ROOT / "tests" / "data" / "api-reference.tsv")
ALLOWLIST = load_allowlist(ROOT / "tests" / "data" / "contract-allowlist.tsv")
OPERATIONS = {
    item[method]["operationId"]: (method, path)
    for path, item in SPEC["paths"].items()
    for method in ("get", "post", "delete")
    if method in item
}


def all_differences(spec: dict[str, Any]) -> list[Difference]:
    fields = spec_fields(spec)
    found = compare_reference(REFERENCE, fields)
    for operation_id, (method, path) in OPERATIONS.items():
        found += compare_sdk(operation_id, method, path, fields)
    return sorted(found)


def _report(differences: list[Difference]) -> str:
    return "\n".join(str(d) for d in differences)


def test_the_reference_table_covers_the_eleven_operations() -> None:
    assert {row.operation for row in REFERENCE} == set(OPERATIONS)
    for row in REFERENCE:
        assert row.source, row
        assert row.mandatory in ("yes", "no", "-"), row


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_sdk_route_matches(operation_id: str) -> None:
    method, path = OPERATIONS[operation_id]
    info = sdk_operation(operation_id)
    assert (info["method"].lower(), info["resource_path"]) == (method, path)


def test_every_difference_is_fixed_or_explained() -> None:
    left, _ = unexplained(all_differences(SPEC), ALLOWLIST)
    assert not left, "differences without an allowlist entry:\n" + _report(left)


def test_no_allowlist_entry_is_stale() -> None:
    _, stale = unexplained(all_differences(SPEC), ALLOWLIST)
    assert not stale, "allowlist entries that match no difference: " + ", ".join(
        f"{e.check} {e.operation} {e.field}" for e in stale
    )


def test_every_request_constraint_has_a_source_row() -> None:
    """Each request limit the spec declares is in the table, with the page or SDK it comes from."""
    fields = spec_fields(SPEC)
    rows = {row.key: row for row in REFERENCE}
    for key, info in fields.items():
        if key[1] == "request" and info.constraints:
            assert key in rows and rows[key].constraints == info.constraints, key
            assert rows[key].source, key


def _status_properties(spec: dict[str, Any]) -> dict[str, Any]:
    parts = spec["components"]["schemas"]["ShowSqlJobStatusResponse"]["allOf"]
    part: dict[str, Any] = parts[1]
    return part


def test_a_new_difference_fails_and_names_both_sides() -> None:
    """Planted: the status answer requires `duration` again, and `result_count` narrows."""
    broken = copy.deepcopy(SPEC)
    part = _status_properties(broken)
    part["required"].append("duration")
    part["properties"]["input_size"]["format"] = "int32"
    left, _ = unexplained(all_differences(broken), ALLOWLIST)
    text = _report(left)
    assert (
        "[reference-mandatory] showSqlJobStatus `response body duration`: spec says required"
        in text
    )
    assert "says not mandatory (dli_02_0021" in text
    assert "[reference-width] showSqlJobStatus `response body input_size`: spec says int32" in text


def test_a_renamed_query_parameter_fails_against_the_sdk() -> None:
    broken = copy.deepcopy(SPEC)
    for parameter in broken["paths"]["/v1.0/{project_id}/jobs"]["get"]["parameters"]:
        if parameter.get("name") == "page-size":
            parameter["name"] = "page_size"
    left, _ = unexplained(all_differences(broken), ALLOWLIST)
    text = _report(left)
    assert (
        "[sdk-query-parameter] listSqlJobs `page-size`: spec says no such query parameter" in text
    )


def test_an_unsourced_request_limit_fails() -> None:
    broken = copy.deepcopy(SPEC)
    broken["components"]["schemas"]["CreateSqlJobRequest"]["properties"]["tags"]["maxItems"] = 20
    left, _ = unexplained(all_differences(broken), ALLOWLIST)
    assert (
        "[request-constraint] createSqlJob `request body tags`: spec says maxItems=20"
        in _report(left)
    )


def _examples() -> list[tuple[str, str, Any]]:
    out = []
    for item in SPEC["paths"].values():
        for method in ("get", "post", "delete"):
            if method not in item:
                continue
            operation = item[method]
            media = operation["responses"]["200"]["content"]["application/json"]
            examples = [media["example"]] if "example" in media else []
            examples += [e["value"] for e in media.get("examples", {}).values()]
            for index, example in enumerate(examples):
                out.append(
                    (f"{operation['operationId']}-{index}", operation["operationId"], example)
                )
    return out


@pytest.mark.parametrize(
    ("label", "operation_id", "example"), _examples(), ids=lambda v: str(v)[:30]
)
def test_every_example_deserialises_with_the_sdk_models(
    label: str, operation_id: str, example: dict[str, Any]
) -> None:
    from huaweicloudsdkdli.v1.dli_client import DliClient

    client = DliClient()
    name = operation_id[0].upper() + operation_id[1:] + "Response"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the SDK warns instead of failing on a wrong type
        parsed = client._deserialize(example, name)
    for key, value in example.items():
        attribute = next(a for a, wire in type(parsed).attribute_map.items() if wire == key)
        read = getattr(parsed, attribute)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert len(read) == len(value), (label, key)
        else:
            assert read == value, (label, key, read, value)
