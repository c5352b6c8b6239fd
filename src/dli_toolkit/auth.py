"""httpx authentication for the DLI API: IAM token or AK/SK (SDK-HMAC-SHA256) signing."""

from collections.abc import Callable, Generator
from datetime import UTC, datetime

import httpx

from dli_signing import canonical_query, parse_query, sign
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
        self._clock = clock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request

    def sign(self, request: httpx.Request) -> None:
        """Sign `request` in place."""
        credentials = self._credentials
        headers = request.headers
        # Each name lookup or change on httpx.Headers re-scans every header: read them once
        # (multi_items gives lowercase names) and touch them only where something changes.
        to_sign = [
            (name, value) for name, value in headers.multi_items() if name not in UNSIGNED_HEADERS
        ]
        present = {name for name, _ in to_sign}
        if present.intersection(_SIGNING_HEADER_NAMES):
            for name in _SIGNING_HEADERS:
                headers.pop(name, None)
            to_sign = [pair for pair in to_sign if pair[0] not in _SIGNING_HEADER_NAMES]
        added: list[tuple[str, str]] = []
        if credentials.project_id and "x-project-id" not in present:
            added.append(("X-Project-Id", credentials.project_id))
        if credentials.security_token:
            to_sign = [pair for pair in to_sign if pair[0] != "x-security-token"]
            added.append(("X-Security-Token", credentials.security_token))
        # httpx writes a space in `params` as '+': read it as one, then send the canonical
        # query, which has no '+', so a server decoding the SDK's way sees the same pairs.
        sent_query = request.url.query.decode("ascii")
        query = canonical_query(parse_query(sent_query, plus_is_space=True)) if sent_query else ""
        # Rebuilding an httpx URL re-parses and re-validates all of it: only when it changes.
        if query != sent_query:
            request.url = request.url.copy_with(query=query.encode("ascii") if query else None)
        signed = sign(
            access_key=credentials.access_key,
            secret_key=credentials.secret_key,
            method=request.method,
            raw_path=request.url.raw_path.decode("ascii").partition("?")[0],
            raw_query=query,
            headers=[*to_sign, *added],
            body=request.content,
            now=self._clock(),
        )
        # The signer keeps the order of the headers it was given (values trimmed) and appends
        # what it adds: set what the request lacks (ours, then the signer's) or holds untrimmed.
        given = len(to_sign)
        for index, (name, value) in enumerate(signed.headers):
            if index >= given or to_sign[index][1] != value:
                headers[name] = value

    def __repr__(self) -> str:
        return f"AkSkAuth({self._credentials!r})"


def auth_for(credentials: AccessKeyCredentials | TokenCredentials) -> httpx.Auth:
    """The httpx auth matching a credentials object."""
    if isinstance(credentials, AccessKeyCredentials):
        return AkSkAuth(credentials)
    return TokenAuth(credentials)
