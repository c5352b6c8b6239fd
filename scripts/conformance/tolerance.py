"""The answers a client must survive: per operation, the smallest one the reference allows (only
its mandatory fields, one list item of only its own) and the same with every int64 field past 2^31.

Enum fields carry values no version of the spec lists (`QUEUED`, `VACUUM`, `deferred`): the service
has added values before, so the smallest answer is also one from a newer service.
"""

from __future__ import annotations

from typing import Any

from .fields import FieldInfo, Key
from .reference import ReferenceRow

# A value per reference type; the enum-valued fields get ones the spec does not know.
NEW_ENUM_VALUES = {"status": "QUEUED", "job_type": "VACUUM", "job_mode": "deferred"}
BY_TYPE: dict[str, Any] = {
    "string": "x",
    "boolean": True,
    "integer": 1,
    "long": 1,
    "double": 0.5,
    "object": {},
    "map": {},
}
PAST_INT32 = 2**31 + 7
PAST_UINT32 = 2**33 + 1


def _value(row: ReferenceRow) -> Any:
    name = row.field.rsplit(".", 1)[-1]
    if name in NEW_ENUM_VALUES:
        return NEW_ENUM_VALUES[name]
    if row.type.startswith("array"):
        return []
    return BY_TYPE[row.type]


def minimal_answers(rows: list[ReferenceRow]) -> dict[str, dict[str, Any]]:
    """operationId -> the smallest 200 body its reference page allows."""
    answers: dict[str, dict[str, Any]] = {}
    mandatory = [r for r in rows if r.direction == "response" and r.mandatory == "yes"]
    for row in rows:
        answers.setdefault(row.operation, {})
    for row in mandatory:
        if "." not in row.field and "[]" not in row.field:
            answers[row.operation][row.field] = _value(row)
    # One item for each mandatory array of objects, with its own mandatory fields only.
    for row in mandatory:
        if "[]." in row.field and row.field.count("[].") == 1:
            parent, child = row.field.split("[].")
            body = answers[row.operation]
            if parent in body:
                if not body[parent]:
                    body[parent].append({})
                body[parent][0][child] = _value(row)
    return answers


def large_answers(
    minimal: dict[str, dict[str, Any]], spec: dict[Key, FieldInfo]
) -> dict[str, dict[str, Any]]:
    """The smallest answers plus every int64 response field, each past 2^31."""
    large: dict[str, dict[str, Any]] = {}
    for operation, body in minimal.items():
        grown: dict[str, Any] = {
            k: ([dict(i) for i in v] if isinstance(v, list) else v) for k, v in body.items()
        }
        for (op, direction, _, name), info in sorted(spec.items()):
            if op != operation or direction != "response" or info.format != "int64":
                continue
            if "[]." in name:
                parent, child = name.split("[].", 1)
                if "." not in child and grown.get(parent):
                    for item in grown[parent]:
                        item[child] = PAST_UINT32
            elif "." not in name:
                grown[name] = PAST_INT32 if name != "input_size" else PAST_UINT32
        large[operation] = grown
    return large
