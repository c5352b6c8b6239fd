"""Tolerance: the smallest answer the reference allows, and one with counts past 2^31, validate
against openapi.yaml and parse in the generated Python client, for every operation."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[3]
sys.path.append(str(ROOT / "scripts"))
from conformance import reference_rows, spec_fields  # noqa: E402  (lives in scripts/)
from conformance.tolerance import PAST_INT32, large_answers, minimal_answers  # noqa: E402

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
MINIMAL = minimal_answers(reference_rows(ROOT / "tests" / "data" / "api-reference.tsv"))
LARGE = large_answers(MINIMAL, spec_fields(SPEC))
URI = "urn:dli:openapi"
REGISTRY: Registry[Any] = Registry().with_resource(
    URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
)


def _within(lo: int, hi: int) -> Any:
    return lambda v: not isinstance(v, int) or isinstance(v, bool) or lo <= v <= hi


FORMATS = jsonschema.FormatChecker()
FORMATS.checks("int32")(_within(-(2**31), 2**31 - 1))
FORMATS.checks("int64")(_within(-(2**63), 2**63 - 1))


def _operation(operation_id: str) -> tuple[str, str]:
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return path, method
    raise KeyError(operation_id)


def _validate(operation_id: str, answer: dict[str, Any]) -> None:
    path, method = _operation(operation_id)
    escaped = path.replace("~", "~0").replace("/", "~1")
    pointer = f"/paths/{escaped}/{method}/responses/200/content/application~1json/schema"
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"{URI}#{pointer}"}, registry=REGISTRY, format_checker=FORMATS
    )
    validator.validate(answer)


def _model(operation_id: str) -> Any:
    path, method = _operation(operation_id)
    ref = SPEC["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
    name = ref["$ref"].rsplit("/", 1)[-1]
    members = SPEC["components"]["schemas"][name].get("allOf", [])
    if len(members) == 1:  # the generator names a one-member allOf after its member
        name = members[0]["$ref"].rsplit("/", 1)[-1]
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
    return getattr(importlib.import_module(f"dli_client.models.{snake}"), name)


@pytest.mark.parametrize("operation_id", sorted(MINIMAL))
def test_smallest_answer_validates_and_parses(operation_id: str) -> None:
    answer = MINIMAL[operation_id]
    _validate(operation_id, answer)
    parsed = _model(operation_id).from_dict(answer)
    assert parsed.to_dict() == answer


@pytest.mark.parametrize("operation_id", sorted(LARGE))
def test_answer_with_counts_past_int32_validates_and_parses(operation_id: str) -> None:
    answer = LARGE[operation_id]
    _validate(operation_id, answer)
    assert _model(operation_id).from_dict(answer).to_dict() == answer


def test_the_answers_really_carry_what_they_claim() -> None:
    """The fixtures are not empty shells: the polling and listing answers grew past 2^31."""
    status = LARGE["showSqlJobStatus"]
    assert "duration" not in MINIMAL["showSqlJobStatus"]
    assert status["result_count"] == PAST_INT32 and status["duration"] == PAST_INT32
    assert LARGE["listSqlJobs"]["jobs"][0]["result_count"] > 2**32
    assert MINIMAL["showSqlJobStatus"]["status"] == "QUEUED"  # a status no spec lists


def test_a_status_answer_without_duration_no_longer_crashes_the_client() -> None:
    """Issue 9's first finding: a job not started yet has no `duration`."""
    from dli_client.models import ShowSqlJobStatusResponse
    from dli_client.types import Unset

    body = {k: v for k, v in MINIMAL["showSqlJobStatus"].items() if k != "duration"}
    assert isinstance(ShowSqlJobStatusResponse.from_dict(body).duration, Unset)


def test_int32_would_have_refused_the_large_answer() -> None:
    """The width check is real: the same count under int32 fails validation."""
    answer = LARGE["listSqlJobs"]
    narrowed = {"type": "integer", "format": "int32"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(narrowed, format_checker=FORMATS).validate(
            answer["jobs"][0]["result_count"]
        )
