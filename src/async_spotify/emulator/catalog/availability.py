"""Track relinking and market restrictions, seeded per track as everything else in the catalog.

Spotify answers a request that names a market (``market=``, or the user's country taken from
the token) with ``is_playable``; a track that is not available there but has an equivalent
that is comes back *relinked*: its ``id``/``uri``/``href`` are the equivalent's and
``linked_from`` names the track that was asked for; one with no equivalent comes back
``is_playable: false`` with ``restrictions: {"reason": "market"}`` (docs concepts/track-relinking;
facts section D, python-spotify ``saved_albums.json``, ``top_tracks.json``).

Here a fixed few tracks per seed are relinked in every market (:data:`RELINKED_SHARE`), and a
few others are blocked in a seeded fifth of the markets (:data:`RESTRICTED_SHARE`); the blocked
markets are left out of their ``available_markets``. The relinked equivalent has an ID of its
own that decodes back to the original (:data:`RELINK_OFFSET`), so a client that saves, plays or
fetches the ID it was given reaches the same track.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .draws import Draws
from .reference_data import MARKETS

#: Share of tracks relinked whenever a market is given.
RELINKED_SHARE = 0.03
#: Share of tracks unavailable in some markets (a fifth of them, picked per track).
RESTRICTED_SHARE = 0.05
#: Markets are split into this many groups; a restricted track is blocked in one of them.
MARKET_GROUPS = 5
#: Relinked equivalents are encoded as this index offset from the original track.
RELINK_OFFSET = 1 << 40

Status = Literal["playable", "relinked", "unavailable"]
_GROUP_OF = {market: number % MARKET_GROUPS for number, market in enumerate(MARKETS)}


@dataclass(frozen=True, slots=True)
class TrackAvailability:
    relinked: bool
    #: The market group the track is blocked in, or ``None``.
    blocked_group: int | None

    def status(self, market: str) -> Status:
        if self.relinked:
            return "relinked"
        if self.blocked_group is not None and _GROUP_OF.get(market) == self.blocked_group:
            return "unavailable"
        return "playable"


class Availability:
    """Where each track of one seed's catalog plays."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self.of = lru_cache(maxsize=65_536)(self._of)
        self.markets = lru_cache(maxsize=4096)(self._markets)

    def _of(self, track: int) -> TrackAvailability:
        draws = Draws(self._seed, "availability", track)
        relinked = draws.chance(RELINKED_SHARE)
        restricted = not relinked and draws.chance(RESTRICTED_SHARE)
        return TrackAvailability(relinked, draws.below(MARKET_GROUPS) if restricted else None)

    def status(self, track: int, market: str) -> Status:
        return self.of(track).status(market)

    def _markets(self, group: int) -> tuple[str, ...]:
        return tuple(market for market in MARKETS if _GROUP_OF[market] != group)

    def available_markets(self, track: int) -> tuple[str, ...] | None:
        """The markets of a restricted track, ``None`` for one available everywhere."""
        group = self.of(track).blocked_group
        return None if group is None else self.markets(group)
