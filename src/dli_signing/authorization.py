"""The `Authorization` header value of SDK-HMAC-SHA256.

`SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<a;b;c>, Signature=<hex>`
"""

import re
from dataclasses import dataclass

from dli_signing.canonical import ALGORITHM

_FIELDS = ("Access", "SignedHeaders", "Signature")
# What a part name or scheme of another signing method looks like (Region, Credential,
# SDK-HMAC-SM3). Anything else in a malformed header may be a credential sent the wrong way
# (`Bearer <token>`): errors never quote it.
_NAME = re.compile(r"^[A-Za-z][A-Za-z-]{0,23}[0-9A-Za-z]?$")
_HIDDEN = "(not shown)"


def quotable(text: str) -> str:
    """`text` quoted when it looks like a scheme or part name, else a placeholder."""
    return repr(text) if _NAME.match(text) else _HIDDEN


@dataclass(frozen=True)
class Authorization:
    algorithm: str
    access_key: str
    signed_headers: tuple[str, ...]
    signature: str


def authorization_value(access_key: str, signed_headers: str, signature: str) -> str:
    """The header value of an SDK-HMAC-SHA256 signature; `signed_headers` joined with ';'."""
    return f"{ALGORITHM} Access={access_key}, SignedHeaders={signed_headers}, Signature={signature}"


def parse_authorization(value: str) -> Authorization:
    """Parse an Authorization header value; ValueError names what is wrong."""
    algorithm, _, credentials = value.strip().partition(" ")
    if not algorithm or not credentials.strip():
        raise ValueError(
            "Authorization must be '<algorithm> Access=..., SignedHeaders=..., Signature=...'"
        )
    fields: dict[str, str] = {}
    for part in credentials.split(","):
        key, sep, field_value = part.strip().partition("=")
        if not sep:
            raise ValueError("Authorization has a part that is not of the form key=value")
        if key not in _FIELDS:
            raise ValueError(f"Authorization has an unknown part {quotable(key)}")
        if key in fields:
            raise ValueError(f"Authorization repeats {key!r}")
        if not field_value:
            raise ValueError(f"Authorization part {key!r} is empty")
        fields[key] = field_value
    missing = [key for key in _FIELDS if key not in fields]
    if missing:
        raise ValueError(f"Authorization lacks {', '.join(missing)}")
    signed_headers = tuple(fields["SignedHeaders"].split(";"))
    if "" in signed_headers:
        raise ValueError("Authorization SignedHeaders has an empty header name")
    return Authorization(algorithm, fields["Access"], signed_headers, fields["Signature"])
