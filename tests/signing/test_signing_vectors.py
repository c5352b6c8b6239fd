"""The signer reproduces every huaweicloudsdkcore 3.1.219 vector byte for byte."""

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from dli_signing import sign
from tests.support.vectors import (
    AKSK_VECTORS as VECTORS,
)
from tests.support.vectors import (
    ALL_AKSK_VECTORS as ALL_VECTORS,
)
from tests.support.vectors import (
    VECTOR_TIME,
)

# Handed to sign() when the vector's headers already carry X-Sdk-Date, which must win.
UNRELATED_TIME = datetime(2031, 7, 8, 9, 10, 11, tzinfo=UTC)


def query_as_sent_unsorted(params: list[list[Any]]) -> str:
    """The vector's typed query parameters, in their given order, percent-encoded."""
    pairs = []
    for key, value in params:
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, str(item).lower() if isinstance(item, bool) else str(item)))
    return urlencode(pairs, quote_via=quote)


@pytest.mark.parametrize("vector", ALL_VECTORS, ids=[v["name"] for v in ALL_VECTORS])
def test_sign_reproduces_vector(vector: dict[str, Any]) -> None:
    given, expected = vector["input"], vector["output"]
    has_date = any(name.lower() == "x-sdk-date" for name in given["headers"])

    signed = sign(
        access_key=given["ak"],
        secret_key=given["sk"],
        method=given["method"],
        raw_path=given["resource_path"],
        raw_query=query_as_sent_unsorted(given["query_params"]),
        headers=given["headers"],
        body=given["body"],
        host=given["host"],
        now=UNRELATED_TIME if has_date else VECTOR_TIME,
    )

    assert signed.canonical_request == expected["canonical_request"]
    assert signed.string_to_sign == expected["string_to_sign"]
    assert signed.signed_headers == expected["signed_headers"]
    assert signed.signature == expected["signature"]
    assert signed.authorization == expected["authorization"]
    assert list(signed.headers) == list(expected["headers_sent"].items())
    url = f"{given['scheme']}://{given['host']}{given['resource_path']}"
    assert (f"{url}?{signed.query}" if signed.query else url) == expected["url"]


def test_vector_file_covers_both_sets() -> None:
    assert len(VECTORS["vectors"]) == 19
    assert len(VECTORS["sdk_client_vectors"]) == 13
    anchor = next(v for v in VECTORS["vectors"] if v["name"] == "get_job_status")
    assert anchor["output"]["signature"] == (
        "fe99f8ac2b608b4f2e1f5612ff2c93f5dfbb4e5d423c4c3b8b473dc629e893d8"
    )
