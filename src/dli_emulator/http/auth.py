"""Who is calling: an X-Auth-Token, or an AK/SK signature checked with dli_signing.

Failures are the API gateway's (`APIGW.0301`, HTTP 401); the messages follow the gateway's and
never contain a token or a secret key.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from dli_signing import SignatureRejected, verify

from ..config import Project

GATEWAY_AUTH_ERROR = "APIGW.0301"
GATEWAY_FORBIDDEN = "APIGW.0302"
_PREFIX = "Incorrect IAM authentication information: "


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: the one project it may act on and the user it acts as."""

    project_id: str
    user: str


class AuthError(Exception):
    """Authentication failed; `error_msg` is the gateway's message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.error_msg = _PREFIX + reason


class Authenticator:
    def __init__(
        self,
        projects: Sequence[Project],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._tokens: dict[str, Principal] = {}
        self._keys: dict[str, tuple[str, Principal]] = {}
        for project in projects:
            for token in project.tokens:
                self._tokens[token.value] = Principal(project.project_id, token.user)
            for key in project.access_keys:
                self._keys[key.ak] = (key.sk, Principal(project.project_id, key.user))
        self._clock = clock

    def authenticate(
        self,
        *,
        method: str,
        raw_path: str,
        raw_query: str,
        headers: Sequence[tuple[bytes, bytes]],
        body: bytes,
    ) -> Principal:
        """The caller of a request as received (ASGI headers: raw bytes), or AuthError.

        A token wins when both a token and a signature are sent, as with the gateway.
        """
        token = None
        signed = False
        for name, value in headers:
            lowered = name.lower()
            if lowered == b"x-auth-token":
                token = value
            elif lowered == b"authorization":
                signed = True
        if token is not None:
            principal = self._tokens.get(token.decode("utf-8", "replace"))
            if principal is None:
                raise AuthError("decrypt token fail")
            return principal
        if not signed:
            raise AuthError("no X-Auth-Token or Authorization header")
        try:
            verified = verify(
                method=method,
                raw_path=raw_path,
                raw_query=raw_query,
                # Clients sign non-ASCII header values as UTF-8 text (see dli_signing.verify).
                headers=[
                    (name.decode("latin-1"), value.decode("utf-8", "replace"))
                    for name, value in headers
                ],
                body=body,
                secret_for=self._secret_for,
                now=self._clock(),
            )
        except SignatureRejected as rejected:
            raise AuthError(f"verify aksk signature fail, {rejected.detail}") from None
        return self._keys[verified.access_key][1]

    def _secret_for(self, access_key: str) -> str | None:
        entry = self._keys.get(access_key)
        return entry[0] if entry else None
