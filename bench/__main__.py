"""``python -m bench``: run the benchmarks and print the figures (see :mod:`bench`)."""

from __future__ import annotations

import argparse
import asyncio

from bench import playlist_read, track_requests
from bench.servers import server_process

TARGET_RATIO = 1.10
TARGET_PLAYLIST_SECONDS = 0.7
TARGET_STREAM_MIB = 60


async def main(requests: int, runs: int, playlist_runs: int) -> None:
    """Print every figure; a target missed is marked MISSED (the exit status stays 0)."""
    print(f"GET /tracks/{{id}}: {requests} requests per run, {runs} runs, medians", flush=True)
    async with server_process(["-m", "bench.track_server"]) as (url, _):
        tracks = await track_requests.compare(url, requests, runs)
    for mode, figures in tracks.items():
        ok = figures["ratio"] <= TARGET_RATIO
        print(
            f"  {mode:>14}: bare aiohttp+orjson {figures['bare_us']:7.1f} us/request, "
            f"async_spotify {figures['async_spotify_us']:7.1f} us/request, "
            f"ratio {figures['ratio']:.3f} (target <= {TARGET_RATIO:.2f}"
            f"{'' if ok else ', MISSED'})"
        )
    playlist = await playlist_read.measure(playlist_runs)
    ok = playlist["wall_s"] <= TARGET_PLAYLIST_SECONDS
    print(
        f"10,000-item playlist at {playlist_read.LATENCY_MS} ms per answer, client.fetch_all: "
        f"{playlist['wall_s']:.3f} s (median of {playlist_runs}; target <= "
        f"{TARGET_PLAYLIST_SECONDS} s{'' if ok else ', MISSED'}); bare aiohttp+orjson, first "
        f"page then all others at once: {playlist['bare_wall_s']:.3f} s; peak Python memory "
        f"holding the items {playlist['peak_mib']:.0f} MiB"
    )
    ok = playlist["stream_peak_mib"] <= TARGET_STREAM_MIB
    print(
        f"  streamed, async for item in client.paginate(first) keeping no item: "
        f"{playlist['stream_wall_s']:.3f} s (median of {playlist_runs}); peak Python memory "
        f"(tracemalloc) {playlist['stream_peak_mib']:.1f} MiB (target <= {TARGET_STREAM_MIB} MiB"
        f"{'' if ok else ', MISSED'})"
    )


def run() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--requests", type=int, default=1000, help="requests per run")
    parser.add_argument("--runs", type=int, default=21, help="interleaved runs per workload")
    parser.add_argument("--playlist-runs", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.requests, arguments.runs, arguments.playlist_runs))


run()
