"""Learning Spotify's unknown limit (AIMD), and what the Redis gate costs per request.

**AIMD.** The emulator limits the app to R requests per rolling window (``--rate-window``: 3 s
instead of 30 s, so a job of 20 windows' worth of requests takes a minute); the client is given
no budget. A job of 20 x R ``GET /tracks/{id}`` runs ``in_flight`` at a time, in one process
(in-process gate) or in 4 processes sharing one ``RedisRateLimitGate``. Reported: the fraction of
R achieved per window (requests served with 200 per window of wall time, over R) and the share of
requests answered 429 (the emulator's own counts).

**Gate cost.** ``client.track.get_one`` against the local track server, with the in-process gate
and with a ``RedisRateLimitGate`` (one Lua round trip to a local redis-server per request): the
client's CPU microseconds per request, same run, interleaved; the difference is the gate's cost.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import orjson

from async_spotify import ClientCredentialsFlow, SpotifyApiClient, SpotifyAuthorisationToken
from async_spotify.emulator import Emulator, EmulatorConfig
from async_spotify.redis import RedisRateLimitGate
from bench.track_requests import ACCESS_TOKEN, TRACK_IDS, median, run

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = 20


async def aimd_job(
    limit: int, window: float, processes: int, in_flight: int, redis_url: str | None
) -> dict[str, float]:
    """Run one job; the fraction of R per window and the share of 429s."""
    async with Emulator(EmulatorConfig(rate_limit=limit, rate_window=window)) as emulator:
        encode = emulator.world.catalog.ids.encode
        ids = [encode("track", index) for index in range(200)]
        total = WINDOWS * limit
        config = emulator.config
        shares = [total // processes + (i < total % processes) for i in range(processes)]
        # the shared gate keeps what it learned in Redis, per app: each job starts from nothing
        gate_app = f"bench-aimd-{limit}-{processes}-{uuid.uuid4().hex}"
        started = []
        for share in shares:
            job: dict[str, Any] = {
                "client_id": config.client_id,
                "client_secret": config.client_secret,
                "base_url": emulator.base_url,
                "accounts_url": emulator.accounts_url,
                "ids": ids,
                "requests": share,
                "in_flight": max(1, in_flight // processes),
                "window": window,
                "redis": redis_url,
                "gate_app": gate_app,
            }
            started.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "bench.aimd_worker",
                    orjson.dumps(job).decode(),
                    stdin=asyncio.subprocess.PIPE,
                    stdout=asyncio.subprocess.PIPE,
                    env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"},
                    cwd=ROOT,
                )
            )
        for process in started:
            assert process.stdout is not None
            line = await process.stdout.readline()
            if line.strip() != b"ready":
                raise RuntimeError(f"an AIMD worker did not start: {line!r}")
        emulator.reset_stats()
        began = time.perf_counter()
        for process in started:
            assert process.stdin is not None
            process.stdin.write(b"go\n")
            await process.stdin.drain()
        for process in started:
            await process.communicate()
            if process.returncode != 0:
                raise RuntimeError("an AIMD worker failed")
        elapsed = time.perf_counter() - began
        answers = emulator.stats()["requests"].get("GET /v1/tracks/{id}", {})
    ok, refused = answers.get("200", 0), answers.get("429", 0)
    return {
        "fraction": ok / (elapsed / window) / limit,
        "share_429": refused / max(1, ok + refused),
        "elapsed": elapsed,
    }


async def gate_cost(base_url: str, redis_url: str, requests: int, runs: int) -> dict[str, float]:
    """CPU us/request with the in-process gate and with the Redis gate (medians)."""
    redis_gate = RedisRateLimitGate(redis_url, app="bench-client-id")
    local = library_client(base_url)
    shared = library_client(base_url, rate_limit_gate=redis_gate)
    measured: dict[str, list[float]] = {"local": [], "redis": []}
    async with local, shared, redis_gate:
        clients: list[tuple[str, SpotifyApiClient]] = [("local", local), ("redis", shared)]
        for _, client in clients:
            await run(_getter(client), 256, 16)
        for index in range(runs):
            for name, client in clients if index % 2 else clients[::-1]:
                cpu, _ = await run(_getter(client), requests, 16)
                measured[name].append(cpu)
    local_us, redis_us = median(measured["local"]), median(measured["redis"])
    return {"local_us": local_us, "redis_us": redis_us, "cost_us": redis_us - local_us}


def library_client(base_url: str, **options: Any) -> SpotifyApiClient:
    """The client as bench.track_requests holds it, with ``options`` (a gate)."""
    token = SpotifyAuthorisationToken(
        None, int(time.time()), ACCESS_TOKEN, expires_in=10**9, token_type="Bearer"
    )
    return SpotifyApiClient(
        ClientCredentialsFlow("bench-client-id", "bench-client-secret"),
        hold_authentication=True,
        spotify_authorisation_token=token,
        base_url=base_url,
        **options,
    )


def _getter(client: SpotifyApiClient) -> Any:
    async def get(n: int) -> Any:
        return await client.track.get_one(TRACK_IDS[n % len(TRACK_IDS)])

    return get
