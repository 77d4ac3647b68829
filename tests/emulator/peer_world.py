"""What the peer-client runs (spotipy, tekore) need from a running emulator: real IDs to ask for.

The IDs are taken from the emulator's own world (its seeded catalog and the default user's
library), so every request names something that exists, and the checks can compare what came
back with what was asked for.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from async_spotify.emulator import Emulator

#: A real (tiny) JPEG: SOI, APP0 "JFIF", EOI. Enough for the emulator's cover check.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
JPEG_B64 = base64.b64encode(JPEG).decode()


@dataclass(frozen=True)
class Known:
    """IDs of one emulator's world, by what they are."""

    user: str
    other_user: str
    tracks: tuple[str, ...]
    albums: tuple[str, ...]
    artists: tuple[str, ...]
    shows: tuple[str, ...]
    episodes: tuple[str, ...]
    audiobooks: tuple[str, ...]
    chapters: tuple[str, ...]
    category: str
    #: A small playlist the default user owns.
    playlist: str
    #: A public playlist of another (catalog) user.
    others_playlist: str
    devices: tuple[str, ...]

    @property
    def track(self) -> str:
        return self.tracks[0]

    @property
    def album(self) -> str:
        return self.albums[0]

    @property
    def artist(self) -> str:
        return self.artists[0]

    @property
    def show(self) -> str:
        return self.shows[0]

    @property
    def episode(self) -> str:
        return self.episodes[0]

    @property
    def audiobook(self) -> str:
        return self.audiobooks[0]

    @property
    def chapter(self) -> str:
        return self.chapters[0]


def known(emulator: Emulator) -> Known:
    world = emulator.world
    catalog = world.catalog
    encode = catalog.ids.encode
    user = world.user(world.default_user_id)
    owned = next(
        playlist.id
        for playlist in map(world.playlists.get, user.playlists.newest_first())
        if playlist is not None
        and playlist.owner_id == user.user_id
        and playlist.public
        and 5 <= len(playlist.entries) < 100
    )
    other_user = catalog.records.user(5).id
    others = catalog.layout.user_playlists.of(
        next(
            index
            for index in range(1, catalog.layout.users)
            if len(catalog.layout.user_playlists.of(index))
        )
    )
    book = catalog.records.audiobook(1)
    return Known(
        user=user.user_id,
        other_user=other_user,
        tracks=tuple(encode("track", n) for n in (11, 12, 13)),
        albums=tuple(encode("album", n) for n in (21, 22)),
        artists=tuple(encode("artist", n) for n in (31, 32)),
        shows=tuple(encode("show", n) for n in (3, 4)),
        episodes=tuple(encode("episode", catalog.records.show(3).episodes[n]) for n in (0, 1)),
        audiobooks=tuple(encode("audiobook", n) for n in (1, 2)),
        chapters=tuple(encode("chapter", c) for c in book.chapters[:2]),
        category=catalog.category_id(1),
        playlist=owned,
        others_playlist=encode("playlist", others[0]),
        devices=tuple(device.id for device in user.player.devices),
    )
