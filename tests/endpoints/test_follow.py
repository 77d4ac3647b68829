"""client.follow: the exact requests sent (recording server) and the follows they change."""

from __future__ import annotations

import pytest

from async_spotify import SpotifyApiClient
from async_spotify.spotify_errors import InvalidInputError

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
    with pytest.warns(DeprecationWarning, match=f"follow.{method} .*library."):
        assert await getattr(recorded_client.follow, method)("artist", given) is None
    assert recorder.requests == [
        (http, "/me/following", {"type": "artist", "ids": ",".join(ids[:50])}, None),
        (http, "/me/following", {"type": "artist", "ids": ids[50]}, None),
    ]


async def test_follow_users_takes_free_form_ids(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    with pytest.warns(DeprecationWarning, match="library.save_items"):
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
        pytest.warns(DeprecationWarning, match="follow.follow_artist_or_user"),
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
    with pytest.warns(DeprecationWarning, match="library.contains_items"):
        result = await recorded_client.follow.check_follow("artist", ids)
    assert result == [n % 2 == 0 for n in range(55)]
    assert sorted(len(request.query["ids"].split(",")) for request in recorder.requests) == [5, 50]
    assert {request.query["type"] for request in recorder.requests} == {"artist"}


async def test_follow_playlist_sends_public(recorded_client: SpotifyApiClient, recorder) -> None:
    with pytest.warns(DeprecationWarning, match="library.save_items"):
        await recorded_client.follow.follow_playlist(
            f"https://open.spotify.com/playlist/{PLAYLIST}", public=False
        )
    with pytest.warns(DeprecationWarning, match="library.save_items"):
        await recorded_client.follow.follow_playlist(PLAYLIST)
    assert recorder.requests == [
        ("PUT", f"/playlists/{PLAYLIST}/followers", {}, {"public": False}),
        ("PUT", f"/playlists/{PLAYLIST}/followers", {}, {"public": True}),
    ]


async def test_follow_playlist_refuses_non_bool_public(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    with (
        pytest.warns(DeprecationWarning, match="follow.follow_playlist"),
        pytest.raises(InvalidInputError, match="public must be True or False"),
    ):
        await recorded_client.follow.follow_playlist(PLAYLIST, "no")
    assert recorder.requests == []


async def test_unfollow_playlist(recorded_client: SpotifyApiClient, recorder) -> None:
    with pytest.warns(DeprecationWarning, match="library.remove_items"):
        assert (
            await recorded_client.follow.unfollow_playlist(f"spotify:playlist:{PLAYLIST}") is None
        )
    assert recorder.requests == [("DELETE", f"/playlists/{PLAYLIST}/followers", {}, None)]


async def test_check_follow_playlist_asks_once_per_user(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.responder = lambda request: (200, [request.query["ids"] == "wizzler"])
    with pytest.warns(DeprecationWarning, match="library.contains_items"):
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
        pytest.warns(DeprecationWarning, match="follow.check_follow_playlist"),
        pytest.raises(InvalidInputError, match="is an album, expected a playlist"),
    ):
        await recorded_client.follow.check_follow_playlist(f"spotify:album:{ARTIST}", ["wizzler"])
    assert recorder.requests == []
