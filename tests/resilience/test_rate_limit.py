"""429s against the emulator's rolling 30-second window: shared pauses, the client budget, the cap.

The emulator answers 429 with ``Retry-After`` = the seconds until its oldest request leaves the
window. The client waits on virtual time (:class:`EmulatedTime`): the clock moves only once the
requests in flight are answered, and moves the emulator's clock with it, so the emulator sees
exactly the traffic a real wait would give.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from async_spotify import RateLimitExceeded, SpotifyApiClient
from async_spotify.emulator import Emulator, EmulatorConfig, FaultRule
from tests.resilience.harness import EmulatedTime, Traffic, issued_token, served, user_client

pytestmark = pytest.mark.virtual_time

LIMIT = 20
BURST = 64


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig(rate_limit=LIMIT)) as running:
        yield running


@pytest.fixture
async def traffic() -> AsyncIterator[Traffic]:
    watched = Traffic()
    yield watched
    await watched.close()


async def burst(client: SpotifyApiClient, count: int = BURST) -> list[Any]:
    handler = client.api_request_handler
    return list(await asyncio.gather(*(handler.request("GET", "/me") for _ in range(count))))


async def test_a_burst_over_the_limit_pauses_once_and_learns_the_budget(
    emulator: Emulator, traffic: Traffic
) -> None:
    time = EmulatedTime(emulator)
    client = user_client(
        emulator, time.policy(max_attempts=5), issued_token(emulator), session=traffic.session
    )
    async with client:
        answers = await burst(client)
        # the budget learned from the 429: 95 % of the 20 requests Spotify accepted, grown a
        # little (additive increase) by the accepted requests it held back since
        limit = client.api_request_handler.rate_limit_gate.limit
        assert limit is not None
        assert 19 < limit < 20
    assert [answer["id"] for answer in answers] == [emulator.user_id] * BURST
    # 64 in flight: 20 pass, 44 are refused and wait out ONE pause together; their retries are
    # then paced to the learned budget (19 per window): no second wave of 429s
    assert served(emulator, "GET /v1/me") == {"200": BURST, "429": 44}
    assert emulator.stats()["rate_limited"] == 44
    assert time.sleeps == [30.0, 30.0, 30.0]  # one pause, then 19 + 19 + 6 a window apart
    assert traffic.sent == BURST + 44


async def test_a_budget_keeps_the_burst_under_the_limit(
    emulator: Emulator, traffic: Traffic
) -> None:
    time = EmulatedTime(emulator)
    client = user_client(
        emulator,
        time.policy(),
        issued_token(emulator),
        session=traffic.session,
        rate_limit_budget=LIMIT,
    )
    async with client:
        answers = await burst(client)
    assert len(answers) == BURST
    assert served(emulator, "GET /v1/me") == {"200": BURST}
    assert emulator.stats()["rate_limited"] == 0
    assert time.sleeps == [30.0, 30.0, 30.0]  # 20 + 20 + 20 + 4, each batch a window later


async def test_retry_after_beyond_the_cap_is_raised_with_its_value(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    emulator.faults.script([FaultRule("rate_limit", route="GET /v1/me", retry_after=3600)])
    client = user_client(emulator, time.policy(max_retry_after=60), issued_token(emulator))
    async with client:
        with pytest.raises(RateLimitExceeded) as caught:
            await client.api_request_handler.request("GET", "/me")
    assert caught.value.retry_after == 3600.0
    assert caught.value.status == 429
    assert caught.value.text == "API rate limit exceeded"
    assert time.sleeps == []
    assert served(emulator, "GET /v1/me") == {"429": 1}


async def test_a_short_429_burst_is_waited_out(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    emulator.rate_limit = None
    emulator.faults.script([FaultRule("rate_limit", route="GET /v1/me", retry_after=2, count=3)])
    async with user_client(emulator, time.policy(), issued_token(emulator)) as client:
        answer = await client.api_request_handler.request("GET", "/me")
    assert answer["id"] == emulator.user_id
    assert time.sleeps == [2.0, 2.0, 2.0]
    assert served(emulator, "GET /v1/me") == {"429": 3, "200": 1}
