"""Simulated network latency: a fixed delay plus uniform jitter, changeable at run time."""

from __future__ import annotations

import asyncio
import random

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from async_spotify.emulator.paths import is_admin_path


class Latency:
    """How long each request waits before it is handled (the jitter draws from a seeded RNG)."""

    def __init__(self, *, seed: int, ms: float = 0, jitter_ms: float = 0) -> None:
        self._rng = random.Random(seed)
        self.ms = 0.0
        self.jitter_ms = 0.0
        self.set(ms, jitter_ms)

    def set(self, ms: float, jitter_ms: float = 0) -> None:
        """Change the delay for the requests that follow."""
        if ms < 0 or jitter_ms < 0:
            raise ValueError("latency must not be negative")
        self.ms = float(ms)
        self.jitter_ms = float(jitter_ms)

    def next_delay(self) -> float:
        """Seconds to wait for the next request."""
        jitter = self._rng.uniform(0, self.jitter_ms) if self.jitter_ms else 0.0
        return (self.ms + jitter) / 1000


def latency_middleware(latency: Latency) -> Middleware:
    @web.middleware
    async def delay(request: web.Request, handler: Handler) -> web.StreamResponse:
        if (latency.ms or latency.jitter_ms) and not is_admin_path(request.path):
            await asyncio.sleep(latency.next_delay())
        return await handler(request)

    return delay
