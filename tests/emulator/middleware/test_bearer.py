"""Bearer-token authentication of Web API requests, over real HTTP."""

from __future__ import annotations

import aiohttp
import pytest

from tests.emulator.platform_app import Serve, bearer, call, platform_app


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
