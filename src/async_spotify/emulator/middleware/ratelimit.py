"""Spotify's rate limit: a budget of requests per app in a rolling 30-second window.

Only Web API requests carrying a known token count (the token says which app is calling).
Refused requests do not count, so ``Retry-After`` (the whole seconds until the oldest counted
request leaves the window, at least 1) is exact: a client that waits that long gets through.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from async_spotify.emulator.accounts.tokens import IssuedTokens
from async_spotify.emulator.control.clock import Clock
from async_spotify.emulator.errors import web_api_error
from async_spotify.emulator.paths import is_api_path
from async_spotify.emulator.stats import Stats

WINDOW_SECONDS = 30.0


class RateLimiter:
    """Per-app rolling windows read from the emulator's clock."""

    def __init__(self, clock: Clock, limit: int | None, window: float = WINDOW_SECONDS) -> None:
        self._clock = clock
        #: Requests per window per app; ``None`` turns limiting off (changeable at run time).
        self.limit = limit
        #: The window's length in seconds (Spotify's: 30; shorter makes a long job quick).
        self.window = window
        self._windows: defaultdict[str, deque[float]] = defaultdict(deque)

    def admit(self, client_id: str) -> int | None:
        """``None`` if the request may proceed (and is counted), else the Retry-After seconds."""
        limit = self.limit
        if limit is None:
            return None
        now = self._clock.monotonic()
        window = self._windows[client_id]
        while window and window[0] <= now - self.window:
            window.popleft()
        if len(window) >= limit:
            return max(1, math.ceil(window[0] + self.window - now))
        window.append(now)
        return None


def rate_limit_middleware(limiter: RateLimiter, tokens: IssuedTokens, stats: Stats) -> Middleware:
    @web.middleware
    async def limit_rate(request: web.Request, handler: Handler) -> web.StreamResponse:
        if limiter.limit is None or not is_api_path(request.path):
            return await handler(request)
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        token = tokens.lookup_access(value.strip()) if scheme.lower() == "bearer" else None
        if token is not None:
            retry_after = limiter.admit(token.auth.client_id)
            if retry_after is not None:
                stats.rate_limited += 1
                return web_api_error(
                    429, "API rate limit exceeded", headers={"Retry-After": str(retry_after)}
                )
        return await handler(request)

    return limit_rate
