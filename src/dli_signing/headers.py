"""Case-insensitive views of request headers, as the signer and the verifier need them."""

from collections.abc import Iterable, Mapping

# A Mapping (dict, starlette Headers) or (name, value) pairs: pass an email.message.Message
# (http.server) as `.items()`, since iterating it yields names only.
HeaderInput = Mapping[str, str] | Iterable[tuple[str, str]]


def header_pairs(headers: HeaderInput) -> list[tuple[str, str]]:
    """Return (name, value) pairs; a multi-valued Mapping's items() keeps its repeats."""
    if isinstance(headers, Mapping):
        return list(headers.items())
    return list(headers)


def index_headers(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Group header values by lowercased name, keeping every repeat."""
    index: dict[str, list[str]] = {}
    for name, value in pairs:
        index.setdefault(name.lower(), []).append(value)
    return index


def is_signable(name: str) -> bool:
    """The SDK signs every header whose name has no underscore."""
    return "_" not in name
