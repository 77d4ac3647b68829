"""``playlists.add_items`` never duplicates or loses an item, whatever the wire does.

A POST that fails without a clear answer may have been applied. The client reads the playlist
back: a chunk in place is not sent again, an unchanged playlist gets it again, and anything else
is an error that says which items the playlist got.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from async_spotify import (
    ServerError,
    SpotifyApiClient,
    SpotifyConnectionError,
    SpotifyTimeoutError,
)
from async_spotify.emulator import Emulator, EmulatorConfig, FaultRule
from async_spotify.transport.retry import RetryPolicy
from tests.resilience.harness import EmulatedTime, issued_token, served, track_uris, user_client

pytestmark = pytest.mark.virtual_time

ADD = "POST /v1/playlists/*/items"
ADD_ROUTE = "POST /v1/playlists/{playlist_id}/items"
READ_VERSION = "GET /v1/playlists/{playlist_id}"


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig()) as running:
        yield running


async def fresh_playlist(client: SpotifyApiClient, emulator: Emulator, items: int = 0) -> str:
    playlist_id: str = (await client.playlists.create("Safe writes"))["id"]
    if items:
        await client.playlists.add_items(playlist_id, track_uris(emulator, items, start=5000))
    emulator.reset_stats()
    return playlist_id


async def items_of(client: SpotifyApiClient, playlist_id: str) -> list[str]:
    first = await client.playlists.get_items(playlist_id, limit=50)
    return [entry["item"]["uri"] for entry in await client.fetch_all(first)]


async def test_applied_then_failed_chunks_are_not_sent_again(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    async with user_client(emulator, time.policy(), issued_token(emulator)) as client:
        playlist = await fresh_playlist(client, emulator, items=3)
        uris = track_uris(emulator, 250)
        emulator.faults.script([FaultRule("applied_then_failed", route=ADD, count=3)])
        result = await client.playlists.add_items(playlist, uris)
        after = await items_of(client, playlist)
        assert result == {"snapshot_id": (await client.playlists.get_one(playlist))["snapshot_id"]}
    assert after[3:] == uris  # every item once, in order, after the 3 that were there
    assert served(emulator, ADD_ROUTE) == {"502": 3}  # each chunk sent exactly once
    # one read of the version before, and after each failure one read of version and items
    assert served(emulator, READ_VERSION) == {"200": 1 + 3 + 1}
    assert time.sleeps == []


@pytest.mark.parametrize(
    "fault",
    [
        FaultRule("status", route=ADD, status=500),
        FaultRule("status", route=ADD, status=502, html=True),
        FaultRule("status", route=ADD, status=503),
        FaultRule("reset", route=ADD),
        FaultRule("invalid_json", route=ADD),
    ],
    ids=["500", "502-html", "503", "reset", "invalid-json"],
)
async def test_chunks_that_were_not_applied_are_sent_again(
    emulator: Emulator, fault: FaultRule
) -> None:
    time = EmulatedTime(emulator)
    async with user_client(emulator, time.policy(), issued_token(emulator)) as client:
        playlist = await fresh_playlist(client, emulator)
        uris = track_uris(emulator, 230)
        emulator.faults.script([fault, fault, fault])  # the first chunk fails three times
        await client.playlists.add_items(playlist, uris, position=0)
        assert await items_of(client, playlist) == uris
    failed = "reset" if fault.kind == "reset" else "200" if fault.kind == "invalid_json" else None
    assert served(emulator, ADD_ROUTE) == {failed or str(fault.effective_status): 3, "201": 3}
    assert time.sleeps == [0.25, 0.5, 1.0]


async def test_a_timed_out_chunk_is_read_back_then_sent_again(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    token = issued_token(emulator)
    async with user_client(emulator, time.policy(), token) as client:
        playlist = await fresh_playlist(client, emulator, items=2)
        await client.create_new_client(request_timeout=0.2)
        uris = track_uris(emulator, 120)
        emulator.faults.script([FaultRule("hang", route=ADD, seconds=30)])
        await client.playlists.add_items(playlist, uris, position=1)
        after = await items_of(client, playlist)
    assert after[1:121] == uris
    assert len(after) == 122
    assert served(emulator, ADD_ROUTE)["201"] == 2


async def test_inserting_at_a_position_keeps_the_order(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    async with user_client(emulator, time.policy(), issued_token(emulator)) as client:
        playlist = await fresh_playlist(client, emulator, items=10)
        before = await items_of(client, playlist)
        uris = track_uris(emulator, 150)
        emulator.faults.script(
            [
                FaultRule("applied_then_failed", route=ADD),
                FaultRule("status", route=ADD, status=503),
            ]
        )
        await client.playlists.add_items(playlist, uris, position=4)
        assert await items_of(client, playlist) == [*before[:4], *uris, *before[4:]]
    assert served(emulator, ADD_ROUTE) == {"502": 1, "503": 1, "201": 1}


async def test_without_retries_the_error_says_what_was_added(emulator: Emulator) -> None:
    async with user_client(emulator, RetryPolicy.none(), issued_token(emulator)) as client:
        playlist = await fresh_playlist(client, emulator)
        uris = track_uris(emulator, 250)
        emulator.faults.script([FaultRule("status", route=ADD, status=502)])
        with pytest.raises(ServerError) as caught:
            await client.playlists.add_items(playlist, uris)
        assert await items_of(client, playlist) == []
    path = f"/playlists/{playlist}/items"
    assert caught.value.status == 502
    assert caught.value.text == (
        f"POST {path} failed (ServerError: Bad gateway): items 1-100 may or may not have been "
        "added (retries are off, so the playlist was not read back); items 101-250 were not sent"
    )
    assert served(emulator, READ_VERSION) == {}  # no read without a retrying policy


async def test_an_unchanged_playlist_after_the_last_attempt_is_reported(
    emulator: Emulator,
) -> None:
    time = EmulatedTime(emulator)
    policy = time.policy(max_attempts=2)
    async with user_client(emulator, policy, issued_token(emulator)) as client:
        playlist = await fresh_playlist(client, emulator)
        uris = track_uris(emulator, 150)
        emulator.faults.script(
            [
                FaultRule("applied_then_failed", route=ADD),  # chunk 1: applied, found
                FaultRule("reset", route=ADD, count=2),  # chunk 2: both attempts dropped
            ]
        )
        with pytest.raises(SpotifyConnectionError) as caught:
            await client.playlists.add_items(playlist, uris)
        assert await items_of(client, playlist) == uris[:100]
    assert caught.value.text == (
        f"POST /playlists/{playlist}/items failed (SpotifyConnectionError: POST "
        f"/v1/playlists/{playlist}/items: connection failed (ServerDisconnectedError)): items "
        "1-100 were added; items 101-150 were not added (the playlist is unchanged)"
    )


async def test_a_playlist_changed_meanwhile_is_reported(emulator: Emulator) -> None:
    time = EmulatedTime(emulator)
    seen_post = asyncio.Event()

    async def on_start(
        session: aiohttp.ClientSession, context: object, params: aiohttp.TraceRequestStartParams
    ) -> None:
        if params.method == "POST" and params.url.path.endswith("/items"):
            seen_post.set()

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_start)
    async with aiohttp.ClientSession(trace_configs=[trace]) as session:
        client = user_client(emulator, time.policy(), issued_token(emulator), session=session)
        other = user_client(emulator, RetryPolicy.none(), issued_token(emulator))
        async with client, other:
            await client.create_new_client(request_timeout=0.3)
            playlist = await fresh_playlist(client, emulator)
            uris = track_uris(emulator, 2)
            emulator.faults.script([FaultRule("hang", route=ADD, seconds=30)])
            adding = asyncio.ensure_future(client.playlists.add_items(playlist, uris))
            await seen_post.wait()  # the hanging POST is out: another app edits meanwhile
            await other.playlists.replace_items(playlist, track_uris(emulator, 1, start=900))
            with pytest.raises(SpotifyTimeoutError) as caught:
                await adding
    assert caught.value.text == (
        f"POST /playlists/{playlist}/items failed (SpotifyTimeoutError: POST "
        f"/v1/playlists/{playlist}/items: no answer within 0.3 s): items 1-2 may or may not "
        "have been added (the playlist changed in another way meanwhile)"
    )


EDIT_ITEMS = "re:^(PUT|DELETE) /v1/playlists/[^/]+/items$"
EDIT_ROUTE = "{method} /v1/playlists/{{playlist_id}}/items"


@pytest.mark.parametrize("method", ["reorder_items", "remove_by_position"])
async def test_edits_that_move_or_remove_by_position_are_not_sent_twice(
    emulator: Emulator, method: str
) -> None:
    """A reorder or a removal by position repeated would move or remove items again: after a
    5xx that was in fact applied, the error is raised and nothing is resent."""
    time = EmulatedTime(emulator)
    async with user_client(emulator, time.policy(), issued_token(emulator)) as client:
        playlist = await fresh_playlist(client, emulator, items=5)
        before = await items_of(client, playlist)
        emulator.reset_stats()
        emulator.faults.script([FaultRule("applied_then_failed", route=EDIT_ITEMS)])
        if method == "reorder_items":
            edit = client.playlists.reorder_items(playlist, range_start=0, insert_before=3)
        else:
            edit = client.playlists.remove_items(playlist, [{"uri": before[0], "positions": [0]}])
        with pytest.raises(ServerError) as caught:
            await edit
        after = await items_of(client, playlist)
    http_method = "PUT" if method == "reorder_items" else "DELETE"
    assert caught.value.status == 502
    assert served(emulator, EDIT_ROUTE.format(method=http_method)) == {"502": 1}
    assert time.sleeps == []
    if method == "reorder_items":
        assert after == [before[1], before[2], before[0], before[3], before[4]]  # moved once
    else:
        assert after == before[1:]  # removed once


async def test_removing_every_occurrence_is_retried(emulator: Emulator) -> None:
    """The contrast: a removal by URI is idempotent, so a lost answer is simply sent again."""
    time = EmulatedTime(emulator)
    async with user_client(emulator, time.policy(), issued_token(emulator)) as client:
        playlist = await fresh_playlist(client, emulator, items=3)
        before = await items_of(client, playlist)
        emulator.reset_stats()
        emulator.faults.script([FaultRule("applied_then_failed", route=EDIT_ITEMS)])
        result = await client.playlists.remove_items(playlist, [before[1]])
        after = await items_of(client, playlist)
        current = (await client.playlists.get_one(playlist))["snapshot_id"]
    assert after == [before[0], before[2]]
    assert result == {"snapshot_id": current}
    assert served(emulator, EDIT_ROUTE.format(method="DELETE")) == {"502": 1, "200": 1}
    assert time.sleeps == [0.25]
