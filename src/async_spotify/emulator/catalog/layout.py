"""How many of each entity exist and which ranges belong together (artist -> albums -> tracks).

Children are numbered consecutively under their parent: the albums of artist ``a`` are the range
``album_start[a]:album_start[a + 1]``, the tracks of album ``b`` likewise. Only the per-parent
counts are drawn from the seed (a few thousand draws, a few milliseconds at start-up); everything
else about an entity is generated on demand by :mod:`records`.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from .draws import Draws

ARTISTS = 1000
#: Artist 0 is the prolific one: hundreds of albums, for paging through a discography.
BIG_ARTIST_ALBUMS = 320
SHOWS = 120
#: Show 0 has a long back catalogue.
BIG_SHOW_EPISODES = 500
AUDIOBOOKS = 60
CATEGORIES = 40
#: Catalog users (playlist owners, profiles to follow); user 0 is ``spotify`` itself.
USERS = 400
ALBUM_TYPES = ("album", "album", "album", "album", "album", "album", "single", "single", "single")


class Ranges:
    """Consecutive child ranges under parents, from per-parent counts."""

    def __init__(self, counts: list[int]) -> None:
        self.starts = [0, *accumulate(counts)]

    @property
    def total(self) -> int:
        return self.starts[-1]

    def of(self, parent: int) -> range:
        return range(self.starts[parent], self.starts[parent + 1])

    def parent_of(self, child: int) -> int:
        return bisect_right(self.starts, child) - 1


def album_type(seed: int, album: int) -> str:
    """``album``, ``single`` or ``compilation``; decides the track count too."""
    draws = Draws(seed, "album-type", album)
    if draws.chance(0.08):
        return "compilation"
    return draws.pick(ALBUM_TYPES)


def track_count(seed: int, album: int) -> int:
    draws = Draws(seed, "album-tracks", album)
    kind = album_type(seed, album)
    if kind == "single":
        return draws.between(1, 3)
    if kind == "compilation":
        return draws.between(12, 20)
    return draws.between(7, 15)


class Layout:
    """Entity counts and parent/child ranges for one seed."""

    def __init__(self, seed: int) -> None:
        album_counts = [BIG_ARTIST_ALBUMS] + [
            Draws(seed, "artist-albums", artist).between(1, 8) for artist in range(1, ARTISTS)
        ]
        self.artist_albums = Ranges(album_counts)
        self.album_tracks = Ranges(
            [track_count(seed, album) for album in range(self.artist_albums.total)]
        )
        episode_counts = [BIG_SHOW_EPISODES] + [
            Draws(seed, "show-episodes", show).between(8, 120) for show in range(1, SHOWS)
        ]
        self.show_episodes = Ranges(episode_counts)
        self.audiobook_chapters = Ranges(
            [Draws(seed, "book-chapters", book).between(6, 40) for book in range(AUDIOBOOKS)]
        )
        playlist_counts = [30] + [
            Draws(seed, "user-playlists", user).between(0, 6) for user in range(1, USERS)
        ]
        self.user_playlists = Ranges(playlist_counts)
        self._counts = {
            "artist": ARTISTS,
            "album": self.artist_albums.total,
            "track": self.album_tracks.total,
            "show": SHOWS,
            "episode": self.show_episodes.total,
            "audiobook": AUDIOBOOKS,
            "chapter": self.audiobook_chapters.total,
            "category": CATEGORIES,
        }

    @property
    def artists(self) -> int:
        return ARTISTS

    @property
    def albums(self) -> int:
        return self.artist_albums.total

    @property
    def tracks(self) -> int:
        return self.album_tracks.total

    @property
    def shows(self) -> int:
        return SHOWS

    @property
    def episodes(self) -> int:
        return self.show_episodes.total

    @property
    def audiobooks(self) -> int:
        return AUDIOBOOKS

    @property
    def chapters(self) -> int:
        return self.audiobook_chapters.total

    @property
    def categories(self) -> int:
        return CATEGORIES

    @property
    def users(self) -> int:
        return USERS

    @property
    def playlists(self) -> int:
        """Playlists that exist in the catalog before anyone creates one."""
        return self.user_playlists.total

    def count(self, kind: str) -> int:
        """How many entities of ``kind`` (an ID-carrying kind other than playlist) exist."""
        return self._counts[kind]
