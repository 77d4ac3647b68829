"""``python -m bench``: run the benchmarks and print the figures (see :mod:`bench`)."""

from __future__ import annotations

import argparse
import asyncio

from bench import aimd, playlist_read, track_requests
from bench.servers import server_process
from tests.redis.server import RedisServer

TARGET_RATIO = 1.05
#: The client's CPU per item on the concurrent paging path, over decoding alone.
TARGET_DECODE_RATIO = 1.5
TARGET_PLAYLIST_SECONDS = 0.7
TARGET_STREAM_MIB = 60
TARGET_AIMD_FRACTION = 0.90
TARGET_AIMD_429 = 0.01


async def main(requests: int, runs: int, playlist_runs: int, aimd_window: float) -> None:
    """Print every figure; a target missed is marked MISSED (the exit status stays 0)."""
    print(f"GET /tracks/{{id}}: {requests} requests per run, {runs} runs, medians", flush=True)
    redis_server = RedisServer()
    redis_server.start()
    try:
        async with server_process(["-m", "bench.track_server"]) as (url, _):
            tracks = await track_requests.compare(url, requests, runs)
            cost = await aimd.gate_cost(url, redis_server.url, requests, runs)
        await print_aimd(redis_server.url, aimd_window)
    finally:
        redis_server.close()
    print(
        f"  RedisRateLimitGate, 16 in flight: {cost['redis_us']:.1f} us/request against "
        f"{cost['local_us']:.1f} with the in-process gate: the shared gate costs "
        f"{cost['cost_us']:.1f} us of client CPU per request (one Lua round trip)"
    )
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
    for path, name in (("streamed", "client.paginate"), ("held", "client.fetch_all")):
        ratio = playlist[f"{path}_ratio"]
        ok = ratio <= TARGET_DECODE_RATIO
        print(
            f"  CPU per item, {path}: {name} {playlist[f'{path}_us']:.1f} us, decode-only floor "
            f"(orjson.loads of the same page bodies, {'kept' if path == 'held' else 'dropped'}) "
            f"{playlist[f'{path}_floor_us']:.1f} us, ratio {ratio:.2f} "
            f"(target <= {TARGET_DECODE_RATIO}{'' if ok else ', MISSED'})"
        )
    ok = playlist["stream_peak_mib"] <= TARGET_STREAM_MIB
    print(
        f"  streamed, async for item in client.paginate(first) keeping no item: "
        f"{playlist['stream_wall_s']:.3f} s (median of {playlist_runs}); peak Python memory "
        f"(tracemalloc) {playlist['stream_peak_mib']:.1f} MiB (target <= {TARGET_STREAM_MIB} MiB"
        f"{'' if ok else ', MISSED'})"
    )


async def print_aimd(redis_url: str, window: float) -> None:
    """The learned limit against the emulator: fraction of R per window, share of 429s."""
    print(
        f"AIMD, no budget given, emulator --rate-limit R --rate-window {window:g}s, a job of "
        f"{aimd.WINDOWS} windows' worth ({aimd.WINDOWS} x R GET /tracks/{{id}}), 8 in flight "
        f"(target >= {TARGET_AIMD_FRACTION:.0%} of R, <= {TARGET_AIMD_429:.0%} 429s):",
        flush=True,
    )
    for limit in (60, 180, 600):
        for label, processes, url in (("1 process", 1, None), ("4 processes, Redis", 4, redis_url)):
            figures = await aimd.aimd_job(limit, window, processes, 8, url)
            ok = (
                figures["fraction"] >= TARGET_AIMD_FRACTION
                and figures["share_429"] <= TARGET_AIMD_429
            )
            print(
                f"  R={limit:>3} {label:>18}: {figures['fraction']:6.1%} of R per window, "
                f"{figures['share_429']:5.2%} answered 429 ({figures['elapsed']:.1f} s"
                f"{'' if ok else ', MISSED'})",
                flush=True,
            )


def run() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--requests", type=int, default=1000, help="requests per run")
    parser.add_argument("--runs", type=int, default=21, help="interleaved runs per workload")
    parser.add_argument("--playlist-runs", type=int, default=5)
    parser.add_argument(
        "--aimd-window", type=float, default=3.0, help="the emulator's rate window (s) for AIMD"
    )
    arguments = parser.parse_args()
    asyncio.run(
        main(arguments.requests, arguments.runs, arguments.playlist_runs, arguments.aimd_window)
    )


run()
