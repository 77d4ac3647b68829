"""The admin routes' lock: with an admin token configured, ``/_emulator/*`` requires it.

An emulator bound beyond loopback would otherwise let anyone who reaches it mint tokens, inject
faults and move its clock. The token is compared in constant time and never echoed.
"""

from __future__ import annotations

import hmac

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from async_spotify.emulator.errors import web_api_error
from async_spotify.emulator.paths import is_admin_path

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="emulator-admin"'}


def admin_token_middleware(token: str) -> Middleware:
    """Refuse admin requests without ``Authorization: Bearer <token>`` (401)."""
    expected = f"Bearer {token}".encode()

    @web.middleware
    async def require_admin_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        if is_admin_path(request.path):
            given = request.headers.get("Authorization", "").encode()
            if not hmac.compare_digest(given, expected):
                return web_api_error(
                    401, "The admin routes need the emulator's admin token", headers=_CHALLENGE
                )
        return await handler(request)

    return require_admin_token
