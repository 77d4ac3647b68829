"""``client.search``: the query, the types, the 2026 limit of 10."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError
from tests.endpoints.emulated import requests_of


async def test_start_sends_query_and_types(recorder, recorded_client):
    answer = {"tracks": {"items": [{"id": "t"}], "total": 1}, "albums": {"items": [], "total": 0}}
    recorder.respond(200, answer)

    result = await recorded_client.search.start(
        "artist:Queen year:1975", ["track", "album"], market="GB", limit=10, offset=1000
    )

    assert result == answer
    assert recorder.requests == [
        (
            "GET",
            "/search",
            {
                "q": "artist:Queen year:1975",
                "type": "track,album",
                "market": "GB",
                "limit": "10",
                "offset": "1000",
            },
            None,
        )
    ]


async def test_start_accepts_a_comma_separated_type_string(recorder, recorded_client):
    await recorded_client.search.start("q", "track, show", include_external="audio")

    assert recorder.requests == [
        ("GET", "/search", {"q": "q", "type": "track,show", "include_external": "audio"}, None)
    ]


@pytest.mark.parametrize(
    ("query", "query_type", "kwargs", "problem"),
    [
        ("q", ["track"], {"limit": 51}, "limit"),
        ("q", ["track"], {"offset": 1001}, "offset"),
        ("q", ["tracks"], {}, "tracks"),
        ("q", [], {}, "type"),
        ("q", None, {}, "type"),
        ("", ["track"], {}, "query"),
        ("q", ["track"], {"q": "other"}, "'q'"),
        ("q", ["track"], {"type": "album"}, "'type'"),
        ("q", ["track"], {"include_external": "video"}, "include_external"),
    ],
)
async def test_start_refuses_bad_input_before_sending(
    recorder, recorded_client, query, query_type, kwargs, problem
):
    with pytest.raises(InvalidInputError, match=problem):
        await recorded_client.search.start(query, query_type, **kwargs)

    assert recorder.requests == []


async def test_limit_follows_the_apps_mode(recorder, make_recorded_client):
    """Spotify's 2026 limit (10 at most) binds development-mode apps; extended quota keeps 50."""
    extended = await make_recorded_client()
    development = await make_recorded_client(app_mode="development")

    await extended.search.start("q", ["track"], limit=50)
    with pytest.raises(InvalidInputError, match=r"limit=11 is out of range; expected .* 1 to 10"):
        await development.search.start("q", ["track"], limit=11)
    with pytest.raises(InvalidInputError, match=r"limit=51 is out of range; expected .* 1 to 50"):
        await extended.search.start("q", ["track"], limit=51)

    sent = {"q": "q", "type": "track", "limit": "50"}
    assert recorder.requests == [("GET", "/search", sent, None)]


# -- against the emulator --------------------------------------------------------------------


async def test_search_against_the_emulator(spotify_emulator, spotify_client):
    name = spotify_emulator.world.catalog.records.track(7).name

    result = await spotify_client.search.start(name, ["track", "artist"], limit=10)

    assert set(result) == {"tracks", "artists"}
    assert result["tracks"]["limit"] == 10
    assert name in [track["name"] for track in result["tracks"]["items"]]


async def test_search_results_page_up_to_spotifys_largest_offset(spotify_emulator, spotify_client):
    result = await spotify_client.search.start("a", "track", limit=10)
    total = result["tracks"]["total"]

    tracks = await spotify_client.fetch_all(result["tracks"])

    reachable = min(total, 1010)
    assert len(tracks) == reachable
    assert len({track["id"] for track in tracks}) == reachable
    # after the first page of 10, pages of 50: the largest an extended-quota app may ask for
    pages = 1 + -(-(reachable - 10) // 50)
    assert requests_of(spotify_emulator) == {"GET /v1/search": {"200": pages}}


async def test_a_very_long_query_is_refused_with_its_length(recorder, recorded_client):
    with pytest.raises(InvalidInputError) as caught:
        await recorded_client.search.start("la " * 5000, ["track"])

    assert caught.value.text == (
        "the search query has 15000 characters; at most 1000 are sent (it starts "
        "'la la la la la la la la la la la la la l')"
    )
    assert recorder.requests == []
