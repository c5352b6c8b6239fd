"""Client side of SDK-HMAC-SHA256: sign a request exactly as huaweicloudsdkcore's Signer does."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from dli_signing.authorization import Authorization
from dli_signing.canonical import (
    ALGORITHM,
    UNSIGNED_PAYLOAD,
    canonical_query,
    canonical_request,
    parse_query,
    signature,
    string_to_sign,
)
from dli_signing.headers import HeaderInput, header_pairs, is_signable
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
    if not access_key:
        raise ValueError("AK/SK signing needs a non-empty access key")
    if not secret_key:
        raise ValueError("AK/SK signing needs a non-empty secret key")
    payload = body.encode("utf-8") if isinstance(body, str) else (body or b"")

    pairs = [(name, value.strip()) for name, value in header_pairs(headers)]
    # Lowercase name -> value: what the canonical request reads, kept in step with `pairs`.
    values: dict[str, str] = {}
    repeated: set[str] = set()
    for name, value in pairs:
        lowered = name.lower()
        if lowered in values:
            repeated.add(lowered)
        values[lowered] = value
    if repeated:
        raise ValueError(
            f"header(s) {', '.join(sorted(repeated))} given more than once; "
            "signing needs one value each"
        )
    if "authorization" in values:
        raise ValueError("the headers already carry Authorization; drop it before signing")

    def put(name: str, value: str) -> None:
        lowered = name.lower()
        if lowered in values:
            pairs[:] = [(n, value if n.lower() == lowered else v) for n, v in pairs]
        else:
            pairs.append((name, value))
        values[lowered] = value

    content_type = values.get("content-type")
    if content_type and not content_type.startswith(_HASHED_CONTENT_TYPES):
        put("X-Sdk-Content-Sha256", UNSIGNED_PAYLOAD)
    sdk_date = values.get("x-sdk-date")
    if sdk_date is not None:
        parse_sdk_date(sdk_date)
    else:
        sdk_date = format_sdk_date(now or datetime.now(UTC))
        put("X-Sdk-Date", sdk_date)
    if "host" not in values:
        if not host:
            raise ValueError("the headers have no Host and no host was given")
        put("Host", host)

    header_values = values
    signed_headers = tuple(sorted(name for name in header_values if is_signable(name)))
    canonical = canonical_request(
        method=method,
        raw_path=raw_path,
        raw_query=raw_query,
        signed_headers=signed_headers,
        header_values=header_values,
        body=payload,
    )
    to_sign = string_to_sign(sdk_date, canonical)
    hex_signature = signature(secret_key, to_sign)
    authorization = Authorization(ALGORITHM, access_key, signed_headers, hex_signature)
    authorization_value = authorization.header_value()
    return SignedRequest(
        headers=(*pairs, ("Authorization", authorization_value)),
        query=canonical_query(parse_query(raw_query)) if raw_query else "",
        canonical_request=canonical,
        string_to_sign=to_sign,
        signed_headers=";".join(signed_headers),
        signature=hex_signature,
        authorization=authorization_value,
    )
