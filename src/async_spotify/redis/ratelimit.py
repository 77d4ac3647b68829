"""``RedisRateLimitGate``: one 429 pause, one rolling budget and one learned limit per app,
shared by every process and machine that talks to Redis.

Spotify limits an app (a client id), not a process: four workers that each keep their own gate
make four waves of 429s and four guesses of the budget. This gate keeps all of it in Redis, under
keys named after the app:

- the requests in the rolling window: those in flight (a sorted set scored by when they left)
  and those answered (scored by when the answer came back, since Spotify counted them no later);
  a refused request is removed, as Spotify does not count it;
- the pause: the time until which every process waits, set by the first 429 of a wave (the
  ``epoch`` tells a new wave from a late 429 of the current one);
- the learned limit (AIMD, see :mod:`async_spotify.transport.ratelimit`), when no budget is fixed.

Every check-and-change is one Lua script on Redis's clock: one round trip per request, which
also reports the answers that came back since the previous one. When Redis cannot be reached the
gate logs a WARNING and carries on with an in-process gate (same window, same budget, the last
limit it learned) and tries Redis again every ``reconnect_after`` seconds; once Redis answers it
is shared again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
import uuid
from collections.abc import Callable
from types import TracebackType
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from async_spotify.redis.connection import connect
from async_spotify.redis.scripts import ADMIT, REFUSED, REPORT
from async_spotify.spotify_errors import InvalidInputError
from async_spotify.transport.ratelimit import (
    DEFAULT_DECREASE,
    DEFAULT_INCREASE,
    WINDOW_SECONDS,
    Admission,
    RateLimitGate,
    check_aimd,
    check_budget,
    check_window,
)
from async_spotify.transport.retry import Sleep

__all__ = ["RedisRateLimitGate"]

logger = logging.getLogger("async_spotify")

# A process reports its answers with its next request, or after this many seconds of quiet.
_REPORT_AFTER = 0.02

#: Where the gate's keys live unless ``prefix=`` says otherwise.
DEFAULT_PREFIX = "async_spotify:ratelimit"


class RedisRateLimitGate:
    """A rate-limit gate shared through Redis by every process of one app.

    ``url`` is a Redis URL (``redis://127.0.0.1:6379/0``) or a ``redis.asyncio.Redis`` client;
    ``app`` names the app whose budget is shared (use the client id). ``budget`` fixes the
    requests per ``window`` seconds (``SpotifyApiClient(rate_limit_budget=N)`` sets it too);
    without one the gate learns it (``increase`` / ``decrease``: the AIMD factors).

    Pass one gate to every client of the process: ``SpotifyApiClient(flow, ...,
    rate_limit_gate=gate)``; close it with ``await gate.aclose()`` (or ``async with``).
    """

    def __init__(
        self,
        url: str | aioredis.Redis,
        *,
        app: str,
        budget: int | None = None,
        window: float = WINDOW_SECONDS,
        prefix: str = DEFAULT_PREFIX,
        increase: float = DEFAULT_INCREASE,
        decrease: float = DEFAULT_DECREASE,
        reconnect_after: float = 1.0,
        socket_timeout: float = 1.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if not isinstance(app, str) or not app:
            raise InvalidInputError(f"app must be a non-empty str (the client id), not {app!r}")
        if not isinstance(prefix, str) or not prefix:
            raise InvalidInputError(f"prefix must be a non-empty str, not {prefix!r}")
        self._budget = check_budget(budget)
        self._window = check_window(window)
        self._increase, self._decrease = check_aimd(increase, decrease)
        self._reconnect_after = check_window(reconnect_after)
        self._redis, self._owns_redis = connect(url, socket_timeout)
        self._app = app
        tag = f"{prefix}:{{{app}}}"  # one hash slot per app, so the scripts run on a cluster too
        self._keys = [f"{tag}:in_flight", f"{tag}:answered", f"{tag}:state"]
        self._admit = self._redis.register_script(ADMIT)
        self._refused = self._redis.register_script(REFUSED)
        self._report = self._redis.register_script(REPORT)
        self._reporting: asyncio.Task[None] | None = None
        self._sleep = sleep
        self._process = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._sent = 0
        self._answers: list[tuple[str, float]] = []
        self._limit: float | None = budget
        self._local: RateLimitGate | None = None
        self._retry_at = 0.0

    # -- the Gate protocol ------------------------------------------------------------------------

    @property
    def app(self) -> str:
        """The app whose budget the gate shares."""
        return self._app

    @property
    def budget(self) -> int | None:
        """The fixed budget per window, or None when the gate learns it."""
        return self._budget

    @property
    def limit(self) -> float | None:
        """The budget in force, as Redis last said (None: nothing learned yet)."""
        return self._budget if self._budget is not None else self._limit

    @property
    def window(self) -> float:
        """The rolling window's length in seconds."""
        return self._window

    @property
    def degraded(self) -> bool:
        """True while Redis is unreachable and the gate paces this process alone."""
        return self._local is not None

    def set_budget(self, budget: int | None) -> None:
        """Fix the budget shared by every process of the app (None: learn it)."""
        self._budget = check_budget(budget)
        if self._local is not None:
            self._local.set_budget(self._budget)

    def admit_now(self) -> Admission | None:
        """Always None: admission is a question for Redis (see :meth:`admit`)."""
        return None

    async def admit(self) -> Admission:
        """Wait until the app may send a request (no shared pause, room in the shared budget)."""
        while True:
            local = self._local
            if local is not None and time.monotonic() < self._retry_at:
                return await local.admit()
            self._sent += 1
            member = f"{self._process}:{self._sent}"
            answers = self._take_answers()
            try:
                admitted, wait_ms, epoch, limit = await self._admit(
                    keys=self._keys,
                    args=[*self._head(member, self._increase, answers)],
                )
            except (RedisError, OSError) as error:
                # This admission is the process's own now, whatever the clock says: trying Redis
                # again at once would spin while it stays away.
                self._degrade(error, answers)
                return await self._fallback().admit()
            self._recovered()
            self._limit = _limit(limit)
            if admitted:
                return Admission(int(epoch), member)
            await self._sleep(int(wait_ms) / 1000)

    def answered(self, admission: Admission) -> None:
        """Report an answer (other than 429) with the next call to Redis."""
        if admission.key is None:
            if self._local is not None:
                self._local.answered(admission)
            return
        self._answers.append((admission.key, time.monotonic()))
        if self._reporting is None:
            self._reporting = asyncio.ensure_future(self._report_soon())

    async def pause(
        self,
        seconds: float,
        admission: Admission | int,
        *,
        on_start: Callable[[float], None] | None = None,
    ) -> None:
        """Report a 429 and wait out the app's pause (started by it if it is news: then
        ``on_start(seconds)`` is called first)."""
        if isinstance(admission, int) or admission.key is None:
            local = self._local or self._fallback()
            await local.pause(seconds, admission, on_start=on_start)
            return
        answers = self._take_answers()
        retry_after_ms = max(1, round(seconds * 1000))
        try:
            wait_ms, epoch, limit = await self._refused(
                keys=self._keys,
                args=[
                    *self._head(admission.key, retry_after_ms, answers),
                    admission.epoch,
                    self._decrease,
                ],
            )
        except (RedisError, OSError) as error:
            self._degrade(error, answers)
            local = self._fallback()
            await local.pause(seconds, local.epoch, on_start=on_start)
            return
        self._recovered()
        self._limit = _limit(limit)
        # this 429 began the pause: the epoch moved on from the request's, by a full Retry-After
        if (
            on_start is not None
            and int(epoch) == admission.epoch + 1
            and int(wait_ms) >= retry_after_ms - 1
        ):
            on_start(seconds)
        if int(wait_ms) > 0:
            await self._sleep(int(wait_ms) / 1000)

    # -- lifecycle -------------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Report the last answers and close the Redis connections (a client passed in is left
        open)."""
        reporting, self._reporting = self._reporting, None
        if reporting is not None:
            reporting.cancel()
        await self._report_answers()
        if self._owns_redis:
            await self._redis.aclose()

    async def __aenter__(self) -> RedisRateLimitGate:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"RedisRateLimitGate(app={self._app!r}, budget={self._budget}, "
            f"window={self._window:g}, degraded={self.degraded})"
        )

    # -- internals -------------------------------------------------------------------------------

    def _head(self, member: str, value: float, answers: list[tuple[str, float]]) -> list[Any]:
        now = time.monotonic()
        args: list[Any] = [
            round(self._window * 1000),
            self._budget or 0,
            member,
            value,
            len(answers),
        ]
        for key, at in answers:
            args.append(key)
            args.append(max(0, round((now - at) * 1000)))
        return args

    async def _report_soon(self) -> None:
        """Report answers that no next request carries: the slots free on time."""
        try:
            await asyncio.sleep(_REPORT_AFTER)
        finally:
            self._reporting = None
        await self._report_answers()

    async def _report_answers(self) -> None:
        answers = self._take_answers()
        if not answers:
            return
        try:
            await self._report(keys=self._keys, args=self._head("", 0, answers))
        except (RedisError, OSError) as error:
            self._degrade(error, answers)

    def _take_answers(self) -> list[tuple[str, float]]:
        answers, self._answers = self._answers, []
        return answers

    def _fallback(self) -> RateLimitGate:
        local = self._local
        if local is None:
            local = self._local = RateLimitGate(
                sleep=self._sleep,
                budget=self._budget,
                window=self._window,
                increase=self._increase,
                decrease=self._decrease,
            )
            if self._budget is None and self._limit is not None:
                local.seed_limit(self._limit)
        return local

    def _degrade(self, error: BaseException, answers: list[tuple[str, float]]) -> None:
        del answers  # counted by a Redis that is gone; its window is lost with it
        if self._local is None:
            logger.warning(
                "Redis unreachable (%s): rate-limit gate of app %r falls back to this process "
                "alone until it is back",
                type(error).__name__,
                self._app,
            )
            self._fallback()
        self._retry_at = time.monotonic() + self._reconnect_after

    def _recovered(self) -> None:
        if self._local is not None:
            self._local = None
            logger.warning("Redis reachable again: rate-limit gate of app %r shared", self._app)


def _limit(value: object) -> float | None:
    if isinstance(value, bytes):
        value = value.decode()
    limit = float(str(value))
    return limit if limit > 0 else None
