"""Four worker processes, each with its own event loop and client, one emulator (in this
process), one real redis-server: the app's rate limit and a user's token shared between them.

The emulator's rate-limit window is a few seconds (``rate_window``) so each test runs in
seconds; what is asserted is what the emulator served (its stats), never how long it took.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest

from async_spotify import SpotifyAuthorisationToken
from async_spotify.emulator import ALL_SCOPES, Emulator, EmulatorConfig
from async_spotify.redis import RedisTokenStore
from tests.redis.server import RedisServer

WORKER = Path(__file__).with_name("worker.py")
WORKERS = 4


def job(emulator: Emulator, redis_url: str, **settings: Any) -> dict[str, Any]:
    config = emulator.config
    settings.setdefault("window", config.rate_window)
    return {
        "redis": redis_url,
        "client_id": config.client_id,
        "client_secret": config.client_secret,
        "redirect_uri": config.redirect_uris[0],
        "scopes": sorted(ALL_SCOPES),
        "base_url": emulator.base_url,
        "accounts_url": emulator.accounts_url,
        **settings,
    }


async def start(settings: dict[str, Any]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        str(WORKER),
        orjson.dumps(settings).decode(),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(WORKER.parents[2])},
    )


async def result(process: asyncio.subprocess.Process) -> dict[str, Any]:
    stdout, _ = await process.communicate()
    assert process.returncode == 0, stdout
    answer: dict[str, Any] = orjson.loads(stdout.splitlines()[-1])
    return answer


async def run_workers(settings: dict[str, Any], count: int = WORKERS) -> list[dict[str, Any]]:
    """``count`` workers started together (each waits until all are ready); their results."""
    processes = [await start({**settings, "barrier": True}) for _ in range(count)]
    for process in processes:
        assert process.stdout is not None
        assert (await process.stdout.readline()).strip() == b"ready"
    for process in processes:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        await process.stdin.drain()
    return [await result(process) for process in processes]


async def seed_token(
    emulator: Emulator, redis_url: str, *, age: float = 0.0, pkce: bool = False
) -> SpotifyAuthorisationToken:
    response = emulator.issue_user_token(pkce=pkce)
    token = SpotifyAuthorisationToken.from_response(response, now=emulator.clock.now() - age)
    async with RedisTokenStore(redis_url) as store:
        await store.save(token)
    return token


def served(emulator: Emulator, route: str = "GET /v1/me") -> dict[str, int]:
    answers: dict[str, int] = emulator.stats()["requests"].get(route, {})
    return answers


@pytest.fixture
async def limited() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig(rate_limit=500, rate_window=1.0)) as running:
        yield running


async def test_a_shared_budget_equal_to_the_limit_gets_no_429(
    limited: Emulator, redis_url: str
) -> None:
    await seed_token(limited, redis_url)
    results = await run_workers(job(limited, redis_url, job="requests", count=500, budget=500))
    assert [r["requests"] for r in results] == [500] * WORKERS
    assert served(limited) == {"200": 2000}  # 4 windows' worth, and not one 429
    assert limited.stats()["rate_limited"] == 0


async def test_a_burst_over_the_limit_makes_one_shared_pause(redis_url: str) -> None:
    async with Emulator(EmulatorConfig(rate_limit=40, rate_window=2.0)) as emulator:
        await seed_token(emulator, redis_url)
        # no budget given: the first 429 pauses every worker, and teaches the limit
        results = await run_workers(job(emulator, redis_url, job="requests", count=25))
        assert [r["requests"] for r in results] == [25] * WORKERS
        refused = emulator.stats()["rate_limited"]
        assert 1 <= refused <= WORKERS  # at most the one request each worker had in flight
        assert served(emulator) == {"200": 100, "429": refused}
        # every worker waited out the one pause (Retry-After: 1 or 2 s), none started its own
        for worker in results:
            assert any(wait >= 0.5 for wait in worker["sleeps"]), worker["sleeps"]


async def test_an_expiring_token_is_refreshed_once_for_every_worker(redis_url: str) -> None:
    async with Emulator(EmulatorConfig()) as emulator:
        seeded = await seed_token(emulator, redis_url, age=3500)  # inside its last 200 s
        results = await run_workers(job(emulator, redis_url, job="requests", count=50))
        assert [r["requests"] for r in results] == [50] * WORKERS
        assert {user for r in results for user in r["ids"]} == {emulator.user_id}
        assert emulator.stats()["tokens"]["refresh_token"] == 1
        assert served(emulator) == {"200": 200}
        async with RedisTokenStore(redis_url) as store:
            stored = await store.load()
        assert stored is not None
        assert stored.access_token != seeded.access_token
        assert stored.refresh_token == seeded.refresh_token


async def test_a_worker_killed_holding_the_lock_blocks_nobody_past_its_ttl(
    redis_url: str,
) -> None:
    async with Emulator(EmulatorConfig()) as emulator:
        seeded = await seed_token(emulator, redis_url, age=3700, pkce=True)
        settings = job(emulator, redis_url, pkce=True, lock_ttl=1.0)
        holder = await start({**settings, "job": "hold_lock"})
        assert holder.stdout is not None
        assert (await holder.stdout.readline()).strip() == b"holding"
        holder.send_signal(signal.SIGKILL)
        await holder.wait()
        results = await run_workers({**settings, "job": "requests", "count": 20}, count=3)
        assert [r["requests"] for r in results] == [20] * 3
        assert emulator.stats()["tokens"]["refresh_token"] == 1
        async with RedisTokenStore(redis_url) as store:
            stored = await store.load()
        assert stored is not None and stored.refresh_token is not None
        # PKCE refresh tokens rotate and are single use: the stored one is the live one
        assert stored.refresh_token != seeded.refresh_token
        form = {
            "grant_type": "refresh_token",
            "refresh_token": stored.refresh_token,
            "client_id": emulator.config.client_id,
        }
        async with (
            aiohttp.ClientSession() as http,
            http.post(emulator.accounts_url + "/api/token", data=form) as response,
        ):
            assert response.status == 200


class Follow:
    """Reads a worker's output line by line while it runs; ``await saw(text)`` until a line
    contains ``text``."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._news = asyncio.Event()
        self._reading = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for line in self.process.stdout:
            self.lines.append(line.decode())
            self._news.set()
        self._news.set()

    async def saw(self, text: str) -> None:
        while not any(text in line for line in self.lines):
            assert not self._reading.done(), self.lines
            self._news.clear()
            await self._news.wait()

    async def result(self) -> dict[str, Any]:
        await self._reading
        assert await self.process.wait() == 0, self.lines
        answer: dict[str, Any] = orjson.loads(self.lines[-1])
        return answer


async def test_redis_restarted_mid_run_degrades_then_recovers() -> None:
    server = RedisServer()
    server.start()
    workers: list[Follow] = []
    try:
        async with Emulator(EmulatorConfig(rate_limit=400, rate_window=1.0)) as emulator:
            await seed_token(emulator, server.url)
            settings = job(emulator, server.url, job="until_stopped", budget=400)
            workers.extend([Follow(await start(settings)) for _ in range(WORKERS)])
            app = emulator.config.client_id
            for worker in workers:
                await worker.saw("running")
            server.stop()  # every worker finds Redis gone...
            for worker in workers:
                await worker.saw(f"rate-limit gate of app {app!r} falls back to this process")
            server.start()  # ...and back
            for worker in workers:
                await worker.saw(f"Redis reachable again: rate-limit gate of app {app!r} shared")
            for worker in workers:
                assert worker.process.stdin is not None
                worker.process.stdin.write(b"stop\n")
                await worker.process.stdin.drain()
            results = [await worker.result() for worker in workers]
        # every request succeeded (while degraded, each worker held to the budget alone, so the
        # app could go over it and the per-process gates waited out Spotify's 429s)
        assert served(emulator)["200"] == sum(result["requests"] for result in results)
        for result in results:
            assert (
                f"Redis unreachable (ConnectionError): rate-limit gate of app {app!r} falls "
                "back to this process alone until it is back"
            ) in result["warnings"]
    finally:
        for worker in workers:
            if worker.process.returncode is None:
                worker.process.kill()
                await worker.process.wait()
        server.close()
