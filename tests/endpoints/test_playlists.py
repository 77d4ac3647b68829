"""client.playlists: the exact requests sent (recording server) and the playlists they edit."""

from __future__ import annotations

import base64
import itertools
from typing import Any

import pytest

from async_spotify import SpotifyApiClient
from async_spotify.spotify_errors import ForbiddenError, InvalidInputError
from async_spotify.transport.retry import RetryPolicy

pytest_plugins = ["tests.endpoints.player_fixtures"]

PLAYLIST = "3cEYpjA9oz9GiPac4AsH4n"
TRACK = "4iV5W9uYEdYUVa79Axb7Rh"
TRACK_2 = "1301WleyT98MSxVHPZCA6M"
EPISODE = "512ojhOuo1ktJprKbVcKyQ"
ALBUM = "1Je1IMUlBXcx1Fz0WE7oPT"
LOCAL = "spotify:local:David+Wise:Donkey+Kong+Country%3A+Tropical+Freeze:Snomads+Island:127"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4 + b"\xff\xd9"


def base62(number: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    digits = ""
    while number or not digits:
        number, digit = divmod(number, 62)
        digits = alphabet[digit] + digits
    return digits.rjust(22, "0")


def track_uris(count: int) -> list[str]:
    return [f"spotify:track:{base62(n)}" for n in range(count)]


@pytest.fixture
async def recorded_client(make_recorded_client) -> SpotifyApiClient:
    """A client that does not retry, so each write goes out exactly as the method builds it.

    Under a retrying policy ``add_items`` first reads the playlist's version (to tell, after an
    ambiguous failure, whether a chunk was applied): tests/resilience/test_safe_writes.py.
    """
    return await make_recorded_client(retry_policy=RetryPolicy.none())


def snapshots():
    """A responder answering each write with the next snapshot id: s1, s2, ..."""
    counter = itertools.count(1)
    return lambda request: (200, {"snapshot_id": f"s{next(counter)}"})


# -- reading -------------------------------------------------------------------------------------


async def test_get_one(recorded_client: SpotifyApiClient, recorder) -> None:
    playlist = {"id": PLAYLIST, "name": "Road trip", "snapshot_id": "abc"}
    recorder.respond(200, playlist)
    result = await recorded_client.playlists.get_one(
        f"https://open.spotify.com/playlist/{PLAYLIST}?si=1", fields="name,snapshot_id", market="SE"
    )
    assert result == playlist
    assert recorder.requests == [
        ("GET", f"/playlists/{PLAYLIST}", {"fields": "name,snapshot_id", "market": "SE"}, None)
    ]


async def test_get_items(recorded_client: SpotifyApiClient, recorder) -> None:
    page = {"items": [{"item": {"id": TRACK}}], "total": 1, "limit": 50, "offset": 0}
    recorder.respond(200, page)
    result = await recorded_client.playlists.get_items(
        PLAYLIST,
        limit=50,
        additional_types="track,episode",  # type: ignore[arg-type]  # 0.4.4 joined strings
    )
    assert result == page
    assert recorder.requests == [
        (
            "GET",
            f"/playlists/{PLAYLIST}/items",
            {"limit": "50", "additional_types": "track,episode"},
            None,
        )
    ]


async def test_get_items_refuses_limit_above_50(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    with pytest.raises(InvalidInputError, match="limit=51"):
        await recorded_client.playlists.get_items(PLAYLIST, limit=51)
    assert recorder.requests == []


async def test_get_tracks_is_deprecated_and_reads_tracks(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    assert await recorded_client.playlists.get_tracks(PLAYLIST, limit=100) == {}
    assert recorder.requests == [("GET", f"/playlists/{PLAYLIST}/tracks", {"limit": "100"}, None)]


async def test_current_get_all(recorded_client: SpotifyApiClient, recorder) -> None:
    page = {"items": [{"id": PLAYLIST}], "total": 1}
    recorder.respond(200, page)
    assert await recorded_client.playlists.current_get_all(limit=2, offset=4) == page
    assert recorder.requests == [("GET", "/me/playlists", {"limit": "2", "offset": "4"}, None)]


async def test_get_user_all(recorded_client: SpotifyApiClient, recorder) -> None:
    await recorded_client.playlists.get_user_all("spotify:user:smedjan", limit=10)
    assert recorder.requests == [("GET", "/users/smedjan/playlists", {"limit": "10"}, None)]


async def test_get_cover_returns_the_list(recorded_client: SpotifyApiClient, recorder) -> None:
    images = [{"url": "https://mosaic.scdn.co/640/x", "height": 640, "width": 640}]
    recorder.respond(200, images)
    assert await recorded_client.playlists.get_cover(PLAYLIST) == images
    assert recorder.requests == [("GET", f"/playlists/{PLAYLIST}/images", {}, None)]


# -- creating and details ------------------------------------------------------------------------


async def test_create(recorded_client: SpotifyApiClient, recorder) -> None:
    created = {"id": PLAYLIST, "name": "New", "snapshot_id": "s0"}
    recorder.respond(201, created)
    assert await recorded_client.playlists.create("New", description="Fresh") == created
    await recorded_client.playlists.create("Shared", collaborative=True)
    await recorded_client.playlists.create("Open", public=True, collaborative=False)
    assert recorder.requests == [
        ("POST", "/me/playlists", {}, {"name": "New", "description": "Fresh"}),
        ("POST", "/me/playlists", {}, {"name": "Shared", "public": False, "collaborative": True}),
        ("POST", "/me/playlists", {}, {"name": "Open", "public": True, "collaborative": False}),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Both", True, True), "cannot be both public and collaborative"),
        (("",), "non-empty str name"),
        (("Name", "yes"), "public must be True or False"),
        (("Name", None, None, 5), "description must be a str"),
    ],
)
async def test_create_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, args, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.playlists.create(*args)
    assert recorder.requests == []


async def test_create_playlist_is_deprecated(recorded_client: SpotifyApiClient, recorder) -> None:
    await recorded_client.playlists.create_playlist("wizzler", "Old way", public=False)
    with (
        pytest.raises(InvalidInputError, match="playlist_name"),
    ):
        await recorded_client.playlists.create_playlist(  # type: ignore[call-arg]
            "wizzler", "Old way", name="Other"
        )
    with pytest.raises(InvalidInputError, match="a playlist needs a non-empty str name, not ''"):
        await recorded_client.playlists.create_playlist("wizzler", "")
    assert recorder.requests == [
        ("POST", "/users/wizzler/playlists", {}, {"name": "Old way", "public": False})
    ]


async def test_change_details(recorded_client: SpotifyApiClient, recorder) -> None:
    recorder.respond(200, None)
    result = await recorded_client.playlists.change_details(
        PLAYLIST, name="Renamed", public=False, description=""
    )
    assert result == {}
    assert recorder.requests == [
        (
            "PUT",
            f"/playlists/{PLAYLIST}",
            {},
            {"name": "Renamed", "public": False, "description": ""},
        )
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "needs at least one"),
        ({"public": True, "collaborative": True}, "cannot be both"),
        ({"collaborative": "true"}, "collaborative must be True or False"),
    ],
)
async def test_change_details_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, kwargs, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.playlists.change_details(PLAYLIST, **kwargs)
    assert recorder.requests == []


# -- cover ---------------------------------------------------------------------------------------


async def test_upload_cover_encodes_jpeg_bytes(recorded_client: SpotifyApiClient, recorder) -> None:
    recorder.respond(202, None)
    assert await recorded_client.playlists.upload_cover(PLAYLIST, JPEG) == {}
    assert recorder.requests == [
        ("PUT", f"/playlists/{PLAYLIST}/images", {}, base64.b64encode(JPEG))
    ]
    assert recorder.headers[0]["Content-Type"] == "image/jpeg"


async def test_upload_cover_sends_base64_as_given(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    encoded = base64.b64encode(JPEG)
    await recorded_client.playlists.upload_cover(PLAYLIST, encoded.decode())
    await recorded_client.playlists.upload_cover(PLAYLIST, base64.encodebytes(JPEG))
    assert [request.body for request in recorder.requests] == [encoded, encoded]


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (JPEG * 200, r"is 2\d{5} bytes as base64; Spotify takes at most 262144"),
        (base64.b64encode(b"GIF89a" + bytes(100)), "is not a JPEG"),
        ("not base64!", "neither JPEG bytes nor valid base64"),
        ("caf\u00e9", "not base64"),
        (12, "must be JPEG bytes or base64"),
    ],
)
async def test_upload_cover_refuses_bad_images(
    recorded_client: SpotifyApiClient, recorder, image, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.playlists.upload_cover(PLAYLIST, image)
    assert recorder.requests == []


# -- adding --------------------------------------------------------------------------------------


async def test_add_items_chunks_advance_the_position(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.responder = snapshots()
    uris = track_uris(250)
    given = list(uris)
    assert await recorded_client.playlists.add_items(PLAYLIST, uris, position=5) == {
        "snapshot_id": "s3"
    }
    assert uris == given
    assert recorder.requests == [
        ("POST", f"/playlists/{PLAYLIST}/items", {}, {"uris": uris[:100], "position": 5}),
        ("POST", f"/playlists/{PLAYLIST}/items", {}, {"uris": uris[100:200], "position": 105}),
        ("POST", f"/playlists/{PLAYLIST}/items", {}, {"uris": uris[200:], "position": 205}),
    ]


async def test_add_items_appends_urls_and_episodes(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.respond(201, {"snapshot_id": "after"})
    result = await recorded_client.playlists.add_items(
        PLAYLIST, [f"https://open.spotify.com/track/{TRACK}", f"spotify:episode:{EPISODE}"]
    )
    assert result == {"snapshot_id": "after"}
    assert recorder.requests == [
        (
            "POST",
            f"/playlists/{PLAYLIST}/items",
            {},
            {"uris": [f"spotify:track:{TRACK}", f"spotify:episode:{EPISODE}"]},
        )
    ]


async def test_add_and_remove_take_a_comma_separated_str(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    both = f"spotify:track:{TRACK},https://open.spotify.com/episode/{EPISODE}"
    await recorded_client.playlists.add_items(PLAYLIST, both)
    await recorded_client.playlists.remove_items(PLAYLIST, both)
    uris = [f"spotify:track:{TRACK}", f"spotify:episode:{EPISODE}"]
    assert recorder.requests == [
        ("POST", f"/playlists/{PLAYLIST}/items", {}, {"uris": uris}),
        ("DELETE", f"/playlists/{PLAYLIST}/items", {}, {"items": [{"uri": u} for u in uris]}),
    ]


@pytest.mark.parametrize(
    ("uris", "position", "message"),
    [
        ([], None, "nothing to send"),
        ([f"spotify:album:{ALBUM}"], None, "is an album, expected a track or an episode"),
        ([LOCAL], None, "is a local"),
        ([f"spotify:track:{TRACK}"], -1, "position must be an int >= 0"),
        ([f"spotify:track:{TRACK}"], "0", "position must be an int >= 0"),
    ],
)
async def test_add_items_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, uris, position, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.playlists.add_items(PLAYLIST, uris, position)
    assert recorder.requests == []


async def test_add_tracks_is_deprecated_and_posts_to_tracks(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.respond(201, {"snapshot_id": "t1"})
    result = await recorded_client.playlists.add_tracks(PLAYLIST, [f"spotify:track:{TRACK}"], 0)
    assert result == {"snapshot_id": "t1"}
    assert recorder.requests == [
        (
            "POST",
            f"/playlists/{PLAYLIST}/tracks",
            {},
            {"uris": [f"spotify:track:{TRACK}"], "position": 0},
        )
    ]


# -- removing ------------------------------------------------------------------------------------


async def test_remove_items_by_uri_and_by_position(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.respond(200, {"snapshot_id": "after"})
    entries: list[str | dict[str, Any]] = [
        f"https://open.spotify.com/track/{TRACK}",
        {"uri": f"spotify:track:{TRACK_2}", "positions": [3, 7]},
        LOCAL,
    ]
    result = await recorded_client.playlists.remove_items(PLAYLIST, entries, snapshot_id="before")
    assert result == {"snapshot_id": "after"}
    assert entries[1] == {"uri": f"spotify:track:{TRACK_2}", "positions": [3, 7]}
    assert recorder.requests == [
        (
            "DELETE",
            f"/playlists/{PLAYLIST}/items",
            {},
            {
                "items": [
                    {"uri": f"spotify:track:{TRACK}"},
                    {"uri": f"spotify:track:{TRACK_2}", "positions": [3, 7]},
                    {"uri": LOCAL},
                ],
                "snapshot_id": "before",
            },
        )
    ]


async def test_remove_items_chunks_by_uri_without_snapshot(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.responder = snapshots()
    uris = track_uris(150)
    assert await recorded_client.playlists.remove_items(PLAYLIST, uris) == {"snapshot_id": "s2"}
    assert recorder.requests == [
        ("DELETE", f"/playlists/{PLAYLIST}/items", {}, {"items": [{"uri": u} for u in uris[:100]]}),
        ("DELETE", f"/playlists/{PLAYLIST}/items", {}, {"items": [{"uri": u} for u in uris[100:]]}),
    ]


async def test_remove_items_pins_positions_to_one_snapshot(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.respond(200, {"snapshot_id": "current"})
    recorder.respond(200, {"snapshot_id": "s1"})
    recorder.respond(200, {"snapshot_id": "s2"})
    entries = [{"uri": uri, "positions": [n]} for n, uri in enumerate(track_uris(101))]
    assert await recorded_client.playlists.remove_items(PLAYLIST, entries) == {"snapshot_id": "s2"}
    assert recorder.requests == [
        ("GET", f"/playlists/{PLAYLIST}", {"fields": "snapshot_id"}, None),
        (
            "DELETE",
            f"/playlists/{PLAYLIST}/items",
            {},
            {"items": entries[:100], "snapshot_id": "current"},
        ),
        (
            "DELETE",
            f"/playlists/{PLAYLIST}/items",
            {},
            {"items": entries[100:], "snapshot_id": "current"},
        ),
    ]


@pytest.mark.parametrize(
    ("entries", "snapshot_id", "message"),
    [
        ([], None, "nothing to remove"),
        ([{"positions": [1]}], None, "is a URI or"),
        ([{"uri": f"spotify:track:{TRACK}", "positions": [-1]}], None, "positions must be"),
        ([{"uri": f"spotify:track:{TRACK}", "positions": []}], None, "non-empty list"),
        ([f"spotify:album:{ALBUM}"], None, "is an album"),
        ([f"spotify:track:{TRACK}"], 5, "snapshot_id must be a non-empty str"),
    ],
)
async def test_remove_items_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, entries, snapshot_id, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.playlists.remove_items(PLAYLIST, entries, snapshot_id)
    assert recorder.requests == []


async def test_remove_tracks_takes_asyncspotifys_body(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.respond(200, {"snapshot_id": "after"})
    body = {"tracks": [{"uri": f"spotify:track:{TRACK}"}], "snapshot_id": "before"}
    result = await recorded_client.playlists.remove_tracks(PLAYLIST, body)
    assert result == {"snapshot_id": "after"}
    assert body == {"tracks": [{"uri": f"spotify:track:{TRACK}"}], "snapshot_id": "before"}
    assert recorder.requests == [("DELETE", f"/playlists/{PLAYLIST}/tracks", {}, body)]


async def test_remove_tracks_refuses_a_dict_without_tracks(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    with (
        pytest.raises(InvalidInputError, match=r"takes \{'tracks'"),
    ):
        await recorded_client.playlists.remove_tracks(PLAYLIST, {"items": []})
    assert recorder.requests == []


# -- reordering and replacing --------------------------------------------------------------------


async def test_reorder_items(recorded_client: SpotifyApiClient, recorder) -> None:
    recorder.respond(200, {"snapshot_id": "moved"})
    result = await recorded_client.playlists.reorder_items(PLAYLIST, 10, 0, 2, snapshot_id="v1")
    assert result == {"snapshot_id": "moved"}
    await recorded_client.playlists.reorder_items(PLAYLIST, range_start=0, insert_before=5)
    assert recorder.requests == [
        (
            "PUT",
            f"/playlists/{PLAYLIST}/items",
            {},
            {"range_start": 10, "insert_before": 0, "range_length": 2, "snapshot_id": "v1"},
        ),
        (
            "PUT",
            f"/playlists/{PLAYLIST}/items",
            {},
            {"range_start": 0, "insert_before": 5, "range_length": 1},
        ),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1, 0), "range_start must be an int >= 0"),
        ((0, True), "insert_before must be an int >= 0"),
        ((0, 1, 0), "range_length must be an int >= 1"),
        ((0, 1, 1, ""), "snapshot_id must be a non-empty str"),
    ],
)
async def test_reorder_items_refuses_bad_input(
    recorded_client: SpotifyApiClient, recorder, args, message
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        await recorded_client.playlists.reorder_items(PLAYLIST, *args)
    assert recorder.requests == []


async def test_reorder_tracks_leaves_the_callers_dict_alone(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.respond(200, {"snapshot_id": "moved"})
    positions = {"range_start": 1, "insert_before": 3}
    result = await recorded_client.playlists.reorder_tracks(PLAYLIST, positions, "v2")
    assert result == {"snapshot_id": "moved"}
    assert positions == {"range_start": 1, "insert_before": 3}
    assert recorder.requests == [
        (
            "PUT",
            f"/playlists/{PLAYLIST}/tracks",
            {},
            {"range_start": 1, "insert_before": 3, "snapshot_id": "v2"},
        )
    ]


@pytest.mark.parametrize(
    "positions",
    [
        {"range_start": "1", "insert_before": 3},
        {"range_start": 1, "insert_before": True},
        {"range_start": 1, "insert_before": 3, "range_length": 0},
        {"insert_before": 3},
        {"range_start": 1, "insert_before": 3, "uris": ["spotify:track:x"]},
        [1, 3],
    ],
    ids=["str", "bool", "zero-length", "no-range-start", "uris", "list"],
)
async def test_reorder_tracks_refuses_a_bad_position_dict(
    recorded_client: SpotifyApiClient, recorder, positions
) -> None:
    with (
        pytest.raises(InvalidInputError) as caught,
    ):
        await recorded_client.playlists.reorder_tracks(PLAYLIST, positions)
    shown = {"str": "'1'", "bool": "True", "zero-length": "0"}
    assert any(text in caught.value.text for text in (*shown.values(), repr(positions)))
    assert recorder.requests == []


async def test_replace_items_over_100_replaces_then_appends(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.responder = snapshots()
    uris = track_uris(250)
    assert await recorded_client.playlists.replace_items(PLAYLIST, uris) == {"snapshot_id": "s3"}
    assert recorder.requests == [
        ("PUT", f"/playlists/{PLAYLIST}/items", {}, {"uris": uris[:100]}),
        ("POST", f"/playlists/{PLAYLIST}/items", {}, {"uris": uris[100:200]}),
        ("POST", f"/playlists/{PLAYLIST}/items", {}, {"uris": uris[200:]}),
    ]


async def test_replace_items_with_nothing_clears(
    recorded_client: SpotifyApiClient, recorder
) -> None:
    recorder.respond(200, {"snapshot_id": "empty"})
    assert await recorded_client.playlists.replace_items(PLAYLIST, []) == {"snapshot_id": "empty"}
    assert recorder.requests == [("PUT", f"/playlists/{PLAYLIST}/items", {}, {"uris": []})]


async def test_replace_tracks_is_deprecated(recorded_client: SpotifyApiClient, recorder) -> None:
    recorder.respond(200, {"snapshot_id": "new"})
    result = await recorded_client.playlists.replace_tracks(PLAYLIST, [f"spotify:track:{TRACK}"])
    assert result == {"snapshot_id": "new"}
    assert recorder.requests == [
        ("PUT", f"/playlists/{PLAYLIST}/tracks", {}, {"uris": [f"spotify:track:{TRACK}"]})
    ]


# -- development-mode apps: /tracks is gone, the *_tracks methods use /items ---------------------


async def test_development_mode_sends_tracks_methods_to_items(
    make_recorded_client, recorder
) -> None:
    client = await make_recorded_client(app_mode="development", retry_policy=RetryPolicy.none())
    recorder.responder = snapshots()
    track = f"spotify:track:{TRACK}"
    assert await client.playlists.get_tracks(PLAYLIST, limit=50) == {"snapshot_id": "s1"}
    assert await client.playlists.add_tracks(PLAYLIST, [track], 3) == {"snapshot_id": "s2"}
    removal = {"tracks": [{"uri": track}], "snapshot_id": "s2"}
    assert await client.playlists.remove_tracks(PLAYLIST, removal) == {"snapshot_id": "s3"}
    positions = {"range_start": 0, "insert_before": 2}
    assert await client.playlists.reorder_tracks(PLAYLIST, positions) == {"snapshot_id": "s4"}
    assert await client.playlists.replace_tracks(PLAYLIST, [track]) == {"snapshot_id": "s5"}
    path = f"/playlists/{PLAYLIST}/items"
    assert recorder.requests == [
        ("GET", path, {"limit": "50"}, None),
        ("POST", path, {}, {"uris": [track], "position": 3}),
        ("DELETE", path, {}, {"items": [{"uri": track}], "snapshot_id": "s2"}),
        ("PUT", path, {}, {"range_start": 0, "insert_before": 2}),
        ("PUT", path, {}, {"uris": [track]}),
    ]


# -- end to end against the emulator -------------------------------------------------------------


def catalog_uris(emulator, count: int, start: int = 0) -> list[str]:
    encode = emulator.world.catalog.ids.encode
    return [f"spotify:track:{encode('track', index)}" for index in range(start, start + count)]


async def items_of(client: SpotifyApiClient, playlist_id: str) -> list[str]:
    first = await client.playlists.get_items(playlist_id, limit=50)
    return [entry["item"]["uri"] for entry in await client.fetch_all(first)]


async def snapshot_of(client: SpotifyApiClient, playlist_id: str) -> str:
    return (await client.playlists.get_one(playlist_id, fields="snapshot_id"))["snapshot_id"]


async def test_emulator_create_and_change_details(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    created = await client.playlists.create("Road trip", description="Long drives")
    assert (created["name"], created["description"], created["public"]) == (
        "Road trip",
        "Long drives",
        True,
    )
    assert created["owner"]["id"] == "fresh-listener"
    shared = await client.playlists.create("Shared", collaborative=True)
    assert (shared["public"], shared["collaborative"]) == (False, True)

    assert await client.playlists.change_details(created["id"], name="Night drive") == {}
    again = await client.playlists.get_one(created["id"], fields="name,description,public")
    assert again == {"name": "Night drive", "description": "Long drives", "public": True}
    mine = await client.playlists.current_get_all()
    assert [playlist["id"] for playlist in mine["items"]] == [shared["id"], created["id"]]
    assert emulator.stats()["requests"]["POST /v1/me/playlists"] == {"201": 2}


async def test_emulator_add_items_in_order_at_a_position(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    playlist = (await client.playlists.create("Big"))["id"]
    uris = catalog_uris(emulator, 250)
    inserted = catalog_uris(emulator, 150, start=1000)
    await client.playlists.add_items(playlist, uris)
    result = await client.playlists.add_items(playlist, inserted, position=1)
    assert result == {"snapshot_id": await snapshot_of(client, playlist)}
    assert await items_of(client, playlist) == [uris[0], *inserted, *uris[1:]]
    assert emulator.stats()["requests"]["POST /v1/playlists/{playlist_id}/items"] == {"201": 5}


async def test_emulator_remove_reorder_replace(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    playlist = (await client.playlists.create("Edits"))["id"]
    uris = catalog_uris(emulator, 6)
    await client.playlists.add_items(playlist, [*uris, uris[0]])
    before = await snapshot_of(client, playlist)

    removed = await client.playlists.remove_items(
        playlist, [{"uri": uris[0], "positions": [6]}, uris[1]], snapshot_id=before
    )
    assert removed["snapshot_id"] != before
    assert await items_of(client, playlist) == [uris[0], *uris[2:]]

    moved = await client.playlists.reorder_items(playlist, 0, 5, range_length=2)
    assert moved == {"snapshot_id": await snapshot_of(client, playlist)}
    assert await items_of(client, playlist) == [uris[3], uris[4], uris[5], uris[0], uris[2]]

    replacement = catalog_uris(emulator, 150, start=500)
    await client.playlists.replace_items(playlist, replacement)
    assert await items_of(client, playlist) == replacement
    await client.playlists.replace_items(playlist, [])
    assert (await client.playlists.get_items(playlist))["total"] == 0


async def test_emulator_remove_many_positions_pinned_to_one_snapshot(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    playlist = (await client.playlists.create("Thinning"))["id"]
    uris = catalog_uris(emulator, 240)
    await client.playlists.add_items(playlist, uris)
    doomed = [{"uri": uri, "positions": [n]} for n, uri in enumerate(uris) if n % 2 == 0]
    result = await client.playlists.remove_items(playlist, doomed)
    assert result == {"snapshot_id": await snapshot_of(client, playlist)}
    assert await items_of(client, playlist) == uris[1::2]
    requests = emulator.stats()["requests"]
    assert requests["DELETE /v1/playlists/{playlist_id}/items"] == {"200": 2}


async def test_emulator_cover_upload(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    playlist = (await client.playlists.create("Covered"))["id"]
    assert await client.playlists.upload_cover(playlist, JPEG) == {}
    images = await client.playlists.get_cover(playlist)
    assert len(images) == 1
    assert set(images[0]) == {"url", "height", "width"}
    with pytest.raises(InvalidInputError, match="256 KB"):
        await client.playlists.upload_cover(playlist, JPEG * 200)
    requests = emulator.stats()["requests"]
    assert requests["PUT /v1/playlists/{playlist_id}/images"] == {"202": 1}


async def test_emulator_deprecated_tracks_methods(emulated) -> None:
    emulator, client = await emulated(user_id="fresh-listener")
    playlist = (await client.playlists.create_playlist("fresh-listener", "Old school"))["id"]
    uris = catalog_uris(emulator, 4)
    await client.playlists.add_tracks(playlist, uris)
    await client.playlists.reorder_tracks(playlist, {"range_start": 3, "insert_before": 0})
    await client.playlists.remove_tracks(playlist, {"tracks": [{"uri": uris[0]}]})
    page = await client.playlists.get_tracks(playlist)
    assert [entry["track"]["uri"] for entry in page["items"]] == [uris[3], uris[1], uris[2]]
    await client.playlists.replace_tracks(playlist, uris[:1])
    assert await items_of(client, playlist) == uris[:1]
    theirs = await client.playlists.get_user_all("fresh-listener")
    assert [item["id"] for item in theirs["items"]] == [playlist]
    requests = emulator.stats()["requests"]
    assert requests["POST /v1/playlists/{playlist_id}/tracks"] == {"201": 1}
    assert requests["PUT /v1/playlists/{playlist_id}/tracks"] == {"200": 2}
    assert requests["DELETE /v1/playlists/{playlist_id}/tracks"] == {"200": 1}


async def test_emulator_development_mode_edits_through_items(emulated) -> None:
    emulator, client = await emulated(mode="development", user_id="fresh-listener")
    playlist = (await client.playlists.create("Dev"))["id"]
    uris = catalog_uris(emulator, 3)
    await client.playlists.add_tracks(playlist, uris)
    await client.playlists.remove_tracks(playlist, {"tracks": [{"uri": uris[1]}]})
    page = await client.playlists.get_tracks(playlist)
    assert [entry["item"]["uri"] for entry in page["items"]] == [uris[0], uris[2]]
    assert not [route for route in emulator.stats()["requests"] if route.endswith("/tracks")]


async def test_emulator_development_mode_refuses_tracks(emulated) -> None:
    emulator, client = await emulated(mode="development", app_mode="extended")
    playlist = (await client.playlists.create("Dev"))["id"]
    with (
        pytest.raises(ForbiddenError),
    ):
        await client.playlists.add_tracks(playlist, catalog_uris(emulator, 1))
    requests = emulator.stats()["requests"]
    assert requests["POST /v1/playlists/{playlist_id}/tracks"] == {"403": 1}


async def test_emulator_sees_nothing_of_refused_input(live) -> None:
    emulator, client = live
    with pytest.raises(InvalidInputError):
        await client.playlists.create("Both", public=True, collaborative=True)
    with pytest.raises(InvalidInputError):
        await client.playlists.add_items(PLAYLIST, [f"spotify:album:{ALBUM}"])
    with pytest.raises(InvalidInputError):
        await client.playlists.get_items(PLAYLIST, limit=100)
    with pytest.raises(InvalidInputError):
        await client.playlists.reorder_items(PLAYLIST, 0, -1)
    assert emulator.stats()["requests"] == {}
