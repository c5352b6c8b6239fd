"""Canonical request and string to sign of SDK-HMAC-SHA256 (Huawei Cloud API Gateway AK/SK).

The signer and the verifier both build the canonical request here, from what is on the wire: the
percent-encoded path, the raw query string, header text and the body bytes. Nothing else decides
what a signature covers.
"""

import functools
import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple
from urllib.parse import quote, unquote, unquote_plus

ALGORITHM = "SDK-HMAC-SHA256"
EMPTY_PAYLOAD_SHA256 = hashlib.sha256(b"").hexdigest()
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
CONTENT_SHA256_HEADER = "x-sdk-content-sha256"


def percent_encode(text: str) -> str:
    """Encode all but the RFC 3986 unreserved characters, as UTF-8 with uppercase hex."""
    return quote(text, safe="")


# A client polling a job signs the same path again and again; the encoding is pure.
@functools.lru_cache(maxsize=512)
def canonical_uri(raw_path: str) -> str:
    """Decode the whole path, re-encode each segment, and end it with '/'.

    Decoding before splitting turns an encoded '%2F' inside a segment into a separator; the SDK
    does this, so a verifier must too or path parameters holding '/' would never verify.
    """
    if not raw_path.startswith("/"):
        raise ValueError(f"request path must start with '/', got {raw_path!r}")
    uri = "/".join(percent_encode(segment) for segment in unquote(raw_path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def parse_query(raw_query: str, *, plus_is_space: bool = False) -> list[tuple[str, str]]:
    """Split a raw query string into decoded (key, value) pairs; 'k' alone means value ''.

    The SDK never sends '+', so a verifier reads it literally. httpx encodes spaces in `params`
    as '+', so a client canonicalising its own httpx query must read '+' as a space.
    """
    decode = unquote_plus if plus_is_space else unquote
    pairs = []
    for field in raw_query.split("&"):
        if field:
            key, _, value = field.partition("=")
            pairs.append((decode(key), decode(value)))
    return pairs


def canonical_query(pairs: Iterable[tuple[str, str]]) -> str:
    """Sort by the decoded key then value and re-encode: `k=v` joined with '&'.

    Sorting the decoded strings, not their encodings, is what the SDK does: '~x' sorts before
    'éx' although '%C3%A9x' < '~x'.
    """
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(pairs))


def payload_hash(body: bytes, content_sha256: str | None) -> str:
    """Hex SHA-256 of the body; a non-empty body with X-Sdk-Content-Sha256 uses that literal."""
    if not body:
        return EMPTY_PAYLOAD_SHA256
    if content_sha256:
        return content_sha256
    return hashlib.sha256(body).hexdigest()


class Message(NamedTuple):
    """What the canonical request covers of a request besides its headers, in the order HTTP
    sends it: the method, the path as sent (percent-encoded), the query as sent (no '?'), the
    body. Signer and verifier describe a request the same way."""

    method: str
    raw_path: str
    raw_query: str
    body: bytes


def canonical_request(
    message: Message, signed_headers: Sequence[str], header_values: Mapping[str, str]
) -> str:
    """Build the six-line canonical request.

    `signed_headers` are lowercase names in the order the signature lists them; `header_values`
    maps each lowercase name to its value. Only signed headers take part, the payload-hash
    override included.
    """
    method, raw_path, raw_query, body = message
    canonical_headers = "".join(
        [f"{name}:{header_values[name].strip()}\n" for name in signed_headers]
    )
    content_sha256 = (
        header_values[CONTENT_SHA256_HEADER].strip()
        if CONTENT_SHA256_HEADER in signed_headers
        else None
    )
    query = canonical_query(parse_query(raw_query)) if raw_query else ""
    return (
        f"{method.upper()}\n{canonical_uri(raw_path)}\n{query}\n{canonical_headers}\n"
        f"{';'.join(signed_headers)}\n{payload_hash(body, content_sha256)}"
    )


def string_to_sign(sdk_date: str, canonical: str) -> str:
    """`SDK-HMAC-SHA256`, the X-Sdk-Date text and the hex SHA-256 of the canonical request."""
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{sdk_date}\n{digest}"


class SigningKey:
    """A secret key made ready for HMAC-SHA256: keying pads and hashes the key twice, so a
    client signing every request with the same SK keys it once. Never shows the key."""

    __slots__ = ("_keyed",)

    def __init__(self, secret_key: str) -> None:
        if not secret_key:
            raise ValueError("AK/SK signing needs a non-empty secret key")
        self._keyed = hmac.new(secret_key.encode("utf-8"), digestmod=hashlib.sha256)

    def signature(self, to_sign: str) -> str:
        """Hex HMAC-SHA256 of the string to sign, keyed with the SK itself (no derivation)."""
        keyed = self._keyed.copy()
        keyed.update(to_sign.encode("utf-8"))
        return keyed.hexdigest()

    def __repr__(self) -> str:
        return "SigningKey(<hidden>)"


def signature(secret_key: str, to_sign: str) -> str:
    """Hex HMAC-SHA256 of the string to sign, keyed with `secret_key`."""
    return SigningKey(secret_key).signature(to_sign)
