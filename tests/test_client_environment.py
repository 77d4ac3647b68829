"""``SPOTIFY_BASE_URL`` / ``SPOTIFY_ACCOUNTS_URL`` point a client built without URLs elsewhere.

The variables are set with ``monkeypatch.setenv`` (the process environment, not the library).
"""

from __future__ import annotations

import pytest

from async_spotify import ClientCredentialsFlow, SpotifyApiClient
from async_spotify.emulator import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Emulator

FLOW = ClientCredentialsFlow(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)


def test_without_variables_the_client_talks_to_spotify(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPOTIFY_BASE_URL", raising=False)
    monkeypatch.delenv("SPOTIFY_ACCOUNTS_URL", raising=False)
    client = SpotifyApiClient(FLOW)
    assert (client.base_url, client.accounts_url) == (
        "https://api.spotify.com/v1",
        "https://accounts.spotify.com",
    )


def test_explicit_urls_win_over_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPOTIFY_BASE_URL", "http://127.0.0.1:1/v1")
    monkeypatch.setenv("SPOTIFY_ACCOUNTS_URL", "http://127.0.0.1:1")
    client = SpotifyApiClient(
        FLOW, base_url="http://127.0.0.1:2/v1", accounts_url="http://127.0.0.1:2"
    )
    assert (client.base_url, client.accounts_url) == (
        "http://127.0.0.1:2/v1",
        "http://127.0.0.1:2",
    )


async def test_an_unchanged_app_runs_against_the_emulator(
    spotify_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPOTIFY_BASE_URL", spotify_emulator.base_url)
    monkeypatch.setenv("SPOTIFY_ACCOUNTS_URL", spotify_emulator.accounts_url)
    async with SpotifyApiClient(FLOW, hold_authentication=True) as client:
        assert client.base_url == spotify_emulator.base_url
        await client.get_auth_token_with_client_credentials()
        found = await client.search.start("midnight", ["album"], limit=1)
        album = await client.albums.get_one(found["albums"]["items"][0]["id"])
    assert album["id"] == found["albums"]["items"][0]["id"]
    stats = spotify_emulator.stats()
    assert stats["tokens"]["client_credentials"] == 1
    assert stats["requests"]["GET /v1/search"] == {"200": 1}
    assert stats["requests"]["GET /v1/albums/{id}"] == {"200": 1}
