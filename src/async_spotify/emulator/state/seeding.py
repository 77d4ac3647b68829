"""The default test user's big, seeded library (what makes paging and chunking worth testing).

Sizes: 4,000 saved tracks, 2,000 saved albums, 25 shows, 120 episodes, 12 audiobooks,
150 followed artists, 20 followed users, 25 own playlists (one of exactly 10,000 tracks, one
private, one collaborative), 10 followed catalog playlists and 50 recent plays. Dates are spread
backwards from the clock's time at start-up, newest first.
"""

from __future__ import annotations

import random

from async_spotify.emulator.catalog import Catalog

from .playlists import PlaylistEntry, PlaylistStore
from .times import iso
from .user import UserState

BIG_PLAYLIST_SIZE = 10_000
BIG_PLAYLIST_NAME = "Everything (10,000 tracks)"
SIZES = {"track": 4000, "album": 2000, "show": 25, "episode": 120, "audiobook": 12}


def seed_library(user: UserState, catalog: Catalog, store: PlaylistStore, now: float) -> None:
    """Fill ``user``'s library, follows, playlists and history from the catalog's seed."""
    rng = random.Random(f"{catalog.seed}:library:{user.user_id}")
    layout = catalog.layout
    for kind, size in SIZES.items():
        picked = rng.sample(range(layout.count(kind)), size)
        saved = user.library[kind]
        # Oldest first, so the first picked is the most recently saved.
        for age, index in reversed(list(enumerate(picked))):
            saved.save([index], now - 3600 * (age + 1) - rng.randrange(3600))

    artists = [0, *rng.sample(range(1, layout.artists), 149)]
    for age, artist in reversed(list(enumerate(artists))):
        user.followed_artists.save([artist], now - 86_400 * (age + 1))
    for age, user_index in enumerate(rng.sample(range(1, layout.users), 20)):
        user.followed_users.save([catalog.records.user(user_index).id], now - 86_400 * (age + 1))

    _seed_playlists(user, catalog, store, now, rng)

    recent = user.library["track"].newest_first()[:50]
    for age, track in reversed(list(enumerate(recent))):
        user.history.record(track, None, now - 1800 * (age + 1))


def _seed_playlists(
    user: UserState, catalog: Catalog, store: PlaylistStore, now: float, rng: random.Random
) -> None:
    tracks = catalog.layout.tracks
    sizes = [BIG_PLAYLIST_SIZE] + [rng.randint(5, 300) for _ in range(24)]
    created_at = now - 86_400 * 400
    for number, size in enumerate(sizes):
        picked = rng.sample(range(tracks), size)
        entries = [
            PlaylistEntry(("track", track), iso(created_at + 60 * position), user.user_id)
            for position, track in enumerate(picked)
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
    editorial = catalog.editorial_playlists()
    others = range(editorial.stop, catalog.layout.playlists)
    followed = rng.sample(editorial, 4) + rng.sample(others, 6)
    for number, index in enumerate(followed):
        followed_playlist = store.get(catalog.ids.encode("playlist", index))
        if followed_playlist is not None:
            followed_playlist.followers.add(user.user_id)
            user.playlists.save([followed_playlist.id], now - 86_400 * (10 - number))
