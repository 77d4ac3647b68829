"""Fixtures for endpoint tests against the built-in emulator, end to end over loopback.

``spotify_emulator`` and ``spotify_client`` come from the emulator's pytest plugin (configure
the emulator with ``@pytest.mark.spotify_emulator(mode="development")``);
``make_emulator_client(**options)`` builds a client with other options (``app_mode=...``) for
the emulator's default user, holding a token with every scope.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from async_spotify import AuthorizationCodeFlow, SpotifyApiClient, SpotifyAuthorisationToken
from async_spotify.emulator import ALL_SCOPES, Emulator


async def open_client(
    emulator: Emulator, *, user_id: str | None = None, **options: Any
) -> SpotifyApiClient:
    """A client with an open session for the emulator's app, holding a token with every scope
    of ``user_id`` (the default user when None); ``options`` go to ``SpotifyApiClient``."""
    config = emulator.config
    client = SpotifyApiClient(
        AuthorizationCodeFlow(
            config.client_id, config.client_secret, list(ALL_SCOPES), config.redirect_uris[0]
        ),
        hold_authentication=True,
        spotify_authorisation_token=SpotifyAuthorisationToken.from_response(
            emulator.issue_user_token(user_id=user_id), now=emulator.clock.now()
        ),
        base_url=emulator.base_url,
        accounts_url=emulator.accounts_url,
        **options,
    )
    await client.create_new_client()
    return client


@pytest.fixture
async def make_emulator_client(
    spotify_emulator: Emulator,
) -> AsyncIterator[Callable[..., Awaitable[SpotifyApiClient]]]:
    clients: list[SpotifyApiClient] = []

    async def make(**options: Any) -> SpotifyApiClient:
        client = await open_client(spotify_emulator, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close_client()


def requests_of(emulator: Emulator) -> dict[str, dict[str, int]]:
    """The emulator's request counts, ``{"GET /v1/albums/{id}": {"200": 3}, ...}``."""
    requests: dict[str, dict[str, int]] = emulator.stats()["requests"]
    return requests
