"""client.library: the exact requests sent (recording server) and the library they change."""

from __future__ import annotations

import pytest

from async_spotify import SpotifyApiClient
from async_spotify.spotify_errors import ForbiddenError, InvalidInputError

pytest_plugins = ["tests.endpoints.player_fixtures"]

TRACK = "4iV5W9uYEdYUVa79Axb7Rh"
TRACK_2 = "1301WleyT98MSxVHPZCA6M"
ALBUM = "1Je1IMUlBXcx1Fz0WE7oPT"
SHOW = "5CfCWKI5pZ28U0uOzXkDHe"
EPISODE = "512ojhOuo1ktJprKbVcKyQ"
ARTIST = "0TnOYISbd1XYRBk9myaseg"
PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"


def base62(number: int) -> str:
    """A distinct valid 22-character id for each number."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    digits = ""
    while number or not digits:
        number, digit = divmod(number, 62)
        digits = alphabet[digit] + digits
    return digits.rjust(22, "0")


def contains_by_parity(request) -> tuple[int, list[bool]]:
    """Answer a contains check: even-numbered ids are 'saved'."""
    values = request.query.get("uris") or request.query["ids"]
    return 200, [int(value[-1], 36) % 2 == 0 for value in values.split(",")]


# -- /me/library ---------------------------------------------------------------------------------


async def test_save_items_takes_uris_and_urls_of_any_kind(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    items = [
        f"spotify:track:{TRACK}",
        f"https://open.spotify.com/intl-fr/album/{ALBUM}?si=123",
        "spotify:user:wizzler",
        f"https://open.spotify.com/playlist/{PLAYLIST}",
    ]
    given = list(items)
    assert await recorded_client.library.add_items(items) == {}
    assert items == given
    expected = (
        f"spotify:track:{TRACK},spotify:album:{ALBUM},spotify:user:wizzler,"
        f"spotify:playlist:{PLAYLIST}"
    )
    assert recorder.requests == [("PUT", "/me/library", {"uris": expected}, None)]


async def test_save_items_sends_40_per_request_in_order(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    uris = [f"spotify:track:{base62(n)}" for n in range(85)]
    await recorded_client.library.add_items(uris)
    assert [request.query["uris"].split(",") for request in recorder.requests] == [
        uris[:40],
        uris[40:80],
        uris[80:],
    ]
    assert {request.method for request in recorder.requests} == {"PUT"}


async def test_remove_items(recorded_client: SpotifyApiClient, recorder) -> None:
    await recorded_client.library.remove_items(f"spotify:episode:{EPISODE},spotify:show:{SHOW}")
    assert recorder.requests == [
        ("DELETE", "/me/library", {"uris": f"spotify:episode:{EPISODE},spotify:show:{SHOW}"}, None)
    ]


async def test_contains_items_merges_chunks_in_order(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.responder = contains_by_parity
    uris = [f"spotify:artist:{base62(n)}" for n in range(45)]
    result = await recorded_client.library.contains_items(uris)
    assert result == [n % 2 == 0 for n in range(45)]
    assert sorted(len(request.query["uris"].split(",")) for request in recorder.requests) == [5, 40]
    assert {request.path for request in recorder.requests} == {"/me/library/contains"}


@pytest.mark.parametrize(
    ("method", "uris", "message"),
    [
        ("save_items", [TRACK], "bare id, which could be any kind"),
        ("save_items", [f"spotify:artist:{ARTIST}"], "is an artist, expected a track"),
        ("remove_items", [f"spotify:chapter:{TRACK}"], "is a chapter"),
        ("contains_items", ["spotify:track:short"], "does not hold a valid track id"),
        ("contains_items", [f"spotify:track:{TRACK}", 5], "item 1"),
    ],
)
async def test_library_items_refuse_bad_uris(
    recorded_client: SpotifyApiClient, recorder, method, uris, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await getattr(recorded_client.library, method)(uris)
    assert recorder.requests == []


async def test_empty_list_sends_nothing(recorded_client: SpotifyApiClient, recorder) -> None:
    await recorded_client.library.add_items([])
    assert await recorded_client.library.contains_items([]) == []
    assert recorder.requests == []


# -- saved tracks, albums, shows, episodes: reading ----------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "query"),
    [
        (
            "get_tracks",
            "/me/tracks",
            {"limit": 50, "offset": 100, "market": "US"},
            {"limit": "50", "offset": "100", "market": "US"},
        ),
        ("get_albums", "/me/albums", {"limit": 1}, {"limit": "1"}),
        ("get_shows", "/me/shows", {"offset": 3}, {"offset": "3"}),
        ("get_episodes", "/me/episodes", {"market": "from_token"}, {"market": "from_token"}),
    ],
)
async def test_get_saved(
    recorded_client: SpotifyApiClient, recorder, method, path, kwargs, query
) -> None:
    page = {"items": [{"added_at": "2026-01-01T00:00:00Z"}], "total": 1, "next": None}
    recorder.respond(200, page)
    assert await getattr(recorded_client.library, method)(**kwargs) == page
    assert recorder.requests == [("GET", path, query, None)]


@pytest.mark.parametrize("method", ["get_tracks", "get_albums", "get_shows", "get_episodes"])
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"limit": 51}, "limit=51"), ({"limit": 0}, "limit=0"), ({"market": "usa"}, "market='usa'")],
)
async def test_get_saved_refuses_bad_query(
    recorded_client: SpotifyApiClient, recorder, method, kwargs, message
) -> None:
    if method == "get_shows" and "market" in kwargs:
        kwargs = {"limit": 51}
        message = "limit=51"
    with pytest.raises(InvalidInputError, match=message):
        await getattr(recorded_client.library, method)(**kwargs)
    assert recorder.requests == []


# -- the deprecated type-specific writes and checks ----------------------------------------------


async def test_add_tracks_sends_ids_in_the_body_50_at_a_time(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    ids = [base62(n) for n in range(51)]
    await recorded_client.library.add_tracks([f"spotify:track:{ids[0]}", *ids[1:]])
    assert recorder.requests == [
        ("PUT", "/me/tracks", {}, {"ids": ids[:50]}),
        ("PUT", "/me/tracks", {}, {"ids": ids[50:]}),
    ]


@pytest.mark.parametrize(
    ("method", "http", "path", "kind", "size", "replacement"),
    [
        ("remove_tracks", "DELETE", "/me/tracks", "track", 50, "remove_items"),
        ("add_albums", "PUT", "/me/albums", "album", 20, "add_items"),
        ("add_album", "PUT", "/me/albums", "album", 20, "add_items"),
        ("remove_albums", "DELETE", "/me/albums", "album", 20, "remove_items"),
        ("add_shows", "PUT", "/me/shows", "show", 50, "add_items"),
        ("remove_shows", "DELETE", "/me/shows", "show", 50, "remove_items"),
        ("add_episodes", "PUT", "/me/episodes", "episode", 50, "add_items"),
        ("remove_episodes", "DELETE", "/me/episodes", "episode", 50, "remove_items"),
    ],
)
async def test_typed_writes_send_ids_in_the_query_in_chunks(
    recorded_client: SpotifyApiClient, recorder, method, http, path, kind, size, replacement
) -> None:
    ids = [base62(n) for n in range(size + 1)]
    given = [f"https://open.spotify.com/{kind}/{ids[0]}", *ids[1:]]
    assert await getattr(recorded_client.library, method)(given) == {}
    assert recorder.requests == [
        (http, path, {"ids": ",".join(ids[:size])}, None),
        (http, path, {"ids": ids[size]}, None),
    ]


@pytest.mark.parametrize(
    ("method", "path", "kind", "size"),
    [
        ("contains_tracks", "/me/tracks/contains", "track", 50),
        ("contains_albums", "/me/albums/contains", "album", 20),
        ("contains_shows", "/me/shows/contains", "show", 50),
        ("contains_episodes", "/me/episodes/contains", "episode", 50),
    ],
)
async def test_typed_contains_merge_chunks_in_order(
    recorded_client: SpotifyApiClient, recorder, method, path, kind, size
) -> None:
    recorder.responder = contains_by_parity
    ids = [base62(n) for n in range(size + 3)]
    result = await getattr(recorded_client.library, method)(ids)
    assert result == [n % 2 == 0 for n in range(size + 3)]
    assert sorted(request.query["ids"] for request in recorder.requests) == sorted(
        [",".join(ids[:size]), ",".join(ids[size:])]
    )
    assert {request.path for request in recorder.requests} == {path}


async def test_remove_shows_passes_market_and_refuses_ids_keyword(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    await recorded_client.library.remove_shows([SHOW], market="ES")
    with pytest.raises(InvalidInputError, match="'ids' is set"):
        await recorded_client.library.remove_shows([SHOW], ids=[SHOW])  # type: ignore[call-arg]
    assert recorder.requests == [("DELETE", "/me/shows", {"market": "ES", "ids": SHOW}, None)]


async def test_typed_write_refuses_wrong_kind(recorded_client: SpotifyApiClient, recorder) -> None:
    with (
        pytest.raises(InvalidInputError, match="is a track"),
    ):
        await recorded_client.library.add_albums([f"spotify:track:{TRACK}"])
    assert recorder.requests == []


# -- development-mode apps: the type-specific endpoints are gone, /me/library does the work -----


async def test_development_mode_sends_typed_writes_to_me_library(
    make_recorded_client, recorder
) -> None:
    client = await make_recorded_client(app_mode="development")
    await client.library.add_album([ALBUM])
    await client.library.add_tracks(f"https://open.spotify.com/track/{TRACK},{TRACK_2}")
    await client.library.remove_shows([SHOW], market="ES")
    await client.library.remove_episodes([EPISODE])
    assert recorder.requests == [
        ("PUT", "/me/library", {"uris": f"spotify:album:{ALBUM}"}, None),
        ("PUT", "/me/library", {"uris": f"spotify:track:{TRACK},spotify:track:{TRACK_2}"}, None),
        ("DELETE", "/me/library", {"uris": f"spotify:show:{SHOW}"}, None),
        ("DELETE", "/me/library", {"uris": f"spotify:episode:{EPISODE}"}, None),
    ]


async def test_development_mode_sends_typed_checks_to_me_library(
    make_recorded_client, recorder
) -> None:
    client = await make_recorded_client(app_mode="development")
    recorder.responder = contains_by_parity
    ids = [base62(n) for n in range(45)]
    assert await client.library.contains_albums(ids) == [n % 2 == 0 for n in range(45)]
    assert sorted(request.query["uris"] for request in recorder.requests) == sorted(
        [
            ",".join(f"spotify:album:{album}" for album in ids[:40]),
            ",".join(f"spotify:album:{album}" for album in ids[40:]),
        ]
    )
    assert {request.path for request in recorder.requests} == {"/me/library/contains"}


# -- end to end against the emulator -------------------------------------------------------------


def catalog_uri(emulator, kind: str, index: int = 0) -> str:
    return f"spotify:{kind}:{emulator.world.catalog.ids.encode(kind, index)}"


async def test_emulator_library_items_round_trip(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    track_id = emulator.world.catalog.ids.encode("track", 3)
    saved = [
        f"https://open.spotify.com/intl-de/track/{track_id}?si=abc",
        catalog_uri(emulator, "album"),
        catalog_uri(emulator, "show"),
        catalog_uri(emulator, "episode"),
        catalog_uri(emulator, "audiobook"),
        catalog_uri(emulator, "playlist"),
        f"spotify:user:{emulator.user_id}",
    ]
    checked = [*saved, catalog_uri(emulator, "artist")]
    assert await client.library.contains_items(checked) == [False] * 8
    await client.library.add_items(saved)
    assert await client.library.contains_items(checked) == [True] * 7 + [False]
    tracks = await client.library.get_tracks()
    assert (tracks["total"], tracks["items"][0]["track"]["id"]) == (1, track_id)
    await client.library.remove_items(saved)
    assert await client.library.contains_items(checked) == [False] * 8
    assert emulator.stats()["requests"]["PUT /v1/me/library"] == {"200": 1}
    assert emulator.stats()["requests"]["DELETE /v1/me/library"] == {"200": 1}
    assert emulator.stats()["emulator_bugs"] == 0


async def test_emulator_save_items_keeps_order_across_chunks(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    uris = [catalog_uri(emulator, "track", index) for index in range(45)]
    await client.library.add_items(uris)
    assert await client.library.contains_items(uris) == [True] * 45
    page = await client.library.get_tracks(limit=50)
    assert page["total"] == 45
    assert [item["track"]["uri"] for item in page["items"]] == uris[::-1]  # newest first
    requests = emulator.stats()["requests"]
    assert requests["PUT /v1/me/library"] == {"200": 2}
    assert requests["GET /v1/me/library/contains"] == {"200": 2}


@pytest.mark.parametrize(
    ("kind", "add", "get", "contains", "remove", "route"),
    [
        ("track", "add_tracks", "get_tracks", "contains_tracks", "remove_tracks", "tracks"),
        ("album", "add_album", "get_albums", "contains_albums", "remove_albums", "albums"),
        ("show", "add_shows", "get_shows", "contains_shows", "remove_shows", "shows"),
        (
            "episode",
            "add_episodes",
            "get_episodes",
            "contains_episodes",
            "remove_episodes",
            "episodes",
        ),
    ],
)
async def test_emulator_typed_library_round_trip(
    emulated, kind, add, get, contains, remove, route
) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    ids = [emulator.world.catalog.ids.encode(kind, index) for index in range(3)]
    library = client.library
    await getattr(library, add)(ids[:2])
    page = await getattr(library, get)()
    assert page["total"] == 2
    assert [item[kind]["id"] for item in page["items"]] == [ids[1], ids[0]]
    assert await getattr(library, contains)(ids) == [True, True, False]
    await getattr(library, remove)(ids[1])
    assert await getattr(library, contains)(ids) == [True, False, False]
    requests = emulator.stats()["requests"]
    assert requests[f"PUT /v1/me/{route}"] == {"200": 1}
    assert requests[f"DELETE /v1/me/{route}"] == {"200": 1}


async def test_emulator_default_user_library(live) -> None:
    client = live.client
    totals = [
        (await client.library.get_tracks(limit=1))["total"],
        (await client.library.get_albums(limit=1))["total"],
        (await client.library.get_shows(limit=1))["total"],
        (await client.library.get_episodes(limit=1))["total"],
    ]
    assert totals == [4000, 2000, 25, 120]
    page = await client.library.get_albums(limit=50, offset=1950)
    assert (len(page["items"]), page["next"]) == (50, None)


async def test_emulator_development_mode_uses_me_library(emulated) -> None:
    emulator, client = await emulated(mode="development", user_id="fresh-listener")
    albums = [emulator.world.catalog.ids.encode("album", index) for index in range(2)]
    await client.library.add_album(albums)
    assert await client.library.contains_albums(albums) == [True, True]
    await client.library.remove_albums(albums[0])
    assert await client.library.contains_albums(albums) == [False, True]
    assert set(emulator.stats()["requests"]) == {
        "PUT /v1/me/library",
        "DELETE /v1/me/library",
        "GET /v1/me/library/contains",
    }


async def test_emulator_development_mode_refuses_the_typed_endpoints(emulated) -> None:
    emulator, client = await emulated(mode="development", app_mode="extended")
    with (
        pytest.raises(ForbiddenError),
    ):
        await client.library.add_album([emulator.world.catalog.ids.encode("album", 0)])
    assert emulator.stats()["requests"] == {"PUT /v1/me/albums": {"403": 1}}


async def test_emulator_sees_nothing_of_refused_input(live) -> None:
    emulator, client = live
    with pytest.raises(InvalidInputError):
        await client.library.add_items([catalog_uri(emulator, "artist")])
    with pytest.raises(InvalidInputError):
        await client.library.get_tracks(limit=51)
    with pytest.raises(InvalidInputError):
        await client.library.contains_items(["spotify:track:nope"])
    assert emulator.stats()["requests"] == {}
