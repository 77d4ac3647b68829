"""Spotify's timestamp format: ISO 8601 UTC to the second, ``YYYY-MM-DDTHH:MM:SSZ``."""

from __future__ import annotations

import time


def iso(epoch: float) -> str:
    """``epoch`` (seconds) as ``2026-03-03T12:00:00Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def iso_ms(epoch: float) -> str:
    """``epoch`` with milliseconds, as ``played_at`` carries them: ``2026-03-03T12:00:00.123Z``."""
    milliseconds = int(epoch * 1000) % 1000
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch)) + f".{milliseconds:03d}Z"
