"""Request values read from parsed JSON bodies and query dicts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, overload

from ..engines.protocol import ExportOptions, ImportOptions
from ..errors import not_supported, parameter_invalid

DATA_TYPES_EXPORT = ("csv", "json")
DATA_TYPES_IMPORT = ("csv", "json", "parquet", "orc", "avro")
COMPRESSIONS = ("none", "gzip", "bzip2", "deflate")
EXPORT_MODES = ("ErrorIfExists", "Overwrite")
ENCODINGS = ("utf-8", "gb2312", "gbk")


def required_text(body: Mapping[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise parameter_invalid(f"{name} is required and must be a non-empty string")
    return value


@overload
def integer(
    query: Mapping[str, Any], name: str, default: int, low: int, high: int | None
) -> int: ...


@overload
def integer(
    query: Mapping[str, Any], name: str, default: None, low: int, high: int | None
) -> int | None: ...


def integer(
    query: Mapping[str, Any], name: str, default: int | None, low: int, high: int | None
) -> int | None:
    value = query.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise parameter_invalid(f"{name} must be an integer, got {value!r}") from None
    if number < low or (high is not None and number > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise parameter_invalid(f"{name} must be {bounds}, got {number}")
    return number


def job_types(single: object, several: object) -> frozenset[str] | None:
    """job-type and job_types together: their intersection; ALL (or nothing) is no filter."""
    if isinstance(several, str):
        several = several.split(",")
    chosen: frozenset[str] | None = None
    for types in ([single], several if isinstance(several, list) else []):
        given = frozenset(str(t) for t in types if t)
        if given and "ALL" not in given:
            chosen = given if chosen is None else chosen & given
    return chosen


def tag_filter(text: object) -> tuple[tuple[str, str], ...]:
    if not text:
        return ()
    pairs = []
    for item in str(text).split(","):
        key, sep, value = item.partition("=")
        if not sep:
            raise parameter_invalid(f"tags must be key=value pairs separated by commas: {text!r}")
        # A key that is blank once trimmed is valid input (the contract's pattern allows it) that
        # no tag can match: tag keys have no leading or trailing space.
        pairs.append((key.strip(), value.strip()))
    return tuple(pairs)


def tag_list(tags: object) -> list[dict[str, str]] | None:
    if not tags:
        return None
    if not isinstance(tags, list) or not all(
        isinstance(t, Mapping) and isinstance(t.get("key"), str) and isinstance(t.get("value"), str)
        for t in tags
    ):
        raise parameter_invalid("tags must be a list of {key, value} objects")
    return [{"key": t["key"], "value": t["value"]} for t in tags]


def choice(body: Mapping[str, Any], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = body.get(name)
    if value is None:
        return default
    text = str(value)
    match = next((a for a in allowed if a.lower() == text.lower()), None)
    if match is None:
        raise parameter_invalid(f"{name} must be one of {', '.join(allowed)}, got {text!r}")
    return match


def flag(body: Mapping[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"  # the DOC's own example sends "true" as a string
    if not isinstance(value, bool):
        raise parameter_invalid(f"{name} must be a boolean, got {value!r}")
    return value


def char(body: Mapping[str, Any], name: str, default: str) -> str:
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, str) or len(value) != 1:
        raise parameter_invalid(f"{name} must be a single character, got {value!r}")
    return value


def export_options(body: Mapping[str, Any]) -> ExportOptions:
    limit = body.get("limit_num", 0)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise parameter_invalid(f"limit_num must be an integer of at least 0, got {limit!r}")
    return ExportOptions(
        data_type=choice(body, "data_type", "csv", DATA_TYPES_EXPORT),
        compress=choice(body, "compress", "none", COMPRESSIONS),
        export_mode=choice(body, "export_mode", "ErrorIfExists", EXPORT_MODES),
        with_column_header=flag(body, "with_column_header"),
        quote_char=char(body, "quote_char", '"'),
        escape_char=char(body, "escape_char", "\\"),
        limit_num=limit,
        encoding_type=choice(body, "encoding_type", "utf-8", ENCODINGS),
    )


def export_transfer(target_uri: str, options: ExportOptions) -> dict[str, Any]:
    return {
        "export_mode": options.export_mode,
        "data_path": target_uri,
        "data_type": options.data_type,
        "with_column_header": options.with_column_header,
        "quote_char": options.quote_char,
        "escape_char": options.escape_char,
        "compress": options.compress,
    }


def import_options(body: Mapping[str, Any], readable: frozenset[str]) -> ImportOptions:
    data_type = choice(body, "data_type", "csv", DATA_TYPES_IMPORT)
    if data_type not in readable:
        raise not_supported(f"data_type {data_type} is not supported by the DLI emulator")
    return ImportOptions(
        data_type=data_type,
        with_column_header=flag(body, "with_column_header"),
        delimiter=char(body, "delimiter", ","),
        quote_char=char(body, "quote_char", '"'),
        escape_char=char(body, "escape_char", "\\"),
        date_format=body.get("date_format") or None,
        timestamp_format=body.get("timestamp_format") or None,
        overwrite=flag(body, "overwrite"),
        partition_spec=partition_spec(body.get("partition_spec")),
    )


def partition_spec(spec: object) -> dict[str, str]:
    """The DOC's object form, or the SDK's string form `col1=v1,col2=v2`."""
    if spec is None or spec == "":
        return {}
    if isinstance(spec, Mapping):
        return {str(k): str(v) for k, v in spec.items()}
    if isinstance(spec, str):
        pairs = {}
        for item in spec.split(","):
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                raise parameter_invalid(f"partition_spec must be col=value pairs, got {spec!r}")
            pairs[key.strip()] = value.strip().strip("'\"")
        return pairs
    raise parameter_invalid("partition_spec must be an object or a col=value string")
