"""One OpenAPI document: its internal references followed, its operations indexed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PATH_PARAMETER = re.compile(r"\{([^}]+)\}")


class SpecError(Exception):
    """The document cannot be compared (not OpenAPI, or a reference that leads nowhere)."""


def path_template(path: str) -> str:
    """The path with its parameter names blanked: renaming one keeps the same template."""
    return PATH_PARAMETER.sub("{}", path)


def path_parameters(path: str) -> list[str]:
    return PATH_PARAMETER.findall(path)


def schema_name(node: Any) -> str | None:
    """The component name when `node` is a bare reference to a named schema."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            return ref.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
    return None


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # the parameter's `in`
    node: dict[str, Any]

    @property
    def required(self) -> bool:
        return bool(self.node.get("required", False))

    @property
    def style(self) -> str:
        default = "form" if self.location in ("query", "cookie") else "simple"
        return str(self.node.get("style", default))

    @property
    def explode(self) -> bool:
        return bool(self.node.get("explode", self.style == "form"))


@dataclass(frozen=True)
class Operation:
    method: str  # upper case
    path: str
    node: dict[str, Any]
    parameters: tuple[Parameter, ...]

    @property
    def operation_id(self) -> str | None:
        value = self.node.get("operationId")
        return value if isinstance(value, str) else None

    @property
    def label(self) -> str:
        where = f"{self.method} {self.path}"
        return f"{self.operation_id} ({where})" if self.operation_id else where


class Spec:
    def __init__(self, document: Any, label: str) -> None:
        if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
            raise SpecError(f"{label}: not an OpenAPI document (no `paths` object)")
        self.document: dict[str, Any] = document
        self.label = label

    def _lookup(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise SpecError(f"{self.label}: only internal $refs can be compared, found {ref!r}")
        node: Any = self.document
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or key not in node:
                raise SpecError(f"{self.label}: $ref {ref!r} leads nowhere")
            node = node[key]
        return node

    def resolve(self, node: Any) -> Any:
        """Follow `$ref` until a concrete object is reached."""
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen:
                raise SpecError(f"{self.label}: $ref {ref!r} refers to itself")
            seen.add(ref)
            node = self._lookup(ref)
        return node

    def schemas(self) -> dict[str, Any]:
        components = self.document.get("components") or {}
        return dict(components.get("schemas") or {})

    def operations(self) -> dict[tuple[str, str], Operation]:
        """Operations by (METHOD, path template)."""
        found = {}
        for path, item in self.document["paths"].items():
            item = self.resolve(item)
            shared = self._parameters(item.get("parameters", []))
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                node = self.resolve(item[method])
                own = self._parameters(node.get("parameters", []))
                # An operation's own parameter replaces a path-level one of the same name and `in`.
                merged = {(p.location, p.name): p for p in (*shared, *own)}
                operation = Operation(method.upper(), path, node, tuple(merged.values()))
                found[(operation.method, path_template(path))] = operation
        return found

    def _parameters(self, nodes: list[Any]) -> list[Parameter]:
        resolved = [self.resolve(node) for node in nodes]
        return [Parameter(str(p["name"]), str(p["in"]), p) for p in resolved]
