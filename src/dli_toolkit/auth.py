"""httpx authentication for the DLI API: IAM token or AK/SK (SDK-HMAC-SHA256) signing."""

from collections.abc import Callable, Generator
from datetime import UTC, datetime

import httpx

from dli_signing import SigningKey, canonical_query, parse_query, signing_headers
from dli_toolkit.credentials import AccessKeyCredentials, TokenCredentials

# Left out of the signature: hop-by-hop headers and those the HTTP stack or a proxy may rewrite
# (the SDK never signs Content-Length or Accept-Encoding either: requests adds them after
# signing). Authorization carries the signature itself.
UNSIGNED_HEADERS = frozenset(
    {
        "authorization",
        "connection",
        "keep-alive",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "accept-encoding",
    }
)
# Produced by signing; a request signed before (a re-sent or copied one) must not keep them.
_SIGNING_HEADERS = ("Authorization", "X-Sdk-Date", "X-Sdk-Content-Sha256")
_SIGNING_HEADER_NAMES = frozenset(name.lower() for name in _SIGNING_HEADERS)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TokenAuth(httpx.Auth):
    """Sends an IAM token as `X-Auth-Token`."""

    def __init__(self, credentials: TokenCredentials) -> None:
        self._credentials = credentials

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-Auth-Token"] = self._credentials.token
        yield request

    def __repr__(self) -> str:
        return f"TokenAuth({self._credentials!r})"


class AkSkAuth(httpx.Auth):
    """Signs each request with an AK/SK pair, as huaweicloudsdkcore's Signer does.

    Signs the request httpx is about to send: its raw path, its query (rewritten to the
    canonical query, as the SDK sends it), its headers and its body (httpx reads a streaming
    body first because `requires_request_body` is set). Adds X-Project-Id when the credentials
    have a project ID and the request has none, X-Security-Token for temporary credentials,
    X-Sdk-Date from `clock` and Authorization.
    """

    requires_request_body = True

    def __init__(
        self, credentials: AccessKeyCredentials, *, clock: Callable[[], datetime] = _utc_now
    ) -> None:
        self._credentials = credentials
        self._key = SigningKey(credentials.secret_key)
        self._clock = clock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request

    def sign(self, request: httpx.Request) -> None:
        """Sign `request` in place."""
        credentials = self._credentials
        headers = request.headers
        # Each name lookup or change on httpx.Headers re-scans every header, and each of its
        # str views re-reads its encoding per header: read the bytes once and touch the headers
        # only where something changes.
        encoding = headers.encoding
        values: dict[str, str] = {}
        changed: list[tuple[str, str]] = []
        for raw_name, raw_value in headers.raw:
            name = raw_name.decode(encoding).lower()
            if name in UNSIGNED_HEADERS:
                continue
            if name in values:
                raise ValueError(f"header {name} is given more than once; signing needs one")
            value = raw_value.decode(encoding)
            trimmed = values[name] = value.strip()
            if trimmed != value:
                changed.append((name, trimmed))
        if not _SIGNING_HEADER_NAMES.isdisjoint(values):
            for name in _SIGNING_HEADERS:
                headers.pop(name, None)
                values.pop(name.lower(), None)
        if credentials.project_id and "x-project-id" not in values:
            changed.append(("X-Project-Id", credentials.project_id))
        if credentials.security_token:
            changed.append(("X-Security-Token", credentials.security_token))
        for name, value in changed:
            values[name.lower()] = value
        # httpx writes a space in `params` as '+': read it as one, then send the canonical
        # query, which has no '+', so a server decoding the SDK's way sees the same pairs.
        sent_query = request.url.query.decode("ascii")
        query = canonical_query(parse_query(sent_query, plus_is_space=True)) if sent_query else ""
        # Rebuilding an httpx URL re-parses and re-validates all of it: only when it changes.
        if query != sent_query:
            request.url = request.url.copy_with(query=query.encode("ascii") if query else None)
        changed += signing_headers(
            access_key=credentials.access_key,
            key=self._key,
            method=request.method,
            raw_path=request.url.raw_path.decode("ascii").partition("?")[0],
            canonical_query=query,
            header_values=values,
            body=request.content,
            now=self._clock(),
        )
        for name, value in changed:
            headers[name] = value

    def __repr__(self) -> str:
        return f"AkSkAuth({self._credentials!r})"


def auth_for(credentials: AccessKeyCredentials | TokenCredentials) -> httpx.Auth:
    """The httpx auth matching a credentials object."""
    if isinstance(credentials, AccessKeyCredentials):
        return AkSkAuth(credentials)
    return TokenAuth(credentials)
