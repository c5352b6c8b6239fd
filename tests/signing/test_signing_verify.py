"""Every vector verifies from what the SDK put on the wire; any tampering is rejected."""

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest

from dli_signing import MAX_CLOCK_SKEW, Rejection, SignatureRejected, VerifiedRequest, verify
from tests.support.vectors import (
    ALL_AKSK_VECTORS as ALL_VECTORS,
)
from tests.support.vectors import (
    VECTOR_AK as AK,
)
from tests.support.vectors import (
    VECTOR_IDS as IDS,
)
from tests.support.vectors import (
    VECTOR_SK as SK,
)
from tests.support.vectors import (
    VECTOR_TIME,
)


class Wire:
    """One request as the server receives it, built from a vector's output."""

    def __init__(self, vector: dict[str, Any]) -> None:
        url = urlsplit(vector["output"]["url"])
        self.method: str = vector["input"]["method"]
        self.raw_path = url.path
        self.raw_query = url.query
        self.headers: list[tuple[str, str]] = list(vector["output"]["headers_sent"].items())
        body = vector["input"]["body"]
        self.body = body.encode("utf-8") if body else b""

    def set_header(self, name: str, value: str) -> None:
        self.headers = [(n, value if n.lower() == name else v) for n, v in self.headers]

    def verify(
        self, *, now: datetime = VECTOR_TIME, secrets: dict[str, str] | None = None
    ) -> VerifiedRequest:
        return verify(
            method=self.method,
            raw_path=self.raw_path,
            raw_query=self.raw_query,
            headers=self.headers,
            body=self.body,
            secret_for=(secrets or {AK: SK}).get,
            now=now,
        )


def rejection(wire: Wire, **kwargs: Any) -> SignatureRejected:
    with pytest.raises(SignatureRejected) as caught:
        wire.verify(**kwargs)
    assert SK not in str(caught.value)
    return caught.value


@pytest.mark.parametrize("vector", ALL_VECTORS, ids=IDS)
def test_vector_verifies_from_the_wire(vector: dict[str, Any]) -> None:
    verified = Wire(vector).verify()

    assert verified.access_key == AK
    assert verified.signed_at == VECTOR_TIME
    assert ";".join(verified.signed_headers) == vector["output"]["signed_headers"]


@pytest.mark.parametrize("vector", ALL_VECTORS, ids=IDS)
def test_header_names_are_case_insensitive(vector: dict[str, Any]) -> None:
    wire = Wire(vector)
    wire.headers = [(name.lower(), value) for name, value in wire.headers]

    assert wire.verify().access_key == AK


@pytest.mark.parametrize("vector", ALL_VECTORS, ids=IDS)
def test_tampered_path_is_rejected(vector: dict[str, Any]) -> None:
    wire = Wire(vector)
    wire.raw_path = wire.raw_path.rstrip("/") + "x"

    assert rejection(wire).reason is Rejection.SIGNATURE_MISMATCH


@pytest.mark.parametrize("vector", ALL_VECTORS, ids=IDS)
def test_tampered_query_is_rejected(vector: dict[str, Any]) -> None:
    wire = Wire(vector)
    wire.raw_query = f"{wire.raw_query}&page-size=1000".lstrip("&")

    assert rejection(wire).reason is Rejection.SIGNATURE_MISMATCH


@pytest.mark.parametrize("vector", ALL_VECTORS, ids=IDS)
def test_tampered_signed_header_is_rejected(vector: dict[str, Any]) -> None:
    wire = Wire(vector)
    wire.set_header("user-agent", "curl/8.0")

    assert rejection(wire).reason is Rejection.SIGNATURE_MISMATCH


@pytest.mark.parametrize("vector", ALL_VECTORS, ids=IDS)
def test_tampered_date_is_rejected(vector: dict[str, Any]) -> None:
    wire = Wire(vector)
    wire.set_header("x-sdk-date", "20240102T030406Z")

    assert rejection(wire).reason is Rejection.SIGNATURE_MISMATCH


HASHED_BODY_VECTORS = [
    v
    for v in ALL_VECTORS
    if v["input"]["body"] and "X-Sdk-Content-Sha256" not in v["output"]["headers_sent"]
]


@pytest.mark.parametrize(
    "vector", HASHED_BODY_VECTORS, ids=[v["name"] for v in HASHED_BODY_VECTORS]
)
def test_tampered_body_is_rejected(vector: dict[str, Any]) -> None:
    wire = Wire(vector)
    wire.body = wire.body.replace(b'"', b"'", 1)

    assert rejection(wire).reason is Rejection.SIGNATURE_MISMATCH


def test_unsigned_payload_leaves_the_body_uncovered() -> None:
    # The SDK's own rule for non-JSON bodies: the literal UNSIGNED-PAYLOAD replaces the hash.
    wire = Wire(next(v for v in ALL_VECTORS if v["name"] == "non_json_content_type"))
    wire.body = b"select 2"

    assert wire.verify().access_key == AK


@pytest.mark.parametrize("vector", ALL_VECTORS[:1] + ALL_VECTORS[-1:], ids=IDS[:1] + IDS[-1:])
@pytest.mark.parametrize("offset", [timedelta(minutes=16), timedelta(minutes=-16)])
def test_date_sixteen_minutes_off_is_rejected(vector: dict[str, Any], offset: timedelta) -> None:
    error = rejection(Wire(vector), now=VECTOR_TIME + offset)

    assert error.reason is Rejection.CLOCK_SKEW
    assert "20240102T030405Z" in error.detail


@pytest.mark.parametrize(
    "offset", [timedelta(minutes=14), -timedelta(minutes=14), MAX_CLOCK_SKEW, -MAX_CLOCK_SKEW]
)
def test_date_within_fifteen_minutes_is_accepted(offset: timedelta) -> None:
    assert Wire(ALL_VECTORS[0]).verify(now=VECTOR_TIME + offset).access_key == AK


def test_unsigned_header_may_change() -> None:
    wire = Wire(next(v for v in ALL_VECTORS if v["name"] == "headers_underscore_trim_case"))
    wire.set_header("x_custom_underscore", "changed in transit")
    wire.headers += [("Accept-Encoding", "gzip"), ("Content-Length", "0")]

    assert wire.verify().access_key == AK


def test_unknown_access_key_is_rejected() -> None:
    error = rejection(Wire(ALL_VECTORS[0]), secrets={"OTHERAK": SK})

    assert error.reason is Rejection.UNKNOWN_ACCESS_KEY
    assert AK in error.detail


def test_wrong_secret_key_is_rejected() -> None:
    error = rejection(Wire(ALL_VECTORS[0]), secrets={AK: "not-the-secret"})

    assert error.reason is Rejection.SIGNATURE_MISMATCH


def test_missing_authorization_is_rejected() -> None:
    wire = Wire(ALL_VECTORS[0])
    wire.headers = [(n, v) for n, v in wire.headers if n != "Authorization"]

    assert rejection(wire).reason is Rejection.MISSING_AUTHORIZATION


@pytest.mark.parametrize(
    ("authorization", "reason", "detail"),
    [
        ("SDK-HMAC-SHA256", Rejection.MALFORMED_AUTHORIZATION, "must be"),
        (
            "SDK-HMAC-SHA256 Access=AK, Signature=ab",
            Rejection.MALFORMED_AUTHORIZATION,
            "lacks SignedHeaders",
        ),
        (
            "SDK-HMAC-SHA256 Access=AK, Access=AK, SignedHeaders=host, Signature=ab",
            Rejection.MALFORMED_AUTHORIZATION,
            "repeats 'Access'",
        ),
        (
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;;x-sdk-date, Signature=ab",
            Rejection.MALFORMED_AUTHORIZATION,
            "empty header name",
        ),
        (
            "SDK-HMAC-SHA256 Access=AK, SignedHeaders=Host;x-sdk-date, Signature=ab",
            Rejection.MALFORMED_AUTHORIZATION,
            "lowercase",
        ),
        (
            "SDK-HMAC-SHA256 Access=AK, Region=x, SignedHeaders=host, Signature=ab",
            Rejection.MALFORMED_AUTHORIZATION,
            "unknown part 'Region'",
        ),
        (
            "SDK-HMAC-SHA256 Access=AK SignedHeaders=host, Signature=ab",
            Rejection.MALFORMED_AUTHORIZATION,
            "lacks SignedHeaders",
        ),
        (
            "V11-HMAC-SHA256 Credential=AK/x, SignedHeaders=host, Signature=ab",
            Rejection.MALFORMED_AUTHORIZATION,
            "unknown part 'Credential'",
        ),
        (
            "SDK-HMAC-SM3 Access=AK, SignedHeaders=host;x-sdk-date, Signature=ab",
            Rejection.UNSUPPORTED_ALGORITHM,
            "SDK-HMAC-SM3",
        ),
        (
            f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=x-sdk-date, Signature=ab",
            Rejection.REQUIRED_HEADER_NOT_SIGNED,
            "'host'",
        ),
        (
            f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host, Signature=ab",
            Rejection.REQUIRED_HEADER_NOT_SIGNED,
            "'x-sdk-date'",
        ),
        (
            f"SDK-HMAC-SHA256 Access={AK}, SignedHeaders=host;x-trace;x-sdk-date, Signature=ab",
            Rejection.MISSING_SIGNED_HEADER,
            "'x-trace'",
        ),
    ],
)
def test_bad_authorization_is_rejected(authorization: str, reason: Rejection, detail: str) -> None:
    wire = Wire(ALL_VECTORS[0])
    wire.set_header("authorization", authorization)

    error = rejection(wire)

    assert error.reason is reason
    assert detail in error.detail


def test_repeated_signed_header_is_rejected() -> None:
    wire = Wire(ALL_VECTORS[0])
    wire.headers.append(("host", "evil.example.com"))

    error = rejection(wire)

    assert error.reason is Rejection.REPEATED_HEADER
    assert "'host'" in error.detail


def test_malformed_date_is_rejected() -> None:
    wire = Wire(ALL_VECTORS[0])
    wire.set_header("x-sdk-date", "2024-01-02T03:04:05Z")

    assert rejection(wire).reason is Rejection.MALFORMED_DATE


def test_path_that_is_not_absolute_is_rejected() -> None:
    wire = Wire(ALL_VECTORS[0])
    wire.raw_path = "*"

    error = rejection(wire)

    assert error.reason is Rejection.MALFORMED_REQUEST
    assert "'/'" in error.detail


def test_plus_in_query_is_a_literal_plus() -> None:
    # The SDK encodes a space as %20 and never sends '+'; a '+' sent raw is a plus, not a space.
    wire = Wire(next(v for v in ALL_VECTORS if v["name"] == "list_jobs_query"))
    wire.raw_query = wire.raw_query.replace("select%20%2A%20from%20t", "select+%2A+from+t")

    assert rejection(wire).reason is Rejection.SIGNATURE_MISMATCH


def test_encoded_slash_in_path_matches_a_literal_slash() -> None:
    # Canonical URI decodes the whole path before splitting it into segments, like the SDK.
    wire = Wire(next(v for v in ALL_VECTORS if v["name"] == "path_special_chars"))
    wire.raw_path = wire.raw_path.replace("%2F", "/")

    assert wire.verify().access_key == AK


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Wire(ALL_VECTORS[0]).verify(now=datetime(2024, 1, 2, 3, 4, 5))
