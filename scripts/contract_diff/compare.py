"""Compare operations, their parameters, bodies and success responses, and named schemas."""

from __future__ import annotations

from typing import Any

from .problems import Direction, Problem
from .schemas import SchemaDiff
from .spec import Operation, Parameter, Spec, path_parameters


def compare(base_document: Any, new_document: Any) -> list[Problem]:
    """Every change from `base_document` to `new_document` that breaks an existing client."""
    base, new = Spec(base_document, "base"), Spec(new_document, "new")
    problems: set[Problem] = set()

    def report(rule: str, where: str, detail: str) -> None:
        problems.add(Problem(rule, where, detail))

    schemas = SchemaDiff(base, new, report)
    _OperationDiff(base, new, schemas, report).run()
    schemas.finish()
    for name in base.schemas():
        if name not in new.schemas():
            report("schema-removed", f"schema {name}", "no longer in components/schemas")
    return sorted(problems)


class _OperationDiff:
    def __init__(self, base: Spec, new: Spec, schemas: SchemaDiff, report: Any) -> None:
        self.base = base
        self.new = new
        self.schemas = schemas
        self.report = report

    def run(self) -> None:
        current = self.new.operations()
        by_id = {op.operation_id: op for op in current.values() if op.operation_id}
        for key, old in self.base.operations().items():
            new = current.get(key)
            if new is None:
                new = by_id.get(old.operation_id) if old.operation_id else None
                if new is None:
                    self.report("operation-removed", old.label, "no longer in the spec")
                    continue
                self.report("operation-moved", old.label, f"now {new.method} {new.path}")
            if old.operation_id and new.operation_id != old.operation_id:
                detail = f"operationId {old.operation_id} -> {new.operation_id}"
                self.report("operation-id-changed", old.label, detail)
            before, after = path_parameters(old.path), path_parameters(new.path)
            if len(before) == len(after):
                for was, now in zip(before, after, strict=True):
                    if was != now:
                        detail = f"`{{{was}}}` is now `{{{now}}}` in {new.path}"
                        self.report("path-parameter-renamed", old.label, detail)
            self._parameters(old, new)
            self._request_body(old, new)
            self._responses(old, new)

    def _parameters(self, old: Operation, new: Operation) -> None:
        # Path parameters are matched by position (a renamed one is still the same slot);
        # the others by wire name.
        def keyed(op: Operation) -> dict[tuple[str, str], Parameter]:
            slots = {name: str(i) for i, name in enumerate(path_parameters(op.path))}
            return {
                (p.location, slots.get(p.name, p.name) if p.location == "path" else p.name): p
                for p in op.parameters
            }

        before, after = keyed(old), keyed(new)
        removed = [key for key in before if key not in after]
        added = [key for key in after if key not in before]
        for key in removed:
            was = before[key]
            # A parameter gone and another new in the same place: read it as a rename.
            twin = next((k for k in added if k[0] == key[0]), None)
            if twin is not None:
                added.remove(twin)
                detail = f"{was.location} parameter `{was.name}` is now `{after[twin].name}`"
                self.report("parameter-renamed", old.label, detail)
                self._parameter(old, was, after[twin])
            else:
                detail = f"{was.location} parameter `{was.name}` is gone"
                self.report("parameter-removed", old.label, detail)
        for key in added:
            if after[key].required:
                detail = f"new required {key[0]} parameter `{after[key].name}`"
                self.report("parameter-required", old.label, detail)
        for key in before.keys() & after.keys():
            self._parameter(old, before[key], after[key])

    def _parameter(self, op: Operation, was: Parameter, now: Parameter) -> None:
        name = f"{was.location} parameter `{was.name}`"
        if now.required and not was.required:
            self.report("parameter-required", op.label, f"{name} became required")
        if (was.style, was.explode) != (now.style, now.explode):
            detail = (
                f"{name}: style={was.style} explode={was.explode} -> "
                f"style={now.style} explode={now.explode}"
            )
            self.report("parameter-serialization-changed", op.label, detail)
        if "schema" in was.node and "schema" in now.node:
            where = f"{op.label} {name}"
            self.schemas.compare(was.node["schema"], now.node["schema"], Direction.REQUEST, where)

    def _request_body(self, old: Operation, new: Operation) -> None:
        before = self.base.resolve(old.node.get("requestBody"))
        after = self.new.resolve(new.node.get("requestBody"))
        if not after:
            if before:
                self.report("request-body-removed", old.label, "no request body is declared")
            return
        if after.get("required") and not (before and before.get("required")):
            detail = "a request body is now required" if not before else "became required"
            self.report("request-body-required", old.label, detail)
        if before:
            self._content(old, before, after, Direction.REQUEST, f"{old.label} request body")

    def _responses(self, old: Operation, new: Operation) -> None:
        before: dict[Any, Any] = old.node.get("responses", {})
        after = {str(code): node for code, node in new.node.get("responses", {}).items()}
        for code, node in before.items():
            if not str(code).startswith("2"):
                continue  # error bodies are read generically; a dropped one is not a break
            if str(code) not in after:
                self.report("response-removed", old.label, f"no {code} response")
                continue
            was, now = self.base.resolve(node), self.new.resolve(after[str(code)])
            self._content(old, was, now, Direction.RESPONSE, f"{old.label} {code} response")

    def _content(
        self,
        op: Operation,
        before: dict[str, Any],
        after: dict[str, Any],
        direction: Direction,
        where: str,
    ) -> None:
        old_media: dict[str, Any] = before.get("content", {})
        new_media: dict[str, Any] = after.get("content", {})
        for media_type, old_entry in old_media.items():
            new_entry = new_media.get(media_type)
            if new_entry is None:
                self.report("media-type-removed", where, f"{media_type} is no longer offered")
            elif "schema" in old_entry and "schema" in new_entry:
                where_typed = where if len(old_media) == 1 else f"{where} ({media_type})"
                self.schemas.compare(
                    old_entry["schema"], new_entry["schema"], direction, where_typed
                )
