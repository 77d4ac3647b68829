"""Soak: 1,000 mixed requests (reads, idempotent writes, POSTs) through 10% faults; ``make soak``
runs 10,000 (``SOAK_OPERATIONS``; ``SOAK_SEED`` picks another seed).

32 workers share one client, on virtual time: the backoff waits, the 0.1 s client timeout and
the emulator's 30 s hangs are deadlines on one virtual clock, so a run is the same whatever the
machine's load, and the test runs it twice and requires the same counts. Every Web API request
meets a fault with a probability of about 10% (5xx, HTML 502, reset, 429, invalid JSON,
truncated, applied-then-failed, hang), and half way
the emulator's clock jumps past the token's hour. At the end every read returned its track,
every library write left the library as its last call said, and every playlist holds each added
item exactly once, in the order it was added: zero lost, zero duplicated. The counts are printed
(``pytest -s``).
"""

from __future__ import annotations

import asyncio
import os
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from async_spotify import SpotifyApiClient
from async_spotify.emulator import Emulator, EmulatorConfig, FaultRule
from async_spotify.transport.ratelimit import RateLimitGate
from tests.resilience.harness import EmulatedTime, grants, issued_token, track_uris, user_client
from tests.virtual_time import VirtualTimeLoop

OPERATIONS = int(os.environ.get("SOAK_OPERATIONS", "1000"))
SEED = int(os.environ.get("SOAK_SEED", "5"))
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

    async def run(self, operations: int, count_done: Callable[[], None]) -> None:
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
            count_done()


def shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` near-equal whole shares."""
    return [total // parts + (index < total % parts) for index in range(parts)]


async def playlist_items(client: SpotifyApiClient, playlist_id: str) -> list[str]:
    first = await client.playlists.get_items(playlist_id, limit=50)
    return [entry["item"]["uri"] for entry in await client.fetch_all(first)]


@dataclass(frozen=True)
class SoakCounts:
    """What one soak did and met: equal for equal seeds, run after run."""

    operations: dict[str, int]
    served: dict[str, int]
    faults: dict[str, int]
    refreshes: int
    waits: int
    virtual_seconds: float
    lost: int
    duplicated: int
    errors: list[str]

    def __str__(self) -> str:
        return (
            f"{sum(self.operations.values())} operations ({self.operations}); "
            f"{sum(self.served.values())} requests served ({self.served}); faults {self.faults}; "
            f"token refreshes {self.refreshes}; waits {self.waits} "
            f"({self.virtual_seconds:.2f} virtual seconds); lost {self.lost}, "
            f"duplicated {self.duplicated}, errors {len(self.errors)}"
        )


async def soak(operations: int, seed: int) -> SoakCounts:
    """Run ``operations`` through 32 workers against a fresh emulator seeded with ``seed``."""
    async with Emulator(EmulatorConfig(seed=seed)) as emulator:
        emulated_time = EmulatedTime(emulator)
        policy = emulated_time.policy(max_attempts=8, jitter=random.Random(seed).random)
        # the 429s here are faults drawn at random, with no budget behind them to learn
        gate = RateLimitGate(sleep=policy.sleep, clock=policy.clock, adaptive=False)
        client = user_client(emulator, policy, issued_token(emulator), rate_limit_gate=gate)
        async with client:
            await client.create_new_client(request_timeout=TIMEOUT)
            workers = [Worker(index, client, emulator) for index in range(WORKERS)]
            for worker in workers:
                worker.playlist = (await client.playlists.create("Soak"))["id"]
            emulator.reset_stats()
            emulator.faults.replace(FAULTS)
            progress: Counter[str] = Counter()

            def expire_the_token_halfway() -> None:
                progress["operations"] += 1
                if progress["operations"] == operations // 2:
                    emulator.clock.advance(3601)

            started = emulated_time.clock()
            outcomes = await asyncio.gather(
                *(
                    worker.run(share, expire_the_token_halfway)
                    for worker, share in zip(workers, shares(operations, WORKERS), strict=True)
                ),
                return_exceptions=True,
            )
            virtual_seconds = emulated_time.clock() - started
            stats = emulator.stats()
            emulator.faults.clear()

            lost = duplicated = 0
            for worker in workers:
                items = await playlist_items(client, worker.playlist)
                duplicated += len(items) - len(set(items))
                lost += len(set(worker.added) - set(items))
                assert items == worker.added
                saved = await client.library.contains_items(list(worker.saved))
                assert saved == list(worker.saved.values())
        assert stats["emulator_bugs"] == 0
        served: Counter[str] = Counter()
        for answers in stats["requests"].values():
            served.update(answers)
        return SoakCounts(
            operations=dict(sorted(sum((worker.done for worker in workers), Counter()).items())),
            served=dict(sorted(served.items())),
            faults={kind: count for kind, count in stats["faults"].items() if count},
            refreshes=grants(emulator).get("refresh_token", 0),
            virtual_seconds=virtual_seconds,
            waits=len(emulated_time.sleeps),
            lost=lost,
            duplicated=duplicated,
            errors=[repr(outcome) for outcome in outcomes if isinstance(outcome, BaseException)],
        )


def run_on_fresh_virtual_time(operations: int, seed: int) -> SoakCounts:
    """One soak on a loop of its own, so that every run starts at the same virtual instant."""
    with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
        return runner.run(soak(operations, seed))


def test_soak() -> None:
    first = run_on_fresh_virtual_time(OPERATIONS, SEED)
    print(f"\nsoak: {first}")
    assert first.errors == []
    assert sum(first.operations.values()) == OPERATIONS
    assert first.lost == first.duplicated == 0
    assert sum(first.faults.values()) > OPERATIONS * 0.08
    assert first.refreshes == 1
    again = run_on_fresh_virtual_time(OPERATIONS, SEED)
    assert again == first  # the same seed, the same run: every count, every virtual second
