"""When a failed request is sent again, and how long the client waits before it does.

A :class:`RetryPolicy` is a small frozen value the client receives
(``SpotifyApiClient(..., retry_policy=RetryPolicy(max_attempts=3))``); the request chokepoint
asks it two questions: *may this failure be retried?* (:meth:`RetryPolicy.may_retry`) and *how
long to wait first?* (:meth:`RetryPolicy.delay`). The rules:

- 5xx answers, timeouts and connections that broke after the request left are retried only for
  idempotent requests (GET, PUT, DELETE): sending those twice does no harm. A POST in that state
  may have been applied (a playlist gained the items, then the gateway answered 502), so it is
  never sent blindly again; the caller gets the error (``playlists.add_items`` reads the playlist
  back to find out).
- A 429, and a connection that failed before anything was sent (connection refused), prove that
  nothing was applied: any method is retried.
- Waits are exponential with full jitter (a uniform draw in ``[0, min(backoff_max,
  backoff_initial * 2**n)]``) so that many clients hit by one outage do not come back in step.
  A 429 waits ``Retry-After`` instead, unless it exceeds ``max_retry_after``: then the client
  gives up at once and raises ``RateLimitExceeded`` with ``retry_after`` (Spotify has been seen
  asking for hours; no request should silently hang that long).
- ``max_attempts`` bounds how often one request is sent; ``max_elapsed`` bounds the time from its
  first send after which no new attempt starts.
- ``request_timeout`` (``create_new_client``) is the timeout of one attempt; a call may spend
  ``deadline_timeouts`` (3) times it waiting for answers, all attempts together: then no attempt
  starts, and the last one is cut short. The backoff waits come on top (at most 0.5 + 1 + 2 s
  with the defaults), so a GET given ``request_timeout=5`` ends within 18.5 s (0.4.4: 5 s, no
  retry; before this rule: 4 attempts, 23.5 s), unless a 429 asks for a wait under the cap.

The loop itself is :meth:`RetryPolicy.attempts` (see :mod:`async_spotify.transport.attempts`).

``sleep``, ``clock`` and ``jitter`` are injectable, so tests pass a sleep that records the delay
and returns at once (and a clock it moves): no test ever really waits.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from async_spotify.spotify_errors import InvalidInputError
from async_spotify.transport.attempts import Attempts, OnAmbiguous, RetryEvent

__all__ = ["IDEMPOTENT_METHODS", "RetryEvent", "RetryPolicy", "Sleep"]

#: Methods whose repetition has the same effect as one request (RFC 9110 section 9.2.2).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

#: ``await sleep(seconds)``: how the client waits (``asyncio.sleep`` unless a test says otherwise).
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How the client retries failed requests; the default is on, :meth:`none` turns it off."""

    #: How many times one request is sent at most (the first send included).
    max_attempts: int = 4
    #: No new attempt starts once this many seconds have passed since the first send.
    max_elapsed: float = 90.0
    #: The upper bound of the first backoff wait (seconds); it doubles with every retry ...
    backoff_initial: float = 0.5
    #: ... up to this bound.
    backoff_max: float = 16.0
    #: The longest ``Retry-After`` (seconds) the client waits out; a longer one is raised at once.
    max_retry_after: float = 60.0
    sleep: Sleep = asyncio.sleep
    #: Monotonic seconds, for ``max_elapsed`` and the client-side rate budget.
    clock: Callable[[], float] = time.monotonic
    #: A draw in ``[0, 1)`` scaling each backoff wait (full jitter).
    jitter: Callable[[], float] = random.random
    #: How many per-attempt timeouts a call may spend waiting for answers, all attempts together
    #: (waits between attempts not counted); 0 leaves only ``max_elapsed``.
    deadline_timeouts: float = 3.0
    #: Called before every retry (for metrics): what failed and how long the client waits.
    on_retry: Callable[[RetryEvent], None] | None = None
    #: Called when a 429 pause begins, with its seconds (once per pause, not per request).
    on_rate_limit: Callable[[float], None] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.max_attempts, bool) or not isinstance(self.max_attempts, int):
            raise InvalidInputError(f"max_attempts must be an int, not {self.max_attempts!r}")
        if self.max_attempts < 1:
            raise InvalidInputError(f"max_attempts must be at least 1, not {self.max_attempts}")
        for name in (
            "max_elapsed",
            "backoff_initial",
            "backoff_max",
            "max_retry_after",
            "deadline_timeouts",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
                raise InvalidInputError(f"{name} must be a number of seconds >= 0, not {value!r}")

    @classmethod
    def none(cls) -> RetryPolicy:
        """A policy that never retries: every failure is raised as it happens."""
        return cls(max_attempts=1)

    @property
    def retries(self) -> bool:
        """Whether this policy ever sends a request twice."""
        return self.max_attempts > 1

    def attempts(
        self,
        method: str,
        *,
        idempotent: bool | None = None,
        timeout: float | None = None,
        on_ambiguous: OnAmbiguous | None = None,
    ) -> Attempts:
        """The attempts of one call: ``async for attempt in policy.attempts("GET"): ...``.

        ``timeout`` is the per-attempt timeout (it sets the call's deadline); ``idempotent``
        overrides the method's nature; ``on_ambiguous`` decides whether a failure that may have
        been applied was (see :mod:`async_spotify.transport.attempts`).
        """
        return Attempts(
            self, method, idempotent=idempotent, timeout=timeout, on_ambiguous=on_ambiguous
        )

    def deadline(self, timeout: float | None) -> float:
        """Seconds a call may spend waiting for answers, given its per-attempt timeout."""
        if timeout is None or not self.deadline_timeouts:
            return self.max_elapsed
        return min(self.max_elapsed, self.deadline_timeouts * timeout)

    def may_retry(self, method: str, *, applied_possible: bool, idempotent: bool | None) -> bool:
        """Whether a failure may be retried at all.

        ``applied_possible`` is False when the failure proves the request had no effect (429,
        connection refused); ``idempotent`` overrides the method's nature (a playlist reorder is
        a PUT that must not be repeated).
        """
        if not applied_possible:
            return True
        return idempotent if idempotent is not None else method in IDEMPOTENT_METHODS

    def delay(
        self, attempt: int, started: float, *, retry_after: float | None = None
    ) -> float | None:
        """Seconds to wait before sending attempt ``attempt + 1``, or None to give up.

        ``started`` is :attr:`clock` at the first send; ``retry_after`` is a 429's wait.
        """
        if attempt >= self.max_attempts:
            return None
        if retry_after is not None and retry_after > 0:
            if retry_after > self.max_retry_after:
                return None
            wait = retry_after
        else:
            wait = self.backoff(attempt)
        if self.clock() - started + wait > self.max_elapsed:
            return None
        return wait

    def backoff(self, attempt: int) -> float:
        """The jittered wait after the ``attempt``-th failed send (1 for the first)."""
        ceiling = min(self.backoff_max, self.backoff_initial * 2.0 ** min(attempt - 1, 64))
        return ceiling * self.jitter()
