"""Compare two versions of a schema in the direction the data travels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .problems import Direction
from .spec import Spec, schema_name

Report = Callable[[str, str, str], None]

# Keywords that, added or tightened in a request schema, can reject a value accepted before.
UPPER_BOUNDS = ("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties")
LOWER_BOUNDS = ("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties")
COMBINERS = ("anyOf", "oneOf")


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _types(schema: Any, spec: Spec) -> frozenset[str] | None:
    """The JSON types a schema allows; None when it does not restrict them."""
    if not isinstance(schema, dict):
        return None
    declared = schema.get("type")
    if isinstance(declared, str):
        return frozenset([declared])
    if isinstance(declared, list):
        return frozenset(str(t) for t in declared)
    for combiner in COMBINERS:
        if combiner in schema:
            members = [_types(spec.resolve(m), spec) for m in schema[combiner]]
            if any(m is None for m in members):
                return None
            return frozenset().union(*(m for m in members if m is not None))
    return None


def _describe(types: frozenset[str] | None, schema: dict[str, Any]) -> str:
    text = "any" if types is None else "|".join(sorted(types))
    return f"{text} ({schema['format']})" if "format" in schema else text


class SchemaDiff:
    """Walks two schemas side by side and reports what breaks clients on that side.

    Two references to the same component are not walked where they meet: the component is
    compared once per direction instead (so a change to JobId is one problem, not one per use),
    naming the first operation that led to it as an example.
    """

    def __init__(self, base: Spec, new: Spec, report: Report) -> None:
        self.base = base
        self.new = new
        self.report = report
        self._components: dict[tuple[str, Direction], str] = {}
        self._pending: list[tuple[str, Direction]] = []
        # While a component is compared: the operation-level place that led to it.
        self._origin: str | None = None

    def compare(
        self, old: Any, new: Any, direction: Direction, where: str, field: str = ""
    ) -> None:
        name = schema_name(old)
        if name is not None and name == schema_name(new):
            key = (name, direction)
            if key not in self._components:
                here = f"{where} `{field}`" if field else where
                self._components[key] = self._origin or here
                self._pending.append(key)
            return
        self._compare(self.base.resolve(old), self.new.resolve(new), direction, where, field)

    def finish(self) -> None:
        """Compare the components met along the way (and those they lead to)."""
        while self._pending:
            name, direction = self._pending.pop(0)
            old, new = self.base.schemas().get(name), self.new.schemas().get(name)
            if old is None or new is None:
                continue  # the reference itself leads nowhere: Spec.resolve reports that
            self._origin = self._components[(name, direction)]
            where = f"schema {name} in {direction.value}s (e.g. {self._origin})"
            self._compare(old, new, direction, where, "")
        self._origin = None

    def _flat(self, schema: Any, spec: Spec) -> dict[str, Any]:
        """The schema with its allOf members merged in, as a reader of the data sees it."""
        schema = spec.resolve(schema)
        if not isinstance(schema, dict):
            return {}
        if "allOf" not in schema:
            return schema
        merged = {key: value for key, value in schema.items() if key != "allOf"}
        properties: dict[str, Any] = dict(merged.get("properties", {}))
        required: list[str] = list(merged.get("required", []))
        for member in schema["allOf"]:
            part = self._flat(member, spec)
            for key, value in part.get("properties", {}).items():
                properties.setdefault(key, value)
            required += [r for r in part.get("required", []) if r not in required]
            for key, value in part.items():
                if key not in ("properties", "required"):
                    merged.setdefault(key, value)
        if properties:
            merged["properties"] = properties
        if required:
            merged["required"] = required
        return merged

    def _compare(
        self, old_node: Any, new_node: Any, direction: Direction, where: str, field: str
    ) -> None:
        old, new = self._flat(old_node, self.base), self._flat(new_node, self.new)
        at = f"{where} `{field}`" if field else where
        old_types, new_types = _types(old, self.base), _types(new, self.new)
        # Any change of a concrete type changes what generated clients declare and parse. Going
        # from "any" to a type only narrows requests; going to "any" only widens responses.
        retyped = old_types != new_types and not (
            (direction is Direction.REQUEST and new_types is None)
            or (direction is Direction.RESPONSE and old_types is None)
        )
        if retyped or (old_types == new_types and old.get("format") != new.get("format")):
            detail = f"{_describe(old_types, old)} -> {_describe(new_types, new)}"
            self.report("type-changed", at, detail)
            return
        if direction is Direction.REQUEST:
            self._request_values(old, new, at)
        self._properties(old, new, direction, where, field)
        for keyword, suffix in (("items", "[]"), ("additionalProperties", "{}")):
            if isinstance(old.get(keyword), dict) and isinstance(new.get(keyword), dict):
                self.compare(old[keyword], new[keyword], direction, where, field + suffix)
        self._alternatives(old, new, direction, where, field)

    def _properties(
        self, old: dict[str, Any], new: dict[str, Any], direction: Direction, where: str, field: str
    ) -> None:
        old_props: dict[str, Any] = old.get("properties", {})
        new_props: dict[str, Any] = new.get("properties", {})
        prefix = f"{field}." if field else ""
        at = f"{where} `{field}`" if field else where
        for name, schema in old_props.items():
            if name in new_props:
                self.compare(schema, new_props[name], direction, where, prefix + name)
            else:
                self.report(f"{direction.value}-field-removed", at, f"field `{name}` is gone")
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        if direction is Direction.REQUEST:
            for name in sorted(new_required - old_required):
                if name in old_props:
                    detail = f"optional field `{name}` became required"
                else:
                    detail = f"new required field `{name}`"
                self.report("request-field-required", at, detail)
        else:
            for name in sorted(old_required - new_required):
                if name in new_props:
                    self.report("response-field-optional", at, f"`{name}` is no longer required")

    def _alternatives(
        self, old: dict[str, Any], new: dict[str, Any], direction: Direction, where: str, field: str
    ) -> None:
        """Pair anyOf/oneOf alternatives by type and compare each pair."""
        for combiner in COMBINERS:
            if combiner not in old or combiner not in new:
                continue
            by_type = {_types(self.new.resolve(m), self.new): m for m in new[combiner]}
            for member in old[combiner]:
                match = by_type.get(_types(self.base.resolve(member), self.base))
                if match is not None:
                    self.compare(member, match, direction, where, field)

    def _request_values(self, old: dict[str, Any], new: dict[str, Any], at: str) -> None:
        """Values a client may send that the new schema could reject."""

        def narrowed(detail: str) -> None:
            self.report("request-constraint-narrowed", at, detail)

        if "enum" in new and "enum" not in old:
            narrowed(f"now limited to {new['enum']}")
        elif "enum" in new:
            for value in old["enum"]:
                if value not in new["enum"]:
                    self.report("request-enum-value-removed", at, f"{value!r} is no longer allowed")
        if "const" in new and new.get("const") != old.get("const"):
            narrowed(f"now fixed to {new['const']!r}")
        for keyword in UPPER_BOUNDS:
            before, after = _number(old.get(keyword)), _number(new.get(keyword))
            if after is not None and (before is None or after < before):
                narrowed(f"{keyword} {old.get(keyword, 'unset')} -> {new[keyword]}")
        for keyword in LOWER_BOUNDS:
            before, after = _number(old.get(keyword)), _number(new.get(keyword))
            if after is not None and (before is None or after > before):
                narrowed(f"{keyword} {old.get(keyword, 'unset')} -> {new[keyword]}")
        for keyword in ("pattern", "multipleOf"):
            if keyword in new and new[keyword] != old.get(keyword):
                # Whether one regex accepts everything another did cannot be decided here.
                narrowed(f"{keyword} {old.get(keyword, 'unset')!r} -> {new[keyword]!r}")
        if new.get("uniqueItems") is True and old.get("uniqueItems") is not True:
            narrowed("items must now be unique")
        if (
            new.get("additionalProperties") is False
            and old.get("additionalProperties") is not False
        ):
            narrowed("fields not declared are now refused")
