"""The one retry loop: ``async for attempt in policy.attempts(...)``, in stamina's shape.

The body of the loop sends once and either returns, or tells its :class:`Attempt` what went
wrong: :meth:`Attempt.failed` (a 5xx, a timeout, a broken connection, an unreadable answer),
:meth:`Attempt.rate_limited` (a 429) or :meth:`Attempt.replay` (send again at once, e.g. with a
renewed token). Each of them either raises the error (no retry allowed) or lets the loop go on;
the wait happens before the next attempt. Used by the Web API request loop, the Accounts token
request and ``playlists.add_items``' read-back, so the rules live in one place:

- a failure that may have been applied is retried only for an idempotent request, unless the
  caller's ``on_ambiguous`` hook proves it was not (the playlist read-back);
- ``max_attempts`` bounds the sends, ``max_elapsed`` the time since the first one, and the
  call's deadline (``deadline_timeouts`` x the per-attempt timeout) the time spent waiting for
  answers: once it is spent no attempt starts, and the last one is cut to what is left. The
  policy's backoff waits (bounded by ``max_attempts`` and ``backoff_max``) and a 429's
  ``Retry-After`` up to ``max_retry_after`` come on top of it;
- the policy's ``on_retry`` hook sees every retry, ``on_rate_limit`` every 429 pause (and one
  WARNING is logged per pause, not per request).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from async_spotify.spotify_errors import SpotifyBaseError
from async_spotify.transport.wire import logger

if TYPE_CHECKING:
    from async_spotify.transport.retry import RetryPolicy

__all__ = ["Attempt", "Attempts", "OnAmbiguous", "Pause", "RetryEvent"]

#: ``await on_ambiguous(error) -> bool``: whether the failed, non-idempotent request may have
#: been applied (False: it provably was not, so it may be sent again).
OnAmbiguous = Callable[[SpotifyBaseError], Awaitable[bool]]

#: ``await pause(seconds, announce)``: how a 429 is waited out; ``announce(seconds)`` is called
#: once when a new pause begins (a shared gate joins requests to one pause).
Pause = Callable[[float, Callable[[float], None]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class RetryEvent:
    """What ``RetryPolicy.on_retry`` is told before a request is sent again."""

    #: The attempt that failed (1 for the first send).
    attempt: int
    #: Why it failed.
    error: SpotifyBaseError
    #: Seconds the client waits before the next attempt.
    wait: float


class Attempts:
    """The attempts of one call (an async iterator of :class:`Attempt`)."""

    __slots__ = (
        "_deadline",
        "_failures",
        "_idempotent",
        "_method",
        "_next",
        "_number",
        "_on_ambiguous",
        "_policy",
        "_sent_at",
        "_started",
        "_timeout",
        "_wire",
    )

    def __init__(
        self,
        policy: RetryPolicy,
        method: str,
        *,
        idempotent: bool | None = None,
        timeout: float | None = None,
        on_ambiguous: OnAmbiguous | None = None,
    ) -> None:
        self._policy = policy
        self._method = method
        self._idempotent = idempotent
        self._timeout = timeout
        self._on_ambiguous = on_ambiguous
        #: The call's deadline (see :meth:`_call_deadline`), worked out at the first failure.
        self._deadline: float | None = None
        self._number = 0
        self._failures = 0
        self._started = 0.0
        #: Seconds spent waiting for answers (only those count against the deadline), and when
        #: the attempt under way was sent.
        self._wire = 0.0
        self._sent_at: float | None = None
        #: What the next attempt waits first: (seconds, pause) or None when nothing is due.
        self._next: tuple[float, Pause | None] | None = None

    def __aiter__(self) -> Attempts:
        return self

    async def __anext__(self) -> Attempt:
        if self._number == 0:
            self._started = self._policy.clock()
        else:
            due, self._next = self._next, None
            if due is None:  # the body neither returned nor asked for another attempt
                raise StopAsyncIteration
            wait, pause = due
            if pause is not None:
                await pause(wait, self._announce_pause)
            elif wait > 0:
                await self._policy.sleep(wait)
        number = self._number = self._number + 1
        return Attempt(self, number, self._timeout if number == 1 else self._attempt_timeout())

    @property
    def failures(self) -> int:
        """How many attempts failed so far."""
        return self._failures

    def _on_the_wire(self) -> float:
        """Seconds the call spent waiting for answers (waits at the gate and between attempts
        left out)."""
        sent_at = self._sent_at
        if sent_at is not None:
            self._sent_at = None
            self._wire += self._policy.clock() - sent_at
        return self._wire

    def _call_deadline(self) -> float:
        """Seconds the call may spend waiting for answers (the policy's, for its timeout)."""
        deadline = self._deadline
        if deadline is None:
            deadline = self._deadline = self._policy.deadline(self._timeout)
        return deadline

    def _attempt_timeout(self) -> float | None:
        """The per-attempt timeout of a retry, cut to what is left of the call's deadline."""
        timeout = self._timeout
        if timeout is None:
            return timeout
        return max(min(timeout, self._call_deadline() - self._on_the_wire()), 0.001)

    async def _failed(self, error: SpotifyBaseError, applied_possible: bool) -> None:
        policy = self._policy
        if applied_possible and self._on_ambiguous is not None:
            applied_possible = await self._on_ambiguous(error)
        self._failures += 1
        if not policy.may_retry(
            self._method, applied_possible=applied_possible, idempotent=self._idempotent
        ):
            raise error
        wait = policy.delay(self._failures, self._started)
        if wait is None:
            raise error
        if self._on_the_wire() >= self._call_deadline():
            raise error
        self._schedule(error, wait, None)

    def _rate_limited_by(
        self, error: SpotifyBaseError, retry_after: float, pause: Pause | None
    ) -> None:
        policy = self._policy
        self._failures += 1
        wait = policy.delay(self._failures, self._started, retry_after=retry_after)
        if wait is None:
            raise error
        self._on_the_wire()
        self._schedule(error, wait, pause or self._sleep_pause)

    def _schedule(self, error: SpotifyBaseError, wait: float, pause: Pause | None) -> None:
        hook = self._policy.on_retry
        if hook is not None:
            hook(RetryEvent(self._number, error, wait))
        self._next = (wait, pause)

    async def _sleep_pause(self, seconds: float, announce: Callable[[float], None]) -> None:
        announce(seconds)
        await self._policy.sleep(seconds)

    def _announce_pause(self, seconds: float) -> None:
        logger.warning("Spotify answered 429: pausing requests for %.1f s (Retry-After)", seconds)
        hook = self._policy.on_rate_limit
        if hook is not None:
            hook(seconds)


class Attempt:
    """One pass of the loop: its number, its timeout, and what to do when it fails."""

    __slots__ = ("_attempts", "number", "timeout")

    def __init__(self, attempts: Attempts, number: int, timeout: float | None) -> None:
        self._attempts = attempts
        #: 1 for the first send.
        self.number = number
        #: Seconds this attempt may take (the per-attempt timeout, cut to the call's deadline).
        self.timeout = timeout

    async def failed(self, error: SpotifyBaseError, *, applied_possible: bool = True) -> None:
        """This attempt failed with ``error``: return to try again, or raise ``error``.

        ``applied_possible=False`` says the failure proves nothing was applied (a refused
        connection), so any method may be sent again.
        """
        await self._attempts._failed(error, applied_possible)

    def rate_limited(
        self, error: SpotifyBaseError, retry_after: float, *, pause: Pause | None = None
    ) -> None:
        """A 429 asking to wait ``retry_after`` seconds: return to try again after the wait
        (through ``pause``, e.g. the client's shared gate), or raise ``error`` when the wait is
        over the policy's cap or the attempts are spent."""
        self._attempts._rate_limited_by(error, retry_after, pause)

    def sending(self) -> None:
        """The request leaves now: the time until its answer counts against the deadline."""
        attempts = self._attempts
        attempts._sent_at = attempts._policy.clock()

    def replay(self) -> None:
        """Send again at once, without counting a failure (a renewed token, a pause already
        waited out)."""
        self._attempts._on_the_wire()
        self._attempts._next = (0.0, None)
