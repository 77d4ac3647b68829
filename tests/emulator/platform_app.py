"""The app the middleware tests serve: ``create_app`` plus test routes, and small HTTP helpers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import orjson
from aiohttp import web

from async_spotify.emulator import (
    Clock,
    EmulatorConfig,
    create_app,
)
from async_spotify.emulator.accounts.auth_context import get_auth
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
