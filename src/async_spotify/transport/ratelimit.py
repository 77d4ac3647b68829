"""One rate-limit gate per client: every request waits here while Spotify asks the client to.

Spotify counts an app's requests in a rolling 30-second window and answers ``429`` with
``Retry-After`` once it is over budget. Every request already in flight then gets its own 429;
if each waited and came back on its own schedule, 64 requests in flight would make 64 separate
cascades. The gate makes it one wave:

- **Pause.** The first 429 of a wave starts a pause of ``Retry-After`` seconds; every request of
  the client, those that got a 429 and those about to be sent, waits for that one pause. A 429
  that answers a request sent *before* the latest pause began has already been waited out: it
  is retried at once instead of starting a second pause (the gate's ``epoch`` tells them apart).
- **Budget** (optional, ``rate_limit_budget=N``): at most N requests leave in any rolling
  30 seconds; the next one waits until the oldest leaves the window. A client that knows its
  app's budget never makes Spotify refuse anything.

The gate sleeps through the injected ``sleep`` and reads the injected ``clock`` (those of the
client's :class:`~async_spotify.transport.retry.RetryPolicy`), so tests never really wait.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

from async_spotify.spotify_errors import InvalidInputError
from async_spotify.transport.retry import Sleep

__all__ = ["WINDOW_SECONDS", "RateLimitGate"]

#: The length of Spotify's rolling rate-limit window.
WINDOW_SECONDS = 30.0

# A wait shorter than this counts as none: it keeps float rounding from spinning the budget loop.
_EPSILON = 1e-6


class RateLimitGate:
    """Shared waiting for one client: the 429 pause and the optional rolling budget."""

    __slots__ = ("_budget", "_clock", "_lock", "_released", "_sent", "_sleep", "epoch")

    def __init__(
        self,
        *,
        sleep: Sleep,
        clock: Callable[[], float],
        budget: int | None = None,
    ) -> None:
        if budget is not None and (
            isinstance(budget, bool) or not isinstance(budget, int) or budget < 1
        ):
            raise InvalidInputError(
                f"rate_limit_budget must be a positive int (requests per 30 s) or None, "
                f"not {budget!r}"
            )
        self._sleep = sleep
        self._clock = clock
        self._budget = budget
        self._sent: deque[float] = deque()
        self._lock: asyncio.Lock | None = None
        self._released: asyncio.Event | None = None
        #: How many pauses have begun; a request remembers it when sent (see :meth:`pause`).
        self.epoch = 0

    @property
    def budget(self) -> int | None:
        """Requests allowed per rolling 30 seconds (None: no client-side budget)."""
        return self._budget

    @property
    def open(self) -> bool:
        """True when a request may leave without asking: no pause, no budget to count."""
        return self._released is None and self._budget is None

    async def admit(self) -> int:
        """Wait until a request may be sent; return the epoch it is sent in."""
        while True:
            released = self._released
            if released is not None:
                await released.wait()
                continue
            if self._budget is not None:
                await self._spend()
                if self._released is not None:  # a pause began while this one waited
                    continue
            return self.epoch

    async def pause(self, seconds: float, sent_in: int) -> None:
        """Wait out a 429 that answered a request sent in epoch ``sent_in``.

        Joins the pause under way, or starts one if this 429 is news; returns at once when the
        pause that covers it is already over.
        """
        released = self._released
        if released is not None:
            await released.wait()
            return
        if sent_in != self.epoch:
            return
        self.epoch += 1
        self._released = released = asyncio.Event()
        try:
            await self._sleep(seconds)
        finally:
            self._released = None
            released.set()

    async def _spend(self) -> None:
        """Take one request from the rolling budget, waiting for room (first come, first served)."""
        budget = self._budget
        assert budget is not None
        lock = self._lock
        if lock is None:
            lock = self._lock = asyncio.Lock()
        async with lock:
            sent = self._sent
            while True:
                now = self._clock()
                while sent and sent[0] + WINDOW_SECONDS - now <= _EPSILON:
                    sent.popleft()
                if len(sent) < budget:
                    sent.append(now)
                    return
                await self._sleep(sent[0] + WINDOW_SECONDS - now)
