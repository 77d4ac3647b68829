"""Fixtures: the scripted loopback server, a fake clock, and clients pointed at the server."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from async_spotify import ClientCredentialsFlow, SpotifyApiClient
from async_spotify.transport.retry import RetryPolicy
from tests.transport.scripted_server import FakeTime, Script

MakeClient = Callable[..., Awaitable[SpotifyApiClient]]


@pytest.fixture
async def server() -> AsyncIterator[tuple[Script, str]]:
    script = Script()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", script.handle)
    test_server = TestServer(app, host="127.0.0.1")
    await test_server.start_server()
    try:
        yield script, str(test_server.make_url("/v1"))
    finally:
        await test_server.close()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
async def make_client() -> AsyncIterator[MakeClient]:
    """Open clients (client-credentials flow) with a given policy; closed after the test."""
    clients: list[SpotifyApiClient] = []

    async def make(
        base_url: str, policy: RetryPolicy, *, request_timeout: float = 5, **options: Any
    ) -> SpotifyApiClient:
        client = SpotifyApiClient(
            ClientCredentialsFlow("id", "secret"),
            base_url=base_url,
            retry_policy=policy,
            **options,
        )
        await client.create_new_client(request_timeout=request_timeout)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close_client()
