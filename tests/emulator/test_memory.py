"""A stopped emulator frees its world: a suite that starts hundreds of them stays small."""

from __future__ import annotations

import gc
import weakref

import aiohttp

from async_spotify.emulator import Emulator


async def test_a_stopped_emulator_lets_go_of_its_world() -> None:
    async with Emulator() as emulator, aiohttp.ClientSession() as http:
        token = emulator.issue_user_token()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        for path in ("/me", "/me/playlists", "/me/tracks"):  # routes through every middleware
            async with http.get(emulator.base_url + path, headers=headers) as answer:
                assert answer.status == 200
        world = weakref.ref(emulator.world)
    del emulator
    gc.collect()
    assert world() is None
