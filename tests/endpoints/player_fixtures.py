"""Emulator fixtures for the user-data endpoint tests (library, follow, player, playlists).

Loaded with ``pytest_plugins = ["tests.endpoints.player_fixtures"]``. ``emulated(**config)``
starts an in-process emulator (``mode="development"``, ``seed=...``: EmulatorConfig keywords)
and returns it with a client holding a token with every scope of its default user (or of
``user_id=``, a new user with an empty library), told the emulator's mode (or ``app_mode=``);
``live`` is one such pair in extended-quota mode. Both are closed after the test.

These fixtures do not use the emulator's own pytest plugin, so that the tests run the same
whether the package (and with it the plugin's entry point) is installed or not.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any, NamedTuple

import pytest

from async_spotify import SpotifyApiClient
from async_spotify.emulator import Emulator, EmulatorConfig
from tests.endpoints.emulated import open_client


class Live(NamedTuple):
    """A running emulator and a client signed in as its default user."""

    emulator: Emulator
    client: SpotifyApiClient


@pytest.fixture
async def emulated() -> AsyncIterator[Callable[..., Awaitable[Live]]]:
    async with AsyncExitStack() as stack:

        async def start(
            *, user_id: str | None = None, app_mode: str | None = None, **config: Any
        ) -> Live:
            emulator = await stack.enter_async_context(Emulator(EmulatorConfig(**config)))
            client = await open_client(
                emulator, user_id=user_id, app_mode=app_mode or emulator.config.mode
            )
            stack.push_async_callback(client.close_client)
            return Live(emulator, client)

        yield start


@pytest.fixture
async def live(emulated: Callable[..., Awaitable[Live]]) -> Live:
    return await emulated()
