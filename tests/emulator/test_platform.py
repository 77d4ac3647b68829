"""The middleware stack over real HTTP: bearer auth, routing errors, emulator bugs, ETags, stats,
rate limit, latency and the admin routes. Test routes are added to a ``create_app`` app."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest
import yaml
from aiohttp import web

from async_spotify.emulator import (
    ALL_SCOPES,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    Clock,
    EmulatorConfig,
    create_app,
)
from async_spotify.emulator.auth_context import get_auth
from async_spotify.emulator.errors import ApiError
from async_spotify.emulator.services import SERVICES_KEY, Services

REPO_ROOT = Path(__file__).resolve().parents[2]
Serve = Callable[[web.Application], Awaitable[str]]
WRITES = web.AppKey("writes", list)


async def echo(request: web.Request) -> web.Response:
    auth = get_auth(request)
    body = {"user": auth.user_id, "grant": auth.grant, "scopes": sorted(auth.scopes)}
    return web.Response(body=orjson.dumps(body), content_type="application/json")


async def crash(request: web.Request) -> web.Response:
    raise RuntimeError("a bug in a handler")


async def client_hung_up(request: web.Request) -> web.Response:
    assert request.transport is not None
    request.transport.close()  # as if the client went away while its body was being read
    raise ConnectionResetError("Connection lost")


async def forbidden(request: web.Request) -> web.Response:
    raise ApiError(403, "Forbidden")


async def no_device(request: web.Request) -> web.Response:
    raise ApiError(404, "Player command failed: No active device found", reason="NO_ACTIVE_DEVICE")


async def aiohttp_error(request: web.Request) -> web.Response:
    raise web.HTTPBadRequest()


async def moved(request: web.Request) -> web.Response:
    raise web.HTTPFound("/v1/test/echo")


async def text(request: web.Request) -> web.Response:
    return web.Response(text="plain")


async def write(request: web.Request) -> web.Response:
    writes = request.app[WRITES]
    writes.append(await request.read())
    return web.Response(
        status=201,
        body=orjson.dumps({"snapshot_id": str(len(writes))}),
        content_type="application/json",
    )


def platform_app(config: EmulatorConfig | None = None) -> tuple[web.Application, Services]:
    app = create_app(config or EmulatorConfig(), Clock())
    app[WRITES] = []
    for path, handler in [
        ("/v1/test/echo", echo),
        ("/v1/test/crash", crash),
        ("/v1/test/forbidden", forbidden),
        ("/v1/test/no-device", no_device),
        ("/v1/test/aiohttp-error", aiohttp_error),
        ("/v1/test/text", text),
        ("/v1/test/moved", moved),
    ]:
        app.router.add_get(path, handler)
    app.router.add_post("/v1/test/write", write)
    app.router.add_post("/v1/test/hang-up", client_hung_up)
    return app, app[SERVICES_KEY]


async def call(
    http: aiohttp.ClientSession, method: str, url: str, **kwargs: Any
) -> tuple[int, Any, aiohttp.ClientResponse]:
    async with http.request(method, url, **kwargs) as response:
        raw = await response.read()
        body = orjson.loads(raw) if raw and response.content_type == "application/json" else raw
        return response.status, body, response


def bearer(token: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token['access_token']}"}


# -- bearer auth ----------------------------------------------------------------------------------


async def test_a_user_token_reaches_the_handler_with_its_auth_context(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    token = services.issue_user_token(["user-top-read", "streaming"], user_id="zoe")
    status, body, _ = await call(http, "GET", url + "/v1/test/echo", headers=bearer(token))
    assert (status, body) == (
        200,
        {"user": "zoe", "grant": "authorization_code", "scopes": ["streaming", "user-top-read"]},
    )
    client = services.issue_client_token()
    status, body, _ = await call(http, "GET", url + "/v1/test/echo", headers=bearer(client))
    assert body == {"user": None, "grant": "client_credentials", "scopes": []}


@pytest.mark.parametrize(
    ("headers", "status", "message", "challenge"),
    [
        ({}, 401, "No token provided", 'Bearer realm="spotify"'),
        (
            {"Authorization": "Bearer BQunknown"},
            401,
            "Invalid access token",
            'Bearer realm="spotify"',
        ),
        (
            {"Authorization": "Basic abc"},
            400,
            "Only valid bearer authentication supported",
            'Bearer realm="spotify", error="invalid_request", '
            'error_description="Only valid bearer authentication supported"',
        ),
        (
            {"Authorization": "Bearer"},
            400,
            "Only valid bearer authentication supported",
            'Bearer realm="spotify", error="invalid_request", '
            'error_description="Only valid bearer authentication supported"',
        ),
        (
            {"Authorization": "Bearer a b"},
            400,
            "Only valid bearer authentication supported",
            'Bearer realm="spotify", error="invalid_request", '
            'error_description="Only valid bearer authentication supported"',
        ),
    ],
)
async def test_bearer_errors(
    http: aiohttp.ClientSession,
    serve_app: Serve,
    headers: dict[str, str],
    status: int,
    message: str,
    challenge: str,
) -> None:
    app, _ = platform_app()
    url = await serve_app(app)
    got_status, body, response = await call(http, "GET", url + "/v1/test/echo", headers=headers)
    assert (got_status, body) == (status, {"error": {"status": status, "message": message}})
    assert response.headers["WWW-Authenticate"] == challenge


async def test_the_accounts_service_and_admin_need_no_bearer(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, _ = platform_app()
    url = await serve_app(app)
    assert (await call(http, "GET", url + "/_emulator/stats"))[0] == 200
    assert (await call(http, "GET", url + "/authorize"))[0] == 400


# -- handler and routing errors -------------------------------------------------------------------


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


# -- ETag -----------------------------------------------------------------------------------------


async def test_etag_and_if_none_match(http: aiohttp.ClientSession, serve_app: Serve) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    auth = bearer(services.issue_user_token(["streaming"]))

    status, body, response = await call(http, "GET", url + "/v1/test/echo", headers=auth)
    etag = response.headers["ETag"]
    assert status == 200
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 34
    assert response.headers["Cache-Control"] == "private, max-age=0"

    for if_none_match in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        status, raw, response = await call(
            http, "GET", url + "/v1/test/echo", headers=auth | {"If-None-Match": if_none_match}
        )
        assert (status, raw) == (304, b"")
        assert response.headers["ETag"] == etag

    status, body, response = await call(
        http, "GET", url + "/v1/test/echo", headers=auth | {"If-None-Match": '"stale"'}
    )
    assert status == 200
    assert body["scopes"] == ["streaming"]

    # A different representation has a different ETag.
    other = bearer(services.issue_user_token(["user-top-read"]))
    assert (await call(http, "GET", url + "/v1/test/echo", headers=other))[2].headers[
        "ETag"
    ] != etag


async def test_no_etag_on_errors_writes_or_non_json(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app()
    url = await serve_app(app)
    auth = bearer(services.issue_user_token())
    for method, path in [
        ("GET", "/v1/test/forbidden"),
        ("POST", "/v1/test/write"),
        ("GET", "/v1/test/text"),
    ]:
        response = (await call(http, method, url + path, headers=auth))[2]
        assert "ETag" not in response.headers
        assert "Cache-Control" not in response.headers


# -- stats ----------------------------------------------------------------------------------------


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


# -- rate limit -----------------------------------------------------------------------------------


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


# -- latency --------------------------------------------------------------------------------------


async def test_latency_delays_requests_and_can_change_at_run_time(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    app, services = platform_app(EmulatorConfig(latency_ms=60))
    url = await serve_app(app)
    auth = bearer(services.issue_user_token())
    started = time.perf_counter()
    await call(http, "GET", url + "/v1/test/echo", headers=auth)
    assert time.perf_counter() - started >= 0.06

    status, body, _ = await call(http, "POST", url + "/_emulator/latency", json={"ms": 0})
    assert (status, body) == (200, {"ms": 0.0, "jitter_ms": 0.0})
    assert (await call(http, "GET", url + "/_emulator/latency"))[1] == {"ms": 0.0, "jitter_ms": 0.0}
    assert (services.latency.ms, services.latency.jitter_ms) == (0.0, 0.0)


def test_latency_jitter_is_seeded() -> None:
    from async_spotify.emulator.latency import Latency

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


# -- admin ----------------------------------------------------------------------------------------


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


# -- config ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mode": "sandbox"}, "mode must be 'extended' or 'development'"),
        ({"client_id": "ABC"}, "client_id must be 32 lowercase hex characters"),
        ({"client_secret": "s3cr3t-value"}, "client_secret must be 32 lowercase hex characters"),
        ({"redirect_uris": ()}, "redirect_uris must be a non-empty tuple"),
        ({"redirect_uris": "http://127.0.0.1/cb"}, "redirect_uris must be a non-empty tuple"),
        ({"redirect_uris": ("http://localhost:8888/cb",)}, "is insecure"),
        ({"redirect_uris": ("https://localhost/cb",)}, "is insecure"),
        ({"redirect_uris": ("http://example.com/cb",)}, "is insecure"),
        ({"redirect_uris": ("https://example.com/cb#x",)}, "must not have a fragment"),
        ({"redirect_uris": ("/relative",)}, "is not an absolute URI"),
        ({"redirect_uris": ("http://127.0.0.1:99999/cb",)}, "is not an absolute URI"),
        ({"access_token_ttl": 0}, "must be positive seconds"),
        ({"rate_limit": 0}, "rate_limit must be at least 1"),
        ({"latency_ms": -5}, "must not be negative"),
        ({"faults": ("502@0.1",)}, "faults must hold FaultRule objects"),
    ],
)
def test_config_validation(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        EmulatorConfig(**kwargs)
    assert "s3cr3t-value" not in str(raised.value)


def test_config_repr_hides_the_secret() -> None:
    config = EmulatorConfig(client_secret="0123456789abcdef0123456789abcdef")
    assert "0123456789abcdef0123456789abcdef" not in repr(config)
    assert config.client_id in repr(config)


def test_all_scopes_are_the_specs() -> None:
    spec = yaml.safe_load((REPO_ROOT / "spec" / "openapi.yml").read_text())
    flows = spec["components"]["securitySchemes"]["oauth_2_0"]["flows"]
    assert tuple(flows["authorizationCode"]["scopes"]) == ALL_SCOPES
