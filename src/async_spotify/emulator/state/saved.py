"""An ordered collection of saved things (library items, followed artists, playlists in a library).

Spotify lists saved items newest first, each with the ``added_at`` of when it was saved. Saving
something already saved keeps its original date and place. ``PUT /me/tracks`` with
``timestamped_ids`` may save with a date in the past, which places the item by that date.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class SavedItems(Generic[K]):
    """Keys (catalog indices, playlist IDs or user IDs) with the time each was saved."""

    def __init__(self) -> None:
        self._added: dict[K, tuple[float, int]] = {}
        self._sequence = 0
        self._newest_first: list[K] | None = None

    def __len__(self) -> int:
        return len(self._added)

    def __contains__(self, key: object) -> bool:
        return key in self._added

    def save(self, keys: Iterable[K], when: float) -> None:
        """Save ``keys`` (in order, so the last is the newest) at ``when`` (epoch seconds)."""
        for key in keys:
            if key not in self._added:
                self._sequence += 1
                self._added[key] = (when, self._sequence)
                self._newest_first = None

    def save_each(self, pairs: Iterable[tuple[K, float]]) -> None:
        """Save each key at its own time (in order, as :meth:`save` one at a time would)."""
        for key, when in pairs:
            if key not in self._added:
                self._sequence += 1
                self._added[key] = (when, self._sequence)
                self._newest_first = None

    def remove(self, keys: Iterable[K]) -> None:
        for key in keys:
            if self._added.pop(key, None) is not None:
                self._newest_first = None

    def added_at(self, key: K) -> float:
        return self._added[key][0]

    def newest_first(self) -> list[K]:
        """All keys, most recently saved first (cached until the next change)."""
        if self._newest_first is None:
            self._newest_first = sorted(self._added, key=self._added.__getitem__, reverse=True)
        return self._newest_first

    def page(self, offset: int, limit: int) -> list[tuple[K, float]]:
        """``(key, added_at)`` for one page, newest first."""
        keys = self.newest_first()[offset : offset + limit]
        return [(key, self._added[key][0]) for key in keys]
