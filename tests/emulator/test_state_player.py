"""The player state machine over HTTP: devices, play/pause/seek/skip, shuffle, repeat, volume,
transfer, queue, Spotify's player errors, time moving with the emulator's clock, and
recently-played cursors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest

from async_spotify.emulator import Clock, Emulator


class Player:
    def __init__(self, emulator: Emulator, session: aiohttp.ClientSession) -> None:
        self.emulator = emulator
        self.session = session
        self.token = emulator.issue_user_token()["access_token"]
        world = emulator.world
        self.ids = world.catalog.ids
        self.records = world.catalog.records
        self.devices = [d.id for d in world.user(world.default_user_id).player.devices]

    async def __call__(
        self, method: str, path: str, *, json: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {token or self.token}"}
        data = None if json is None else orjson.dumps(json)
        async with self.session.request(
            method, self.emulator.base_url + path, data=data, headers=headers
        ) as reply:
            body = await reply.read()
            return reply.status, orjson.loads(body) if body else None

    def advance(self, seconds: float) -> None:
        self.emulator.clock.advance(seconds)
        self.token = self.emulator.issue_user_token()["access_token"]

    def album(self, index: int) -> str:
        return f"spotify:album:{self.ids.encode('album', index)}"

    def album_track_ids(self, index: int) -> list[str]:
        return [self.ids.encode("track", t) for t in self.records.album(index).tracks]

    async def play_album(self, index: int) -> tuple[int, Any]:
        """``PUT /me/player/play`` of album ``index`` on the first device."""
        return await self(
            "PUT",
            f"/me/player/play?device_id={self.devices[0]}",
            json={"context_uri": self.album(index)},
        )

    async def state(self) -> dict[str, Any]:
        status, body = await self("GET", "/me/player")
        assert status == 200
        return dict(body)


@pytest.fixture
async def player() -> AsyncIterator[Player]:
    async with Emulator() as emulator, aiohttp.ClientSession() as session:
        emulator.clock.freeze()  # only advance() moves time: progress and timestamps are exact
        yield Player(emulator, session)


def player_error(status: int, message: str, reason: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": {"status": status, "message": message, "reason": reason}}


NO_ACTIVE_DEVICE = player_error(
    404, "Player command failed: No active device found", "NO_ACTIVE_DEVICE"
)
RESTRICTED = player_error(403, "Player command failed: Restriction violated", "UNKNOWN")
#: An album with enough tracks to skip around in (the layout gives albums 7-15 tracks).
ALBUM = 4


async def test_nothing_active_at_first(player: Player) -> None:
    assert await player("GET", "/me/player") == (204, None)
    assert await player("GET", "/me/player/currently-playing") == (204, None)
    _, devices = await player("GET", "/me/player/devices")
    assert [d["is_active"] for d in devices["devices"]] == [False, False, False]
    assert await player("PUT", "/me/player/pause") == NO_ACTIVE_DEVICE
    assert await player("PUT", "/me/player/play", json={"context_uri": player.album(ALBUM)}) == (
        NO_ACTIVE_DEVICE
    )


async def test_unknown_device(player: Player) -> None:
    assert await player("PUT", "/me/player/play?device_id=nope") == (
        404,
        {"error": {"status": 404, "message": "Device not found"}},
    )


async def test_play_a_context_at_an_offset(player: Player) -> None:
    body = {"context_uri": player.album(ALBUM), "offset": {"position": 2}, "position_ms": 1500}
    path = f"/me/player/play?device_id={player.devices[1]}"
    assert await player("PUT", path, json=body) == (204, None)
    state = await player.state()
    assert state["device"]["id"] == player.devices[1]
    assert state["device"]["is_active"] is True
    assert state["is_playing"] is True
    assert state["item"]["id"] == player.album_track_ids(ALBUM)[2]
    assert state["progress_ms"] == 1500
    assert state["context"]["uri"] == player.album(ALBUM)
    assert state["currently_playing_type"] == "track"
    assert (state["shuffle_state"], state["repeat_state"]) == (False, "off")


async def test_pause_twice_is_a_restriction_violation(player: Player) -> None:
    await player.play_album(ALBUM)
    assert await player("PUT", "/me/player/pause") == (204, None)
    assert (await player.state())["is_playing"] is False
    assert await player("PUT", "/me/player/pause") == RESTRICTED
    assert await player("PUT", "/me/player/play") == (204, None)  # resume
    assert (await player.state())["is_playing"] is True
    assert await player("PUT", "/me/player/play") == RESTRICTED  # already playing


async def test_time_moves_playback_to_the_next_track_and_into_history(player: Player) -> None:
    tracks = player.album_track_ids(ALBUM)
    first = player.records.track(player.records.album(ALBUM).tracks[0]).duration_ms
    await player.play_album(ALBUM)
    player.advance(first / 1000 + 2)
    state = await player.state()
    assert state["item"]["id"] == tracks[1]
    assert state["progress_ms"] == 2000  # two seconds into the next track
    _, recent = await player("GET", "/me/player/recently-played?limit=1")
    assert recent["items"][0]["track"]["id"] == tracks[0]
    assert recent["items"][0]["context"]["uri"] == player.album(ALBUM)


async def test_the_end_of_the_context_stops_unless_repeating(player: Player) -> None:
    album = player.records.album(ALBUM)
    total = sum(player.records.track(t).duration_ms for t in album.tracks) / 1000
    await player.play_album(ALBUM)
    await player("PUT", "/me/player/repeat?state=context")
    player.advance(total + 1)
    state = await player.state()
    assert state["is_playing"] is True
    assert state["item"]["id"] == player.album_track_ids(ALBUM)[0]
    await player("PUT", "/me/player/repeat?state=off")
    player.advance(total + 1)
    state = await player.state()
    assert (state["is_playing"], state["progress_ms"]) == (False, 0)
    assert state["item"]["id"] == player.album_track_ids(ALBUM)[-1]


async def test_next_previous_and_seek(player: Player) -> None:
    tracks = player.album_track_ids(ALBUM)
    await player.play_album(ALBUM)
    assert await player("POST", "/me/player/next") == (204, None)
    assert (await player.state())["item"]["id"] == tracks[1]
    assert await player("PUT", "/me/player/seek?position_ms=10000") == (204, None)
    assert (await player.state())["progress_ms"] == 10000
    assert await player("POST", "/me/player/previous") == (204, None)  # restarts the track
    state = await player.state()
    assert (state["item"]["id"], state["progress_ms"]) == (tracks[1], 0)
    assert await player("POST", "/me/player/previous") == (204, None)  # now goes back
    assert (await player.state())["item"]["id"] == tracks[0]


async def test_next_at_the_end_without_repeat_is_refused(player: Player) -> None:
    tracks = player.album_track_ids(ALBUM)
    body = {"context_uri": player.album(ALBUM), "offset": {"uri": f"spotify:track:{tracks[-1]}"}}
    await player("PUT", f"/me/player/play?device_id={player.devices[0]}", json=body)
    assert await player("POST", "/me/player/next") == player_error(
        403, "Player command failed: Restriction violated", "NO_NEXT_TRACK"
    )


async def test_shuffle_repeat_and_volume(player: Player) -> None:
    await player.play_album(ALBUM)
    assert await player("PUT", "/me/player/shuffle?state=true") == (204, None)
    assert await player("PUT", "/me/player/repeat?state=track") == (204, None)
    assert await player("PUT", "/me/player/volume?volume_percent=12") == (204, None)
    state = await player.state()
    assert (state["shuffle_state"], state["repeat_state"]) == (True, "track")
    assert state["device"]["volume_percent"] == 12
    _, queue = await player("GET", "/me/player/queue")
    upcoming = [t["id"] for t in queue["queue"]]
    assert sorted(upcoming) == sorted(player.album_track_ids(ALBUM)[1:])
    assert await player("PUT", "/me/player/repeat?state=sometimes") == (
        400,
        {"error": {"status": 400, "message": "Invalid state"}},
    )
    assert await player("PUT", "/me/player/volume?volume_percent=101") == (
        400,
        {"error": {"status": 400, "message": "Invalid volume_percent"}},
    )


async def test_transfer_takes_exactly_one_device(player: Player) -> None:
    await player.play_album(ALBUM)
    both = {"device_ids": player.devices[:2]}
    status, _ = await player("PUT", "/me/player", json=both)
    assert status == 400
    assert await player("PUT", "/me/player", json={"device_ids": [player.devices[2]]}) == (
        204,
        None,
    )
    assert (await player.state())["device"]["id"] == player.devices[2]


async def test_queue_plays_before_the_context(player: Player) -> None:
    tracks = player.album_track_ids(ALBUM)
    queued = player.ids.encode("track", 12345)
    await player.play_album(ALBUM)
    assert await player("POST", f"/me/player/queue?uri=spotify:track:{queued}") == (204, None)
    _, queue = await player("GET", "/me/player/queue")
    assert queue["currently_playing"]["id"] == tracks[0]
    assert [t["id"] for t in queue["queue"][:2]] == [queued, tracks[1]]
    await player("POST", "/me/player/next")
    assert (await player.state())["item"]["id"] == queued


async def test_episodes_need_additional_types(player: Player) -> None:
    show = f"spotify:show:{player.ids.encode('show', 3)}"
    await player(
        "PUT", f"/me/player/play?device_id={player.devices[0]}", json={"context_uri": show}
    )
    legacy = await player.state()
    assert (legacy["item"], legacy["currently_playing_type"]) == (None, "episode")
    _, modern = await player("GET", "/me/player?additional_types=episode")
    assert modern["item"]["type"] == "episode"
    assert modern["item"]["show"]["uri"] == show


async def test_the_queue_lists_episodes_without_additional_types(player: Player) -> None:
    show = player.ids.encode("show", 3)
    episodes = [player.ids.encode("episode", e) for e in player.records.show(3).episodes]
    await player(
        "PUT",
        f"/me/player/play?device_id={player.devices[0]}",
        json={"context_uri": f"spotify:show:{show}"},
    )
    status, queue = await player("GET", "/me/player/queue")
    assert status == 200
    assert (queue["currently_playing"]["type"], queue["currently_playing"]["id"]) == (
        "episode",
        episodes[0],
    )
    assert [item["id"] for item in queue["queue"]] == episodes[1:21]
    assert {item["type"] for item in queue["queue"]} == {"episode"}


async def test_free_users_get_premium_required(player: Player) -> None:
    world = player.emulator.world
    world.user("free-user").profile.product = "free"
    token = player.emulator.issue_user_token(user_id="free-user")["access_token"]
    assert await player("PUT", "/me/player/pause", token=token) == player_error(
        403, "Player command failed: Premium required", "PREMIUM_REQUIRED"
    )


async def test_repeat_track_plays_the_same_track_again(player: Player) -> None:
    first = player.records.track(player.records.album(ALBUM).tracks[0]).duration_ms
    await player.play_album(ALBUM)
    await player("PUT", "/me/player/repeat?state=track")
    player.advance(first / 1000 + 3)
    state = await player.state()
    assert (state["item"]["id"], state["progress_ms"]) == (player.album_track_ids(ALBUM)[0], 3000)
    _, recent = await player("GET", "/me/player/recently-played?limit=1")
    assert recent["items"][0]["track"]["id"] == player.album_track_ids(ALBUM)[0]


async def test_shuffle_off_goes_back_to_the_context_order(player: Player) -> None:
    tracks = player.album_track_ids(ALBUM)
    body = {"context_uri": player.album(ALBUM), "offset": {"position": 2}}
    await player("PUT", f"/me/player/play?device_id={player.devices[0]}", json=body)
    await player("PUT", "/me/player/shuffle?state=true")
    _, shuffled = await player("GET", "/me/player/queue")
    # Shuffling again changes nothing: the same order comes next.
    assert await player("PUT", "/me/player/shuffle?state=true") == (204, None)
    _, again = await player("GET", "/me/player/queue")
    assert [t["id"] for t in again["queue"]] == [t["id"] for t in shuffled["queue"]]
    assert await player("PUT", "/me/player/shuffle?state=false") == (204, None)
    _, queue = await player("GET", "/me/player/queue")
    assert queue["currently_playing"]["id"] == tracks[2]
    assert [t["id"] for t in queue["queue"]] == tracks[3:]


async def test_a_seek_past_the_end_while_paused_moves_to_the_next_track(player: Player) -> None:
    tracks = player.album_track_ids(ALBUM)
    first = player.records.track(player.records.album(ALBUM).tracks[0]).duration_ms
    await player.play_album(ALBUM)
    await player("PUT", "/me/player/pause")
    assert await player("PUT", f"/me/player/seek?position_ms={first}") == (204, None)
    state = await player.state()
    assert (state["item"]["id"], state["progress_ms"], state["is_playing"]) == (
        tracks[1],
        0,
        False,
    )


async def test_a_track_skipped_after_30_seconds_counts_as_played(player: Player) -> None:
    tracks = player.album_track_ids(ALBUM)
    await player.play_album(ALBUM)
    _, before = await player("GET", "/me/player/recently-played?limit=1")
    player.advance(29)
    await player("POST", "/me/player/next")  # 29 s: skipped, not played
    _, recent = await player("GET", "/me/player/recently-played?limit=1")
    assert recent["items"] == before["items"]
    player.advance(31)
    await player("POST", "/me/player/next")
    _, recent = await player("GET", "/me/player/recently-played?limit=1")
    assert recent["items"][0]["track"]["id"] == tracks[1]
    assert recent["items"][0]["context"]["uri"] == player.album(ALBUM)


async def test_commands_on_a_device_with_nothing_loaded_are_restriction_violations(
    player: Player,
) -> None:
    device = player.devices[0]
    track = f"spotify:track:{player.ids.encode('track', 1)}"
    assert await player("PUT", f"/me/player/play?device_id={device}") == RESTRICTED  # resume
    assert await player("POST", f"/me/player/queue?uri={track}&device_id={device}") == RESTRICTED
    assert await player("POST", f"/me/player/next?device_id={device}") == RESTRICTED
    assert await player("PUT", f"/me/player/seek?position_ms=0&device_id={device}") == RESTRICTED


async def test_a_playlist_plays_as_a_context_and_an_empty_one_is_refused(player: Player) -> None:
    tracks = [f"spotify:track:{player.ids.encode('track', n)}" for n in (5, 6)]
    _, created = await player("POST", "/me/playlists", json={"name": "To play"})
    _, empty = await player("POST", "/me/playlists", json={"name": "Nothing yet"})
    await player("POST", f"/playlists/{created['id']}/items", json={"uris": tracks})
    play = f"/me/player/play?device_id={player.devices[0]}"
    assert await player("PUT", play, json={"context_uri": empty["uri"]}) == RESTRICTED
    body = {"context_uri": created["uri"], "offset": {"uri": tracks[1]}}
    assert await player("PUT", play, json=body) == (204, None)
    state = await player.state()
    assert (state["item"]["uri"], state["context"]["uri"]) == (tracks[1], created["uri"])


async def test_an_episode_played_to_its_end_is_fully_played(player: Player) -> None:
    show = player.records.show(3)
    first, second = (player.ids.encode("episode", e) for e in show.episodes[:2])
    duration = player.records.episode(show.episodes[0]).duration_ms
    context = f"spotify:show:{player.ids.encode('show', 3)}"
    path = f"/me/player/play?device_id={player.devices[0]}"
    await player("PUT", path, json={"context_uri": context})
    player.advance(duration / 1000 + 1)
    _, episode = await player("GET", f"/episodes/{first}")
    assert episode["resume_point"] == {"fully_played": True, "resume_position_ms": 0}
    _, state = await player("GET", "/me/player?additional_types=episode")
    assert (state["item"]["id"], state["progress_ms"]) == (second, 1000)


def invalid(message: str) -> tuple[int, dict[str, Any]]:
    return 400, {"error": {"status": 400, "message": message}}


@pytest.mark.parametrize(
    ("body", "answer"),
    [
        ({"context_uri": 7}, invalid("Invalid context uri")),
        ({"uris": ["OTHER_TRACK", 7]}, invalid("Invalid track uri: 7")),
        ({"uris": ["spotify:track:1"]}, invalid("Invalid track uri: spotify:track:1")),
        ({"context_uri": "ALBUM", "offset": 2}, invalid("Invalid offset")),
        ({"context_uri": "ALBUM", "offset": {"position": -1}}, invalid("Invalid offset")),
        ({"context_uri": "ALBUM", "offset": {"position": True}}, invalid("Invalid offset")),
        ({"context_uri": "ALBUM", "offset": {"uri": "spotify:album:x"}}, invalid("Invalid offset")),
        (
            {"context_uri": "ALBUM", "offset": {"position": 99}},
            (404, {"error": {"status": 404, "message": "Resource not found"}}),
        ),
        (
            {"context_uri": "ALBUM", "offset": {"uri": "OTHER_TRACK"}},
            (404, {"error": {"status": 404, "message": "Resource not found"}}),
        ),
    ],
)
async def test_a_bad_play_body_is_refused_and_plays_nothing(
    player: Player, body: dict[str, Any], answer: tuple[int, Any]
) -> None:
    other = f"spotify:track:{player.ids.encode('track', 0)}"
    text = orjson.dumps(body).decode()
    text = text.replace('"ALBUM"', f'"{player.album(ALBUM)}"').replace("OTHER_TRACK", other)
    path = f"/me/player/play?device_id={player.devices[0]}"
    assert await player("PUT", path, json=orjson.loads(text)) == answer
    assert await player("GET", "/me/player") == (204, None)


# -- recently played -----------------------------------------------------------------------------


async def test_recently_played_cursors(player: Player) -> None:
    status, first = await player("GET", "/me/player/recently-played?limit=20")
    assert status == 200
    assert len(first["items"]) == 20
    times = [int(c) for c in (first["cursors"]["after"], first["cursors"]["before"])]
    assert times[0] > times[1]
    older_url = first["next"].removeprefix(player.emulator.base_url)
    assert older_url == f"/me/player/recently-played?before={times[1]}&limit=20"
    _, older = await player("GET", older_url)
    assert len(older["items"]) == 20
    assert int(older["cursors"]["after"]) < times[1]
    _, newer = await player("GET", f"/me/player/recently-played?after={times[1]}&limit=5")
    played = [item["played_at"] for item in newer["items"]]
    assert played == sorted(played, reverse=True)
    assert len(played) == 5
    _, everything = await player("GET", "/me/player/recently-played?limit=50")
    assert everything["next"] is None
    assert len(everything["items"]) == 50


async def test_after_and_before_together_are_refused(player: Player) -> None:
    assert await player("GET", "/me/player/recently-played?after=1&before=2") == (
        400,
        {"error": {"status": 400, "message": "Only one of after and before may be given"}},
    )


async def test_timestamp_is_when_the_state_last_changed(player: Player) -> None:
    await player.play_album(ALBUM)
    started = (await player.state())["timestamp"]
    player.advance(5)  # playing on, nothing changed
    assert (await player.state())["timestamp"] == started
    await player("PUT", "/me/player/pause")
    paused = (await player.state())["timestamp"]
    assert paused == started + 5000


def test_a_frozen_clock_moves_only_when_advanced() -> None:
    clock = Clock()
    clock.freeze()
    now, monotonic = clock.now(), clock.monotonic()
    assert (clock.now(), clock.monotonic()) == (now, monotonic)
    clock.advance(2.5)
    assert (clock.now(), clock.monotonic()) == (now + 2.5, monotonic + 2.5)
    clock.freeze()  # freezing again keeps the frozen instant
    assert clock.now() == now + 2.5
