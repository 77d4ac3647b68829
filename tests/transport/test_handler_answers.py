"""The chokepoint turns every answer into data or a typed error (issue: foundation, item 5).

A scripted aiohttp server on loopback answers with exactly what each test asks for, and records
what the client sent. Retries are off here (``RetryPolicy.none()``): these tests pin down how one
answer maps to a result or an error; ``test_retry.py`` covers what the policy does with them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from async_spotify import (
    BadRequestError,
    ClientCredentialsFlow,
    ForbiddenError,
    InvalidResponseError,
    NotFoundError,
    RateLimitExceeded,
    ServerError,
    SpotifyApiClient,
    SpotifyAPIError,
    SpotifyAuthorisationToken,
    SpotifyBaseError,
    SpotifyConnectionError,
    SpotifyError,
    TokenExpired,
)
from async_spotify.transport.retry import RetryPolicy


@dataclass
class Script:
    """What the server answers next, and what it received."""

    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "application/json"
    received: list[dict[str, Any]] = field(default_factory=list)
    reset: bool = False


@pytest.fixture
async def script() -> AsyncIterator[tuple[Script, str]]:
    state = Script()

    async def answer(request: web.Request) -> web.StreamResponse:
        state.received.append(
            {
                "method": request.method,
                "path": request.path,
                "query": dict(request.query),
                "headers": dict(request.headers),
                "body": await request.read(),
            }
        )
        if state.reset:
            assert request.transport is not None
            request.transport.close()
            return web.Response()
        headers = dict(state.headers)
        if state.content_type:
            headers["Content-Type"] = state.content_type
        return web.Response(status=state.status, body=state.body, headers=headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield state, str(server.make_url("/v1"))
    finally:
        await server.close()


TOKEN = SpotifyAuthorisationToken(None, 1, "access-xyz", expires_in=10**10)


@pytest.fixture
async def client(script: tuple[Script, str]) -> AsyncIterator[SpotifyApiClient]:
    _, base_url = script
    api = SpotifyApiClient(
        ClientCredentialsFlow("id", "secret"), base_url=base_url, retry_policy=RetryPolicy.none()
    )
    await api.create_new_client(request_timeout=5)
    try:
        yield api
    finally:
        await api.close_client()


async def send(client: SpotifyApiClient, *args: Any, **kwargs: Any) -> Any:
    kwargs.setdefault("auth_token", TOKEN)
    return await client.api_request_handler.request(*args, **kwargs)


async def test_request_sent_as_spotify_reads_it(
    client: SpotifyApiClient, script: tuple[Script, str]
) -> None:
    state, _ = script
    state.body = b'{"id": "x", "n": [1, 2]}'
    query = {"ids": ["a", "b"], "state": False, "market": None, "limit": 3}
    result = await send(client, "PUT", "/me/player/shuffle", query=query, body={"k": [1]})
    assert result == {"id": "x", "n": [1, 2]}
    sent = state.received[-1]
    assert sent["method"] == "PUT"
    assert sent["path"] == "/v1/me/player/shuffle"
    assert sent["query"] == {"ids": "a,b", "state": "false", "limit": "3"}
    assert sent["headers"]["Authorization"] == "Bearer access-xyz"
    assert sent["headers"]["Content-Type"] == "application/json"
    assert sent["body"] == b'{"k":[1]}'
    assert query == {"ids": ["a", "b"], "state": False, "market": None, "limit": 3}


async def test_raw_body_is_sent_as_jpeg(
    client: SpotifyApiClient, script: tuple[Script, str]
) -> None:
    state, _ = script
    state.status, state.body, state.content_type = 202, b"", None
    assert await send(client, "PUT", "/playlists/p/images", body=b"/9j/4AAQ") == {}
    sent = state.received[-1]
    assert sent["headers"]["Content-Type"] == "image/jpeg"
    assert sent["body"] == b"/9j/4AAQ"


@pytest.mark.parametrize("status", [200, 202, 204])
async def test_empty_answer_is_an_empty_dict(
    client: SpotifyApiClient, script: tuple[Script, str], status: int
) -> None:
    state, _ = script
    state.status, state.body = status, b""
    assert await send(client, "GET", "/me/player") == {}


async def test_absolute_next_url_keeps_its_query(
    client: SpotifyApiClient, script: tuple[Script, str]
) -> None:
    state, base_url = script
    state.body = b'{"items": []}'
    assert await client.next(f"{base_url}/albums/x/tracks?offset=20&limit=20", TOKEN) == {
        "items": []
    }
    assert state.received[-1]["query"] == {"offset": "20", "limit": "20"}


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, BadRequestError),
        (401, TokenExpired),
        (403, ForbiddenError),
        (404, NotFoundError),
        (409, SpotifyAPIError),
        (500, ServerError),
        (503, ServerError),
    ],
)
async def test_spotify_error_bodies(
    client: SpotifyApiClient, script: tuple[Script, str], status: int, error_class: type
) -> None:
    state, _ = script
    state.status = status
    state.body = b'{"error": {"status": %d, "message": "Spotify says no", "reason": "UNKNOWN"}}' % (
        status
    )
    state.headers = {"X-Trace": "t1"}
    with pytest.raises(error_class) as caught:
        await send(client, "GET", "/albums/x")
    assert type(caught.value) is error_class
    error: Any = caught.value
    assert error.status == status
    assert error.reason == "UNKNOWN"
    assert error.text == "Spotify says no"
    assert error.headers["X-Trace"] == "t1"


async def test_html_5xx_page_keeps_the_status(
    client: SpotifyApiClient, script: tuple[Script, str]
) -> None:
    state, _ = script
    state.status, state.content_type = 502, "text/html"
    state.body = b"<html><body>Bad Gateway</body></html>"
    with pytest.raises(ServerError) as caught:
        await send(client, "GET", "/albums/x")
    assert caught.value.status == 502
    assert caught.value.get_json() == {
        "error": {"status": 502, "message": "GET /v1/albums/x answered HTTP 502"}
    }


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, 0.0), ("7", 7.0), ("2.5", 2.5), ("soon", 0.0), ("-3", 0.0)],
)
async def test_429_with_any_retry_after(
    client: SpotifyApiClient, script: tuple[Script, str], header: str | None, expected: float
) -> None:
    state, _ = script
    state.status, state.body = 429, b""
    state.headers = {"Retry-After": header} if header is not None else {}
    with pytest.raises(RateLimitExceeded) as caught:
        await send(client, "GET", "/albums/x")
    assert caught.value.retry_after == expected
    assert caught.value.status == 429


@pytest.mark.parametrize("body", [b"{not json", b'{"a": 1', b"<html>ok</html>"])
async def test_2xx_that_is_not_json(
    client: SpotifyApiClient, script: tuple[Script, str], body: bytes
) -> None:
    state, _ = script
    state.body = body
    with pytest.raises(InvalidResponseError) as caught:
        await send(client, "GET", "/albums/x")
    assert caught.value.status == 200
    assert "not JSON" in caught.value.text


async def test_connection_reset_is_wrapped(
    client: SpotifyApiClient, script: tuple[Script, str]
) -> None:
    state, _ = script
    state.reset = True
    with pytest.raises(SpotifyConnectionError) as caught:
        await send(client, "GET", "/albums/x")
    assert isinstance(caught.value, SpotifyBaseError)
    assert "GET /v1/albums/x" in caught.value.text


async def test_refused_connection_is_wrapped() -> None:
    api = SpotifyApiClient(
        ClientCredentialsFlow("id", "secret"),
        base_url="http://127.0.0.1:9/v1",
        retry_policy=RetryPolicy.none(),
    )
    async with api:
        with pytest.raises(SpotifyConnectionError):
            await send(api, "GET", "/albums/x")


async def test_closed_client_and_missing_token_send_nothing(
    client: SpotifyApiClient, script: tuple[Script, str]
) -> None:
    state, _ = script
    with pytest.raises(SpotifyError, match="hold_authentication"):
        await client.api_request_handler.request("GET", "/albums/x")
    with pytest.raises(SpotifyError, match="no access_token"):
        await send(client, "GET", "/albums/x", auth_token=SpotifyAuthorisationToken("r", 1, None))
    await client.close_client()
    with pytest.raises(SpotifyError, match="create_new_client"):
        await send(client, "GET", "/albums/x")
    assert state.received == []
