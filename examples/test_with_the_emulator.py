"""A pytest file for your own app, tested offline with the emulator's fixtures.

Copy it into your tests: installing async-spotify registers the ``spotify_emulator`` and
``spotify_client`` fixtures (they need pytest-asyncio). Run it with ``pytest -p asyncio``.
"""

from __future__ import annotations

from typing import Any

import pytest

from async_spotify import SpotifyApiClient
from async_spotify.emulator import Emulator

pytestmark = pytest.mark.asyncio


async def newest_saved_album(client: SpotifyApiClient) -> dict[str, Any]:
    """The app under test: the album the user saved last."""
    page = await client.library.get_albums(limit=1)
    return page["items"][0]["album"]


async def test_reads_the_newest_saved_album(
    spotify_client: SpotifyApiClient, spotify_emulator: Emulator
) -> None:
    album = await newest_saved_album(spotify_client)
    assert album["type"] == "album"
    # Assert what the app sent, not only what it got back.
    assert spotify_emulator.stats()["requests"]["GET /v1/me/albums"] == {"200": 1}


async def test_survives_an_expired_token(
    spotify_client: SpotifyApiClient, spotify_emulator: Emulator
) -> None:
    spotify_emulator.clock.advance(3600)  # the token is now expired: no sleeping
    album = await newest_saved_album(spotify_client)
    assert album["id"]
    assert spotify_emulator.stats()["tokens"]["refresh_token"] == 1


@pytest.mark.spotify_emulator(faults="503*1:GET /v1/me/albums")
async def test_retries_a_failed_read(
    spotify_client: SpotifyApiClient, spotify_emulator: Emulator
) -> None:
    await newest_saved_album(spotify_client)
    assert spotify_emulator.stats()["requests"]["GET /v1/me/albums"] == {"503": 1, "200": 1}
