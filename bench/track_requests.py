"""``GET /tracks/{id}``: async_spotify's ``client.track.get_one`` against bare aiohttp + orjson.

Both send the same requests to the same server, one at a time (sequential) or from 64 workers
(64 in flight), and decode the answer into a dict. What is compared is the client process's CPU
time per request: the cost the library adds on top of the floor (bare aiohttp).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import orjson

from async_spotify import ClientCredentialsFlow, SpotifyApiClient, SpotifyAuthorisationToken

IN_FLIGHT = 64
MODES = (("sequential", 1), (f"{IN_FLIGHT} in flight", IN_FLIGHT))
#: 22-character base62 ids, as the client validates them.
TRACK_IDS = [f"{n:0>22}" for n in range(1000)]
ACCESS_TOKEN = "bench-access-token"

Get = Callable[[int], Awaitable[Any]]


async def run(get: Get, requests: int, in_flight: int) -> tuple[float, float]:
    """CPU microseconds per request and wall seconds for ``requests`` calls of ``get``."""

    async def worker(first: int) -> None:
        for n in range(first, requests, in_flight):
            await get(n)

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker(first) for first in range(in_flight)))
    return (time.process_time() - cpu) / requests * 1e6, time.perf_counter() - wall


class Bare:
    """The floor: one aiohttp session, the bearer header, orjson."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.headers = {"Authorization": f"Bearer {ACCESS_TOKEN}"}
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Bare:
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=500))
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self.session is not None
        await self.session.close()

    async def get(self, n: int) -> Any:
        assert self.session is not None
        url = f"{self.base_url}/tracks/{TRACK_IDS[n % len(TRACK_IDS)]}"
        async with self.session.get(url, headers=self.headers) as response:
            if response.status != 200:
                raise RuntimeError(f"bare GET answered {response.status}")
            return orjson.loads(await response.read())


def library_client(base_url: str) -> SpotifyApiClient:
    """The client as an app would hold it: its own token, default retry policy and gate."""
    token = SpotifyAuthorisationToken(
        None, int(time.time()), ACCESS_TOKEN, expires_in=10**9, token_type="Bearer"
    )
    return SpotifyApiClient(
        ClientCredentialsFlow("bench-client-id", "bench-client-secret"),
        hold_authentication=True,
        spotify_authorisation_token=token,
        base_url=base_url,
    )


async def compare(base_url: str, requests: int, runs: int) -> dict[str, dict[str, float]]:
    """CPU us/request of both contenders, sequential and 64 in flight: medians and their ratio.

    Each run measures both contenders back to back, in alternating order, and yields one
    ratio; the reported ratio is the median of those, which cancels the drift of a shared
    2-core machine better than a ratio of medians.
    """
    cpu: dict[tuple[str, str], list[float]] = {}
    ratios: dict[str, list[float]] = {}
    async with Bare(base_url) as bare, library_client(base_url) as client:

        async def library_get(n: int) -> Any:
            return await client.track.get_one(TRACK_IDS[n % len(TRACK_IDS)])

        contenders: list[tuple[str, Get]] = [("bare", bare.get), ("async_spotify", library_get)]
        for _, get in contenders:  # warm up connections and caches
            await run(get, IN_FLIGHT * 4, IN_FLIGHT)
        for index in range(runs):
            for mode, in_flight in MODES:
                measured: dict[str, float] = {}
                for name, get in contenders if index % 2 else contenders[::-1]:
                    measured[name], _ = await run(get, requests, in_flight)
                    cpu.setdefault((mode, name), []).append(measured[name])
                ratios.setdefault(mode, []).append(measured["async_spotify"] / measured["bare"])
    return {
        mode: {
            "bare_us": median(cpu[mode, "bare"]),
            "async_spotify_us": median(cpu[mode, "async_spotify"]),
            "ratio": median(ratios[mode]),
        }
        for mode, _ in MODES
    }


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
