"""Huawei's official Python SDK (`huaweicloudsdkdli`, a test dependency) as an oracle."""

from __future__ import annotations

import importlib
import re
from typing import Any

from .fields import Difference, FieldInfo, Key

ORACLE = "SDK huaweicloudsdkdli"
_MODELS = "huaweicloudsdkdli.v1.model"
# Attributes every SDK response has that are not part of the body.
_NOT_BODY = {"status_code", "raw_content", "http_status_code"}
_PRIMITIVES = {"str": "string", "int": "integer", "bool": "boolean", "float": "number"}


def snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def _model(name: str) -> Any:
    return getattr(importlib.import_module(_MODELS), name)


def _type_class(declared: str) -> str:
    if declared in _PRIMITIVES:
        return _PRIMITIVES[declared]
    if declared.startswith("list["):
        return "array"
    if declared.startswith("dict(") or declared != "object":
        return "object"
    return "any"


def sdk_operation(operation_id: str) -> dict[str, Any]:
    """What the SDK's `_<op>_http_info` builds for a request with every attribute set."""
    from huaweicloudsdkdli.v1.dli_client import DliClient

    name = operation_id[0].upper() + operation_id[1:]
    request = _model(f"{name}Request")()
    for attribute in request.attribute_map:
        if attribute != "body":
            setattr(request, attribute, "x")
    info: dict[str, Any] = getattr(DliClient, f"_{snake(operation_id)}_http_info")(request)
    return info


def _walk(
    out: dict[tuple[str, str, str], str], direction: str, location: str, model: Any, prefix: str
) -> None:
    for attribute, declared in model.openapi_types.items():
        if attribute in _NOT_BODY:
            continue
        wire = model.attribute_map[attribute]
        path = f"{prefix}{wire}"
        out[(direction, location, path)] = _type_class(declared)
        inner = declared[5:-1] if declared.startswith("list[") else declared
        if re.fullmatch(r"[A-Z]\w*", inner):
            nested = _model(inner)
            suffix = "[]." if declared.startswith("list[") else "."
            _walk(out, direction, location, nested, f"{path}{suffix}")


def sdk_fields(operation_id: str) -> dict[tuple[str, str, str], str]:
    """(direction, location, field) -> type class, from the SDK's request and response models."""
    name = operation_id[0].upper() + operation_id[1:]
    out: dict[tuple[str, str, str], str] = {}
    info = sdk_operation(operation_id)
    path_names = set(re.findall(r"{([^}]+)}", info["resource_path"]))
    # The SDK fills {project_id} from its credentials: a path parameter without an attribute.
    for wire in path_names:
        out[("request", "path", wire)] = "string"
    request = _model(f"{name}Request")
    for attribute, declared in request.openapi_types.items():
        wire = request.attribute_map[attribute]
        if attribute == "body":
            _walk(out, "request", "body", _model(declared), "")
        else:
            location = "path" if wire in path_names else "query"
            out[("request", location, wire)] = _type_class(declared)
    _walk(out, "response", "body", _model(f"{name}Response"), "")
    return out


def _same_type(spec: FieldInfo, sdk: str) -> bool:
    kinds = set(spec.type_class.split("|"))
    return (
        "any" in kinds or sdk == "any" or sdk in kinds or (sdk == "number" and "integer" in kinds)
    )


def compare_sdk(
    operation_id: str, method: str, path: str, spec: dict[Key, FieldInfo]
) -> list[Difference]:
    """Every way the spec's operation differs from the SDK's."""
    found: list[Difference] = []

    def differ(check: str, where: str, ours: str, theirs: str) -> None:
        found.append(Difference(check, operation_id, where, ours, theirs, ORACLE))

    info = sdk_operation(operation_id)
    if (info["method"].lower(), info["resource_path"]) != (method, path):
        differ(
            "sdk-route",
            "-",
            f"{method.upper()} {path}",
            f"{info['method']} {info['resource_path']}",
        )
    sdk_query = {wire for wire, _ in info["query_params"]}
    spec_query = {k[3] for k in spec if k[0] == operation_id and k[2] == "query"}
    for wire in sorted(sdk_query - spec_query):
        differ("sdk-query-parameter", wire, "no such query parameter", "sends it")
    for wire in sorted(spec_query - sdk_query):
        differ("sdk-query-parameter", wire, "declares it", "never sends it")
    theirs = sdk_fields(operation_id)
    mine = {(k[1], k[2], k[3]): v for k, v in spec.items() if k[0] == operation_id}
    for key, sdk_type in sorted(theirs.items()):
        direction, location, name = key
        if location == "query":
            continue  # compared by wire name above
        where = f"{direction} {location} {name}"
        if key not in mine:
            differ("sdk-field", where, "no such field", f"a {sdk_type}")
        elif not _same_type(mine[key], sdk_type):
            differ("sdk-type", where, mine[key].type_class, sdk_type)
    for key, info_ in sorted(mine.items()):
        if key not in theirs and key[1] != "query":
            differ(
                "sdk-field", f"{key[0]} {key[1]} {key[2]}", f"a {info_.type_class}", "no such field"
            )
    return found
