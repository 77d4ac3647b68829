"""client.player: the exact requests sent (recording server) and the playback it drives."""

from __future__ import annotations

from typing import Any

import pytest

from async_spotify import SpotifyApiClient
from async_spotify.spotify_errors import ForbiddenError, InvalidInputError, NotFoundError

pytest_plugins = ["tests.endpoints.player_fixtures"]

TRACK = "4iV5W9uYEdYUVa79Axb7Rh"
TRACK_2 = "1301WleyT98MSxVHPZCA6M"
EPISODE = "512ojhOuo1ktJprKbVcKyQ"
ALBUM = "1Je1IMUlBXcx1Fz0WE7oPT"
DEVICE = "74ASZWbe4lXaubB36ztrGX"

NO_DEVICE = {
    "error": {
        "status": 404,
        "message": "Player command failed: No active device found",
        "reason": "NO_ACTIVE_DEVICE",
    }
}


# -- reads ---------------------------------------------------------------------------------------


async def test_get_devices(recorded_client: SpotifyApiClient, recorder) -> None:
    devices = {"devices": [{"id": DEVICE, "name": "Kitchen", "is_active": True}]}
    recorder.respond(200, devices)
    assert await recorded_client.player.get_devices() == devices
    assert recorder.requests == [("GET", "/me/player/devices", {}, None)]


async def test_get_playback_reads_me_player(recorded_client: SpotifyApiClient, recorder) -> None:
    state = {"is_playing": True, "progress_ms": 1234, "device": {"id": DEVICE}}
    recorder.respond(200, state)
    result = await recorded_client.player.get_playback(
        market="DE", additional_types=["track", "episode"]
    )
    assert result == state
    assert recorder.requests == [
        ("GET", "/me/player", {"market": "DE", "additional_types": "track,episode"}, None)
    ]


async def test_get_playback_is_an_empty_dict_when_nothing_plays(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.respond(204, None)
    assert await recorded_client.player.get_playback() == {}


async def test_get_queue_reads_the_queue(recorded_client: SpotifyApiClient, recorder) -> None:
    queue = {"currently_playing": {"id": TRACK}, "queue": [{"id": TRACK_2}]}
    recorder.respond(200, queue)
    assert await recorded_client.player.get_queue() == queue
    assert recorder.requests == [("GET", "/me/player/queue", {}, None)]


async def test_get_current_track(recorded_client: SpotifyApiClient, recorder) -> None:
    playing = {"is_playing": True, "item": {"id": TRACK}}
    recorder.respond(200, playing)
    recorder.respond(204, None)
    assert await recorded_client.player.get_current_track(market="from_token") == playing
    assert await recorded_client.player.get_current_track() == {}
    assert recorder.requests == [
        ("GET", "/me/player/currently-playing", {"market": "from_token"}, None),
        ("GET", "/me/player/currently-playing", {}, None),
    ]


async def test_get_recent_tracks(recorded_client: SpotifyApiClient, recorder) -> None:
    page: dict[str, object] = {
        "items": [],
        "next": None,
        "cursors": {"after": "1", "before": "0"},
        "limit": 50,
    }
    recorder.respond(200, page)
    assert await recorded_client.player.get_recent_tracks(limit=50, after=1700000000000) == page
    assert recorder.requests == [
        ("GET", "/me/player/recently-played", {"limit": "50", "after": "1700000000000"}, None)
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"after": 1, "before": 2}, "after=1 and before=2"),
        ({"limit": 51}, "limit=51"),
        ({"limit": True}, "limit=True"),
    ],
)
async def test_get_recent_tracks_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, kwargs, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.player.get_recent_tracks(**kwargs)
    assert recorder.requests == []


# -- queue ---------------------------------------------------------------------------------------


async def test_add_to_queue_takes_uri_or_url(recorded_client: SpotifyApiClient, recorder) -> None:
    recorder.respond(204, None)
    recorder.respond(204, None)
    await recorded_client.player.add_to_queue(f"spotify:track:{TRACK}")
    result = await recorded_client.player.add_to_queue(
        f"https://open.spotify.com/intl-de/episode/{EPISODE}?si=abc", device_id=DEVICE
    )
    assert result == {}
    assert recorder.requests == [
        ("POST", "/me/player/queue", {"uri": f"spotify:track:{TRACK}"}, None),
        (
            "POST",
            "/me/player/queue",
            {"uri": f"spotify:episode:{EPISODE}", "device_id": DEVICE},
            None,
        ),
    ]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((f"spotify:album:{ALBUM}",), {}, "is an album, expected a track or an episode"),
        ((TRACK,), {}, "bare id"),
        ((f"spotify:track:{TRACK}",), {"uri": f"spotify:track:{TRACK_2}"}, "'uri' is set"),
        ((f"spotify:track:{TRACK}",), {"device_id": 7}, "device_id=7"),
    ],
)
async def test_add_to_queue_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, args, kwargs, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.player.add_to_queue(*args, **kwargs)
    assert recorder.requests == []


async def test_add_multiple_tracks_to_queue_in_order(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    uris = [f"spotify:track:{TRACK}", f"https://open.spotify.com/track/{TRACK_2}"]
    given = list(uris)
    await recorded_client.player.add_multiple_tracks_to_queue(uris, device_id=DEVICE)
    assert uris == given
    assert recorder.requests == [
        ("POST", "/me/player/queue", {"uri": f"spotify:track:{TRACK}", "device_id": DEVICE}, None),
        (
            "POST",
            "/me/player/queue",
            {"uri": f"spotify:track:{TRACK_2}", "device_id": DEVICE},
            None,
        ),
    ]


async def test_add_multiple_tracks_to_queue_says_what_was_queued(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    uris = [f"spotify:track:{TRACK}", f"spotify:track:{TRACK_2}", f"spotify:episode:{EPISODE}"]
    recorder.respond(204, None)
    recorder.respond(404, NO_DEVICE)
    with pytest.raises(NotFoundError) as caught:
        await recorded_client.player.add_multiple_tracks_to_queue(uris)
    assert caught.value.reason == "NO_ACTIVE_DEVICE"
    assert caught.value.__notes__ == [
        f"add_multiple_tracks_to_queue: queued ['spotify:track:{TRACK}'] before this error; "
        f"not queued: ['spotify:track:{TRACK_2}', 'spotify:episode:{EPISODE}']"
    ]
    assert [request.query["uri"] for request in recorder.requests] == uris[:2]


async def test_add_multiple_tracks_to_queue_checks_every_uri_first(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    with pytest.raises(InvalidInputError, match="'nope'"):
        await recorded_client.player.add_multiple_tracks_to_queue(
            [f"spotify:track:{TRACK}", "nope"]
        )
    assert recorder.requests == []


# -- commands ------------------------------------------------------------------------------------


async def test_play_sends_device_id_in_the_query_only(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    await recorded_client.player.play(
        device_id=DEVICE,
        context_uri=f"https://open.spotify.com/album/{ALBUM}?si=x",
        offset={"position": 5},
        position_ms=1000,
    )
    assert recorder.requests == [
        (
            "PUT",
            "/me/player/play",
            {"device_id": DEVICE},
            {
                "context_uri": f"spotify:album:{ALBUM}",
                "offset": {"position": 5},
                "position_ms": 1000,
            },
        )
    ]


async def test_play_with_uris_does_not_touch_the_callers_list(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    uris = [f"https://open.spotify.com/track/{TRACK}", f"spotify:episode:{EPISODE}"]
    kwargs: dict[str, Any] = {"uris": uris}
    await recorded_client.player.play(**kwargs)
    assert kwargs == {
        "uris": [f"https://open.spotify.com/track/{TRACK}", f"spotify:episode:{EPISODE}"]
    }
    assert recorder.requests == [
        (
            "PUT",
            "/me/player/play",
            {},
            {"uris": [f"spotify:track:{TRACK}", f"spotify:episode:{EPISODE}"]},
        )
    ]


async def test_play_without_arguments_resumes_with_no_body(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    await recorded_client.player.play()
    await recorded_client.player.play(device_id=DEVICE)
    assert recorder.requests == [
        ("PUT", "/me/player/play", {}, None),
        ("PUT", "/me/player/play", {"device_id": DEVICE}, None),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"context_uri": f"spotify:track:{TRACK}"}, "is a track, expected an album"),
        ({"uris": [f"spotify:album:{ALBUM}"]}, "is an album, expected a track or an episode"),
        ({"position_ms": -1}, "position_ms=-1"),
        ({"offset": 3}, "offset=3"),
    ],
)
async def test_play_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, kwargs, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.player.play(**kwargs)
    assert recorder.requests == []


async def test_pause_next_previous(recorded_client: SpotifyApiClient, recorder) -> None:
    assert await recorded_client.player.pause(device_id=DEVICE) == {}
    assert await recorded_client.player.next() == {}
    assert await recorded_client.player.previous(device_id=DEVICE) == {}
    assert recorder.requests == [
        ("PUT", "/me/player/pause", {"device_id": DEVICE}, None),
        ("POST", "/me/player/next", {}, None),
        ("POST", "/me/player/previous", {"device_id": DEVICE}, None),
    ]


async def test_seek_repeat_volume(recorded_client: SpotifyApiClient, recorder) -> None:
    await recorded_client.player.seek(25000, device_id=DEVICE)
    await recorded_client.player.repeat("context")
    await recorded_client.player.volume(0)
    assert recorder.requests == [
        ("PUT", "/me/player/seek", {"position_ms": "25000", "device_id": DEVICE}, None),
        ("PUT", "/me/player/repeat", {"state": "context"}, None),
        ("PUT", "/me/player/volume", {"volume_percent": "0"}, None),
    ]


@pytest.mark.parametrize(
    ("method", "args", "message"),
    [
        ("seek", (-5,), "position_ms=-5"),
        ("seek", ("10",), "position_ms='10'"),
        ("repeat", ("all",), "state='all'"),
        ("volume", (101,), "volume_percent=101"),
        ("shuffle", ("True",), "shuffle_on must be True or False"),
        ("shuffle", (1,), "shuffle_on must be True or False"),
    ],
)
async def test_commands_refuse_bad_values(
    recorded_client: SpotifyApiClient, recorder, method, args, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await getattr(recorded_client.player, method)(*args)
    assert recorder.requests == []


async def test_shuffle_sends_lowercase_booleans(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    await recorded_client.player.shuffle(True)
    await recorded_client.player.shuffle(False, device_id=DEVICE)
    assert recorder.requests == [
        ("PUT", "/me/player/shuffle", {"state": "true"}, None),
        ("PUT", "/me/player/shuffle", {"state": "false", "device_id": DEVICE}, None),
    ]


async def test_shuffle_refuses_state_keyword(recorded_client: SpotifyApiClient, recorder) -> None:
    with pytest.raises(InvalidInputError, match="'state' is set"):
        await recorded_client.player.shuffle(True, state=False)  # type: ignore[call-arg]
    assert recorder.requests == []


async def test_transfer_sends_play_and_one_device(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    await recorded_client.player.transfer(DEVICE, play=True)
    await recorded_client.player.transfer([DEVICE])
    assert recorder.requests == [
        ("PUT", "/me/player", {}, {"device_ids": [DEVICE], "play": True}),
        ("PUT", "/me/player", {}, {"device_ids": [DEVICE], "play": False}),
    ]


@pytest.mark.parametrize(
    ("device_id", "play", "message"),
    [
        ([DEVICE, "other"], False, "exactly one device id"),
        ([], False, "exactly one device id"),
        ("", False, "exactly one device id"),
        (7, False, "exactly one device id"),
        ([7], False, "exactly one device id"),
        (DEVICE, "yes", "play must be True or False"),
    ],
)
async def test_transfer_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, device_id, play, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.player.transfer(device_id, play)
    assert recorder.requests == []


# -- end to end against the emulator -------------------------------------------------------------


def catalog_uris(emulator, kind: str, count: int, start: int = 0) -> list[str]:
    encode = emulator.world.catalog.ids.encode
    return [f"spotify:{kind}:{encode(kind, index)}" for index in range(start, start + count)]


async def test_emulator_playback_state_machine(live) -> None:
    emulator, client = live
    devices = (await client.player.get_devices())["devices"]
    assert [device["name"] for device in devices] == [
        "Emulator Desktop",
        "Emulator Phone",
        "Emulator Speaker",
    ]
    phone = devices[1]["id"]
    assert await client.player.get_playback() == {}
    assert await client.player.get_current_track() == {}

    tracks = catalog_uris(emulator, "track", 3)
    await client.player.play(device_id=phone, uris=tracks, offset={"position": 1})
    await client.player.pause()
    await client.player.seek(1000)
    await client.player.repeat("track")
    await client.player.shuffle(True)
    await client.player.volume(55)

    playback = await client.player.get_playback()
    assert playback is not None
    assert playback["device"]["id"] == phone
    assert playback["device"]["volume_percent"] == 55
    assert playback["item"]["uri"] == tracks[1]
    assert (playback["is_playing"], playback["progress_ms"]) == (False, 1000)
    assert (playback["shuffle_state"], playback["repeat_state"]) == (True, "track")
    current = await client.player.get_current_track()
    assert current is not None
    assert (current["item"]["uri"], current["progress_ms"]) == (tracks[1], 1000)
    assert emulator.stats()["requests"]["PUT /v1/me/player/shuffle"] == {"204": 1}
    assert emulator.stats()["emulator_bugs"] == 0


async def test_emulator_transfer_then_play_resumes_there(live) -> None:
    emulator, client = live
    desktop, _, speaker = [
        device["id"] for device in (await client.player.get_devices())["devices"]
    ]
    await client.player.play(device_id=desktop, uris=catalog_uris(emulator, "track", 1))
    await client.player.pause()
    await client.player.transfer(speaker, play=True)
    playback = await client.player.get_playback()
    assert playback is not None
    assert (playback["device"]["id"], playback["is_playing"]) == (speaker, True)
    await client.player.transfer([desktop])
    playback = await client.player.get_playback()
    assert playback is not None
    assert (playback["device"]["id"], playback["is_playing"]) == (desktop, True)


async def test_emulator_queue_next_previous(live) -> None:
    emulator, client = live
    tracks = catalog_uris(emulator, "track", 3)
    extra = catalog_uris(emulator, "track", 2, start=10)
    episode = catalog_uris(emulator, "episode", 1)[0]
    phone = (await client.player.get_devices())["devices"][1]["id"]
    await client.player.play(device_id=phone, uris=tracks)
    await client.player.add_to_queue(extra[0])
    await client.player.add_multiple_tracks_to_queue([extra[1], episode])
    player = emulator.world.user(emulator.user_id).player
    assert player.queue == [("track", 10), ("track", 11), ("episode", 0)]
    queue = await client.player.get_queue()
    assert queue["currently_playing"]["uri"] == tracks[0]
    # The queue shows episodes too, as Spotify's does (it has no additional_types).
    assert [item["uri"] for item in queue["queue"]] == [*extra, episode, *tracks[1:]]

    await client.player.next()
    current = await client.player.get_current_track()
    assert current is not None
    assert current["item"]["uri"] == extra[0]
    await client.player.previous()
    assert emulator.stats()["requests"]["POST /v1/me/player/previous"] == {"204": 1}
    assert emulator.stats()["requests"]["POST /v1/me/player/queue"] == {"204": 3}
    assert emulator.stats()["requests"]["GET /v1/me/player/queue"] == {"200": 1}


async def test_emulator_player_errors_keep_their_reason(live) -> None:
    emulator, client = live
    uris = catalog_uris(emulator, "track", 2)
    with pytest.raises(NotFoundError) as no_device:
        await client.player.add_multiple_tracks_to_queue(uris)
    assert no_device.value.reason == "NO_ACTIVE_DEVICE"
    assert no_device.value.__notes__ == [
        f"add_multiple_tracks_to_queue: queued [] before this error; not queued: {uris!r}"
    ]
    phone = (await client.player.get_devices())["devices"][1]["id"]
    await client.player.play(device_id=phone, uris=uris)
    await client.player.pause()
    with pytest.raises(ForbiddenError) as paused:
        await client.player.pause()
    assert paused.value.status == 403
    assert emulator.stats()["requests"]["POST /v1/me/player/queue"] == {"404": 1}


async def test_emulator_recently_played(live) -> None:
    emulator, client = live
    page = await client.player.get_recent_tracks(limit=5)
    assert len(page["items"]) == 5
    played_at = [item["played_at"] for item in page["items"]]
    assert played_at == sorted(played_at, reverse=True)
    older = await client.player.get_recent_tracks(limit=50, before=int(page["cursors"]["before"]))
    assert len(older["items"]) == 45
    assert emulator.stats()["requests"]["GET /v1/me/player/recently-played"] == {"200": 2}


async def test_emulator_sees_nothing_of_refused_input(live) -> None:
    emulator, client = live
    with pytest.raises(InvalidInputError):
        await client.player.volume(150)
    with pytest.raises(InvalidInputError):
        await client.player.transfer(["a", "b"])
    with pytest.raises(InvalidInputError):
        await client.player.play(context_uri=catalog_uris(emulator, "track", 1)[0])
    assert emulator.stats()["requests"] == {}
