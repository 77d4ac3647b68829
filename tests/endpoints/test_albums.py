"""``client.albums``: the exact requests sent, the data returned, and the inputs refused."""

from __future__ import annotations

import warnings

import pytest

from async_spotify import (
    ClientCredentialsFlow,
    ForbiddenError,
    InvalidInputError,
    InvalidResponseError,
    SpotifyApiClient,
)
from async_spotify.endpoints import Endpoint
from tests.endpoints.emulated import requests_of

ALBUM = "4aawyAB9vmqN3uQ7FjRGTy"


def album_ids(count: int) -> list[str]:
    return [f"album{n:017d}" for n in range(count)]


def many_albums(request):
    """Answer a batch read with one album per requested id (``null`` for ``missing...``)."""
    ids = request.query["ids"].split(",")
    return 200, {"albums": [None if i.startswith("missing") else {"id": i} for i in ids]}


async def test_get_one_sends_the_id_and_market_and_returns_the_album(recorder, recorded_client):
    recorder.respond(200, {"id": ALBUM, "name": "Global Warming"})

    album = await recorded_client.albums.get_one(ALBUM, market="DE")

    assert album == {"id": ALBUM, "name": "Global Warming"}
    assert recorder.requests == [("GET", f"/albums/{ALBUM}", {"market": "DE"}, None)]


@pytest.mark.parametrize(
    "reference",
    [
        f"spotify:album:{ALBUM}",
        f"https://open.spotify.com/album/{ALBUM}?si=abcdef0123456789",
        f"https://open.spotify.com/intl-de/album/{ALBUM}",
    ],
)
async def test_get_one_accepts_uris_and_urls(recorder, recorded_client, reference):
    await recorded_client.albums.get_one(reference)

    assert recorder.calls == [("GET", f"/albums/{ALBUM}")]


@pytest.mark.parametrize(
    ("reference", "problem"),
    [
        ("not-an-id", "not-an-id"),
        (f"spotify:track:{ALBUM}", "track"),
        (f"https://open.spotify.com/artist/{ALBUM}", "artist"),
    ],
)
async def test_get_one_refuses_bad_or_wrong_kind_ids_before_sending(
    recorder, recorded_client, reference, problem
):
    with pytest.raises(InvalidInputError, match=problem):
        await recorded_client.albums.get_one(reference)

    assert recorder.requests == []


async def test_get_one_refuses_a_bad_market(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="market"):
        await recorded_client.albums.get_one(ALBUM, market="Germany")

    assert recorder.requests == []


async def test_get_tracks_sends_paging_parameters(recorder, recorded_client):
    page = {"items": [{"id": "t1"}], "total": 1, "limit": 50, "offset": 10, "next": None}
    recorder.respond(200, page)

    result = await recorded_client.albums.get_tracks(ALBUM, limit=50, offset=10, market="US")

    assert result == page
    assert recorder.requests == [
        ("GET", f"/albums/{ALBUM}/tracks", {"limit": "50", "offset": "10", "market": "US"}, None)
    ]


@pytest.mark.parametrize("limit", [51, 0, True, "20"])
async def test_get_tracks_refuses_a_limit_outside_the_spec(recorder, recorded_client, limit):
    with pytest.raises(InvalidInputError, match="limit"):
        await recorded_client.albums.get_tracks(ALBUM, limit=limit)

    assert recorder.requests == []


async def test_get_multiple_chunks_by_20_and_merges_in_input_order(recorder, recorded_client):
    recorder.responder = many_albums
    wanted = album_ids(45)

    result = await recorded_client.albums.get_multiple(wanted, market="FR")

    assert result == {"albums": [{"id": i} for i in wanted]}
    sent = sorted(tuple(request.query["ids"].split(",")) for request in recorder.requests)
    assert sent == sorted([tuple(wanted[:20]), tuple(wanted[20:40]), tuple(wanted[40:])])
    assert {(r.method, r.path, r.query["market"]) for r in recorder.requests} == {
        ("GET", "/albums", "FR")
    }


async def test_get_multiple_accepts_a_comma_separated_string_and_keeps_nulls(
    recorder, recorded_client
):
    recorder.responder = many_albums
    missing = "missing00000000000000x"

    result = await recorded_client.albums.get_multiple(f"{ALBUM},spotify:album:{missing}")

    assert result == {"albums": [{"id": ALBUM}, None]}
    assert recorder.requests == [("GET", "/albums", {"ids": f"{ALBUM},{missing}"}, None)]


async def test_get_multiple_does_not_mutate_the_callers_list(recorder, recorded_client):
    recorder.responder = many_albums
    wanted = [f"spotify:album:{ALBUM}"]

    await recorded_client.albums.get_multiple(wanted)

    assert wanted == [f"spotify:album:{ALBUM}"]


async def test_get_multiple_refuses_ids_given_again_as_a_keyword(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="'ids'"):
        await recorded_client.albums.get_multiple([ALBUM], ids="4aawyAB9vmqN3uQ7FjRGTz")

    assert recorder.requests == []


async def test_get_multiple_in_development_mode_reads_one_album_per_id(
    recorder, make_recorded_client
):
    client = await make_recorded_client(app_mode="development")
    missing = "missing00000000000000x"

    def answer(request):
        album_id = request.path.rsplit("/", 1)[1]
        if album_id == missing:
            return 404, {"error": {"status": 404, "message": "Resource not found"}}
        return 200, {"id": album_id}

    recorder.responder = answer
    wanted = [*album_ids(3), missing]

    result = await client.albums.get_multiple(wanted, market="SE")

    assert result == {"albums": [{"id": i} for i in wanted[:3]] + [None]}
    assert sorted(recorder.requests) == sorted(
        ("GET", f"/albums/{i}", {"market": "SE"}, None) for i in wanted
    )


async def test_get_multiple_of_nothing_sends_nothing(recorder, recorded_client):
    assert await recorded_client.albums.get_multiple([]) == {"albums": []}

    assert recorder.requests == []


async def test_get_multiple_refuses_an_answer_without_the_albums_list(recorder, recorded_client):
    recorder.respond(200, {"error": "not what Spotify sends"})
    with (
        pytest.raises(InvalidResponseError) as caught,
    ):
        await recorded_client.albums.get_multiple([ALBUM])
    assert caught.value.text == (
        "GET /albums answered an object with keys ['error'], not {'albums': [...]}"
    )


async def test_the_deprecation_warning_points_at_the_callers_line(recorder, recorded_client):
    recorder.responder = many_albums

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await recorded_client.albums.get_multiple([ALBUM])

    # the batch read works for extended-quota apps: nothing to warn about, nothing slower to advise
    assert [str(warning.message) for warning in caught] == []


# -- against the emulator --------------------------------------------------------------------


async def test_get_one_returns_the_emulators_album(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    record = catalog.records.album(1)

    album = await spotify_client.albums.get_one(
        f"https://open.spotify.com/album/{catalog.ids.encode('album', 1)}", market="US"
    )

    assert album["id"] == catalog.ids.encode("album", 1)
    assert album["name"] == record.name
    assert [track["id"] for track in album["tracks"]["items"]] == [
        catalog.ids.encode("track", index) for index in record.tracks
    ]
    assert requests_of(spotify_emulator) == {"GET /v1/albums/{id}": {"200": 1}}


async def test_get_tracks_pages_through_the_emulators_album(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    record = catalog.records.album(1)
    expected = [catalog.ids.encode("track", index) for index in record.tracks]

    page = await spotify_client.albums.get_tracks(catalog.ids.encode("album", 1), limit=5, offset=2)
    everything = await spotify_client.fetch_all(page)

    assert page["total"] == len(expected)
    assert [track["id"] for track in page["items"]] == expected[2:7]
    assert [track["id"] for track in everything] == expected[2:]


async def test_get_multiple_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    wanted = [catalog.ids.encode("album", index) for index in range(44)]
    unknown = "4aawyAB9vmqN3uQ7FjRGTy"

    result = await spotify_client.albums.get_multiple([*wanted, unknown])

    assert [album and album["id"] for album in result["albums"]] == [*wanted, None]
    assert [album["name"] for album in result["albums"][:44]] == [
        catalog.records.album(index).name for index in range(44)
    ]
    assert requests_of(spotify_emulator) == {"GET /v1/albums": {"200": 3}}


@pytest.mark.spotify_emulator(mode="development")
async def test_development_apps_read_one_album_at_a_time(spotify_emulator, make_emulator_client):
    client = await make_emulator_client(app_mode="development")
    catalog = spotify_emulator.world.catalog
    wanted = [catalog.ids.encode("album", index) for index in range(5)]
    unknown = "4aawyAB9vmqN3uQ7FjRGTy"

    result = await client.albums.get_multiple([*wanted, unknown])

    assert [album and album["id"] for album in result["albums"]] == [*wanted, None]
    assert requests_of(spotify_emulator) == {"GET /v1/albums/{id}": {"200": 5, "404": 1}}


@pytest.mark.spotify_emulator(mode="development")
async def test_the_batch_read_is_forbidden_to_development_apps(spotify_emulator, spotify_client):
    """Why ``app_mode`` exists: the emulator, like Spotify, refuses the batch read."""
    with pytest.raises(ForbiddenError):
        await spotify_client.albums.get_multiple(
            [spotify_emulator.world.catalog.ids.encode("album", 1)]
        )


async def test_nothing_reaches_the_emulator_for_a_wrong_kind(spotify_emulator, spotify_client):
    track = spotify_emulator.world.catalog.ids.encode("track", 1)

    with pytest.raises(InvalidInputError, match="track"):
        await spotify_client.albums.get_one(f"spotify:track:{track}")

    assert requests_of(spotify_emulator) == {}


@pytest.mark.parametrize("app_mode", ["dev", "", None, "EXTENDED"])
def test_an_unknown_app_mode_is_refused(app_mode):
    with pytest.raises(InvalidInputError, match="app_mode"):
        SpotifyApiClient(ClientCredentialsFlow("id", "secret"), app_mode=app_mode)


def test_the_app_mode_reaches_every_endpoint_group():
    client = SpotifyApiClient(ClientCredentialsFlow("id", "secret"), app_mode="development")

    groups = [value for value in vars(client).values() if isinstance(value, Endpoint)]

    assert client.app_mode == "development"
    assert len(groups) == 16
    assert {group.app_mode for group in groups} == {"development"}
    assert SpotifyApiClient(ClientCredentialsFlow("id", "secret")).app_mode == "extended"
