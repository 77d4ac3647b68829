"""The emulator's rate limit over a window shorter than Spotify's 30 s (``rate_window``)."""

from __future__ import annotations

import aiohttp
import pytest

from async_spotify.emulator import Emulator, EmulatorConfig


async def test_a_3_second_window_refuses_then_admits_after_it_rolls_on() -> None:
    async with (
        Emulator(EmulatorConfig(rate_limit=2, rate_window=3.0)) as emulator,
        aiohttp.ClientSession() as http,
    ):
        token = emulator.issue_user_token()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        statuses: list[int] = []
        retry_after: list[str | None] = []

        async def me() -> None:
            async with http.get(emulator.base_url + "/me", headers=headers) as response:
                statuses.append(response.status)
                retry_after.append(response.headers.get("Retry-After"))

        await me()
        emulator.clock.advance(1.0)
        await me()
        await me()  # the third within 3 s: refused until the first leaves the window
        assert statuses == [200, 200, 429]
        assert retry_after[2] == "2"
        emulator.clock.advance(2.0)
        await me()
        assert statuses[3] == 200
        assert emulator.stats()["rate_limited"] == 1


async def test_the_rate_limit_changes_at_run_time_and_is_at_least_one() -> None:
    async with (
        Emulator(EmulatorConfig(rate_limit=5)) as emulator,
        aiohttp.ClientSession() as http,
    ):
        headers = {"Authorization": f"Bearer {emulator.issue_user_token()['access_token']}"}
        assert emulator.rate_limit == 5
        with pytest.raises(ValueError, match="rate_limit must be at least 1 or None"):
            emulator.rate_limit = 0
        assert emulator.rate_limit == 5
        emulator.rate_limit = 1
        statuses = []
        for _ in range(2):
            async with http.get(emulator.base_url + "/me", headers=headers) as response:
                statuses.append(response.status)
        assert statuses == [200, 429]
        emulator.rate_limit = None  # off: no window at all
        async with http.get(emulator.base_url + "/me", headers=headers) as response:
            assert response.status == 200
