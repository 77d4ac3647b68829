"""Bearer-token authentication of every Web API request, answered as Spotify answers it."""

from __future__ import annotations

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from async_spotify.emulator.accounts.auth_context import AUTH_KEY
from async_spotify.emulator.accounts.tokens import IssuedTokens
from async_spotify.emulator.errors import web_api_error
from async_spotify.emulator.paths import is_api_path

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="spotify"'}
_MALFORMED_MESSAGE = "Only valid bearer authentication supported"
_MALFORMED_CHALLENGE = {
    "WWW-Authenticate": (
        f'Bearer realm="spotify", error="invalid_request", error_description="{_MALFORMED_MESSAGE}"'
    )
}


def bearer_auth_middleware(tokens: IssuedTokens) -> Middleware:
    """Puts the token's :class:`~async_spotify.emulator.accounts.auth_context.AuthContext` on
    ``/v1`` requests, or refuses."""

    @web.middleware
    async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not is_api_path(request.path):
            return await handler(request)
        header = request.headers.get("Authorization")
        if header is None:
            return web_api_error(401, "No token provided", headers=_CHALLENGE)
        scheme, _, value = header.partition(" ")
        token = value.strip()
        if scheme.lower() != "bearer" or not token or " " in token:
            return web_api_error(400, _MALFORMED_MESSAGE, headers=_MALFORMED_CHALLENGE)
        record = tokens.lookup_access(token)
        if record is None:
            return web_api_error(401, "Invalid access token", headers=_CHALLENGE)
        if tokens.is_expired(record):
            return web_api_error(401, "The access token expired", headers=_CHALLENGE)
        request[AUTH_KEY] = record.auth
        return await handler(request)

    return authenticate
