"""The ``/_emulator`` admin routes: the clock, tokens and revocation."""

from __future__ import annotations

import aiohttp

from async_spotify.emulator import (
    ALL_SCOPES,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
)
from tests.emulator.platform_app import Serve, bearer, call, platform_app


async def test_admin_time_moves_the_clock(http: aiohttp.ClientSession, serve_app: Serve) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    auth = bearer(services.issue_user_token())
    services.clock.freeze()
    before = services.clock.now()
    status, body, _ = await call(http, "POST", url + "/_emulator/time", json={"advance": 3600})
    assert status == 200
    assert body["now"] == before + 3600
    assert (await call(http, "GET", url + "/v1/test/echo", headers=auth))[1] == {
        "error": {"status": 401, "message": "The access token expired"}
    }
    for bad in ({"advance": -1}, {"advance": "1h"}, {}, None):
        status, error, _ = await call(http, "POST", url + "/_emulator/time", json=bad)
        assert (status, error["error"]["message"]) == (
            400,
            'Expected {"advance": seconds}, seconds >= 0',
        )
    status, error, _ = await call(http, "POST", url + "/_emulator/time", data=b"{not json")
    assert (status, error) == (400, {"error": {"status": 400, "message": "Malformed json"}})


async def test_admin_tokens_and_revocation(http: aiohttp.ClientSession, serve_app: Serve) -> None:
    app, _ = platform_app()
    url = await serve_app(app)
    status, token, _ = await call(
        http,
        "POST",
        url + "/_emulator/user-token",
        json={"scopes": ["user-top-read"], "user_id": "yan", "pkce": True},
    )
    assert status == 200
    assert set(token) == {"access_token", "token_type", "expires_in", "scope", "refresh_token"}
    assert (await call(http, "GET", url + "/v1/test/echo", headers=bearer(token)))[1] == {
        "user": "yan",
        "grant": "pkce",
        "scopes": ["user-top-read"],
    }
    status, default, _ = await call(http, "POST", url + "/_emulator/user-token")
    assert default["scope"] == " ".join(ALL_SCOPES)
    status, client, _ = await call(http, "POST", url + "/_emulator/client-token")
    assert set(client) == {"access_token", "token_type", "expires_in"}
    status, error, _ = await call(
        http, "POST", url + "/_emulator/user-token", json={"scopes": ["nope"]}
    )
    assert (status, error) == (
        400,
        {"error": {"status": 400, "message": "unknown scopes ['nope']"}},
    )
    status, error, _ = await call(http, "POST", url + "/_emulator/user-token", json={"pkce": 1})
    assert status == 400

    assert (await call(http, "POST", url + "/_emulator/revoke-refresh-tokens"))[0] == 204
    status, body, _ = await call(
        http,
        "POST",
        url + "/api/token",
        data={"grant_type": "refresh_token", "refresh_token": default["refresh_token"]},
        headers={
            "Authorization": aiohttp.encode_basic_auth(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
        },
    )
    assert (status, body) == (
        400,
        {"error": "invalid_grant", "error_description": "Refresh token revoked"},
    )
