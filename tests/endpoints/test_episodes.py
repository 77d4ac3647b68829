"""``client.episodes``: the exact requests sent, the data returned, and the inputs refused."""

from __future__ import annotations

import pytest

from async_spotify import InvalidInputError
from tests.endpoints.emulated import requests_of

EPISODE = "512ojhOuo1ktJprKbVcKyQ"


def episode_ids(count: int) -> list[str]:
    return [f"episode{n:015d}" for n in range(count)]


async def test_get_one(recorder, recorded_client):
    recorder.respond(200, {"id": EPISODE, "name": "Ep"})

    episode = await recorded_client.episodes.get_one(
        f"https://open.spotify.com/episode/{EPISODE}", market="from_token"
    )

    assert episode == {"id": EPISODE, "name": "Ep"}
    assert recorder.requests == [("GET", f"/episodes/{EPISODE}", {"market": "from_token"}, None)]


async def test_get_one_refuses_a_show_uri(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="show"):
        await recorded_client.episodes.get_one(f"spotify:show:{EPISODE}")

    assert recorder.requests == []


async def test_get_multiple_chunks_by_50(recorder, recorded_client):
    recorder.responder = lambda request: (
        200,
        {"episodes": [{"id": i} for i in request.query["ids"].split(",")]},
    )
    wanted = episode_ids(120)

    result = await recorded_client.episodes.get_multiple(wanted, market="US")

    assert result == {"episodes": [{"id": i} for i in wanted]}
    chunks = sorted(request.query["ids"].split(",") for request in recorder.requests)
    assert chunks == sorted([wanted[:50], wanted[50:100], wanted[100:]])
    assert {request.query["market"] for request in recorder.requests} == {"US"}


async def test_get_multiple_accepts_one_string(recorder, recorded_client):
    recorder.respond(200, {"episodes": [{"id": EPISODE}]})

    result = await recorded_client.episodes.get_multiple(EPISODE)

    assert result == {"episodes": [{"id": EPISODE}]}
    assert recorder.requests == [("GET", "/episodes", {"ids": EPISODE}, None)]


async def test_get_multiple_refuses_a_non_string_item(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="int"):
        await recorded_client.episodes.get_multiple([EPISODE, 42])

    assert recorder.requests == []


async def test_get_multiple_in_development_mode(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.responder = lambda request: (200, {"id": request.path.rsplit("/", 1)[1]})

    result = await client.episodes.get_multiple(episode_ids(2), market="US")

    assert result == {"episodes": [{"id": i} for i in episode_ids(2)]}
    assert sorted(recorder.requests) == [
        ("GET", f"/episodes/{i}", {"market": "US"}, None) for i in episode_ids(2)
    ]


# -- against the emulator --------------------------------------------------------------------


async def test_episodes_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    wanted = [catalog.ids.encode("episode", index) for index in range(55)]

    one = await spotify_client.episodes.get_one(wanted[3], market="US")
    several = await spotify_client.episodes.get_multiple(wanted, market="US")

    assert (one["id"], one["name"]) == (wanted[3], catalog.records.episode(3).name)
    assert [episode["id"] for episode in several["episodes"]] == wanted
    assert requests_of(spotify_emulator) == {
        "GET /v1/episodes/{id}": {"200": 1},
        "GET /v1/episodes": {"200": 2},
    }


@pytest.mark.spotify_emulator(mode="development")
async def test_development_apps_read_one_episode_at_a_time(spotify_emulator, make_emulator_client):
    client = await make_emulator_client(app_mode="development")
    wanted = [spotify_emulator.world.catalog.ids.encode("episode", index) for index in range(2)]

    result = await client.episodes.get_multiple(wanted)

    assert [episode["id"] for episode in result["episodes"]] == wanted
    assert requests_of(spotify_emulator) == {"GET /v1/episodes/{id}": {"200": 2}}
