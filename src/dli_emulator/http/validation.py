"""Request checks derived from openapi.yaml: one compiled validator per operation and location.

Nothing here knows a constraint of the API: parameter names, types, bounds, patterns, enums,
defaults and body schemas all come from the spec when the app starts. Query and path values
arrive as text and are converted to their declared type before they are checked.
"""

import copy
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from ..errors import parameter_invalid

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Integer formats of OpenAPI bound the JSON Schema type they annotate; the bounds apply so that an
# out-of-range number is refused here instead of overflowing further in.
_FORMAT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
_INTEGER_TEXT = re.compile(r"-?[0-9]+")
_MESSAGE_VALUE_LIMIT = 80
# No request body of the API nests deeper than a few levels (tags: a list of objects).
MAX_BODY_DEPTH = 16

JsonObject = dict[str, Any]


# libyaml parses the spec about eight times faster than the pure-Python loader.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_spec(path: Path) -> JsonObject:
    with path.open(encoding="utf-8") as handle:
        spec = yaml.load(handle, Loader=_YAML_LOADER)
    if not isinstance(spec, dict) or "paths" not in spec:
        raise ValueError(f"{path} is not an OpenAPI document")
    return spec


@dataclass(frozen=True)
class Parameter:
    name: str
    value_type: str | None  # JSON type of the value, or of the items of an array
    is_array: bool
    default: Any = None


@dataclass(frozen=True)
class ValidRequest:
    path: dict[str, Any]  # of the declared types: strings for every path of this API
    query: dict[str, Any]  # wire names; defaults of the spec filled in
    body: JsonObject | None


class Operation:
    """One operation of the spec with its compiled checks."""

    def __init__(self, spec: JsonObject, template: str, method: str) -> None:
        path_item = spec["paths"][template]
        operation = path_item[method]
        self.operation_id: str = operation["operationId"]
        self.method = method.upper()
        self.template = template
        parameters = [_resolve(spec, p) for p in path_item.get("parameters", [])]
        parameters += [_resolve(spec, p) for p in operation.get("parameters", [])]
        self.path_params = {p["name"]: _parameter(spec, p) for p in parameters if p["in"] == "path"}
        self.query_params = {
            p["name"]: _parameter(spec, p) for p in parameters if p["in"] == "query"
        }
        components = spec.get("components", {})
        self._path_validator = _object_validator(parameters, "path", components)
        self._query_validator = _object_validator(parameters, "query", components)
        # False when a request without a query is refused (a required query parameter).
        self._empty_query_valid: bool = self._query_validator.is_valid({})
        self._body_required = False
        self._body_validator: Any = None
        self._body_defaults: dict[str, Any] = {}
        body = operation.get("requestBody")
        if body is not None:
            body = _resolve(spec, body)
            schema = body["content"]["application/json"]["schema"]
            self._body_required = bool(body.get("required", False))
            self._body_validator = jsonschema_rs.Draft202012Validator(
                {"$ref": "#/$defs/body", "$defs": {"body": schema}, "components": components}
            )
            self._body_defaults = _property_defaults(spec, schema)

    def validate(
        self, path: Mapping[str, str], query: Sequence[tuple[str, str]], body: bytes
    ) -> ValidRequest:
        """Check and convert one request; DliError DLI.0001 naming the first problem."""
        path_values = self.check_path(path)
        if query:
            query_values = self._convert_query(query)
            _check(self._query_validator, query_values, _parameter_message)
        else:  # no query sent, the common case: checked once, when the spec was read
            query_values = {}
            if not self._empty_query_valid:
                _check(self._query_validator, query_values, _parameter_message)
        for name, parameter in self.query_params.items():
            if name not in query_values and parameter.default is not None:
                query_values[name] = copy.deepcopy(parameter.default)
        return ValidRequest(path_values, query_values, self._body(body))

    def check_path(self, path: Mapping[str, str]) -> dict[str, Any]:
        """The path parameters converted to their types and checked; DliError if refused."""
        path_values = {
            name: _convert(name, text, self.path_params[name].value_type)
            if name in self.path_params
            else text
            for name, text in path.items()
        }
        _check(self._path_validator, path_values, _parameter_message)
        return path_values

    def _convert_query(self, pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
        grouped: dict[str, list[str]] = {}
        for key, value in pairs:
            if key in self.query_params:  # undeclared parameters are ignored, as the service does
                grouped.setdefault(key, []).append(value)
        converted: dict[str, Any] = {}
        for name, texts in grouped.items():
            parameter = self.query_params[name]
            if parameter.is_array:
                converted[name] = [_convert(name, text, parameter.value_type) for text in texts]
            elif len(texts) > 1:
                raise parameter_invalid(
                    f"Invalid parameter {name}: given {len(texts)} times, allowed once"
                )
            else:
                converted[name] = _convert(name, texts[0], parameter.value_type)
        return converted

    def _body(self, raw: bytes) -> JsonObject | None:
        if self._body_validator is None:
            return None
        if not raw.strip():
            if self._body_required:
                raise parameter_invalid("Invalid request body: a JSON body is required")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise parameter_invalid(
                f"Invalid request body: not UTF-8 text (byte {exc.start})"
            ) from None
        try:
            document = json.loads(text, parse_constant=_refuse_constant)
        except ValueError as exc:
            raise parameter_invalid(f"Invalid request body: not valid JSON ({exc})") from None
        except RecursionError:
            raise parameter_invalid("Invalid request body: JSON nested too deeply") from None
        _check_text(document)
        _check(self._body_validator, document, _body_message)
        assert isinstance(document, dict)  # every request body of the spec is an object
        for name, default in self._body_defaults.items():
            document.setdefault(name, copy.deepcopy(default))
        return document


@functools.cache
def spec_operations(path: Path) -> tuple[Operation, ...]:
    """The compiled operations of a spec file, once per process (they never change)."""
    return tuple(compile_operations(load_spec(path)))


def compile_operations(spec: JsonObject) -> list[Operation]:
    """Every operation of the spec, its validators compiled once."""
    spec = _with_format_bounds(copy.deepcopy(spec))
    return [
        Operation(spec, template, method)
        for template, path_item in spec["paths"].items()
        for method in HTTP_METHODS
        if method in path_item
    ]


def _resolve(spec: JsonObject, node: Any) -> Any:
    """Follow `$ref`s to a node of the same document (only internal refs: the spec has no other)."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
            raise ValueError(f"unsupported or circular $ref {ref!r} in the spec")
        seen.add(ref)
        node = spec
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _parameter(spec: JsonObject, parameter: JsonObject) -> Parameter:
    schema = _resolve(spec, parameter.get("schema", {}))
    is_array = schema.get("type") == "array"
    value_schema = _resolve(spec, schema.get("items", {})) if is_array else schema
    value_type = value_schema.get("type")
    if is_array and not parameter.get("explode", parameter.get("style", "form") == "form"):
        raise ValueError(f"parameter {parameter['name']}: only exploded arrays are supported")
    return Parameter(
        name=parameter["name"],
        value_type=value_type if isinstance(value_type, str) else None,
        is_array=is_array,
        default=schema.get("default"),
    )


def _object_validator(
    parameters: Iterable[JsonObject], location: str, components: JsonObject
) -> Any:
    chosen = [p for p in parameters if p["in"] == location]
    return jsonschema_rs.Draft202012Validator(
        {
            "type": "object",
            "properties": {p["name"]: p.get("schema", {}) for p in chosen},
            "required": [p["name"] for p in chosen if p.get("required")],
            "components": components,
        }
    )


def _property_defaults(spec: JsonObject, schema: JsonObject) -> dict[str, Any]:
    properties = _resolve(spec, schema).get("properties", {})
    defaults = {}
    for name, node in properties.items():
        resolved = _resolve(spec, node)
        if "default" in resolved:
            defaults[name] = resolved["default"]
    return defaults


def _with_format_bounds(node: Any) -> Any:
    """Add the range of int32/int64 to integer schemas, keeping any tighter bound of the spec."""
    if isinstance(node, dict):
        bounds = _FORMAT_BOUNDS.get(node.get("format", ""))
        if bounds is not None and node.get("type") == "integer":
            low, high = bounds
            node["minimum"] = max(node.get("minimum", low), low)
            node["maximum"] = min(node.get("maximum", high), high)
        for value in node.values():
            _with_format_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _with_format_bounds(value)
    return node


def _convert(name: str, text: str, value_type: str | None) -> Any:
    if value_type == "integer":
        if _INTEGER_TEXT.fullmatch(text):
            try:
                return int(text)
            except ValueError:  # more digits than Python converts
                pass
        raise parameter_invalid(f"Invalid parameter {name}: {_short(text)} is not an integer")
    if value_type == "boolean":
        if text in ("true", "false"):
            return text == "true"
        raise parameter_invalid(f"Invalid parameter {name}: {_short(text)} is not true or false")
    if value_type == "number":
        try:
            number = float(text)
        except ValueError:
            number = float("nan")
        if number != number or number in (float("inf"), float("-inf")):
            raise parameter_invalid(f"Invalid parameter {name}: {_short(text)} is not a number")
        return number
    return text


def _check(validator: Any, instance: Any, describe: Any) -> None:
    if validator.is_valid(instance):  # the common case, several times cheaper than iter_errors
        return
    for error in validator.iter_errors(instance):
        raise parameter_invalid(describe(error))


def _parameter_message(error: jsonschema_rs.ValidationError) -> str:
    if not error.instance_path:  # a required parameter is missing
        return f"Invalid parameters: {_shorten_message(error)}"
    name, *inner = error.instance_path
    return f"Invalid parameter {name}{_pointer(inner)}: {_shorten_message(error)}"


def _check_text(document: object) -> None:
    """DLI.0001 for what the checks after this cannot take: nesting deeper than any body of the
    API needs, and strings (values or keys) that are not Unicode text (a lone surrogate such as
    "\\ud800" parses as JSON but cannot be encoded, stored or validated)."""
    pending: list[tuple[object, tuple[str | int, ...]]] = [(document, ())]
    while pending:
        node, where = pending.pop()
        if len(where) > MAX_BODY_DEPTH:
            raise parameter_invalid(
                f"Invalid request body: nested deeper than {MAX_BODY_DEPTH} levels"
            )
        if isinstance(node, dict):
            for key, value in node.items():
                _check_string(key, (*where, key))
                pending.append((value, (*where, key)))
        elif isinstance(node, list):
            pending.extend((item, (*where, index)) for index, item in enumerate(node))
        elif isinstance(node, str):
            _check_string(node, where)


def _check_string(text: str, where: tuple[str | int, ...]) -> None:
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        first, *rest = where or ("body",)
        field = f"{first}{_pointer(rest)}".encode("utf-8", "backslashreplace").decode("utf-8")
        raise parameter_invalid(
            f"Invalid parameter {field}: not valid Unicode text (a lone surrogate)"
        ) from None


def _body_message(error: jsonschema_rs.ValidationError) -> str:
    if not error.instance_path:
        return f"Invalid request body: {_shorten_message(error)}"
    first, *rest = error.instance_path
    return f"Invalid parameter {first}{_pointer(rest)}: {_shorten_message(error)}"


def _pointer(parts: Sequence[str | int]) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in parts)


def _shorten_message(error: jsonschema_rs.ValidationError) -> str:
    """The validator's message with a long offending value cut, so the reason stays readable."""
    rendered = json.dumps(error.instance, ensure_ascii=False)
    if len(rendered) > _MESSAGE_VALUE_LIMIT and error.message.startswith(rendered):
        return _short_json(rendered) + error.message[len(rendered) :]
    return error.message


def _short(text: str) -> str:
    return _short_json(json.dumps(text, ensure_ascii=False))


def _short_json(rendered: str) -> str:
    if len(rendered) <= _MESSAGE_VALUE_LIMIT:
        return rendered
    return f"{rendered[: _MESSAGE_VALUE_LIMIT - 10]}... ({len(rendered)} characters)"


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")
