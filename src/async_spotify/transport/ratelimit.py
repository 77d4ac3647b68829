"""The rate-limit gate: every request waits here while Spotify asks the client to.

Spotify counts an app's requests in a rolling 30-second window and answers ``429`` with
``Retry-After`` once it is over budget; it does not publish the budget. Every request already in
flight then gets its own 429; if each waited and came back on its own schedule, 64 requests in
flight would make 64 separate cascades. The gate makes it one wave, and learns the budget:

- **Pause.** The first 429 of a wave starts a pause of ``Retry-After`` seconds; every request of
  the client, those that got a 429 and those about to be sent, waits for that one pause. A 429
  that answers a request sent *before* the latest pause began has already been waited out: it
  is retried at once instead of starting a second pause (the gate's ``epoch`` tells them apart).
- **Budget** (``rate_limit_budget=N``): at most N requests leave in any rolling window; the next
  one waits until the oldest leaves it. A client that knows its app's budget never makes Spotify
  refuse anything.
- **Learned budget** (no ``rate_limit_budget``): AIMD, as TCP learns a link's capacity. Until
  the first 429 nothing is paced. A 429 that starts a pause sets the budget to ``decrease`` times
  the requests Spotify accepted in the window so far (multiplicative decrease); every window in
  which the budget held requests back while Spotify accepted them adds ``increase`` to it
  (additive increase), ten times less once the budget is within one request of the last level
  Spotify refused at, so a long job settles just under Spotify's unknown limit instead of
  hitting it over and over, and still finds a limit that was raised.

A request is counted from the moment it is admitted; once answered, it is counted from the
answer's arrival instead (Spotify counted it somewhere in between, so the slot is freed no
earlier than Spotify frees it). A refused request is not counted: Spotify does not count it
either.

:class:`Gate` is what the request loop needs of a gate; :class:`RateLimitGate` is the in-process
one, and ``async_spotify.redis.RedisRateLimitGate`` shares one pause, one budget and one learned
limit between every process of an app. The in-process gate sleeps through the injected ``sleep``
and reads the injected ``clock`` (those of the client's
:class:`~async_spotify.transport.retry.RetryPolicy` by default), so tests never really wait.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from async_spotify.spotify_errors import InvalidInputError
from async_spotify.transport.retry import Sleep

__all__ = [
    "DEFAULT_DECREASE",
    "DEFAULT_INCREASE",
    "WINDOW_SECONDS",
    "Admission",
    "Gate",
    "RateLimitGate",
    "check_budget",
    "check_window",
]

#: The length of Spotify's rolling rate-limit window.
WINDOW_SECONDS = 30.0
#: Budget learned from a 429: this fraction of the requests Spotify accepted in the window.
DEFAULT_DECREASE = 0.95
#: Requests added to a learned budget per window's worth of accepted requests.
DEFAULT_INCREASE = 1.0
# Near the level Spotify last refused at, the budget grows this many times slower (it probes).
PROBE_SLOWDOWN = 10.0

# A wait shorter than this counts as none: it keeps float rounding from spinning the budget loop.
_EPSILON = 1e-6


class Admission:
    """One request let through the gate: the epoch it left in (see :meth:`Gate.pause`)."""

    __slots__ = ("epoch", "key")

    def __init__(self, epoch: int, key: str | None = None) -> None:
        self.epoch = epoch
        #: How a shared gate finds the request again (None for the in-process gate).
        self.key = key


@runtime_checkable
class Gate(Protocol):
    """What the request loop needs of a rate-limit gate (one per client, or shared by many).

    For every request: ``admit_now()`` or, when it gives None, ``await admit()`` before it is
    sent; then ``answered(admission)`` once any answer other than a 429 came back (or the
    request failed), or ``await pause(seconds, admission)`` for a 429.
    """

    @property
    def budget(self) -> int | None:
        """The fixed budget per window, or None when the gate learns it."""
        ...

    @property
    def limit(self) -> float | None:
        """The budget in force: the fixed one, the learned one, or None (nothing learned yet)."""
        ...

    def set_budget(self, budget: int | None) -> None:
        """Fix the budget (``rate_limit_budget=``), or None to learn it."""
        ...

    def admit_now(self) -> Admission | None:
        """Admit a request at once if nothing holds it back (no I/O), else None."""
        ...

    async def admit(self) -> Admission:
        """Wait until a request may be sent; the admission to report its answer with."""
        ...

    def answered(self, admission: Admission) -> None:
        """The request got an answer other than 429 (or failed without one)."""
        ...

    async def pause(
        self,
        seconds: float,
        admission: Admission,
        *,
        on_start: Callable[[float], None] | None = None,
    ) -> None:
        """Wait out a 429 (``Retry-After`` = ``seconds``) that answered ``admission``; when this
        429 starts a new pause, ``on_start(seconds)`` is called first (once per pause: the
        request loop logs one WARNING and calls the policy's ``on_rate_limit`` there)."""
        ...


def check_budget(budget: object) -> int | None:
    """``budget`` if it is a positive int or None; InvalidInputError naming it otherwise."""
    if budget is not None and (
        isinstance(budget, bool) or not isinstance(budget, int) or budget < 1
    ):
        raise InvalidInputError(
            f"rate_limit_budget must be a positive int (requests per 30 s) or None, not {budget!r}"
        )
    return budget


def check_window(window: object) -> float:
    """``window`` as positive seconds; InvalidInputError naming it otherwise."""
    if isinstance(window, bool) or not isinstance(window, int | float) or not 0 < window < math.inf:
        raise InvalidInputError(f"window must be a positive number of seconds, not {window!r}")
    return float(window)


def check_aimd(increase: object, decrease: object) -> tuple[float, float]:
    """The AIMD factors, checked: ``increase`` > 0, 0 < ``decrease`` < 1."""
    if isinstance(increase, bool) or not isinstance(increase, int | float) or not increase > 0:
        raise InvalidInputError(f"increase must be a positive number, not {increase!r}")
    if isinstance(decrease, bool) or not isinstance(decrease, int | float) or not 0 < decrease < 1:
        raise InvalidInputError(f"decrease must be a number between 0 and 1, not {decrease!r}")
    return float(increase), float(decrease)


class RateLimitGate:
    """The in-process gate: the 429 pause, the rolling budget, fixed or learned (AIMD).

    ``budget`` fixes the budget per ``window`` seconds; without it the gate learns one from
    Spotify's 429s (``increase`` and ``decrease`` tune the AIMD) unless ``adaptive=False``, which
    keeps only the shared pause (for 429s that no budget explains: injected faults).
    """

    __slots__ = (
        "_accepted",
        "_adaptive",
        "_budget",
        "_ceiling",
        "_clock",
        "_decrease",
        "_grown_at",
        "_in_flight",
        "_increase",
        "_learned",
        "_lock",
        "_released",
        "_sleep",
        "_window",
        "epoch",
    )

    def __init__(
        self,
        *,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        budget: int | None = None,
        window: float = WINDOW_SECONDS,
        increase: float = DEFAULT_INCREASE,
        decrease: float = DEFAULT_DECREASE,
        adaptive: bool = True,
    ) -> None:
        self._budget = check_budget(budget)
        self._adaptive = bool(adaptive)
        self._window = check_window(window)
        self._increase, self._decrease = check_aimd(increase, decrease)
        self._sleep = sleep
        self._clock = clock
        # when each request still counted was answered (or admitted, while in flight)
        self._accepted: deque[float] = deque()
        self._in_flight: dict[Admission, float] = {}
        self._learned: float | None = None
        self._ceiling: int | None = None
        self._grown_at = 0.0
        self._lock: asyncio.Lock | None = None
        self._released: asyncio.Event | None = None
        #: How many pauses have begun; a request remembers it when sent (see :meth:`pause`).
        self.epoch = 0

    @property
    def budget(self) -> int | None:
        """Requests allowed per rolling window (None: learned from Spotify's 429s)."""
        return self._budget

    @property
    def limit(self) -> float | None:
        """The budget in force: the fixed one, the learned one, or None before any 429."""
        return self._budget if self._budget is not None else self._learned

    @property
    def window(self) -> float:
        """The rolling window's length in seconds (Spotify's: 30)."""
        return self._window

    @property
    def open(self) -> bool:
        """True when a request may leave without waiting for anything: no pause, no budget."""
        return self._released is None and self.limit is None

    def set_budget(self, budget: int | None) -> None:
        """Fix the budget, or None to learn it again from scratch."""
        self._budget = check_budget(budget)
        self._learned = self._ceiling = None

    def seed_limit(self, limit: float) -> None:
        """Start from a budget learned elsewhere (a shared gate that lost its Redis)."""
        if self._budget is None and self._learned is None:
            self._learned = max(1.0, float(limit))
            self._ceiling = math.floor(self._learned) + 1
            self._grown_at = self._clock()

    def admit_now(self) -> Admission | None:
        """Admit a request at once when nothing holds it back, else None (then :meth:`admit`)."""
        if self._released is not None:
            return None
        limit = self.limit
        if limit is not None:
            lock = self._lock
            if (lock is not None and lock.locked()) or self._count(self._clock()) >= int(limit):
                return None
        admission = Admission(self.epoch)
        self._in_flight[admission] = self._clock()
        return admission

    async def admit(self) -> Admission:
        """Wait until a request may be sent; the admission to report its answer with."""
        while True:
            released = self._released
            if released is not None:
                await released.wait()
                continue
            if self.limit is None:
                admission = Admission(self.epoch)
                self._in_flight[admission] = self._clock()
                return admission
            admission = await self._spend()
            if self._released is not None:  # a pause began while this one waited
                self._in_flight.pop(admission, None)
                continue
            return admission

    def answered(self, admission: Admission) -> None:
        """Count the request from now on: its answer came back, so Spotify has counted it."""
        if self._in_flight.pop(admission, None) is None:
            return
        now = self._clock()
        self._accepted.append(now)
        # forget the answers that left the window: without a limit nothing else would, and a
        # long-running client would keep one float per request it ever sent
        accepted = self._accepted_in_window(now)
        if self._released is not None and admission.epoch == self.epoch - 1:
            self._learn_late(len(accepted))

    def _learn_late(self, accepted: int) -> None:
        """A request sent before the pause under way was accepted, its answer arriving after the
        429 the budget was learned from: Spotify counted it in that window, so the budget is
        learned again from the larger count (which answer comes back first is the network's
        choice; the budget must not depend on it)."""
        if self._budget is None and self._adaptive and accepted > (self._ceiling or 0):
            self._learn(accepted)

    async def pause(
        self,
        seconds: float,
        admission: Admission | int,
        *,
        on_start: Callable[[float], None] | None = None,
    ) -> None:
        """Wait out a 429 that answered a request sent in ``admission``'s epoch.

        Joins the pause under way, or starts one if this 429 is news (and, with no fixed
        budget, learns one); returns at once when the pause that covers it is already over.
        """
        if isinstance(admission, Admission):
            self._in_flight.pop(admission, None)  # Spotify did not count it either
            sent_in = admission.epoch
        else:
            sent_in = admission
        released = self._released
        if released is not None:
            await released.wait()
            return
        if sent_in != self.epoch:
            return
        self.epoch += 1
        if self._budget is None and self._adaptive:
            self._learn(len(self._accepted_in_window(self._clock())))
        self._released = released = asyncio.Event()
        try:
            if on_start is not None:
                on_start(seconds)
            await self._sleep(seconds)
        finally:
            self._released = None
            released.set()

    def _learn(self, accepted: int) -> None:
        if accepted < 1:
            return  # nothing counted: nothing to learn from (another app's requests?)
        self._ceiling = accepted
        self._learned = max(1.0, math.floor(self._decrease * accepted))
        self._grown_at = self._clock()

    def _grow(self, now: float) -> None:
        """Additive increase: once per window in which the learned budget held requests back."""
        learned = self._learned
        if learned is None or self._budget is not None or now - self._grown_at < self._window:
            return
        step = self._increase
        ceiling = self._ceiling
        if ceiling is not None and learned + step > ceiling - 1:
            step /= PROBE_SLOWDOWN
        self._learned = learned + step
        self._grown_at = now

    def _accepted_in_window(self, now: float) -> deque[float]:
        accepted, window = self._accepted, self._window
        while accepted and accepted[0] + window - now <= _EPSILON:
            accepted.popleft()
        return accepted

    def _count(self, now: float) -> int:
        in_flight, window = self._in_flight, self._window
        # a request in flight longer than a window is counted from when it left, no longer
        while in_flight:
            oldest = next(iter(in_flight))
            if in_flight[oldest] + window - now > _EPSILON:
                break
            del in_flight[oldest]
        return len(self._accepted_in_window(now)) + len(in_flight)

    async def _spend(self) -> Admission:
        """Take one request from the rolling budget, waiting for room (first come, first served)."""
        lock = self._lock
        if lock is None:
            lock = self._lock = asyncio.Lock()
        async with lock:
            while True:
                limit = self.limit
                now = self._clock()
                if limit is None or self._count(now) < int(limit):
                    admission = Admission(self.epoch)
                    self._in_flight[admission] = now
                    return admission
                # the first slot to free: the oldest answer's, or the oldest request in flight's
                self._grow(now)
                starts = [next(iter(self._in_flight.values()), math.inf)]
                if self._accepted:
                    starts.append(self._accepted[0])
                await self._sleep(max(min(starts) + self._window - now, _EPSILON))
