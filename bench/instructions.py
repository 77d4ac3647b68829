"""``python -m bench.instructions``: machine instructions per request, counted, not timed.

CPU time on a shared 2-core machine moves by 10-30 % from run to run; instruction counts do
not. This runs the ``GET /tracks/{id}`` workload of :mod:`bench.track_requests` (the same
server, in another process, and the same two contenders) with the client process under
valgrind's cachegrind (``--cache-sim=no``: instructions only), twice per contender and mode
(``--requests`` and three times as many, after the same warm-up), and prints the difference
per request: the cost of one request, start-up and warm-up cancelled out. Needs ``valgrind``
(``apt-get install valgrind``); without it, says so and exits 0.

Instructions are not cycles (cache misses are not counted, and a few more per request show up
as more than their share of time), but a change that makes the client do less shows here
whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from bench import track_requests
from bench.servers import ROOT, server_process

CONTENDERS = ("bare", "async_spotify")
WARM_UP = 512
_REFS = re.compile(rb"I\s+refs:\s+([\d,]+)")


async def child(contender: str, url: str, requests: int, in_flight: int) -> None:
    """Warm up, then send ``requests`` requests (the process valgrind counts)."""
    async with (
        track_requests.Bare(url) as bare,
        track_requests.library_client(url) as client,
    ):

        async def library_get(n: int) -> Any:
            ids = track_requests.TRACK_IDS
            return await client.track.get_one(ids[n % len(ids)])

        get: Callable[[int], Awaitable[Any]] = bare.get if contender == "bare" else library_get
        await track_requests.run(get, WARM_UP, in_flight)
        await track_requests.run(get, requests, in_flight)


async def instructions(
    valgrind: str, contender: str, url: str, requests: int, in_flight: int
) -> int:
    """Instructions of one child process sending ``requests`` requests after the warm-up."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    process = await asyncio.create_subprocess_exec(
        valgrind,
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "bench.instructions",
        "--child",
        contender,
        url,
        str(requests),
        str(in_flight),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env=environment,
        cwd=ROOT,
    )
    _, report = await process.communicate()
    found = _REFS.search(report)
    if process.returncode != 0 or found is None:
        raise RuntimeError(f"the {contender} run failed: {report.decode()[-2000:]}")
    return int(found.group(1).replace(b",", b""))


async def main(requests: int) -> None:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind is not installed (apt-get install valgrind): nothing counted")
        return
    print(
        f"GET /tracks/{{id}}, instructions per request (cachegrind; {requests} and "
        f"{3 * requests} requests after {WARM_UP}, difference):",
        flush=True,
    )
    async with server_process(["-m", "bench.track_server"]) as (url, _):
        for mode, in_flight in track_requests.MODES:
            per_request: dict[str, float] = {}
            for contender in CONTENDERS:
                # two at a time: the machine has two cores, and counts do not depend on load
                few, many = await asyncio.gather(
                    instructions(valgrind, contender, url, requests, in_flight),
                    instructions(valgrind, contender, url, 3 * requests, in_flight),
                )
                per_request[contender] = (many - few) / (2 * requests)
            bare, ours = per_request["bare"], per_request["async_spotify"]
            print(
                f"  {mode:>14}: bare aiohttp+orjson {bare / 1000:7.1f}k, async_spotify "
                f"{ours / 1000:7.1f}k (+{(ours - bare) / 1000:.1f}k), ratio {ours / bare:.3f}",
                flush=True,
            )


def run() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--child", nargs=4, metavar=("CONTENDER", "URL", "REQUESTS", "IN_FLIGHT"))
    arguments = parser.parse_args()
    if arguments.child:
        contender, url, requests, in_flight = arguments.child
        if contender not in CONTENDERS:
            parser.error(f"CONTENDER must be one of {', '.join(CONTENDERS)}, not {contender!r}")
        asyncio.run(child(contender, url, int(requests), int(in_flight)))
    else:
        asyncio.run(main(arguments.requests))


if __name__ == "__main__":
    run()
