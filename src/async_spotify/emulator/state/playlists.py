"""Playlists as mutable state: items, details, snapshot IDs, followers and the custom cover.

Every change yields a new ``snapshot_id``. Edits may name an older snapshot: positions are then
read in that snapshot and the change is applied to the same entries in the current list ("changes
are merged into the latest playlist version", as Spotify documents). The last
:data:`KEPT_SNAPSHOTS` snapshots are kept for that; entries are objects, so a snapshot is a tuple
of references, cheap even for the 10,000-item playlist.

Catalog playlists are materialized into the store the first time anyone touches them.
"""

from __future__ import annotations

import base64
import hashlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

from async_spotify.emulator.catalog import Catalog
from async_spotify.emulator.catalog.records import PlaylistSeed

KEPT_SNAPSHOTS = 20

#: A playable item: ``("track", index)`` or ``("episode", index)``.
Item = tuple[str, int]


class PlaylistEditError(Exception):
    """An edit Spotify refuses: carries the status and message of its answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(slots=True, eq=False)
class PlaylistEntry:
    """One item of a playlist (identity matters: the same track may appear twice)."""

    item: Item
    #: When it was added, in epoch seconds (rendered as ISO 8601 only when served).
    added_at: float
    added_by: str | None


@dataclass(eq=False)
class Playlist:
    """A playlist's live state."""

    id: str
    owner_id: str
    name: str
    description: str | None
    public: bool
    collaborative: bool
    entries: list[PlaylistEntry]
    base_followers: int = 0
    image_key: str = ""
    seed: int = 0
    followers: set[str] = field(default_factory=set)
    #: The uploaded cover, as the JPEG bytes Spotify would store.
    cover: bytes | None = None
    version: int = 0
    snapshot_id: str = ""
    _snapshots: OrderedDict[str, tuple[PlaylistEntry, ...]] = field(
        default_factory=OrderedDict, repr=False
    )

    def __post_init__(self) -> None:
        self._commit()

    # -- snapshots --------------------------------------------------------------------------

    def _commit(self) -> None:
        self.version += 1
        digest = hashlib.blake2b(
            f"{self.seed}:{self.id}:{self.version}".encode(), digest_size=20
        ).digest()
        self.snapshot_id = base64.b64encode(self.version.to_bytes(4, "big") + digest).decode()
        self._snapshots[self.snapshot_id] = tuple(self.entries)
        while len(self._snapshots) > KEPT_SNAPSHOTS:
            self._snapshots.popitem(last=False)

    def _base(self, snapshot_id: str | None) -> tuple[PlaylistEntry, ...]:
        if snapshot_id is None:
            return tuple(self.entries)
        base = self._snapshots.get(snapshot_id)
        if base is None:
            raise PlaylistEditError(400, "Invalid snapshot id")
        return base

    @property
    def followers_total(self) -> int:
        return self.base_followers + len(self.followers)

    # -- edits ------------------------------------------------------------------------------

    def add(self, items: list[Item], position: int | None, user_id: str, now: float) -> None:
        if position is not None and not 0 <= position <= len(self.entries):
            raise PlaylistEditError(403, "Index out of bounds")
        new = [PlaylistEntry(item, now, user_id) for item in items]
        at = len(self.entries) if position is None else position
        self.entries[at:at] = new
        self._commit()

    def replace(self, items: list[Item], user_id: str, now: float) -> None:
        self.entries = [PlaylistEntry(item, now, user_id) for item in items]
        self._commit()

    def remove(
        self, removals: list[tuple[Item, list[int] | None]], snapshot_id: str | None
    ) -> None:
        """Remove every occurrence of each item, or only those at the given positions."""
        base = self._base(snapshot_id)
        doomed: set[int] = set()
        for item, positions in removals:
            if positions is None:
                doomed.update(id(entry) for entry in base if entry.item == item)
                continue
            for position in positions:
                if not 0 <= position < len(base) or base[position].item != item:
                    raise PlaylistEditError(
                        400, "Could not remove tracks, please check parameters."
                    )
                doomed.add(id(base[position]))
        self.entries = [entry for entry in self.entries if id(entry) not in doomed]
        self._commit()

    def reorder(
        self, range_start: int, insert_before: int, range_length: int, snapshot_id: str | None
    ) -> None:
        base = self._base(snapshot_id)
        if range_length < 1 or range_start < 0 or range_start + range_length > len(base):
            raise PlaylistEditError(400, "Invalid range")
        if not 0 <= insert_before <= len(base):
            raise PlaylistEditError(400, "Invalid insert_before")
        moving = base[range_start : range_start + range_length]
        moving_ids = {id(entry) for entry in moving}
        anchor = base[insert_before] if insert_before < len(base) else None
        # Inserting inside the moved range (or right after it) leaves the order unchanged.
        while anchor is not None and id(anchor) in moving_ids:
            following = base.index(anchor) + 1
            anchor = base[following] if following < len(base) else None
        current_ids = {id(entry) for entry in self.entries}
        kept = [entry for entry in self.entries if id(entry) not in moving_ids]
        still_present = [entry for entry in moving if id(entry) in current_ids]
        at = len(kept)
        if anchor is not None:
            for position, entry in enumerate(kept):
                if entry is anchor:
                    at = position
                    break
        kept[at:at] = still_present
        self.entries = kept
        self._commit()

    def change_details(
        self,
        *,
        name: str | None,
        public: bool | None,
        collaborative: bool | None,
        description: str | None,
    ) -> None:
        new_public = self.public if public is None else public
        new_collaborative = self.collaborative if collaborative is None else collaborative
        if new_public and new_collaborative:
            raise PlaylistEditError(400, "Collaborative playlists can only be private.")
        if name is not None:
            self.name = name
        if description is not None:
            self.description = description
        self.public, self.collaborative = new_public, new_collaborative
        self._commit()

    def set_cover(self, jpeg: bytes) -> None:
        self.cover = jpeg
        self._commit()


class PlaylistStore:
    """Every playlist of a world, by ID: catalog ones (lazily) and created ones."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._playlists: dict[str, Playlist] = {}
        self._next_index = catalog.layout.playlists

    def get(self, playlist_id: str) -> Playlist | None:
        playlist = self._playlists.get(playlist_id)
        if playlist is not None:
            return playlist
        index = self._catalog.ids.index_of("playlist", playlist_id)
        if index is None or index >= self._catalog.layout.playlists:
            return None
        playlist = self._from_seed(self._catalog.records.playlist(index), playlist_id)
        self._playlists[playlist_id] = playlist
        return playlist

    def _from_seed(self, seed: PlaylistSeed, playlist_id: str) -> Playlist:
        owner = self._catalog.records.user(seed.owner).id
        # Added a day apart, ending 2026-01-01: stable, independent of the clock.
        entries = [
            PlaylistEntry(("track", track), 1_767_225_600 - 86_400 * (len(seed.tracks) - n), owner)
            for n, track in enumerate(seed.tracks)
        ]
        return Playlist(
            id=playlist_id,
            owner_id=owner,
            name=seed.name,
            description=seed.description,
            public=True,
            collaborative=False,
            entries=entries,
            base_followers=seed.followers,
            image_key=seed.image_key,
            seed=self._catalog.seed,
        )

    def add(self, playlist: Playlist) -> None:
        """Hold a playlist made elsewhere (a user's loaded catalog), under its own id."""
        self._playlists[playlist.id] = playlist

    def create(
        self,
        owner_id: str,
        name: str,
        *,
        public: bool,
        collaborative: bool,
        description: str | None,
        entries: list[PlaylistEntry] | None = None,
    ) -> Playlist:
        index = self._next_index
        self._next_index += 1
        playlist_id = self._catalog.ids.encode("playlist", index)
        playlist = Playlist(
            id=playlist_id,
            owner_id=owner_id,
            name=name,
            description=description,
            public=public,
            collaborative=collaborative,
            entries=entries or [],
            image_key=hashlib.blake2b(playlist_id.encode(), digest_size=20).hexdigest(),
            seed=self._catalog.seed,
        )
        self._playlists[playlist_id] = playlist
        return playlist

    def created(self) -> Iterator[Playlist]:
        """Playlists made in this world (not from the catalog), oldest first."""
        first_created = self._catalog.layout.playlists
        for playlist in self._playlists.values():
            index = self._catalog.ids.index_of("playlist", playlist.id)
            if index is not None and index >= first_created:
                yield playlist
