"""Soak: 10,000 mixed requests (reads, idempotent writes, POSTs) through 10% faults.

32 workers share one client. Every Web API request meets a fault with a probability of about
10% (5xx, HTML 502, reset, 429, invalid JSON, truncated, applied-then-failed, hang), and half way
the emulator's clock jumps past the token's hour. At the end every read returned its track,
every library write left the library as its last call said, and every playlist holds each added
item exactly once, in the order it was added: zero lost, zero duplicated. The counts are printed
(``pytest -s``). ``SOAK_OPERATIONS`` changes the size.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections import Counter
from collections.abc import AsyncIterator

import pytest

from async_spotify import SpotifyApiClient, SpotifyBaseError
from async_spotify.emulator import Emulator, EmulatorConfig, FaultRule
from tests.resilience.harness import EmulatedTime, grants, issued_token, track_uris, user_client

OPERATIONS = int(os.environ.get("SOAK_OPERATIONS", "10000"))
WORKERS = 32
TIMEOUT = 0.1
FAULTS = (
    FaultRule("status", status=500, probability=0.02),
    FaultRule("status", status=502, html=True, probability=0.01),
    FaultRule("status", status=503, probability=0.01),
    FaultRule("reset", probability=0.01),
    FaultRule("rate_limit", retry_after=1, probability=0.01),
    FaultRule("invalid_json", probability=0.01),
    FaultRule("applied_then_failed", probability=0.02),
    FaultRule("truncated", probability=0.005),
    FaultRule("hang", seconds=30, probability=0.005),
)
READ_TRACKS = 500
SAVED_PER_WORKER = 10
ADDED_PER_WORKER = 400


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig(seed=5)) as running:
        yield running


class Worker:
    """One worker's share of the operations, and what it expects the emulator to hold."""

    def __init__(self, index: int, client: SpotifyApiClient, emulator: Emulator) -> None:
        self.client = client
        self.random = random.Random(index)
        self.reads = track_uris(emulator, READ_TRACKS)
        self.saved_uris = track_uris(emulator, SAVED_PER_WORKER, start=20_000 + 10 * index)
        self.saved: dict[str, bool] = {}
        self.unsent = iter(
            track_uris(emulator, ADDED_PER_WORKER, start=22_000 + ADDED_PER_WORKER * index)
        )
        self.added: list[str] = []
        self.playlist = ""
        self.done: Counter[str] = Counter()

    async def run(self, operations: int, progress: Counter[str], halfway: asyncio.Event) -> None:
        for _ in range(operations):
            draw = self.random.random()
            if draw < 0.70:
                uri = self.random.choice(self.reads)
                track = await self.client.track.get_one(uri)
                assert track["uri"] == uri
                self.done["read"] += 1
            elif draw < 0.85:
                uri = self.random.choice(self.saved_uris)
                keep = self.random.random() < 0.5
                if keep:
                    await self.client.library.add_items([uri])
                else:
                    await self.client.library.remove_items([uri])
                self.saved[uri] = keep
                self.done["idempotent write"] += 1
            else:
                uri = next(self.unsent)
                await self.client.playlists.add_items(self.playlist, [uri])
                self.added.append(uri)
                self.done["POST"] += 1
            progress["operations"] += 1
            if progress["operations"] == OPERATIONS // 2:
                halfway.set()


def shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` near-equal whole shares."""
    return [total // parts + (index < total % parts) for index in range(parts)]


async def playlist_items(client: SpotifyApiClient, playlist_id: str) -> list[str]:
    first = await client.playlists.get_items(playlist_id, limit=50)
    return [entry["item"]["uri"] for entry in await client.fetch_all(first)]


async def test_soak(emulator: Emulator) -> None:
    emulated_time = EmulatedTime(emulator)
    policy = emulated_time.policy(max_attempts=8, jitter=random.Random(7).random)
    client = user_client(emulator, policy, issued_token(emulator))
    async with client:
        await client.create_new_client(request_timeout=TIMEOUT)
        workers = [Worker(index, client, emulator) for index in range(WORKERS)]
        for worker in workers:
            worker.playlist = (await client.playlists.create("Soak"))["id"]
        emulator.reset_stats()
        emulator.faults.replace(FAULTS)
        progress: Counter[str] = Counter()
        halfway = asyncio.Event()

        async def expire_the_token_halfway() -> None:
            await halfway.wait()
            emulator.clock.advance(3601)

        started = time.perf_counter()
        expiry = asyncio.ensure_future(expire_the_token_halfway())
        outcomes = await asyncio.gather(
            *(
                worker.run(
                    OPERATIONS // WORKERS + (index < OPERATIONS % WORKERS), progress, halfway
                )
                for index, worker in enumerate(workers)
            ),
            return_exceptions=True,
        )
        await expiry
        elapsed = time.perf_counter() - started
        stats = emulator.stats()
        emulator.faults.clear()

        errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
        lost = duplicated = 0
        for worker in workers:
            items = await playlist_items(client, worker.playlist)
            duplicated += len(items) - len(set(items))
            lost += len(set(worker.added) - set(items))
            assert items == worker.added
            saved = await client.library.contains_items(list(worker.saved))
            assert saved == list(worker.saved.values())

    done = sum((worker.done for worker in workers), Counter())
    served: Counter[str] = Counter()
    for answers in stats["requests"].values():
        served.update(answers)
    fired = {kind: count for kind, count in stats["faults"].items() if count}
    print(
        f"\nsoak: {sum(done.values())} operations in {elapsed:.1f} s ({dict(done)}); "
        f"{sum(served.values())} requests served ({dict(sorted(served.items()))}); "
        f"faults {fired}; token refreshes {grants(emulator).get('refresh_token', 0)}; "
        f"waits {len(emulated_time.sleeps)}; lost {lost}, duplicated {duplicated}, "
        f"errors {len(errors)}"
    )
    assert errors == [], [repr(error) for error in errors if isinstance(error, SpotifyBaseError)]
    assert sum(done.values()) == OPERATIONS
    assert lost == duplicated == 0
    assert sum(stats["faults"].values()) > OPERATIONS * 0.08
    assert grants(emulator) == {"refresh_token": 1}
    assert stats["emulator_bugs"] == 0
