"""Compare openapi.yaml with two outside oracles: Huawei's Python SDK and the API reference table.

`spec_fields` flattens the spec into one record per operation and field (wire names, dotted for
nested objects, `[]` for array items); `sdk_fields` does the same from the SDK's models and
`_<operation>_http_info`; `reference_rows` reads tests/data/api-reference.tsv. The `compare_*`
functions return every `Difference`; `unexplained` drops those the allowlist gives a reason for.
"""

from .allowlist import AllowEntry, load_allowlist, unexplained
from .fields import Difference, FieldInfo, spec_fields
from .reference import ReferenceRow, compare_reference, reference_rows
from .sdk import compare_sdk, sdk_fields, sdk_operation

__all__ = [
    "AllowEntry",
    "Difference",
    "FieldInfo",
    "ReferenceRow",
    "compare_reference",
    "compare_sdk",
    "load_allowlist",
    "reference_rows",
    "sdk_fields",
    "sdk_operation",
    "spec_fields",
    "unexplained",
]
