"""``client.markets``."""

from __future__ import annotations

from tests.endpoints.emulated import requests_of


async def test_get_available(recorder, recorded_client):
    recorder.respond(200, {"markets": ["AD", "AE", "US"]})

    markets = await recorded_client.markets.get_available()

    assert markets == {"markets": ["AD", "AE", "US"]}
    assert recorder.requests == [("GET", "/markets", {}, None)]


async def test_get_available_against_the_emulator(spotify_emulator, spotify_client):
    markets = await spotify_client.markets.get_available()

    assert "US" in markets["markets"] and "DE" in markets["markets"]
    assert len(set(markets["markets"])) == len(markets["markets"]) > 150
    assert requests_of(spotify_emulator) == {"GET /v1/markets": {"200": 1}}
