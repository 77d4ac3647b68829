"""client.follow: the exact requests sent (recording server) and the follows they change."""

from __future__ import annotations

import pytest

from async_spotify import SpotifyApiClient
from async_spotify.spotify_errors import ForbiddenError, InvalidInputError

pytest_plugins = ["tests.endpoints.player_fixtures"]

ARTIST = "0TnOYISbd1XYRBk9myaseg"
ARTIST_2 = "6sFIWsNpZYqfjUpaCgueju"
PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"


def base62(number: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    digits = ""
    while number or not digits:
        number, digit = divmod(number, 62)
        digits = alphabet[digit] + digits
    return digits.rjust(22, "0")


async def test_get_followed_artist(recorded_client: SpotifyApiClient, recorder) -> None:
    page = {"artists": {"items": [{"id": ARTIST}], "next": None, "cursors": {"after": None}}}
    recorder.respond(200, page)
    assert await recorded_client.follow.get_followed_artist(limit=50, after=ARTIST_2) == page
    assert recorder.requests == [
        ("GET", "/me/following", {"type": "artist", "limit": "50", "after": ARTIST_2}, None)
    ]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {"type": "user"}, "'type' is set"),
        (("user",), {}, "type='user'"),
        ((), {"limit": 100}, "limit=100"),
    ],
)
async def test_get_followed_artist_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, args, kwargs, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.follow.get_followed_artist(*args, **kwargs)
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("method", "http"),
    [("follow_artist_or_user", "PUT"), ("unfollow_artist_or_user", "DELETE")],
)
async def test_follow_and_unfollow_send_type_and_ids_in_chunks_of_50(
    recorded_client: SpotifyApiClient, recorder, method, http
) -> None:
    ids = [base62(n) for n in range(51)]
    given = [f"spotify:artist:{ids[0]}", *ids[1:]]
    assert await getattr(recorded_client.follow, method)("artist", given) == {}
    assert recorder.requests == [
        (http, "/me/following", {"type": "artist", "ids": ",".join(ids[:50])}, None),
        (http, "/me/following", {"type": "artist", "ids": ids[50]}, None),
    ]


async def test_follow_users_takes_free_form_ids(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    await recorded_client.follow.follow_artist_or_user(
        "user", ["wizzler", "spotify:user:1112264649"]
    )
    assert recorder.requests == [
        ("PUT", "/me/following", {"type": "user", "ids": "wizzler,1112264649"}, None)
    ]


@pytest.mark.parametrize(
    ("follow_type", "ids", "message"),
    [
        ("playlist", [ARTIST], "type='playlist'"),
        ("artist", [f"spotify:user:{ARTIST}"], "expected an artist"),
        ("artist", ["nope"], "'nope'"),
    ],
)
async def test_follow_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, follow_type, ids, message
) -> None:
    with (
        pytest.raises(InvalidInputError, match=message),
    ):
        await recorded_client.follow.follow_artist_or_user(follow_type, ids)
    assert recorder.requests == []


async def test_check_follow_returns_the_list_in_order(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.responder = lambda request: (
        200,
        [int(value[-1], 36) % 2 == 0 for value in request.query["ids"].split(",")],
    )
    ids = [base62(n) for n in range(55)]
    result = await recorded_client.follow.check_follow("artist", ids)
    assert result == [n % 2 == 0 for n in range(55)]
    assert sorted(len(request.query["ids"].split(",")) for request in recorder.requests) == [5, 50]
    assert {request.query["type"] for request in recorder.requests} == {"artist"}


async def test_follow_playlist_sends_public(recorded_client: SpotifyApiClient, recorder) -> None:
    await recorded_client.follow.follow_playlist(
        f"https://open.spotify.com/playlist/{PLAYLIST}", public=False
    )
    await recorded_client.follow.follow_playlist(PLAYLIST)
    assert recorder.requests == [
        ("PUT", f"/playlists/{PLAYLIST}/followers", {}, {"public": False}),
        ("PUT", f"/playlists/{PLAYLIST}/followers", {}, {"public": True}),
    ]


async def test_follow_playlist_refuses_non_bool_public(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    with (
        pytest.raises(InvalidInputError, match="public must be True or False"),
    ):
        await recorded_client.follow.follow_playlist(PLAYLIST, "no")  # type: ignore[arg-type]
    assert recorder.requests == []


async def test_unfollow_playlist(recorded_client: SpotifyApiClient, recorder) -> None:
    assert await recorded_client.follow.unfollow_playlist(f"spotify:playlist:{PLAYLIST}") == {}
    assert recorder.requests == [("DELETE", f"/playlists/{PLAYLIST}/followers", {}, None)]


async def test_check_follow_playlist_asks_once_per_user(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.responder = lambda request: (200, [request.query["ids"] == "wizzler"])
    result = await recorded_client.follow.check_follow_playlist(
        PLAYLIST, ["jmperezperez", "wizzler", "spotify:user:1112264649"]
    )
    assert result == [False, True, False]
    assert sorted(request.query["ids"] for request in recorder.requests) == [
        "1112264649",
        "jmperezperez",
        "wizzler",
    ]
    assert {request.path for request in recorder.requests} == {
        f"/playlists/{PLAYLIST}/followers/contains"
    }


async def test_check_follow_playlist_refuses_an_album(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    with (
        pytest.raises(InvalidInputError, match="is an album, expected a playlist"),
    ):
        await recorded_client.follow.check_follow_playlist(f"spotify:album:{ARTIST}", ["wizzler"])
    assert recorder.requests == []


# -- end to end against the emulator -------------------------------------------------------------


async def test_emulator_followed_artists_cursor_paging(live) -> None:
    emulator, client = live
    first = (await client.follow.get_followed_artist(limit=50))["artists"]
    assert (first["total"], len(first["items"])) == (150, 50)
    second = (await client.follow.get_followed_artist(limit=50, after=first["cursors"]["after"]))[
        "artists"
    ]
    assert len(second["items"]) == 50
    seen = [artist["id"] for artist in first["items"] + second["items"]]
    assert len(set(seen)) == 100
    assert emulator.stats()["requests"]["GET /v1/me/following"] == {"200": 2}


async def test_emulator_follow_artists_and_users(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    encode = emulator.world.catalog.ids.encode
    artists = [encode("artist", index) for index in range(3)]
    users = [emulator.world.catalog.records.user(1).id, emulator.user_id]
    await client.follow.follow_artist_or_user("artist", artists[:2])
    await client.follow.follow_artist_or_user("user", [f"spotify:user:{users[0]}"])
    assert await client.follow.check_follow("artist", artists) == [True, True, False]
    assert await client.follow.check_follow("user", users) == [True, False]
    followed = (await client.follow.get_followed_artist())["artists"]
    assert sorted(artist["id"] for artist in followed["items"]) == sorted(artists[:2])

    await client.follow.unfollow_artist_or_user("artist", artists[0])
    assert await client.follow.check_follow("artist", artists) == [False, True, False]
    requests = emulator.stats()["requests"]
    assert requests["PUT /v1/me/following"] == {"204": 2}
    assert requests["DELETE /v1/me/following"] == {"204": 1}


async def test_emulator_follow_playlist(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    playlist = emulator.world.catalog.ids.encode("playlist", 0)
    followers = ["fresh-listener", "nobody-at-all"]
    await client.follow.follow_playlist(f"https://open.spotify.com/playlist/{playlist}")
    assert await client.follow.check_follow_playlist(playlist, followers) == [True, False]
    assert await client.library.contains_items([f"spotify:playlist:{playlist}"]) == [True]
    await client.follow.unfollow_playlist(playlist)
    assert await client.follow.check_follow_playlist(playlist, followers) == [False, False]
    requests = emulator.stats()["requests"]
    assert requests["GET /v1/playlists/{playlist_id}/followers/contains"] == {"200": 4}


async def test_emulator_development_mode_refuses_follow_endpoints(emulated) -> None:
    emulator, client = await emulated(mode="development")
    artist = emulator.world.catalog.ids.encode("artist", 0)
    with (
        pytest.warns(DeprecationWarning, match="library.add_items"),
        pytest.raises(ForbiddenError),
    ):
        await client.follow.follow_artist_or_user("artist", [artist])
    followed = await client.follow.get_followed_artist(limit=1)
    assert followed["artists"]["total"] == 150
    assert emulator.stats()["requests"] == {
        "PUT /v1/me/following": {"403": 1},
        "GET /v1/me/following": {"200": 1},
    }


async def test_emulator_sees_nothing_of_refused_input(live) -> None:
    emulator, client = live
    with pytest.raises(InvalidInputError):
        await client.follow.get_followed_artist(limit=0)
    with (
        pytest.raises(InvalidInputError),
    ):
        await client.follow.check_follow("album", [ARTIST])
    assert emulator.stats()["requests"] == {}
