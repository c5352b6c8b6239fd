"""Views of openapi.yaml for tools that must see its extensible enums closed.

In responses the spec writes an extensible enum as `anyOf: [{$ref: <enum>}, {type: string}]`, so
that strict validators and other generators accept a value the service adds later. Two tools here
need the closed form instead, `{$ref: <enum>}`:

- openapi-python-client, which would otherwise type the field `JobStatus | str`: this project's
  template already makes every enum class open (codegen/templates/str_enum.py.jinja), so the
  closed form gives the same tolerance with one type;
- fuzzing against our own emulator, which must keep checking that the emulator sends only the
  documented values.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml


def _extensible_enum_ref(node: dict[str, Any], schemas: dict[str, Any]) -> str | None:
    """The `$ref` of an `anyOf: [{$ref: enum}, {type: string}]` node, else None."""
    members = node.get("anyOf")
    if not isinstance(members, list) or len(members) != 2:
        return None
    first, second = members
    if second != {"type": "string"} or not isinstance(first, dict) or set(first) != {"$ref"}:
        return None
    target = schemas.get(str(first["$ref"]).rsplit("/", 1)[-1], {})
    return str(first["$ref"]) if "enum" in target else None


def closed_enums(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the spec with every extensible enum replaced by its closed named enum."""
    closed = copy.deepcopy(document)
    schemas = closed.get("components", {}).get("schemas", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = _extensible_enum_ref(node, schemas)
            if ref is not None:
                return {"$ref": ref}
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    result: dict[str, Any] = walk(closed)
    return result


def write_closed(spec: Path, target: Path) -> Path:
    """Write the closed view of `spec` to `target` and return it."""
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    target.write_text(yaml.safe_dump(closed_enums(document), sort_keys=False, allow_unicode=True))
    return target
