"""Simulated latency, its seeded jitter and its admin route."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from async_spotify.emulator import (
    EmulatorConfig,
)
from tests.emulator.platform_app import Serve, bearer, call, platform_app


@pytest.mark.virtual_time  # the delay is measured exactly, on virtual time
async def test_latency_delays_requests_and_can_change_at_run_time(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app(EmulatorConfig(latency_ms=60))
    url = await serve_app(app)
    auth = bearer(services.issue_user_token())
    loop = asyncio.get_running_loop()
    started = loop.time()
    await call(http, "GET", url + "/v1/test/echo", headers=auth)
    assert loop.time() - started == pytest.approx(0.06)

    status, body, _ = await call(http, "POST", url + "/_emulator/latency", json={"ms": 0})
    assert (status, body) == (200, {"ms": 0.0, "jitter_ms": 0.0})
    assert (await call(http, "GET", url + "/_emulator/latency"))[1] == {"ms": 0.0, "jitter_ms": 0.0}
    assert (services.latency.ms, services.latency.jitter_ms) == (0.0, 0.0)
    started = loop.time()
    await call(http, "GET", url + "/v1/test/echo", headers=auth)
    assert loop.time() == started


def test_latency_jitter_is_seeded() -> None:
    from async_spotify.emulator.middleware.latency import Latency

    first = Latency(seed=7, ms=10, jitter_ms=5)
    second = Latency(seed=7, ms=10, jitter_ms=5)
    delays = [first.next_delay() for _ in range(5)]
    assert delays == [second.next_delay() for _ in range(5)]
    assert all(0.010 <= delay <= 0.015 for delay in delays)
    assert len(set(delays)) == 5


@pytest.mark.parametrize("body", [{"ms": -1}, {"ms": "fast"}, {"jitter_ms": True}, [1]])
async def test_latency_admin_validates(
    http: aiohttp.ClientSession, serve_app: Serve, body: object
) -> None:
    app, _ = platform_app()
    url = await serve_app(app)
    status, error, _ = await call(http, "POST", url + "/_emulator/latency", json=body)
    assert (status, error) == (
        400,
        {
            "error": {
                "status": 400,
                "message": 'Expected {"ms": number, "jitter_ms": number}, both >= 0',
            }
        },
    )
