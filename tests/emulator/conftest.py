"""Shared fixtures of the emulator tests (kept minimal: an HTTP session and an app server).

TEMPORARY, until emulator/world.py and emulator/webapi/ land: a stand-in World and a one-route
Web API (``GET /v1/me``) so the platform can be exercised; removed as soon as they exist.
"""

from __future__ import annotations

import sys
import types
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import orjson
import pytest
from aiohttp import web


def _install_stand_ins(*, world: bool, webapi: bool) -> None:
    class World:
        def __init__(self, *, seed: int, mode: str, clock: object) -> None:
            self.default_user_id = "emulator-user"
            self.users = {self.default_user_id}

        def ensure_user(self, user_id: str) -> None:
            self.users.add(user_id)

    async def me(request: web.Request) -> web.Response:
        from async_spotify.emulator.auth_context import get_auth

        body = orjson.dumps({"id": get_auth(request).user_id})
        return web.Response(body=body, content_type="application/json")

    def setup_web_api(app: web.Application, world: object) -> None:
        app.router.add_get("/v1/me", me)

    if world:
        world_module = types.ModuleType("async_spotify.emulator.world")
        world_module.World = World  # type: ignore[attr-defined]
        sys.modules["async_spotify.emulator.world"] = world_module
    if webapi:
        webapi_module = types.ModuleType("async_spotify.emulator.webapi")
        webapi_module.setup_web_api = setup_web_api  # type: ignore[attr-defined]
        sys.modules["async_spotify.emulator.webapi"] = webapi_module


REPO_ROOT = Path(__file__).resolve().parents[2]
_EMULATOR = REPO_ROOT / "src" / "async_spotify" / "emulator"
_install_stand_ins(
    world=not (_EMULATOR / "world.py").exists(),
    webapi=not (_EMULATOR / "webapi" / "__init__.py").exists(),
)


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """A plain client session (callers pass ``allow_redirects=False`` to inspect redirects)."""
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def serve_app() -> AsyncIterator[Callable[[web.Application], Awaitable[str]]]:
    """Serve apps built with ``create_app`` (plus test routes) on loopback; their base URL."""
    runners: list[web.AppRunner] = []

    async def serve(app: web.Application) -> str:
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.1
        )
        await runner.setup()
        runners.append(runner)
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        host, port = runner.addresses[0][:2]
        return f"http://{host}:{port}"

    yield serve
    for runner in runners:
        await runner.cleanup()
