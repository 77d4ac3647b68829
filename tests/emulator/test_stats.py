"""The request counters tests assert on, keyed by route template and status."""

from __future__ import annotations

import aiohttp

from tests.emulator.platform_app import Serve, bearer, call, platform_app


async def test_stats_count_by_route_template_and_status(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    auth = bearer(services.issue_user_token())
    await call(http, "GET", url + "/v1/test/echo", headers=auth)
    await call(http, "GET", url + "/v1/test/echo", headers=auth)
    await call(http, "GET", url + "/v1/test/echo")
    await call(http, "GET", url + "/v1/test/forbidden", headers=auth)
    await call(http, "GET", url + "/v1/nothing/here", headers=auth)
    moved_status, _, moved_response = await call(
        http, "GET", url + "/v1/test/moved", headers=auth, allow_redirects=False
    )
    assert (moved_status, moved_response.headers["Location"]) == (302, "/v1/test/echo")
    await call(http, "POST", url + "/api/token", data={"grant_type": "client_credentials"})
    await call(http, "GET", url + "/_emulator/stats")

    status, stats, _ = await call(http, "GET", url + "/_emulator/stats")
    assert status == 200
    assert stats == {
        "requests": {
            "GET /v1/test/echo": {"200": 2, "401": 1},
            "GET /v1/test/forbidden": {"403": 1},
            "GET /v1/test/moved": {"302": 1},
            "GET (no route)": {"404": 1},
            "POST /api/token": {"400": 1},
        },
        "tokens": {"authorization_code": 0, "pkce": 0, "client_credentials": 0, "refresh_token": 0},
        "faults": {
            "status": 0,
            "rate_limit": 0,
            "reset": 0,
            "hang": 0,
            "truncated": 0,
            "invalid_json": 0,
            "applied_then_failed": 0,
        },
        "rate_limited": 0,
        "emulator_bugs": 0,
    }
    assert stats == services.stats.snapshot()

    assert (await call(http, "POST", url + "/_emulator/reset-stats"))[0] == 204
    assert services.stats.snapshot()["requests"] == {}
