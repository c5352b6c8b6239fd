"""The spec's operations flattened to one `FieldInfo` per wire field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")
# Keywords that limit what a client may send; each needs a source (reference table).
CONSTRAINT_KEYWORDS = (
    "enum",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "maxItems",
    "pattern",
)


@dataclass(frozen=True)
class FieldInfo:
    """One field as the spec declares it."""

    type_class: str  # string, boolean, integer, number, array, object, or a|b for alternatives
    format: str | None
    required: bool
    constraints: str = ""  # `keyword=value;...` in CONSTRAINT_KEYWORDS order, requests only


@dataclass(frozen=True, order=True)
class Difference:
    """One disagreement between the spec and an oracle, named so a reader can find both sides."""

    check: str
    operation: str
    field: str
    spec_side: str
    other_side: str
    oracle: str = ""

    def __str__(self) -> str:
        return (
            f"[{self.check}] {self.operation} `{self.field}`: spec says {self.spec_side}, "
            f"{self.oracle or 'the oracle'} says {self.other_side}"
        )


Key = tuple[str, str, str, str]  # operation, direction, location, field


class _Flattener:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.out: dict[Key, FieldInfo] = {}

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.spec
            for part in node["$ref"][2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def merged(self, schema: Any) -> dict[str, Any]:
        """The schema with its allOf members merged, as a reader of the data sees it."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict):
            return {}
        result = {k: v for k, v in schema.items() if k != "allOf"}
        properties = dict(result.get("properties", {}))
        required = list(result.get("required", []))
        for member in schema.get("allOf", []):
            part = self.merged(member)
            properties.update(part.get("properties", {}))
            required += [r for r in part.get("required", []) if r not in required]
        if properties:
            result["properties"] = properties
        result["required"] = required
        return result

    def type_of(self, schema: dict[str, Any]) -> str:
        if "type" in schema:
            declared = schema["type"]
            return "|".join(sorted(declared)) if isinstance(declared, list) else str(declared)
        for combiner in ("anyOf", "oneOf"):
            if combiner in schema:
                kinds = {self.type_of(self.merged(m)) for m in schema[combiner]}
                return "|".join(sorted(kinds))
        if "properties" in schema:
            return "object"
        return "any"

    @staticmethod
    def constraints(schema: dict[str, Any]) -> str:
        parts = []
        for keyword in CONSTRAINT_KEYWORDS:
            if keyword in schema:
                value = schema[keyword]
                text = "|".join(map(str, value)) if isinstance(value, list) else str(value)
                parts.append(f"{keyword}={text}")
        return ";".join(parts)

    def walk(self, key: Key, schema: Any, required: bool, request: bool) -> None:
        schema = self.merged(schema)
        kind = self.type_of(schema)
        constraints = ""
        if request:
            constraints = self.constraints(schema)
            if kind == "array" and isinstance(schema.get("items"), dict):
                items = self.merged(schema["items"])
                if "properties" not in items:
                    item_limits = self.constraints(items)
                    constraints = ";".join(
                        p for p in (constraints, item_limits and f"items:{item_limits}") if p
                    )
        self.out[key] = FieldInfo(kind, schema.get("format"), required, constraints)
        op, direction, location, name = key
        if "properties" in schema:
            needed = set(schema.get("required", []))
            for child, sub in schema["properties"].items():
                path = f"{name}.{child}" if name else child
                self.walk((op, direction, location, path), sub, child in needed, request)
        items = schema.get("items")
        if kind == "array" and isinstance(items, dict):
            inner = self.merged(items)
            if "properties" in inner:
                needed = set(inner.get("required", []))
                for child, sub in inner["properties"].items():
                    path = f"{name}[].{child}"
                    self.walk((op, direction, location, path), sub, child in needed, request)

    def run(self) -> dict[Key, FieldInfo]:
        for item in self.spec["paths"].values():
            shared = item.get("parameters", [])
            for method in METHODS:
                if method not in item:
                    continue
                operation = item[method]
                op = operation["operationId"]
                for parameter in [*shared, *operation.get("parameters", [])]:
                    parameter = self.resolve(parameter)
                    key = (op, "request", parameter["in"], parameter["name"])
                    self.walk(key, parameter["schema"], bool(parameter.get("required")), True)
                body = self.resolve(operation.get("requestBody"))
                if body:
                    schema = body["content"]["application/json"]["schema"]
                    self._top(op, "request", schema, True)
                ok = self.resolve(operation["responses"]["200"])
                self._top(op, "response", ok["content"]["application/json"]["schema"], False)
        return self.out

    def _top(self, op: str, direction: str, schema: Any, request: bool) -> None:
        merged = self.merged(schema)
        needed = set(merged.get("required", []))
        for name, sub in merged.get("properties", {}).items():
            self.walk((op, direction, "body", name), sub, name in needed, request)


def spec_fields(spec: dict[str, Any]) -> dict[Key, FieldInfo]:
    """Every parameter and body field of every operation's request and 200 response."""
    return _Flattener(spec).run()
