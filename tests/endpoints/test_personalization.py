"""``client.personalization``: the user's top artists and tracks."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError
from tests.endpoints.emulated import requests_of

PAGE = {"items": [{"id": "x"}], "total": 1, "limit": 20, "offset": 0, "next": None}


@pytest.mark.parametrize("kind", ["artists", "tracks"])
async def test_get_top_keeps_the_asyncspotify_form(recorder, recorded_client, kind):
    recorder.respond(200, PAGE)

    result = await recorded_client.personalization.get_top(kind, time_range="short_term", limit=50)

    assert result == PAGE
    assert recorder.requests == [
        ("GET", f"/me/top/{kind}", {"time_range": "short_term", "limit": "50"}, None)
    ]


async def test_get_top_artists(recorder, recorded_client):
    recorder.respond(200, PAGE)

    assert await recorded_client.personalization.get_top_artists(offset=3) == PAGE
    assert recorder.requests == [("GET", "/me/top/artists", {"offset": "3"}, None)]


async def test_get_top_tracks(recorder, recorded_client):
    recorder.respond(200, PAGE)

    assert await recorded_client.personalization.get_top_tracks() == PAGE
    assert recorder.requests == [("GET", "/me/top/tracks", {}, None)]


@pytest.mark.parametrize(
    ("content_type", "kwargs", "problem"),
    [
        ("albums", {}, "content_type"),
        ("artists", {"time_range": "forever"}, "time_range"),
        ("tracks", {"limit": 51}, "limit"),
    ],
)
async def test_get_top_refuses_bad_input(recorder, recorded_client, content_type, kwargs, problem):
    with pytest.raises(InvalidInputError, match=problem):
        await recorded_client.personalization.get_top(content_type, **kwargs)

    assert recorder.requests == []


# -- against the emulator --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["artists", "tracks"])
async def test_top_items_against_the_emulator(spotify_emulator, spotify_client, kind):
    specific = getattr(spotify_client.personalization, f"get_top_{kind}")

    first = await specific(time_range="short_term", limit=5)
    same = await spotify_client.personalization.get_top(kind, time_range="short_term", limit=5)
    everything = await spotify_client.fetch_all(first)

    assert same == first
    assert len(everything) == first["total"] > 5
    assert [item["id"] for item in everything[:5]] == [item["id"] for item in first["items"]]
    assert requests_of(spotify_emulator)[f"GET /v1/me/top/{kind}"] == {
        "200": 2 + -(-(first["total"] - 5) // 50)
    }
