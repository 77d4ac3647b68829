"""Reading the emulator's 10,000-item playlist at 50 ms per answer, held and streamed.

The emulator runs in its own process with ``--latency-ms 50`` (a simulated internet round trip).
The client signs in as its default user through the login cookies, finds the playlist, and reads
all of its items: the first page, then the other 199 concurrently, in two ways: held
(``client.fetch_all``, every item in one list) and streamed (``async for item in
client.paginate(first)``, each item dropped once seen). Measured: the wall time of each read, and
in further reads the peak of the Python heap (tracemalloc: what Python allocated during the read,
not the process's RSS) while the 10,000 items are held, and while they are streamed (tracemalloc
slows the process down, so those passes are not timed). The floor, in the same run: a bare aiohttp
session that reads the first page, then asks for all 199 others at once and decodes them with
orjson. And the CPU per item (``time.process_time`` of this process; the emulator runs in
another) on the concurrent paging paths, each against its decode-only floor in the same run:
``orjson.loads`` of the same page bodies, read once beforehand. Streamed (``client.paginate``,
each page dropped once seen) against decoding each body and dropping it; held
(``client.fetch_all``, all 10,000 items kept) against decoding every body and keeping them all,
since keeping 560 MiB of objects costs the cyclic garbage collector as much as decoding does.
"""

from __future__ import annotations

import asyncio
import json
import time
import tracemalloc
from typing import Any

import aiohttp
import orjson

from async_spotify import AuthorizationCodeFlow, SpotifyApiClient, SpotifyCookie
from async_spotify.emulator import (
    ALL_SCOPES,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REDIRECT_URI,
)
from bench.servers import server_process

LATENCY_MS = 50
PLAYLIST_ITEMS = 10_000


async def read_all(client: SpotifyApiClient, playlist_id: str) -> list[Any]:
    first = await client.playlists.get_items(playlist_id, limit=50)
    return await client.fetch_all(first)


async def stream_all(client: SpotifyApiClient, playlist_id: str) -> int:
    """Iterate over every item without keeping any; the number of items seen."""
    first = await client.playlists.get_items(playlist_id, limit=50)
    seen = 0
    async for _ in client.paginate(first):
        seen += 1
    return seen


async def bare_read_all(
    session: aiohttp.ClientSession, base_url: str, playlist_id: str, access_token: str
) -> list[Any]:
    headers = {"Authorization": f"Bearer {access_token}"}
    url = f"{base_url}/playlists/{playlist_id}/items"

    async def page(offset: int) -> Any:
        params = {"offset": str(offset), "limit": "50"}
        async with session.get(url, params=params, headers=headers) as response:
            if response.status != 200:
                raise RuntimeError(f"bare GET answered {response.status}")
            return orjson.loads(await response.read())

    first = await page(0)
    rest = await asyncio.gather(*(page(offset) for offset in range(50, first["total"], 50)))
    return [item for answer in (first, *rest) for item in answer["items"]]


async def page_bodies(
    session: aiohttp.ClientSession, base_url: str, playlist_id: str, access_token: str
) -> list[bytes]:
    """The raw bodies of every page of 50 of the playlist (what the decode-only floor decodes)."""
    headers = {"Authorization": f"Bearer {access_token}"}
    url = f"{base_url}/playlists/{playlist_id}/items"

    async def page(offset: int) -> bytes:
        params = {"offset": str(offset), "limit": "50"}
        async with session.get(url, params=params, headers=headers) as response:
            return await response.read()

    return list(await asyncio.gather(*(page(offset) for offset in range(0, PLAYLIST_ITEMS, 50))))


def decode_only_us(bodies: list[bytes], *, keep: bool) -> float:
    """CPU microseconds per item to ``orjson.loads`` every body, the pages kept or dropped."""
    kept: list[Any] = []
    started = time.process_time()
    for body in bodies:
        page = orjson.loads(body)
        if keep:
            kept.append(page)
    cpu = time.process_time() - started
    del kept
    return cpu / PLAYLIST_ITEMS * 1e6


async def measure(runs: int) -> dict[str, float]:
    """Median wall seconds to read the playlist (held, streamed, and the floor's), and the peak
    MiB of Python memory while holding it and while streaming it."""
    emulator = ["-m", "async_spotify.emulator", "--port", "0", "--latency-ms", str(LATENCY_MS)]
    async with server_process(emulator) as (url, (cookie_line,)):
        cookies = SpotifyCookie(**json.loads(cookie_line.removeprefix("cookies ")))
        flow = AuthorizationCodeFlow(
            DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, list(ALL_SCOPES), DEFAULT_REDIRECT_URI
        )
        client = SpotifyApiClient(
            flow, hold_authentication=True, base_url=url + "/v1", accounts_url=url
        )
        async with client:
            await client.get_auth_token_with_code(await client.get_code_with_cookie(cookies))
            playlist_id = await _the_big_playlist(client)
            access_token = str(client.spotify_authorization_token.access_token)
            walls: list[float] = []
            streams: list[float] = []
            floors: list[float] = []
            figures: dict[str, list[float]] = {}

            def note(name: str, value: float) -> None:
                figures.setdefault(name, []).append(value)

            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=500)) as bare:
                bodies = await page_bodies(bare, url + "/v1", playlist_id, access_token)
                for _ in range(runs):
                    started, cpu = time.perf_counter(), time.process_time()
                    items = await read_all(client, playlist_id)
                    walls.append(time.perf_counter() - started)
                    held_us = (time.process_time() - cpu) / PLAYLIST_ITEMS * 1e6
                    _check(items)
                    del items
                    floor = decode_only_us(bodies, keep=True)
                    note("held_us", held_us)
                    note("held_floor_us", floor)
                    note("held_ratio", held_us / floor)
                    started, cpu = time.perf_counter(), time.process_time()
                    _check_count(await stream_all(client, playlist_id))
                    streams.append(time.perf_counter() - started)
                    streamed_us = (time.process_time() - cpu) / PLAYLIST_ITEMS * 1e6
                    floor = decode_only_us(bodies, keep=False)
                    note("streamed_us", streamed_us)
                    note("streamed_floor_us", floor)
                    note("streamed_ratio", streamed_us / floor)
                    started = time.perf_counter()
                    items = await bare_read_all(bare, url + "/v1", playlist_id, access_token)
                    floors.append(time.perf_counter() - started)
                    _check(items)
                    del items
            tracemalloc.start()
            held = await read_all(client, playlist_id)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            del held
            tracemalloc.start()
            _check_count(await stream_all(client, playlist_id))
            _, stream_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    return {
        "wall_s": _median(walls),
        "stream_wall_s": _median(streams),
        "bare_wall_s": _median(floors),
        "peak_mib": peak / 2**20,
        "stream_peak_mib": stream_peak / 2**20,
        **{name: _median(values) for name, values in figures.items()},
    }


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _check(items: list[Any]) -> None:
    _check_count(len(items))


def _check_count(count: int) -> None:
    if count != PLAYLIST_ITEMS:
        raise RuntimeError(f"read {count} items, not {PLAYLIST_ITEMS}")


async def _the_big_playlist(client: SpotifyApiClient) -> str:
    playlists = await client.fetch_all(await client.playlists.current_get_all(limit=50))
    for playlist in playlists:
        if playlist["items"]["total"] == PLAYLIST_ITEMS:
            playlist_id: str = playlist["id"]
            return playlist_id
    raise RuntimeError(f"the emulator's user has no playlist of {PLAYLIST_ITEMS} items")
