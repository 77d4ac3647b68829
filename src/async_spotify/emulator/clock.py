"""The emulator's clock: real time plus an offset that tests can move forward.

Token lifetimes, the rate-limit window and recently-played timestamps all read this clock, so a
test can expire a token or empty a rate-limit window without sleeping.
"""

from __future__ import annotations

import time


class Clock:
    """Wall-clock seconds with a controllable offset."""

    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        """Seconds since the epoch, as the emulator sees them."""
        return time.time() + self._offset

    def monotonic(self) -> float:
        """Monotonic seconds, moved by the same offset (for windows and latencies)."""
        return time.monotonic() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the emulator's time forward (never backward)."""
        if seconds < 0:
            raise ValueError(f"cannot move the clock backward: {seconds!r}")
        self._offset += seconds
