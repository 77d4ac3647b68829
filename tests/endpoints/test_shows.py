"""``client.shows``: the exact requests sent, the data returned, and the inputs refused."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError
from tests.endpoints.emulated import requests_of

SHOW = "38bS44xjbVVZ3No3ByF1dJ"


def show_ids(count: int) -> list[str]:
    return [f"show{n:018d}" for n in range(count)]


async def test_get_one(recorder, recorded_client):
    recorder.respond(200, {"id": SHOW, "name": "A show"})

    show = await recorded_client.shows.get_one(SHOW, market="ES")

    assert show == {"id": SHOW, "name": "A show"}
    assert recorder.requests == [("GET", f"/shows/{SHOW}", {"market": "ES"}, None)]


async def test_get_several_chunks_by_50(recorder, recorded_client):
    recorder.responder = lambda request: (
        200,
        {"shows": [{"id": i} for i in request.query["ids"].split(",")]},
    )
    wanted = show_ids(60)

    result = await recorded_client.shows.get_several(wanted)

    assert result == {"shows": [{"id": i} for i in wanted]}
    chunks = sorted(request.query["ids"].split(",") for request in recorder.requests)
    assert chunks == sorted([wanted[:50], wanted[50:]])
    assert set(recorder.calls) == {("GET", "/shows")}


async def test_get_several_in_development_mode(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.responder = lambda request: (200, {"id": request.path.rsplit("/", 1)[1]})

    result = await client.shows.get_several([f"spotify:show:{SHOW}"])

    assert result == {"shows": [{"id": SHOW}]}
    assert recorder.requests == [("GET", f"/shows/{SHOW}", {}, None)]


async def test_get_episodes(recorder, recorded_client):
    page = {"items": [{"id": "e1"}], "total": 30, "limit": 1, "offset": 5, "next": "n"}
    recorder.respond(200, page)

    result = await recorded_client.shows.get_episodes(SHOW, limit=1, offset=5)

    assert result == page
    assert recorder.requests == [
        ("GET", f"/shows/{SHOW}/episodes", {"limit": "1", "offset": "5"}, None)
    ]


async def test_get_episodes_refuses_a_negative_offset(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="offset"):
        await recorded_client.shows.get_episodes(SHOW, offset=-1)

    assert recorder.requests == []


# -- against the emulator --------------------------------------------------------------------


async def test_shows_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    record = catalog.records.show(1)
    wanted = [catalog.ids.encode("show", index) for index in range(3)]

    one = await spotify_client.shows.get_one(wanted[1])
    several = await spotify_client.shows.get_several(wanted)
    first = await spotify_client.shows.get_episodes(wanted[1], limit=50)
    episodes = await spotify_client.fetch_all(first)

    assert (one["id"], one["name"]) == (wanted[1], record.name)
    assert [show["id"] for show in several["shows"]] == wanted
    assert first["total"] == len(record.episodes)
    assert sorted(episode["id"] for episode in episodes) == sorted(
        catalog.ids.encode("episode", index) for index in record.episodes
    )


@pytest.mark.spotify_emulator(mode="development")
async def test_development_apps_read_one_show_at_a_time(spotify_emulator, make_emulator_client):
    client = await make_emulator_client(app_mode="development")
    wanted = [spotify_emulator.world.catalog.ids.encode("show", index) for index in range(2)]

    result = await client.shows.get_several(wanted)

    assert [show["id"] for show in result["shows"]] == wanted
    assert requests_of(spotify_emulator) == {"GET /v1/shows/{id}": {"200": 2}}
