"""``client.artists``: the exact requests sent, the data returned, and the inputs refused."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError
from tests.endpoints.emulated import requests_of

ARTIST = "0TnOYISbd1XYRBk9myaseg"


def artist_ids(count: int) -> list[str]:
    return [f"artist{n:016d}" for n in range(count)]


async def test_get_one(recorder, recorded_client):
    recorder.respond(200, {"id": ARTIST, "name": "Pitbull"})

    artist = await recorded_client.artists.get_one(f"spotify:artist:{ARTIST}")

    assert artist == {"id": ARTIST, "name": "Pitbull"}
    assert recorder.requests == [("GET", f"/artists/{ARTIST}", {}, None)]


async def test_get_one_refuses_another_kind(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="album"):
        await recorded_client.artists.get_one(f"spotify:album:{ARTIST}")

    assert recorder.requests == []


async def test_get_album_list_sends_groups_as_a_comma_list(recorder, recorded_client):
    page = {"items": [{"id": "a1"}], "total": 1, "limit": 10, "offset": 0, "next": None}
    recorder.respond(200, page)

    result = await recorded_client.artists.get_album_list(
        ARTIST, include_groups=["album", "single"], limit=10, market="GB"
    )

    assert result == page
    assert recorder.requests == [
        (
            "GET",
            f"/artists/{ARTIST}/albums",
            {"include_groups": "album,single", "limit": "10", "market": "GB"},
            None,
        )
    ]


async def test_get_album_list_limit_is_10_at_most_for_development_apps_since_2026(
    recorder, make_recorded_client
):
    development = await make_recorded_client(app_mode="development")
    with pytest.raises(InvalidInputError, match=r"limit=11 is out of range; expected .* 1 to 10"):
        await development.artists.get_album_list(ARTIST, limit=11)

    assert recorder.requests == []


async def test_get_album_list_keeps_50_for_extended_quota_apps(recorder, recorded_client):
    """tekore's default limit=20, and up to 50, are sent (extended-quota apps keep them)."""
    await recorded_client.artists.get_album_list(ARTIST, limit=20)
    await recorded_client.artists.get_album_list(ARTIST, limit=48)
    with pytest.raises(InvalidInputError, match=r"limit=51 is out of range; expected .* 1 to 50"):
        await recorded_client.artists.get_album_list(ARTIST, limit=51)

    assert recorder.requests == [
        ("GET", f"/artists/{ARTIST}/albums", {"limit": "20"}, None),
        ("GET", f"/artists/{ARTIST}/albums", {"limit": "48"}, None),
    ]


async def test_get_album_list_refuses_an_unknown_group(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="include_groups"):
        await recorded_client.artists.get_album_list(ARTIST, include_groups="albums")

    assert recorder.requests == []


async def test_get_top_tracks_sends_country_as_market(recorder, recorded_client):
    recorder.respond(200, {"tracks": [{"id": "t1"}, {"id": "t2"}]})

    result = await recorded_client.artists.get_top_tracks(ARTIST, "US")

    assert result == {"tracks": [{"id": "t1"}, {"id": "t2"}]}
    assert recorder.requests == [("GET", f"/artists/{ARTIST}/top-tracks", {"market": "US"}, None)]


async def test_get_top_tracks_refuses_a_second_market(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="'market'"):
        await recorded_client.artists.get_top_tracks(ARTIST, "US", market="DE")

    assert recorder.requests == []


async def test_get_top_tracks_refuses_a_bad_country(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="market"):
        await recorded_client.artists.get_top_tracks(ARTIST, "usa")

    assert recorder.requests == []


async def test_get_similar(recorder, recorded_client):
    recorder.respond(200, {"artists": [{"id": "x"}]})

    result = await recorded_client.artists.get_similar(ARTIST)

    assert result == {"artists": [{"id": "x"}]}
    assert recorder.requests == [("GET", f"/artists/{ARTIST}/related-artists", {}, None)]


async def test_get_several_chunks_by_50_without_a_trailing_slash(recorder, recorded_client):
    def answer(request):
        return 200, {"artists": [{"id": i} for i in request.query["ids"].split(",")]}

    recorder.responder = answer
    wanted = artist_ids(51)

    result = await recorded_client.artists.get_several(wanted)

    assert result == {"artists": [{"id": i} for i in wanted]}
    assert sorted(len(request.query["ids"].split(",")) for request in recorder.requests) == [1, 50]
    assert set(recorder.calls) == {("GET", "/artists")}


async def test_get_several_in_development_mode(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.responder = lambda request: (200, {"id": request.path.rsplit("/", 1)[1]})

    result = await client.artists.get_several(artist_ids(2))

    assert result == {"artists": [{"id": i} for i in artist_ids(2)]}
    assert sorted(recorder.calls) == [("GET", f"/artists/{i}") for i in artist_ids(2)]


async def test_the_deprecation_warning_points_at_the_callers_line(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.respond(200, {"artists": []})

    with pytest.warns(DeprecationWarning, match="get_similar .*on 2024-11-27") as caught:
        await client.artists.get_similar(ARTIST)

    assert [warning.filename for warning in caught] == [__file__]


# -- against the emulator --------------------------------------------------------------------


async def test_get_one_and_get_several_return_the_emulators_artists(
    spotify_emulator, spotify_client
):
    catalog = spotify_emulator.world.catalog
    wanted = [catalog.ids.encode("artist", index) for index in range(60)]

    one = await spotify_client.artists.get_one(f"spotify:artist:{wanted[0]}")
    several = await spotify_client.artists.get_several(wanted)

    assert (one["id"], one["name"]) == (wanted[0], catalog.records.artist(0).name)
    assert [artist["id"] for artist in several["artists"]] == wanted
    assert [artist["name"] for artist in several["artists"]] == [
        catalog.records.artist(index).name for index in range(60)
    ]
    assert requests_of(spotify_emulator) == {
        "GET /v1/artists/{id}": {"200": 1},
        "GET /v1/artists": {"200": 2},
    }


async def test_get_album_list_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    expected = [
        catalog.ids.encode("album", album)
        for album, _ in catalog.artist_albums(0, {"album", "single"})
    ]

    page = await spotify_client.artists.get_album_list(
        catalog.ids.encode("artist", 0), include_groups=["album", "single"], limit=10
    )
    albums = await spotify_client.fetch_all(page)

    assert page["total"] == len(expected)
    assert [album["id"] for album in albums] == expected


async def test_top_tracks_and_similar_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    artist = catalog.ids.encode("artist", 0)

    top = await spotify_client.artists.get_top_tracks(artist, "US")
    similar = await spotify_client.artists.get_similar(artist)

    assert [track["id"] for track in top["tracks"]] == [
        catalog.ids.encode("track", index) for index in catalog.top_tracks(0)
    ]
    assert [other["id"] for other in similar["artists"]] == [
        catalog.ids.encode("artist", index) for index in catalog.related_artists(0)
    ]


@pytest.mark.spotify_emulator(mode="development")
async def test_development_apps_read_one_artist_at_a_time(spotify_emulator, make_emulator_client):
    client = await make_emulator_client(app_mode="development")
    wanted = [spotify_emulator.world.catalog.ids.encode("artist", index) for index in range(3)]

    result = await client.artists.get_several(wanted)

    assert [artist["id"] for artist in result["artists"]] == wanted
    assert requests_of(spotify_emulator) == {"GET /v1/artists/{id}": {"200": 3}}
