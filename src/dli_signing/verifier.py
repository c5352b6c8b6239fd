"""Server side of SDK-HMAC-SHA256: check a received request the way the API gateway does."""

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from dli_signing.authorization import parse_authorization, quotable
from dli_signing.canonical import (
    ALGORITHM,
    Message,
    canonical_request,
    signature,
    string_to_sign,
)
from dli_signing.headers import HeaderInput, header_pairs, index_headers
from dli_signing.sdk_date import format_sdk_date, parse_sdk_date

# The gateway rejects a signature whose X-Sdk-Date is more than 15 minutes from its clock.
MAX_CLOCK_SKEW = timedelta(minutes=15)
# Without these a signature could be replayed at another time or against another host.
REQUIRED_SIGNED_HEADERS = ("host", "x-sdk-date")


class Rejection(StrEnum):
    MISSING_AUTHORIZATION = "missing_authorization"
    MALFORMED_AUTHORIZATION = "malformed_authorization"
    UNSUPPORTED_ALGORITHM = "unsupported_algorithm"
    REQUIRED_HEADER_NOT_SIGNED = "required_header_not_signed"
    MISSING_SIGNED_HEADER = "missing_signed_header"
    REPEATED_HEADER = "repeated_header"
    MALFORMED_DATE = "malformed_date"
    CLOCK_SKEW = "clock_skew"
    UNKNOWN_ACCESS_KEY = "unknown_access_key"
    MALFORMED_REQUEST = "malformed_request"
    SIGNATURE_MISMATCH = "signature_mismatch"


class SignatureRejected(Exception):
    """A request failed verification; `reason` says which check, `detail` says why."""

    def __init__(self, reason: Rejection, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class VerifiedRequest:
    access_key: str
    signed_at: datetime
    signed_headers: tuple[str, ...]


def verify(
    *,
    method: str,
    raw_path: str,
    raw_query: str,
    headers: HeaderInput,
    body: bytes,
    secret_for: Callable[[str], str | None],
    now: datetime,
    max_skew: timedelta = MAX_CLOCK_SKEW,
) -> VerifiedRequest:
    """Verify a received request or raise SignatureRejected.

    Pass what arrived on the wire: `raw_path` percent-encoded as received (ASGI
    `scope["raw_path"]`), `raw_query` without '?' (`scope["query_string"]`), header names in
    any case with values as the text the client signed (ASGI servers decode header bytes as
    latin-1; non-ASCII values were signed as UTF-8), and the body bytes. `secret_for` maps an
    access key to its secret key, or None if the key is unknown; `now` is an aware datetime.
    """
    if now.tzinfo is None:
        raise ValueError("verify() needs a timezone-aware now")
    index = index_headers(header_pairs(headers))

    values = index.get("authorization")
    if not values:
        raise SignatureRejected(Rejection.MISSING_AUTHORIZATION, "no Authorization header")
    if len(values) > 1:
        raise SignatureRejected(Rejection.REPEATED_HEADER, "Authorization is sent more than once")
    try:
        authorization = parse_authorization(values[0])
    except ValueError as error:
        raise SignatureRejected(Rejection.MALFORMED_AUTHORIZATION, str(error)) from None
    if authorization.algorithm != ALGORITHM:
        raise SignatureRejected(
            Rejection.UNSUPPORTED_ALGORITHM,
            f"only {ALGORITHM} is supported, got {quotable(authorization.algorithm)}",
        )
    signed = authorization.signed_headers
    if any(name != name.lower() for name in signed) or len(set(signed)) != len(signed):
        raise SignatureRejected(
            Rejection.MALFORMED_AUTHORIZATION, "SignedHeaders must be distinct lowercase names"
        )
    for name in REQUIRED_SIGNED_HEADERS:
        if name not in signed:
            raise SignatureRejected(
                Rejection.REQUIRED_HEADER_NOT_SIGNED, f"{name!r} is not in SignedHeaders"
            )
    for name in signed:
        if name not in index:
            raise SignatureRejected(
                Rejection.MISSING_SIGNED_HEADER, f"signed header {name!r} was not sent"
            )
        if len(index[name]) > 1:
            raise SignatureRejected(
                Rejection.REPEATED_HEADER, f"signed header {name!r} is sent more than once"
            )

    sdk_date = index["x-sdk-date"][0].strip()
    try:
        signed_at = parse_sdk_date(sdk_date)
    except ValueError as error:
        raise SignatureRejected(Rejection.MALFORMED_DATE, str(error)) from None
    if abs(now - signed_at) > max_skew:
        raise SignatureRejected(
            Rejection.CLOCK_SKEW,
            f"signature time {sdk_date} and server time {format_sdk_date(now)} are more than "
            f"{max_skew} apart",
        )

    secret_key = secret_for(authorization.access_key)
    if not secret_key:
        raise SignatureRejected(
            Rejection.UNKNOWN_ACCESS_KEY, f"access key {authorization.access_key!r} is unknown"
        )
    try:
        canonical = canonical_request(
            Message(method, raw_path, raw_query, body),
            signed,
            {name: index[name][0] for name in signed},
        )
    except ValueError as error:
        raise SignatureRejected(Rejection.MALFORMED_REQUEST, str(error)) from None
    expected = signature(secret_key, string_to_sign(sdk_date, canonical))
    if not hmac.compare_digest(expected.encode(), authorization.signature.encode("utf-8")):
        raise SignatureRejected(
            Rejection.SIGNATURE_MISMATCH,
            "the signature does not match the request (method, path, query, signed headers "
            "and body are all covered)",
        )
    return VerifiedRequest(authorization.access_key, signed_at, signed)
