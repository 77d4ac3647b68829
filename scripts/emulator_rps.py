"""Measure the emulator: start-up time of the command, and requests per second it serves.

Runs ``python -m async_spotify.emulator`` in a subprocess, takes a token from the admin
route, then sends a bounded number of ``GET /v1/tracks/{id}`` (``/v1/me`` if no track is found)
from this process with aiohttp, ``--concurrency`` at a time. Both processes share the machine,
so the figure is a floor for the emulator alone.

    PYTHONPATH=src .venv/bin/python scripts/emulator_rps.py --requests 20000 --concurrency 64
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
    process, url, startup = await start_emulator()
    print(f"start-up (spawn to 'listening on'): {startup:.3f} s")
    try:
        await hammer(url, args.requests, args.concurrency, process.pid)
    finally:
        process.terminate()
        await process.wait()


if __name__ == "__main__":
    asyncio.run(main())
