"""One worker process of the multi-process tests: its own event loop, its own client.

``python tests/redis/worker.py '<json>'`` runs one job and prints one JSON line with what it
saw. Jobs (``"job"``):

- ``requests``: ``count`` sequential ``GET /me`` with a shared ``RedisRateLimitGate`` (and
  ``budget`` if given), the token from the shared ``RedisTokenStore`` (``hold_authentication``);
- ``hold_lock``: take the token's renewal lock, print ``holding``, and wait to be killed;
- ``until_stopped``: like ``requests``, until a line arrives on its standard input.

With ``"barrier": true`` it prints ``ready`` once its client is open and starts on a line from
its standard input, so that every worker starts at once.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any

import orjson

from async_spotify import AuthorizationCodeFlow, PKCEFlow, SpotifyApiClient
from async_spotify.redis import RedisRateLimitGate, RedisTokenStore


class Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.messages.append(message)
        print("warning " + message, flush=True)  # the parent follows the worker's state


def stdin_line() -> asyncio.Event:
    """Set once the parent writes a line (or closes the pipe); no thread that could outlive us."""
    arrived = asyncio.Event()
    loop = asyncio.get_running_loop()

    def readable() -> None:
        loop.remove_reader(sys.stdin.fileno())
        sys.stdin.readline()
        arrived.set()

    loop.add_reader(sys.stdin.fileno(), readable)
    return arrived


async def run(job: dict[str, Any]) -> dict[str, Any]:
    warnings = Warnings()
    logging.getLogger("async_spotify").addHandler(warnings)
    store = RedisTokenStore(job["redis"], lock_ttl=job.get("lock_ttl", 20.0))
    if job["job"] == "hold_lock":
        async with store.renewal_lock():
            print("holding", flush=True)
            await asyncio.Event().wait()
    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        await asyncio.sleep(seconds)

    gate = RedisRateLimitGate(
        job["redis"],
        app=job["client_id"],
        window=job["window"],
        sleep=sleep,
        reconnect_after=0.1,
    )
    flow: AuthorizationCodeFlow | PKCEFlow
    if job.get("pkce"):
        flow = PKCEFlow(job["client_id"], job["scopes"], job["redirect_uri"])
    else:
        flow = AuthorizationCodeFlow(
            job["client_id"], job["client_secret"], job["scopes"], job["redirect_uri"]
        )
    client = SpotifyApiClient(
        flow,
        hold_authentication=True,
        base_url=job["base_url"],
        accounts_url=job["accounts_url"],
        token_store=store,
        rate_limit_gate=gate,
        rate_limit_budget=job.get("budget"),
    )
    ids: list[str] = []
    async with store, gate, client:
        if job.get("barrier"):  # start together with the other workers
            print("ready", flush=True)
            await stdin_line().wait()
        if job["job"] == "until_stopped":
            stop = stdin_line()
            ids.append((await client.user.me())["id"])
            print("running", flush=True)
            while not stop.is_set():
                ids.append((await client.user.me())["id"])
        else:
            for _ in range(job["count"]):
                ids.append((await client.user.me())["id"])
    return {
        "ids": sorted(set(ids)),
        "requests": len(ids),
        "sleeps": sleeps,
        "warnings": warnings.messages,
    }


if __name__ == "__main__":
    print(orjson.dumps(asyncio.run(run(orjson.loads(sys.argv[1])))).decode(), flush=True)
