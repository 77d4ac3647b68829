"""The emulator's clock: real time plus an offset that tests can move forward.

Token lifetimes, the rate-limit window, playback progress and recently-played timestamps all
read this clock, so a test can expire a token or empty a rate-limit window without sleeping.
:meth:`Clock.freeze` stops real time from passing, so that only :meth:`Clock.advance` moves it:
a test can then assert an exact ``progress_ms`` or ``timestamp``.
"""

from __future__ import annotations

import time


class Clock:
    """Wall-clock seconds with a controllable offset."""

    def __init__(self) -> None:
        self._offset = 0.0
        #: ``(time.time(), time.monotonic())`` when frozen, else ``None``.
        self._frozen: tuple[float, float] | None = None

    def now(self) -> float:
        """Seconds since the epoch, as the emulator sees them."""
        base = time.time() if self._frozen is None else self._frozen[0]
        return base + self._offset

    def monotonic(self) -> float:
        """Monotonic seconds, moved by the same offset (for windows and latencies)."""
        base = time.monotonic() if self._frozen is None else self._frozen[1]
        return base + self._offset

    def freeze(self) -> None:
        """Stop real time at this instant: from now on only :meth:`advance` moves the clock."""
        if self._frozen is None:
            self._frozen = (time.time(), time.monotonic())

    def advance(self, seconds: float) -> None:
        """Move the emulator's time forward (never backward)."""
        if seconds < 0:
            raise ValueError(f"cannot move the clock backward: {seconds!r}")
        self._offset += seconds
