"""Client side of SDK-HMAC-SHA256: sign a request exactly as huaweicloudsdkcore's Signer does.

`sign` takes headers as a caller has them (any case, untrimmed, possibly repeated) and returns
everything about the signature. `signing_headers` is its core for an HTTP client that signs
every request with one key and whose headers are already lowercase, trimmed and distinct
(httpx's): it returns only the headers to add.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from dli_signing.authorization import authorization_value
from dli_signing.canonical import (
    UNSIGNED_PAYLOAD,
    Message,
    SigningKey,
    canonical_query,
    canonical_request,
    parse_query,
    string_to_sign,
)
from dli_signing.headers import HeaderInput, header_pairs
from dli_signing.sdk_date import format_sdk_date, parse_sdk_date

# Content types whose bodies are hashed; any other declared type is sent as UNSIGNED-PAYLOAD.
_HASHED_CONTENT_TYPES = ("application/json", "application/bson")


@dataclass(frozen=True)
class SignedRequest:
    """What to send and how it was signed.

    `headers` are every header to put on the request (values trimmed, X-Sdk-Date,
    X-Sdk-Content-Sha256 and Host added when missing, Authorization last); `query` is the
    canonical query, which the SDK sends as the URL query. Headers and the canonical request can
    hold an X-Security-Token, so they stay out of repr.
    """

    headers: tuple[tuple[str, str], ...] = field(repr=False)
    query: str = field(repr=False)
    canonical_request: str = field(repr=False)
    string_to_sign: str = field(repr=False)
    signed_headers: str
    signature: str
    authorization: str


class _Signature(NamedTuple):
    added: list[tuple[str, str]]  # what signing adds to the headers, Authorization last
    signed_headers: str
    canonical_request: str
    string_to_sign: str
    signature: str


def sign(
    *,
    access_key: str,
    secret_key: str,
    method: str,
    raw_path: str,
    raw_query: str,
    headers: HeaderInput,
    body: bytes | str | None,
    host: str | None = None,
    now: datetime | None = None,
) -> SignedRequest:
    """Sign a request with an AK/SK pair.

    `raw_path` is the percent-encoded path as sent, `raw_query` the query string as sent
    (without '?'), `headers` every header to sign: all of them whose name has no '_' are signed,
    so leave out those the HTTP library may rewrite (Content-Length, Connection...). An
    existing X-Sdk-Date is used as the signing time; otherwise `now` (default: the current
    time) is. `host` is used when `headers` has no Host.
    """
    key = SigningKey(secret_key)
    pairs = [(name, value.strip()) for name, value in header_pairs(headers)]
    # Lowercase name -> value: what the canonical request reads.
    values = {name.lower(): value for name, value in pairs}
    if len(values) != len(pairs):
        counts = Counter(name.lower() for name, _ in pairs)
        repeated = sorted(name for name, count in counts.items() if count > 1)
        raise ValueError(
            f"header(s) {', '.join(repeated)} given more than once; signing needs one value each"
        )
    payload = body.encode("utf-8") if isinstance(body, str) else (body or b"")
    message = Message(method, raw_path, raw_query, payload)
    signed = _sign(access_key, key, message, values, now, host)
    # The SDK keeps the order of the headers it was given and appends what it adds, except a
    # header it replaces (X-Sdk-Content-Sha256), which stays where it was.
    sent = dict(pairs)
    lowered = {name.lower(): name for name in sent}
    for name, value in signed.added:
        sent[lowered.get(name.lower(), name)] = value
    return SignedRequest(
        headers=tuple(sent.items()),
        query=canonical_query(parse_query(raw_query)) if raw_query else "",
        canonical_request=signed.canonical_request,
        string_to_sign=signed.string_to_sign,
        signed_headers=signed.signed_headers,
        signature=signed.signature,
        authorization=signed.added[-1][1],
    )


def signing_headers(
    *,
    access_key: str,
    key: SigningKey,
    method: str,
    raw_path: str,
    canonical_query: str,
    header_values: dict[str, str],
    body: bytes,
    now: datetime,
) -> list[tuple[str, str]]:
    """The headers signing adds, Authorization last, for a request that is ready to sign.

    As `sign`, but with the secret key made ready once (`SigningKey`); `canonical_query` is
    already the canonical query and `header_values` maps lowercase names to trimmed values,
    Host included, each name once; it is completed in place with what signing adds.
    """
    message = Message(method, raw_path, canonical_query, body)
    return _sign(access_key, key, message, header_values, now, None).added


def _sign(
    access_key: str,
    key: SigningKey,
    message: Message,
    values: dict[str, str],
    now: datetime | None,
    host: str | None,
) -> _Signature:
    if not access_key:
        raise ValueError("AK/SK signing needs a non-empty access key")
    if "authorization" in values:
        raise ValueError("the headers already carry Authorization; drop it before signing")
    # What signing puts on the request, in the SDK's order and case; `values` kept in step.
    added = []
    content_type = values.get("content-type")
    if content_type and not content_type.startswith(_HASHED_CONTENT_TYPES):
        values["x-sdk-content-sha256"] = UNSIGNED_PAYLOAD
        added.append(("X-Sdk-Content-Sha256", UNSIGNED_PAYLOAD))
    sdk_date = values.get("x-sdk-date")
    if sdk_date is None:
        sdk_date = values["x-sdk-date"] = format_sdk_date(now or datetime.now(UTC))
        added.append(("X-Sdk-Date", sdk_date))
    else:
        parse_sdk_date(sdk_date)
    if "host" not in values:
        if not host:
            raise ValueError("the headers have no Host and no host was given")
        values["host"] = host
        added.append(("Host", host))
    # The SDK signs every header whose name has no underscore.
    names = sorted([name for name in values if "_" not in name])
    canonical = canonical_request(message, names, values)
    to_sign = string_to_sign(sdk_date, canonical)
    hex_signature = key.signature(to_sign)
    signed_headers = ";".join(names)
    added.append(("Authorization", authorization_value(access_key, signed_headers, hex_signature)))
    return _Signature(added, signed_headers, canonical, to_sign, hex_signature)
