"""``rate_limit_budget=N`` against a server allowing N per rolling 30 s: never a 429."""

from __future__ import annotations

import asyncio

from async_spotify.emulator import Emulator, EmulatorConfig
from tests.resilience.harness import EmulatedTime, issued_token, served, user_client

LIMIT = 10
CALLS = 25
RUNS = 20


async def test_a_budget_equal_to_the_limit_never_meets_a_429() -> None:
    """The emulator counts a request when it arrives, the client when it leaves: a request
    still on the wire when the window rolls on is counted later by the server than by the
    client. Here the clock moves while requests are in flight (no waiting for the traffic to
    settle), as it does for a real client on a slow link."""
    for run in range(RUNS):
        async with Emulator(EmulatorConfig(rate_limit=LIMIT)) as emulator:
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
