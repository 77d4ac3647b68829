"""``client.track``: the exact requests sent, the data returned, and the inputs refused."""

from __future__ import annotations

import asyncio

import pytest

from async_spotify import ForbiddenError, InvalidInputError
from tests.endpoints.emulated import requests_of
from tests.endpoints.recording import client_requests_in_flight

TRACK = "6rqhFgbbKwnb9MLmUQDhG6"


def track_ids(count: int) -> list[str]:
    return [f"track{n:017d}" for n in range(count)]


async def test_get_one(recorder, recorded_client):
    recorder.respond(200, {"id": TRACK, "name": "Song"})

    track = await recorded_client.track.get_one(f"spotify:track:{TRACK}", market="JP")

    assert track == {"id": TRACK, "name": "Song"}
    assert recorder.requests == [("GET", f"/tracks/{TRACK}", {"market": "JP"}, None)]


async def test_get_one_refuses_an_episode(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="episode"):
        await recorded_client.track.get_one(f"https://open.spotify.com/episode/{TRACK}")

    assert recorder.requests == []


async def test_get_several_chunks_by_50_and_keeps_order(recorder, recorded_client):
    recorder.responder = lambda request: (
        200,
        {"tracks": [{"id": i} for i in request.query["ids"].split(",")]},
    )
    wanted = track_ids(101)

    result = await recorded_client.track.get_several(wanted, market="US")

    assert result == {"tracks": [{"id": i} for i in wanted]}
    assert sorted(len(r.query["ids"].split(",")) for r in recorder.requests) == [1, 50, 50]


async def test_get_several_in_development_mode(recorder, make_recorded_client):
    client = await make_recorded_client(app_mode="development")
    recorder.responder = lambda request: (200, {"id": request.path.rsplit("/", 1)[1]})

    result = await client.track.get_several(track_ids(3))

    assert result == {"tracks": [{"id": i} for i in track_ids(3)]}
    assert sorted(recorder.calls) == [("GET", f"/tracks/{i}") for i in track_ids(3)]


async def test_audio_analyze(recorder, recorded_client):
    recorder.respond(200, {"track": {"tempo": 120.0}})

    result = await recorded_client.track.audio_analyze(TRACK)

    assert result == {"track": {"tempo": 120.0}}
    assert recorder.requests == [("GET", f"/audio-analysis/{TRACK}", {}, None)]


async def test_audio_features(recorder, recorded_client):
    recorder.respond(200, {"id": TRACK, "energy": 0.8})

    result = await recorded_client.track.audio_features(TRACK)

    assert result == {"id": TRACK, "energy": 0.8}
    assert recorder.requests == [("GET", f"/audio-features/{TRACK}", {}, None)]


async def test_several_audio_features_chunks_by_100(recorder, recorded_client):
    recorder.responder = lambda request: (
        200,
        {"audio_features": [{"id": i} for i in request.query["ids"].split(",")]},
    )
    wanted = track_ids(150)

    result = await recorded_client.track.several_audio_features(wanted)

    assert result == {"audio_features": [{"id": i} for i in wanted]}
    assert sorted(len(r.query["ids"].split(",")) for r in recorder.requests) == [50, 100]
    assert set(recorder.calls) == {("GET", "/audio-features")}


async def test_several_audio_features_refuses_bad_ids(recorder, recorded_client):
    with pytest.raises(InvalidInputError, match="album"):
        await recorded_client.track.several_audio_features([TRACK, f"spotify:album:{TRACK}"])

    assert recorder.requests == []


# -- against the emulator --------------------------------------------------------------------


async def test_tracks_against_the_emulator(spotify_emulator, spotify_client):
    catalog = spotify_emulator.world.catalog
    wanted = [catalog.ids.encode("track", index) for index in range(120)]

    one = await spotify_client.track.get_one(f"spotify:track:{wanted[5]}")
    several = await spotify_client.track.get_several(wanted)
    features = await spotify_client.track.several_audio_features(wanted)
    single_features = await spotify_client.track.audio_features(wanted[5])
    analysis = await spotify_client.track.audio_analyze(wanted[5])

    assert (one["id"], one["name"]) == (wanted[5], catalog.records.track(5).name)
    assert [track["id"] for track in several["tracks"]] == wanted
    assert [feature["id"] for feature in features["audio_features"]] == wanted
    assert features["audio_features"][5] == single_features
    assert analysis["track"]["duration"] == catalog.records.track(5).duration_ms / 1000
    assert requests_of(spotify_emulator) == {
        "GET /v1/tracks/{id}": {"200": 1},
        "GET /v1/tracks": {"200": 3},
        "GET /v1/audio-features": {"200": 2},
        "GET /v1/audio-features/{id}": {"200": 1},
        "GET /v1/audio-analysis/{id}": {"200": 1},
    }


@pytest.mark.spotify_emulator(mode="development")
async def test_development_apps_read_one_track_at_a_time(spotify_emulator, make_emulator_client):
    client = await make_emulator_client(app_mode="development")
    wanted = [spotify_emulator.world.catalog.ids.encode("track", index) for index in range(4)]

    result = await client.track.get_several(wanted)

    assert [track["id"] for track in result["tracks"]] == wanted
    assert requests_of(spotify_emulator) == {"GET /v1/tracks/{id}": {"200": 4}}


async def test_a_failing_chunk_fails_the_call_and_cancels_the_others(recorder, recorded_client):
    release = asyncio.Event()

    async def answer(request):
        if request.query["ids"].startswith(track_ids(101)[50]):
            return 403, {"error": {"status": 403, "message": "Forbidden"}}
        await release.wait()  # the other chunks are still in flight when the call fails
        return 200, {"tracks": [{"id": i} for i in request.query["ids"].split(",")]}

    recorder.responder = answer

    with pytest.raises(ForbiddenError):
        await recorded_client.track.get_several(track_ids(101))

    assert client_requests_in_flight() == []
    assert len(recorder.requests) == 3
    release.set()
