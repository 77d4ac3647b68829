"""What the emulator knows about the caller of a Web API request.

The accounts layer validates the bearer token and stores an :class:`AuthContext` on the request
under :data:`AUTH_KEY`; Web API handlers read it to find the user, check scopes and tell a
client-credentials token from a user token.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web


@dataclass(frozen=True, slots=True)
class AuthContext:
    """The validated bearer token of one request."""

    client_id: str
    #: ``None`` for a client-credentials token (no user).
    user_id: str | None
    scopes: frozenset[str]
    #: ``"authorization_code"``, ``"pkce"`` or ``"client_credentials"``.
    grant: str


# A typed request key: aiohttp warns (NotAppKeyWarning) about plain string keys on a request.
AUTH_KEY: web.RequestKey[AuthContext] = web.RequestKey("auth", AuthContext)


def get_auth(request: web.Request) -> AuthContext:
    """The request's :class:`AuthContext` (set by the bearer-token middleware)."""
    return request[AUTH_KEY]
