"""The AK/SK signing vectors (tests/data/aksk-vectors.json, made with Huawei's official SDK),
read once for every test that checks a signer against them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

AKSK_VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "aksk-vectors.json").read_text()
)
# The request vectors, then the end-to-end ones of the SDK's DliClient.
ALL_AKSK_VECTORS: list[dict[str, Any]] = [
    *AKSK_VECTORS["vectors"],
    *AKSK_VECTORS["sdk_client_vectors"],
]
VECTOR_IDS: list[str] = [vector["name"] for vector in ALL_AKSK_VECTORS]
# The X-Sdk-Date, access key and secret key every vector was signed with.
VECTOR_TIME = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
VECTOR_AK = "AKTESTEXAMPLE000001"
VECTOR_SK = "SKtestSecretKeyExample0000000000000000001"


def vector(name: str) -> dict[str, Any]:
    """The vector called `name`."""
    return next(v for v in ALL_AKSK_VECTORS if v["name"] == name)
