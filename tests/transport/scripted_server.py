"""Test helpers: a loopback server that answers from a script, and a clock that moves when told."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from async_spotify import SpotifyAuthorisationToken
from async_spotify.transport.retry import RetryPolicy

TOKEN = SpotifyAuthorisationToken(None, 1, "access-xyz", expires_in=10**10)


@dataclass
class Answer:
    """One scripted answer: a status with body and headers, or a broken connection, or a hang."""

    status: int = 200
    body: bytes = b'{"ok": true}'
    headers: dict[str, str] = field(default_factory=dict)
    reset: bool = False
    hang: bool = False


class Script:
    """Answers requests in order from ``answers`` (then ``default``) and records each request."""

    def __init__(self) -> None:
        self.answers: deque[Answer] = deque()
        self.default = Answer()
        self.received: list[tuple[str, str, bytes]] = []
        self.hung = asyncio.Event()  # never set: a hanging answer waits until the server closes
        self.on_request: Callable[[web.Request], Answer | None] | None = None
        self.hold: asyncio.Event | None = None  # when set, answers wait for it

    def then(self, *answers: Answer) -> Script:
        self.answers.extend(answers)
        return self

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.received.append((request.method, request.path, await request.read()))
        answer = self.on_request(request) if self.on_request is not None else None
        if answer is None:
            answer = self.answers.popleft() if self.answers else self.default
        if self.hold is not None:
            await self.hold.wait()
        if answer.hang:
            await self.hung.wait()
        if answer.reset:
            assert request.transport is not None
            request.transport.close()
            return web.Response()
        headers = {"Content-Type": "application/json", **answer.headers}
        return web.Response(status=answer.status, body=answer.body, headers=headers)


class FakeTime:
    """A monotonic clock and a sleep that records each wait and moves the clock instead."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def policy(self, **settings: Any) -> RetryPolicy:
        """A policy on this clock whose jitter always draws 0.5 (waits are half the ceiling)."""
        return RetryPolicy(sleep=self.sleep, clock=self.clock, jitter=lambda: 0.5, **settings)
