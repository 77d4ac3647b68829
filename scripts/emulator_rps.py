"""Measure the emulator: the cost of starting, of pages and searches, and how fast it serves.

First, in this (fresh, so cold) process: ``Emulator()`` construction and start (the first one
builds the shared catalog; the next ones are what each test of a suite pays), a 50-item page of
the 10,000-item playlist cold (never rendered) and warm, and the first search of each type.

Then it runs ``python -m async_spotify.emulator`` in a subprocess, takes a token from the admin
route, and sends a bounded number of ``GET /v1/tracks/{id}`` (``/v1/me`` if no track is found)
from this process with aiohttp, ``--concurrency`` at a time. Both processes share the machine,
so the figure is a floor for the emulator alone.

    .venv/bin/python scripts/emulator_rps.py --requests 20000 --concurrency 64
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

import aiohttp

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from async_spotify.emulator import Emulator  # noqa: E402
from async_spotify.emulator.state.seeding import BIG_PLAYLIST_NAME  # noqa: E402

SEARCH_TYPES = ("track", "album", "artist", "playlist", "show", "episode", "audiobook")


def milliseconds_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


async def measure_costs() -> None:
    """In-process costs, cold caches first (this process has not built a catalog yet)."""
    started = time.perf_counter()
    emulator = Emulator()
    await emulator.start()
    first = milliseconds_since(started)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        other = Emulator()
        await other.start()
        timings.append(milliseconds_since(started))
        await other.close()
    print(f"Emulator() + start: first {first:.0f} ms, then {min(timings):.1f} ms (best of 5)")
    world = emulator.world
    big = next(
        playlist_id
        for playlist_id in world.user(world.default_user_id).playlists.newest_first()
        if getattr(world.playlists.get(playlist_id), "name", None) == BIG_PLAYLIST_NAME
    )
    headers = {"Authorization": f"Bearer {emulator.issue_user_token()['access_token']}"}
    async with aiohttp.ClientSession() as session:

        async def get(path: str) -> float:
            started = time.perf_counter()
            async with session.get(emulator.base_url + path, headers=headers) as response:
                await response.read()
                if response.status != 200:
                    raise SystemExit(f"GET {path}: {response.status}")
            return milliseconds_since(started)

        await get("/me")
        for offset in (5000, 7000):
            page = f"/playlists/{big}/items?limit=50&offset={offset}"
            cold = await get(page)
            warm = min([await get(page) for _ in range(5)])
            print(f"50-item page at offset {offset}: cold {cold:.1f} ms, warm {warm:.1f} ms")
        firsts = [f"{kind} {await get(f'/search?q=love&type={kind}'):.0f}" for kind in SEARCH_TYPES]
        print(f"first search per type (ms): {', '.join(firsts)}")
        print(f"next track search: {await get('/search?q=night&type=track'):.1f} ms")
    await emulator.close()


async def start_emulator() -> tuple[asyncio.subprocess.Process, str, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "async_spotify.emulator", "--port", "0",
        stdout=asyncio.subprocess.PIPE, env=env,
    )  # fmt: skip
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), timeout=30)).decode().strip()
    if not line.startswith("listening on "):
        raise SystemExit(f"unexpected first line from the emulator: {line!r}")
    return process, line.removeprefix("listening on "), time.perf_counter() - started


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux /proc), or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def pick_path(session: aiohttp.ClientSession, url: str, headers: dict[str, str]) -> str:
    async with session.get(f"{url}/v1/me/tracks?limit=1", headers=headers) as response:
        if response.status == 200:
            items = (await response.json()).get("items") or []
            if items and items[0].get("track", {}).get("id"):
                return f"/v1/tracks/{items[0]['track']['id']}"
    return "/v1/me"


async def hammer(url: str, total: int, concurrency: int, pid: int) -> None:
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        async with session.post(f"{url}/_emulator/user-token") as response:
            token = (await response.json())["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        path = await pick_path(session, url, headers)
        target = url + path
        statuses: dict[int, int] = {}
        remaining = total

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                async with session.get(target, headers=headers) as answer:
                    await answer.read()
                    statuses[answer.status] = statuses.get(answer.status, 0) + 1

        cpu_before = cpu_seconds(pid)
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        cpu_after = cpu_seconds(pid)
    print(f"GET {path}: {total} requests in {elapsed:.2f} s = {total / elapsed:,.0f} requests/s")
    print(f"statuses: {dict(sorted(statuses.items()))}")
    if cpu_before is not None and cpu_after is not None and cpu_after > cpu_before:
        per_request = (cpu_after - cpu_before) / total
        print(
            f"emulator CPU: {per_request * 1e6:.0f} us per request "
            f"(one core could serve {1 / per_request:,.0f} requests/s)"
        )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    await measure_costs()
    process, url, startup = await start_emulator()
    print(f"start-up (spawn to 'listening on'): {startup:.3f} s")
    try:
        await hammer(url, args.requests, args.concurrency, process.pid)
    finally:
        process.terminate()
        await process.wait()


if __name__ == "__main__":
    asyncio.run(main())
