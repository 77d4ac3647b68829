"""``client.personalization``: the user's top artists and tracks."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError

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
