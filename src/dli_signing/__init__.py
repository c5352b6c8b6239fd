"""AK/SK SDK-HMAC-SHA256 signing and verification.

The one implementation of the canonical request: the client signs with it, the emulator verifies
with it.
"""

from dli_signing.canonical import (
    ALGORITHM,
    EMPTY_PAYLOAD_SHA256,
    UNSIGNED_PAYLOAD,
    Message,
    SigningKey,
    canonical_query,
    canonical_request,
    canonical_uri,
    parse_query,
    string_to_sign,
)
from dli_signing.sdk_date import format_sdk_date, parse_sdk_date
from dli_signing.signer import SignedRequest, sign, signing_headers
from dli_signing.verifier import (
    MAX_CLOCK_SKEW,
    Rejection,
    SignatureRejected,
    VerifiedRequest,
    verify,
)

__all__ = [
    "ALGORITHM",
    "EMPTY_PAYLOAD_SHA256",
    "MAX_CLOCK_SKEW",
    "UNSIGNED_PAYLOAD",
    "Message",
    "Rejection",
    "SignatureRejected",
    "SignedRequest",
    "SigningKey",
    "VerifiedRequest",
    "canonical_query",
    "canonical_request",
    "canonical_uri",
    "format_sdk_date",
    "parse_query",
    "parse_sdk_date",
    "sign",
    "signing_headers",
    "string_to_sign",
    "verify",
]
