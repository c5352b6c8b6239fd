"""The rules a new version of the contract must keep, and how a broken one is reported."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# Rule id -> what it protects. Requests: a client that worked must still be accepted, so nothing
# it sends may be dropped or newly demanded, and no accepted value may become invalid. Responses:
# a client reads fields, so none may disappear, change type or stop being guaranteed. Changes the
# other way (new operations, optional request fields, response fields, response enum values) are
# additive and pass; response enums are open by the spec's own rule.
RULES: dict[str, str] = {
    "operation-removed": "an operation is gone: clients calling it get 404s",
    "operation-moved": "an operation changed path or method: clients call the old one",
    "operation-id-changed": "operationId changed: generated clients name the method after it",
    "path-parameter-renamed": "a path parameter has a new name: generated signatures change",
    "parameter-removed": "a parameter clients send is no longer declared",
    "parameter-renamed": "a parameter's wire name changed: clients send the old name",
    "parameter-required": "a parameter is newly required (added so, or made so)",
    "parameter-serialization-changed": "a parameter's style or explode changed its wire form",
    "request-body-required": "a request body is newly required",
    "request-body-removed": "the request body clients send is no longer declared",
    "media-type-removed": "a request or success-response media type clients use is gone",
    "request-field-removed": "a request field clients send is no longer declared",
    "request-field-required": "a request field is newly required (added so, or made so)",
    "request-enum-value-removed": "a value clients may send is no longer in the enum",
    "request-constraint-narrowed": "a request value accepted before may now be rejected",
    "type-changed": "a type or format changed: generated types and parsers differ",
    "response-removed": "a success response clients handle is gone",
    "response-field-removed": "a response field clients read is gone",
    "response-field-optional": "a response field that was always present may now be absent",
    "schema-removed": "a named schema is gone: generated clients have a model of that name",
}


class Direction(Enum):
    """Which side of the wire a schema describes."""

    REQUEST = "request"
    RESPONSE = "response"


@dataclass(frozen=True, order=True)
class Problem:
    rule: str
    where: str
    detail: str

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}")

    def __str__(self) -> str:
        return f"[{self.rule}] {self.where}: {self.detail}"
