"""One process of the AIMD benchmark: its own loop and client, ``requests`` GETs, ``in_flight``
at a time, through a learning gate (in-process, or shared through Redis). Prints one JSON line.
"""

from __future__ import annotations

import asyncio
import sys

import orjson

from async_spotify import ClientCredentialsFlow, SpotifyApiClient
from async_spotify.transport.ratelimit import Gate, RateLimitGate


async def main(job: dict[str, object]) -> dict[str, object]:
    redis_url = job.get("redis")
    window = float(job["window"])  # type: ignore[arg-type]
    gate: Gate
    if isinstance(redis_url, str):
        from async_spotify.redis import RedisRateLimitGate

        gate = RedisRateLimitGate(redis_url, app=str(job["gate_app"]), window=window)
    else:
        gate = RateLimitGate(window=window)
    ids: list[str] = job["ids"]  # type: ignore[assignment]
    requests = int(job["requests"])  # type: ignore[call-overload]
    in_flight = int(job["in_flight"])  # type: ignore[call-overload]
    client = SpotifyApiClient(
        ClientCredentialsFlow(str(job["client_id"]), str(job["client_secret"])),
        hold_authentication=True,
        base_url=str(job["base_url"]),
        accounts_url=str(job["accounts_url"]),
        rate_limit_gate=gate,
    )
    async with client:
        await client.get_auth_token_with_client_credentials()
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)

        async def worker(first: int) -> None:
            for n in range(first, requests, in_flight):
                await client.track.get_one(ids[n % len(ids)])

        await asyncio.gather(*(worker(first) for first in range(in_flight)))
    if hasattr(gate, "aclose"):
        await gate.aclose()
    return {"limit": gate.limit}


if __name__ == "__main__":
    print(orjson.dumps(asyncio.run(main(orjson.loads(sys.argv[1])))).decode(), flush=True)
