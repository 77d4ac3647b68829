"""The default test user's big, seeded library (what makes paging and chunking worth testing).

Sizes: 4,000 saved tracks, 2,000 saved albums, 25 shows, 120 episodes, 12 audiobooks,
150 followed artists, 20 followed users, 25 own playlists (one of exactly 10,000 tracks, one
private, one collaborative), 10 followed catalog playlists and 50 recent plays. Dates are spread
backwards from the clock's time at start-up, newest first.

What to save is drawn once per (catalog, user) and kept as offsets from "now" (a
:class:`LibraryPlan`): a test suite starts hundreds of emulators, and drawing the picks again
for each cost more than everything else an emulator does at start-up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from async_spotify.emulator.catalog import Catalog

from .playlists import PlaylistEntry, PlaylistStore
from .user import UserState

BIG_PLAYLIST_SIZE = 10_000
BIG_PLAYLIST_NAME = "Everything (10,000 tracks)"
SIZES = {"track": 4000, "album": 2000, "show": 25, "episode": 120, "audiobook": 12}
#: The seeded playlists were created this long before start-up, one an hour.
PLAYLISTS_AGE = 86_400 * 400


@dataclass(frozen=True, slots=True)
class LibraryPlan:
    """What a seeded library holds; every time is in seconds before start-up, oldest first."""

    saved: dict[str, list[tuple[int, int]]]
    followed_artists: list[tuple[int, int]]
    followed_users: list[tuple[str, int]]
    #: The tracks of the user's own playlists, the big one first.
    playlists: list[list[int]]
    #: Catalog playlists the user follows (indices), oldest follow first.
    followed_playlists: list[int]


@lru_cache(maxsize=16)
def library_plan(catalog: Catalog, user_id: str) -> LibraryPlan:
    """The draws for ``user_id``'s library (cached: the same for every world of ``catalog``)."""
    rng = random.Random(f"{catalog.seed}:library:{user_id}")
    layout = catalog.layout
    saved: dict[str, list[tuple[int, int]]] = {}
    for kind, size in SIZES.items():
        picked = rng.sample(range(layout.count(kind)), size)
        # Oldest first, so the first picked is the most recently saved.
        saved[kind] = [
            (index, 3600 * (age + 1) + rng.randrange(3600))
            for age, index in reversed(list(enumerate(picked)))
        ]
    artists = [0, *rng.sample(range(1, layout.artists), 149)]
    followed_artists = [(artist, 86_400 * (age + 1)) for age, artist in enumerate(artists)]
    followed_artists.reverse()
    followed_users = [
        (catalog.records.user(user_index).id, 86_400 * (age + 1))
        for age, user_index in enumerate(rng.sample(range(1, layout.users), 20))
    ]
    sizes = [BIG_PLAYLIST_SIZE] + [rng.randint(5, 300) for _ in range(24)]
    playlists = [rng.sample(range(layout.tracks), size) for size in sizes]
    editorial = catalog.editorial_playlists()
    others = range(editorial.stop, layout.playlists)
    followed_playlists = rng.sample(editorial, 4) + rng.sample(others, 6)
    return LibraryPlan(saved, followed_artists, followed_users, playlists, followed_playlists)


def seed_library(user: UserState, catalog: Catalog, store: PlaylistStore, now: float) -> None:
    """Fill ``user``'s library, follows, playlists and history from the catalog's seed."""
    plan = library_plan(catalog, user.user_id)
    for kind, picks in plan.saved.items():
        user.library[kind].save_each((index, now - ago) for index, ago in picks)
    user.followed_artists.save_each((artist, now - ago) for artist, ago in plan.followed_artists)
    user.followed_users.save_each((user_id, now - ago) for user_id, ago in plan.followed_users)

    created_at = now - PLAYLISTS_AGE
    own: list[str] = []
    for number, tracks in enumerate(plan.playlists):
        entries = [
            PlaylistEntry(("track", track), created_at + 60 * position, user.user_id)
            for position, track in enumerate(tracks)
        ]
        name = BIG_PLAYLIST_NAME if number == 0 else f"My Playlist #{number}"
        playlist = store.create(
            user.user_id,
            name,
            public=number not in (2, 3),
            collaborative=number == 3,
            description=None if number % 4 else f"Seeded playlist {number} of the emulator",
            entries=entries,
        )
        user.playlists.save([playlist.id], created_at + 3600 * number)
        own.append(playlist.id)
    for number, index in enumerate(plan.followed_playlists):
        followed = store.get(catalog.ids.encode("playlist", index))
        if followed is not None:
            followed.followers.add(user.user_id)
            user.playlists.save([followed.id], now - 86_400 * (10 - number))

    _seed_history(user, catalog, own[1], plan.playlists[1], now)


def _seed_history(
    user: UserState, catalog: Catalog, playlist_id: str, playlist_tracks: list[int], now: float
) -> None:
    """50 recent plays from saved tracks, most from a context as on Spotify: two in five from
    the track's album, one from its artist, one from the user's playlist (a track of it), and
    one from a list of URIs (``context: null``)."""
    encode = catalog.ids.encode
    recent = user.library["track"].newest_first()[:50]
    for age, track in reversed(list(enumerate(recent))):
        record = catalog.records.track(track)
        context: str | None
        match age % 5:
            case 0 | 1:
                context = f"spotify:album:{encode('album', record.album)}"
            case 2:
                context = f"spotify:artist:{encode('artist', record.artists[0])}"
            case 3:
                track = playlist_tracks[age % len(playlist_tracks)]
                context = f"spotify:playlist:{playlist_id}"
            case _:
                context = None
        user.history.record(track, context, now - 1800 * (age + 1))
