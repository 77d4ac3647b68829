"""Recently played tracks and their cursor paging (``GET /me/player/recently-played``).

Cursors are Unix milliseconds. ``before`` pages back in time (the newest plays older than the
cursor); ``after`` returns the plays closest after the cursor. Either way a page is newest first,
``cursors.after`` is its newest ``played_at`` and ``cursors.before`` its oldest. Episodes are
never listed, as on Spotify.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

#: Spotify keeps the last 50 plays.
KEPT_PLAYS = 50


@dataclass(frozen=True, slots=True)
class Play:
    played_at_ms: int
    track: int
    context_uri: str | None


class History:
    """Plays of one user, oldest first."""

    def __init__(self) -> None:
        self._plays: list[Play] = []

    def __len__(self) -> int:
        return len(self._plays)

    def record(self, track: int, context_uri: str | None, played_at: float) -> None:
        play = Play(int(played_at * 1000), track, context_uri)
        at = bisect_right([p.played_at_ms for p in self._plays], play.played_at_ms)
        self._plays.insert(at, play)
        del self._plays[:-KEPT_PLAYS]

    def page(self, limit: int, *, after: int | None, before: int | None) -> list[Play]:
        """One page, newest first."""
        times = [play.played_at_ms for play in self._plays]
        if after is not None:
            start = bisect_right(times, after)
            return list(reversed(self._plays[start : start + limit]))
        end = len(times) if before is None else bisect_left(times, before)
        return list(reversed(self._plays[max(0, end - limit) : end]))

    def tracks(self) -> list[int]:
        """Played tracks, newest first (with repeats)."""
        return [play.track for play in reversed(self._plays)]
