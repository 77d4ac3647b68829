"""``rate_limit_budget=N`` against a server allowing N per rolling 30 s: never a 429."""

from __future__ import annotations

import asyncio

import pytest

from async_spotify.emulator import Emulator, EmulatorConfig
from tests.resilience.harness import EmulatedTime, issued_token, served, user_client

LIMIT = 10
CALLS = 25
RUNS = 20

pytestmark = pytest.mark.virtual_time


async def test_a_budget_equal_to_the_limit_never_meets_a_429() -> None:
    """Spotify counts a request when it arrives, somewhere between the client's send and the
    answer: the emulator's latency (0.05 to 0.55 s, a new draw in each run) puts every arrival
    after the send. A client counting from the send freed places before Spotify did (3-5
    429s in half the runs); counting from the answer never does."""
    for run in range(RUNS):
        config = EmulatorConfig(rate_limit=LIMIT, latency_ms=50, latency_jitter_ms=500, seed=run)
        async with Emulator(config) as emulator:
            time = EmulatedTime(emulator)
            client = user_client(
                emulator, time.policy(), issued_token(emulator), rate_limit_budget=LIMIT
            )
            async with client:
                handler = client.api_request_handler
                answers = await asyncio.gather(
                    *(handler.request("GET", "/me") for _ in range(CALLS))
                )
            assert len(answers) == CALLS
            assert emulator.stats()["rate_limited"] == 0, f"run {run}"
            assert served(emulator, "GET /v1/me") == {"200": CALLS}
