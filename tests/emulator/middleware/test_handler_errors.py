"""Routing errors, handler errors and emulator bugs answered in Spotify's shape."""

from __future__ import annotations

import aiohttp
import pytest

from tests.emulator.platform_app import Serve, bearer, call, platform_app


async def test_api_errors_unknown_routes_wrong_methods_and_bugs(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    auth = bearer(services.issue_user_token())

    assert (await call(http, "GET", url + "/v1/test/forbidden", headers=auth))[:2] == (
        403,
        {"error": {"status": 403, "message": "Forbidden"}},
    )
    assert (await call(http, "GET", url + "/v1/test/no-device", headers=auth))[:2] == (
        404,
        {
            "error": {
                "status": 404,
                "message": "Player command failed: No active device found",
                "reason": "NO_ACTIVE_DEVICE",
            }
        },
    )
    assert (await call(http, "GET", url + "/v1/test/aiohttp-error", headers=auth))[:2] == (
        400,
        {"error": {"status": 400, "message": "Bad Request"}},
    )
    assert (await call(http, "GET", url + "/v1/no/such/thing", headers=auth))[:2] == (
        404,
        {"error": {"status": 404, "message": "Service not found"}},
    )
    status, body, response = await call(http, "DELETE", url + "/v1/test/echo", headers=auth)
    assert (status, body) == (405, {"error": {"status": 405, "message": "Method not allowed"}})
    assert response.headers["Allow"] == "GET,HEAD"
    assert services.stats.emulator_bugs == 0

    assert (await call(http, "GET", url + "/v1/test/crash", headers=auth))[:2] == (
        500,
        {"error": {"status": 500, "message": "Server error."}},
    )
    assert services.stats.emulator_bugs == 1


async def test_a_client_hanging_up_is_not_an_emulator_bug(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await call(
            http, "POST", url + "/v1/test/hang-up", headers=bearer(services.issue_user_token())
        )
    assert services.stats.emulator_bugs == 0
    assert services.stats.snapshot()["requests"] == {"POST /v1/test/hang-up": {"reset": 1}}
