"""Every fault kind against every kind of request: the outcome is the right data or a typed
``SpotifyBaseError``, after exactly the waits it should take; never an aiohttp exception, a hang
or a duplicate.

Kinds of request: a read (``track.get_one``), an idempotent write (``library.add_items``, a
PUT) and a POST (``playlists.add_items``). Faults hit the first requests of that route; hangs
meet a 0.3 s client timeout. Time is virtual: the call takes exactly its backoff waits plus one
timeout per hang, however loaded the machine is.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from async_spotify import ReauthorizationRequired, SpotifyApiClient, SpotifyBaseError
from async_spotify.emulator import Emulator, EmulatorConfig, FaultRule
from tests.resilience.harness import EmulatedTime, issued_token, track_uris, user_client

pytestmark = pytest.mark.virtual_time

TIMEOUT = 0.3


@dataclass
class Call:
    """One kind of request: its route (for fault rules), the call, and a check of its effect."""

    route: str
    send: Callable[[SpotifyApiClient, Emulator, str], Awaitable[Any]]
    check: Callable[[SpotifyApiClient, Emulator, str, Any], Awaitable[None]]


async def read(client: SpotifyApiClient, emulator: Emulator, playlist: str) -> Any:
    return await client.track.get_one(track_uris(emulator, 1)[0])


async def check_read(client: SpotifyApiClient, emulator: Emulator, playlist: str, got: Any) -> None:
    assert got is not None
    assert got["uri"] == track_uris(emulator, 1)[0]
    assert got["type"] == "track"


async def save(client: SpotifyApiClient, emulator: Emulator, playlist: str) -> Any:
    return await client.library.add_items(track_uris(emulator, 1, start=7))


async def check_save(client: SpotifyApiClient, emulator: Emulator, playlist: str, got: Any) -> None:
    assert await client.library.contains_items(track_uris(emulator, 2, start=7)) == [True, False]


async def add(client: SpotifyApiClient, emulator: Emulator, playlist: str) -> Any:
    return await client.playlists.add_items(playlist, track_uris(emulator, 2, start=11))


async def check_add(client: SpotifyApiClient, emulator: Emulator, playlist: str, got: Any) -> None:
    items: Any = await client.playlists.get_items(playlist, limit=50)
    assert [entry["item"]["uri"] for entry in items["items"]] == track_uris(emulator, 2, start=11)
    assert got == {"snapshot_id": (await client.playlists.get_one(playlist))["snapshot_id"]}


CALLS = {
    "read": Call("GET /v1/tracks/*", read, check_read),
    "idempotent write": Call("PUT /v1/me/library", save, check_save),
    "POST": Call("POST /v1/playlists/*/items", add, check_add),
}

#: Each fault: the rules for a route, or what happens to the token instead.
FAULTS: dict[str, Callable[[str], list[FaultRule]]] = {
    "500": lambda route: [FaultRule("status", route=route, status=500, count=2)],
    "502": lambda route: [FaultRule("status", route=route, status=502, html=True, count=2)],
    "503": lambda route: [FaultRule("status", route=route, status=503, count=2)],
    "reset": lambda route: [FaultRule("reset", route=route, count=2)],
    "hang": lambda route: [FaultRule("hang", route=route, seconds=30)],
    "invalid JSON": lambda route: [FaultRule("invalid_json", route=route, count=2)],
    "truncated": lambda route: [FaultRule("truncated", route=route, count=2)],
    "applied then failed": lambda route: [FaultRule("applied_then_failed", route=route)],
    "429 burst": lambda route: [FaultRule("rate_limit", route=route, retry_after=1, count=3)],
    "expired token": lambda route: [],
    "revoked refresh token": lambda route: [],
}


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig()) as running:
        yield running


@pytest.mark.parametrize("call_kind", list(CALLS))
@pytest.mark.parametrize("fault", list(FAULTS))
async def test_fault_outcome(emulator: Emulator, fault: str, call_kind: str) -> None:
    call = CALLS[call_kind]
    emulated_time = EmulatedTime(emulator)
    async with user_client(emulator, emulated_time.policy(), issued_token(emulator)) as client:
        await client.create_new_client(request_timeout=TIMEOUT)
        playlist: str = (await client.playlists.create("Matrix"))["id"]
        emulator.faults.script(FAULTS[fault](call.route))
        if fault in ("expired token", "revoked refresh token"):
            emulator.clock.advance(3601)  # Spotify answers 401; the client must renew
        if fault == "revoked refresh token":
            emulator.revoke_refresh_tokens()
        started = emulated_time.clock()
        try:
            outcome: Any = await call.send(client, emulator, playlist)
        except SpotifyBaseError as error:
            outcome = error
        elapsed = emulated_time.clock() - started
        hangs = 1 if fault == "hang" else 0
        assert elapsed == pytest.approx(sum(emulated_time.sleeps) + hangs * TIMEOUT)
        if fault == "revoked refresh token":
            assert isinstance(outcome, ReauthorizationRequired)
            assert outcome.error == "invalid_grant"
            return
        assert not isinstance(outcome, BaseException), outcome
        await call.check(client, emulator, playlist, outcome)
    assert emulator.stats()["emulator_bugs"] == 0
    assert sum(emulator.stats()["faults"].values()) == faults_fired(fault, call_kind)


def faults_fired(fault: str, call_kind: str) -> int:
    """How many scripted faults the call meets before it succeeds."""
    if fault == "expired token":
        return 0
    if fault == "429 burst":
        return 3
    if fault in ("hang", "applied then failed"):
        return 1
    if fault == "truncated" and call_kind == "POST":
        return 1  # the write was applied: read back and found, so not sent again
    return 2
