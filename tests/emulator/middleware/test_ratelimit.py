"""Spotify's rolling-window rate limit and its run-time change."""

from __future__ import annotations

import aiohttp

from async_spotify.emulator import (
    EmulatorConfig,
)
from tests.emulator.platform_app import Serve, bearer, call, platform_app


async def test_rolling_window_and_retry_after(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app(EmulatorConfig(rate_limit=3))
    url = await serve_app(app)
    user = bearer(services.issue_user_token())
    app_token = bearer(services.issue_client_token())
    echo_url = url + "/v1/test/echo"

    assert [(await call(http, "GET", echo_url, headers=user))[0] for _ in range(2)] == [200, 200]
    services.clock.advance(10)
    # The client-credentials token belongs to the same app: same window.
    assert (await call(http, "GET", echo_url, headers=app_token))[0] == 200

    status, body, response = await call(http, "GET", echo_url, headers=user)
    assert (status, body) == (429, {"error": {"status": 429, "message": "API rate limit exceeded"}})
    assert response.headers["Retry-After"] == "20"

    # Requests that cannot be attributed to an app are not limited (and get their 401).
    assert (await call(http, "GET", echo_url, headers={"Authorization": "Bearer BQx"}))[0] == 401

    services.clock.advance(19)
    assert (await call(http, "GET", echo_url, headers=user))[2].headers["Retry-After"] == "1"
    services.clock.advance(1)
    # The two oldest requests left the window together.
    assert [(await call(http, "GET", echo_url, headers=user))[0] for _ in range(3)] == [
        200,
        200,
        429,
    ]
    assert services.stats.rate_limited == 3
    assert services.stats.snapshot()["requests"]["GET /v1/test/echo"]["429"] == 3


async def test_rate_limit_can_change_at_run_time(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    user = bearer(services.issue_user_token())
    services.rate_limiter.limit = 1
    assert (await call(http, "GET", url + "/v1/test/echo", headers=user))[0] == 200
    assert (await call(http, "GET", url + "/v1/test/echo", headers=user))[0] == 429
    services.rate_limiter.limit = None
    assert (await call(http, "GET", url + "/v1/test/echo", headers=user))[0] == 200
