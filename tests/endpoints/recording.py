"""Fixtures for endpoint tests: a recording server that shows exactly what a method sent.

``recorder`` is a small aiohttp server on 127.0.0.1 that records every request (method, path
below ``/v1``, query, body) and answers what the test scripted:

- ``recorder.respond(status, body)`` queues one answer (a dict/list is sent as JSON, bytes as
  they are, ``None`` as an empty body);
- ``recorder.responder = fn`` answers whatever is not queued: ``fn(request) -> (status, body)``,
  plain or async (an async one can hold requests to observe how many are in flight);
- otherwise the answer is ``200 {}``.

``recorded_client`` is a :class:`SpotifyApiClient` pointed at it, holding a valid token;
``make_recorded_client(**options)`` builds more (``app_mode="development"``, ...).
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, NamedTuple

import orjson
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from async_spotify import ClientCredentialsFlow, SpotifyApiClient, SpotifyAuthorisationToken

ACCESS_TOKEN = "recorder-access-token"


class RecordedRequest(NamedTuple):
    """One request as the server received it; ``path`` is below the base URL (``/albums/x``)."""

    method: str
    path: str
    query: dict[str, str]
    body: Any  # the decoded JSON, the raw bytes of another body, or None when there was none


Answer = tuple[int, Any]
Responder = Callable[[RecordedRequest], Answer | Awaitable[Answer]]


class Recorder:
    """Records requests and answers them as scripted (see the module docstring)."""

    def __init__(self) -> None:
        self.base_url = ""
        self.requests: list[RecordedRequest] = []
        self.headers: list[dict[str, str]] = []
        self.responder: Responder | None = None
        self._answers: deque[tuple[int, Any, dict[str, str]]] = deque()

    def respond(
        self, status: int = 200, body: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        """Queue one answer."""
        self._answers.append((status, body, dict(headers or {})))

    @property
    def calls(self) -> list[tuple[str, str]]:
        """``(method, path)`` of every request, in arrival order."""
        return [(request.method, request.path) for request in self.requests]

    async def handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        body: Any = None
        if raw:
            body = orjson.loads(raw) if request.content_type == "application/json" else raw
        query: dict[str, str] = {}
        for name, value in request.query.items():
            assert name not in query, f"query parameter {name!r} sent twice"
            query[name] = value
        path = request.path.removeprefix("/v1")
        recorded = RecordedRequest(request.method, path, query, body)
        self.requests.append(recorded)
        self.headers.append(dict(request.headers))
        if self._answers:
            status, answer, headers = self._answers.popleft()
        elif self.responder is not None:
            result = self.responder(recorded)
            status, answer = await result if inspect.isawaitable(result) else result
            headers = {}
        else:
            status, answer, headers = 200, {}, {}
        if answer is None:
            return web.Response(status=status, headers=headers)
        if isinstance(answer, bytes):
            return web.Response(status=status, body=answer, headers=headers)
        return web.Response(
            status=status,
            body=orjson.dumps(answer),
            content_type="application/json",
            headers=headers,
        )


@pytest.fixture
async def recorder() -> AsyncIterator[Recorder]:
    state = Recorder()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", state.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    state.base_url = str(server.make_url("/v1"))
    try:
        yield state
    finally:
        await server.close()


def valid_token() -> SpotifyAuthorisationToken:
    return SpotifyAuthorisationToken(None, int(time.time()), ACCESS_TOKEN, expires_in=10**9)


@pytest.fixture
async def make_recorded_client(
    recorder: Recorder,
) -> AsyncIterator[Callable[..., Awaitable[SpotifyApiClient]]]:
    clients: list[SpotifyApiClient] = []

    async def make(**options: Any) -> SpotifyApiClient:
        client = SpotifyApiClient(
            ClientCredentialsFlow("recorder-client-id", "recorder-client-secret"),
            hold_authentication=True,
            spotify_authorisation_token=valid_token(),
            base_url=recorder.base_url,
            **options,
        )
        await client.create_new_client()
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close_client()


@pytest.fixture
async def recorded_client(
    make_recorded_client: Callable[..., Awaitable[SpotifyApiClient]],
) -> SpotifyApiClient:
    return await make_recorded_client()


#: Coroutines that send, or will send, a request of the client.
_CLIENT_SENDERS = frozenset({"ApiRequestHandler.request", "gather_bounded.<locals>.run"})


def client_requests_in_flight() -> list[asyncio.Task[Any]]:
    """The tasks still sending (or waiting to send) a request of the client."""

    def sends(awaitable: Any) -> bool:
        while awaitable is not None:
            code = getattr(awaitable, "cr_code", None)
            if code is not None and code.co_qualname in _CLIENT_SENDERS:
                return True
            awaitable = getattr(awaitable, "cr_await", None)
        return False

    return [task for task in asyncio.all_tasks() if not task.done() and sends(task.get_coro())]
