"""The closed view of the spec (codegen and fuzzing of our own emulator) closes every extensible
enum of the responses, and only those."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "scripts"))
from spec_views import closed_enums  # noqa: E402  (lives in scripts/)

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
CLOSED = closed_enums(SPEC)
STATUS = "#/components/schemas/ShowSqlJobStatusResponse"


def _validator(document: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**document, "$ref": STATUS})


def _status(value: str) -> dict[str, Any]:
    body: dict[str, Any] = SPEC["components"]["schemas"]["ShowSqlJobStatusResponse"]["example"]
    return {**body, "status": value}


def test_the_spec_accepts_a_status_added_later_and_the_closed_view_does_not() -> None:
    _validator(SPEC).validate(_status("QUEUED"))
    with pytest.raises(jsonschema.ValidationError, match="is not one of"):
        _validator(CLOSED).validate(_status("QUEUED"))
    _validator(CLOSED).validate(_status("FINISHED"))


def test_every_response_enum_is_extensible_and_the_closed_view_has_none_left() -> None:
    text = json.dumps(SPEC)
    assert text.count('{"type": "string"}]') >= 12  # status, job_type, job_mode, engine_type uses
    assert '"anyOf": [{"$ref": "#/components/schemas/Job' not in json.dumps(CLOSED)


def test_the_view_changes_nothing_else() -> None:
    assert closed_enums(CLOSED) == CLOSED
    assert CLOSED["paths"].keys() == SPEC["paths"].keys()
    assert (
        CLOSED["components"]["schemas"]["JobStatus"] == SPEC["components"]["schemas"]["JobStatus"]
    )
    # Requests were closed already: the list filter names the closed enum in both.
    assert json.dumps(
        CLOSED["paths"]["/v1.0/{project_id}/jobs"]["get"]["parameters"]
    ) == json.dumps(SPEC["paths"]["/v1.0/{project_id}/jobs"]["get"]["parameters"])
