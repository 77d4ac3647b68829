"""The library and follows as state: the type-specific endpoints and ``/me/library`` change the same
saved items; ``added_at`` comes from the emulator's clock; followed artists page by cursor."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest

from async_spotify.emulator import Emulator
from async_spotify.emulator.state import SavedItems


class Api:
    def __init__(self, emulator: Emulator, session: aiohttp.ClientSession) -> None:
        self.emulator = emulator
        self.session = session
        self.token = emulator.issue_user_token()["access_token"]
        self.ids = emulator.world.catalog.ids

    async def __call__(self, method: str, path: str, *, json: Any = None) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None if json is None else orjson.dumps(json)
        async with self.session.request(
            method, self.emulator.base_url + path, data=data, headers=headers
        ) as reply:
            body = await reply.read()
            return reply.status, orjson.loads(body) if body else None


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async with Emulator() as emulator, aiohttp.ClientSession() as session:
        yield Api(emulator, session)


def test_saved_items_order_newest_first_and_keep_the_first_save() -> None:
    saved = SavedItems[int]()
    saved.save([1, 2], 100.0)
    saved.save([3], 200.0)
    saved.save([1], 300.0)  # already saved: keeps its date and place
    assert saved.newest_first() == [3, 2, 1]
    assert saved.page(1, 5) == [(2, 100.0), (1, 100.0)]
    saved.save([4], 50.0)  # a save dated in the past goes by its date
    assert saved.newest_first() == [3, 2, 1, 4]
    saved.remove([2, 99])
    assert (len(saved), 2 in saved) == (3, False)


async def test_the_default_library_is_big(api: Api) -> None:
    sizes = {}
    for kind in ("tracks", "albums", "shows", "episodes", "audiobooks"):
        _, page = await api("GET", f"/me/{kind}?limit=1")
        sizes[kind] = page["total"]
    assert sizes == {"tracks": 4000, "albums": 2000, "shows": 25, "episodes": 120, "audiobooks": 12}


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("tracks", "track"),
        ("albums", "album"),
        ("shows", "show"),
        ("episodes", "episode"),
        ("audiobooks", "audiobook"),
    ],
)
async def test_type_specific_round_trip(api: Api, kind: str, key: str) -> None:
    api.emulator.clock.advance(86_400)
    api.token = api.emulator.issue_user_token()["access_token"]
    index = api.emulator.world.catalog.layout.count(key) - 1  # not in the seeded library
    item = api.ids.encode(key, index)
    assert await api("GET", f"/me/{kind}/contains?ids={item}") == (200, [False])
    if kind == "tracks":
        status, body = await api("PUT", "/me/tracks", json={"ids": [item]})
    else:
        status, body = await api("PUT", f"/me/{kind}?ids={item}")
    assert (status, body) == (200, None)
    assert await api("GET", f"/me/{kind}/contains?ids={item}") == (200, [True])
    _, page = await api("GET", f"/me/{kind}?limit=1")
    if key == "audiobook":
        # Spotify lists saved audiobooks as plain audiobook objects, without added_at.
        assert page["items"][0]["id"] == item
        assert "added_at" not in page["items"][0]
    else:
        assert page["items"][0][key]["id"] == item
        added = page["items"][0]["added_at"].replace("Z", "+00:00")
        added_at = datetime.datetime.fromisoformat(added)
        assert abs(added_at.timestamp() - api.emulator.clock.now()) < 5  # the emulator's clock
    assert await api("DELETE", f"/me/{kind}?ids={item}") == (200, None)
    assert await api("GET", f"/me/{kind}/contains?ids={item}") == (200, [False])


async def test_me_library_and_type_endpoints_share_the_library(api: Api) -> None:
    track = api.ids.encode("track", api.emulator.world.catalog.layout.tracks - 2)
    album = api.ids.encode("album", api.emulator.world.catalog.layout.albums - 2)
    uris = f"spotify:track:{track},spotify:album:{album},spotify:user:spotify"
    assert await api("PUT", f"/me/library?uris={uris}") == (200, None)
    assert await api("GET", f"/me/tracks/contains?ids={track}") == (200, [True])
    assert await api("GET", "/me/following/contains?type=user&ids=spotify") == (200, [True])
    assert await api("GET", f"/me/library/contains?uris={uris}") == (200, [True, True, True])
    assert await api("DELETE", f"/me/albums?ids={album}") == (200, None)
    assert await api("GET", f"/me/library/contains?uris={uris}") == (200, [True, False, True])


async def test_me_library_checks_artists_and_playlists(api: Api) -> None:
    followed = api.ids.encode("artist", 0)  # the default user follows the prolific artist
    playlist = api.ids.encode("playlist", 3)
    uris = f"spotify:artist:{followed},spotify:playlist:{playlist}"
    assert await api("GET", f"/me/library/contains?uris={uris}") == (200, [True, False])
    assert await api("PUT", f"/me/library?uris=spotify:playlist:{playlist}") == (200, None)
    assert await api("GET", f"/me/library/contains?uris={uris}") == (200, [True, True])
    _, page = await api("GET", "/me/playlists?limit=1")
    assert page["items"][0]["id"] == playlist
    # Artists are savable too (a deviation from the spec's list: the February 2026 migration
    # guide moves artist follows here and spotipy 2.26 sends them; docs/emulator-fidelity.md).
    assert await api("DELETE", f"/me/library?uris=spotify:artist:{followed}") == (200, None)
    assert await api("GET", f"/me/following/contains?type=artist&ids={followed}") == (
        200,
        [False],
    )
    assert await api("PUT", f"/me/library?uris=spotify:artist:{followed}") == (200, None)
    assert await api("GET", f"/me/following/contains?type=artist&ids={followed}") == (200, [True])
    status, body = await api("PUT", f"/me/library?uris=spotify:chapter:{followed}")
    assert (status, body["error"]["message"]) == (400, f"Invalid uri: spotify:chapter:{followed}")


async def test_timestamped_ids_place_tracks_by_date(api: Api) -> None:
    track = api.ids.encode("track", api.emulator.world.catalog.layout.tracks - 3)
    body = {"timestamped_ids": [{"id": track, "added_at": "2001-02-03T04:05:06Z"}]}
    assert await api("PUT", "/me/tracks", json=body) == (200, None)
    _, last = await api("GET", "/me/tracks?offset=4000&limit=1")
    assert last["items"][0]["track"]["id"] == track
    assert last["items"][0]["added_at"] == "2001-02-03T04:05:06Z"


async def test_put_me_tracks_without_ids_anywhere_is_refused(api: Api) -> None:
    # The query form is accepted as on Spotify (test_webapi_fidelity); no ids at all is a 400.
    assert await api("PUT", "/me/tracks") == (
        400,
        {"error": {"status": 400, "message": "Missing required field: ids"}},
    )


async def test_followed_artists_walk_by_cursor(api: Api) -> None:
    url = "/me/following?type=artist&limit=48"
    seen: list[str] = []
    while url:
        status, body = await api("GET", url)
        assert status == 200
        page = body["artists"]
        assert page["total"] == 150
        seen.extend(artist["id"] for artist in page["items"])
        url = page["next"] and page["next"].removeprefix(api.emulator.base_url)
        if url:
            assert page["cursors"]["after"] == page["items"][-1]["id"]
            assert url.endswith(f"&after={page['items'][-1]['id']}")
    assert len(seen) == len(set(seen)) == 150
    assert page["cursors"] == {"after": None}


async def test_follow_and_unfollow_artists_and_users(api: Api) -> None:
    artist = api.ids.encode("artist", 999)
    assert await api("GET", f"/me/following/contains?type=artist&ids={artist}") == (200, [False])
    assert await api("PUT", f"/me/following?type=artist&ids={artist}") == (204, None)
    assert await api("GET", f"/me/following/contains?type=artist&ids={artist}") == (200, [True])
    _, body = await api("GET", "/me/following?type=artist&limit=1")
    assert body["artists"]["items"][0]["id"] == artist
    assert await api("DELETE", "/me/following?type=artist", json={"ids": [artist]}) == (204, None)
    assert await api("GET", f"/me/following/contains?type=artist&ids={artist}") == (200, [False])
    assert await api("PUT", "/me/following?type=user", json={"ids": ["someone"]}) == (204, None)
    assert await api("GET", "/me/following/contains?type=user&ids=someone") == (200, [True])


async def test_follow_and_unfollow_a_playlist(api: Api) -> None:
    playlist = api.ids.encode("playlist", 77)
    me = api.emulator.user_id
    path = f"/playlists/{playlist}/followers"
    _, before = await api("GET", f"/playlists/{playlist}?fields=followers")
    assert await api("GET", f"{path}/contains?ids={me}") == (200, [False])
    assert await api("PUT", path, json={"public": True}) == (200, None)
    assert await api("GET", f"{path}/contains") == (200, [True])
    _, after = await api("GET", f"/playlists/{playlist}?fields=followers")
    assert after["followers"]["total"] == before["followers"]["total"] + 1
    assert await api("DELETE", path) == (200, None)
    assert await api("GET", f"{path}/contains?ids={me}") == (200, [False])


async def test_top_items_by_time_range(api: Api) -> None:
    _, short = await api("GET", "/me/top/tracks?time_range=short_term&limit=50")
    _, long = await api("GET", "/me/top/tracks?time_range=long_term&limit=50")
    assert short["items"] and long["items"]
    assert [t["id"] for t in short["items"]] != [t["id"] for t in long["items"]]
    _, again = await api("GET", "/me/top/tracks?time_range=short_term&limit=50")
    assert again["items"] == short["items"]
    _, artists = await api("GET", "/me/top/artists?limit=5")
    assert len(artists["items"]) == 5
    assert all(artist["type"] == "artist" for artist in artists["items"])
