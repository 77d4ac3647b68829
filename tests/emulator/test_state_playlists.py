"""Playlists as state: snapshot IDs, add/remove/reorder/replace (also against older snapshots),
details, ownership, creation for yourself only, and the cover upload."""

from __future__ import annotations

import base64
import datetime
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest

from async_spotify.emulator import Emulator
from async_spotify.emulator.catalog import Catalog
from async_spotify.emulator.state import Playlist, PlaylistEditError, PlaylistStore

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 4
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

#: 2026-01-01T00:00:00Z, as the emulator's clock gives times (seconds since the epoch).
NEW_YEAR = 1_767_225_600.0


def track(n: int) -> tuple[str, int]:
    return ("track", n)


def items(playlist: Playlist) -> list[int]:
    return [entry.item[1] for entry in playlist.entries]


@pytest.fixture
def store() -> PlaylistStore:
    return PlaylistStore(Catalog.shared(0, development=False))


@pytest.fixture
def playlist(store: PlaylistStore) -> Playlist:
    made = store.create("owner", "P", public=True, collaborative=False, description=None)
    made.add([track(n) for n in range(6)], None, "owner", NEW_YEAR)
    return made


def test_every_change_makes_a_new_snapshot(playlist: Playlist) -> None:
    seen = {playlist.snapshot_id}
    playlist.add([track(9)], 0, "owner", NEW_YEAR)
    seen.add(playlist.snapshot_id)
    playlist.reorder(0, 3, 1, None)
    seen.add(playlist.snapshot_id)
    playlist.change_details(name="Q", public=None, collaborative=None, description=None)
    seen.add(playlist.snapshot_id)
    assert len(seen) == 4
    assert all(len(base64.b64decode(snapshot)) == 24 for snapshot in seen)


def test_add_at_a_position_and_out_of_bounds(playlist: Playlist) -> None:
    playlist.add([track(7), track(8)], 2, "owner", NEW_YEAR)
    assert items(playlist) == [0, 1, 7, 8, 2, 3, 4, 5]
    with pytest.raises(PlaylistEditError) as refused:
        playlist.add([track(9)], 9, "owner", NEW_YEAR)
    assert (refused.value.status, refused.value.message) == (403, "Index out of bounds")


def test_reorder_moves_a_range(playlist: Playlist) -> None:
    playlist.reorder(4, 1, 2, None)
    assert items(playlist) == [0, 4, 5, 1, 2, 3]
    playlist.reorder(0, 6, 1, None)
    assert items(playlist) == [4, 5, 1, 2, 3, 0]


def test_reorder_against_an_older_snapshot_moves_the_same_entries(playlist: Playlist) -> None:
    old = playlist.snapshot_id
    playlist.add([track(9)], 0, "owner", NEW_YEAR)  # [9, 0, 1, 2, 3, 4, 5]
    playlist.reorder(0, 3, 1, old)  # in the old list: move entry 0 before entry 3
    assert items(playlist) == [9, 1, 2, 0, 3, 4, 5]


def test_remove_every_occurrence_or_only_at_positions(playlist: Playlist) -> None:
    playlist.add([track(1)], None, "owner", NEW_YEAR)  # [0..5, 1]
    playlist.remove([(track(1), [6])], None)
    assert items(playlist) == [0, 1, 2, 3, 4, 5]
    playlist.add([track(1)], None, "owner", NEW_YEAR)
    playlist.remove([(track(1), None)], None)
    assert items(playlist) == [0, 2, 3, 4, 5]


def test_remove_positions_are_read_in_the_named_snapshot(playlist: Playlist) -> None:
    old = playlist.snapshot_id
    playlist.add([track(9)], 0, "owner", NEW_YEAR)
    playlist.remove([(track(2), [2])], old)  # position 2 of the old list held track 2
    assert items(playlist) == [9, 0, 1, 3, 4, 5]
    with pytest.raises(PlaylistEditError) as refused:
        playlist.remove([(track(3), [0])], playlist.snapshot_id)
    assert refused.value.status == 400
    with pytest.raises(PlaylistEditError, match="Invalid snapshot id"):
        playlist.remove([(track(3), None)], "AAAA")


def test_public_and_collaborative_together_are_refused(playlist: Playlist) -> None:
    with pytest.raises(PlaylistEditError, match="Collaborative playlists can only be private"):
        playlist.change_details(name=None, public=None, collaborative=True, description=None)
    playlist.change_details(name=None, public=False, collaborative=True, description="d")
    assert (playlist.public, playlist.collaborative, playlist.description) == (False, True, "d")


def test_catalog_playlists_materialize_once(store: PlaylistStore) -> None:
    catalog = Catalog.shared(0, development=False)
    playlist_id = catalog.ids.encode("playlist", 5)
    first = store.get(playlist_id)
    assert first is not None
    assert store.get(playlist_id) is first
    assert items(first) == list(catalog.records.playlist(5).tracks)
    assert store.get(catalog.ids.encode("playlist", catalog.layout.playlists)) is None


# -- over HTTP -----------------------------------------------------------------------------------


class Api:
    def __init__(self, emulator: Emulator, session: aiohttp.ClientSession) -> None:
        self.emulator = emulator
        self.session = session
        self.token = emulator.issue_user_token()["access_token"]
        self.ids = emulator.world.catalog.ids

    def uri(self, n: int) -> str:
        return f"spotify:track:{self.ids.encode('track', n)}"

    async def __call__(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        raw: bytes | None = None,
        token: str | None = None,
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {token or self.token}"}
        if raw is not None:
            headers["Content-Type"] = "image/jpeg"
        data = raw if json is None else orjson.dumps(json)
        async with self.session.request(
            method, self.emulator.base_url + path, data=data, headers=headers
        ) as reply:
            body = await reply.read()
            return reply.status, orjson.loads(body) if body else None


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async with Emulator() as emulator, aiohttp.ClientSession() as session:
        yield Api(emulator, session)


async def new_playlist(api: Api, **details: Any) -> dict[str, Any]:
    status, body = await api("POST", "/me/playlists", json={"name": "Test", **details})
    assert status == 201
    return dict(body)


async def test_create_add_reorder_remove_with_snapshots(api: Api) -> None:
    api.emulator.clock.advance(30 * 86_400)  # added_at comes from the emulator's clock
    api.token = api.emulator.issue_user_token()["access_token"]  # the old one expired
    created = await new_playlist(api, public=False, description="for tests")
    playlist = created["id"]
    assert (created["public"], created["collaborative"], created["description"]) == (
        False,
        False,
        "for tests",
    )
    assert created["items"]["total"] == 0
    assert created["owner"]["id"] == api.emulator.user_id

    uris = [api.uri(n) for n in (1, 2, 3, 4)]
    status, added = await api("POST", f"/playlists/{playlist}/items", json={"uris": uris})
    assert status == 201
    status, moved = await api(
        "PUT",
        f"/playlists/{playlist}/items",
        json={"range_start": 2, "insert_before": 0, "range_length": 2},
    )
    assert status == 200
    assert moved["snapshot_id"] != added["snapshot_id"]
    status, removed = await api(
        "DELETE",
        f"/playlists/{playlist}/items",
        json={"items": [{"uri": api.uri(4)}], "snapshot_id": moved["snapshot_id"]},
    )
    assert status == 200
    _, page = await api("GET", f"/playlists/{playlist}/items")
    assert [item["item"]["uri"] for item in page["items"]] == [api.uri(3), api.uri(1), api.uri(2)]
    added = datetime.datetime.fromisoformat(page["items"][0]["added_at"].replace("Z", "+00:00"))
    assert abs(added.timestamp() - api.emulator.clock.now()) < 5
    _, whole = await api("GET", f"/playlists/{playlist}")
    assert whole["snapshot_id"] == removed["snapshot_id"]


async def test_replace_with_uris_in_the_query(api: Api) -> None:
    playlist = (await new_playlist(api))["id"]
    await api("POST", f"/playlists/{playlist}/items", json={"uris": [api.uri(1), api.uri(2)]})
    status, _ = await api("PUT", f"/playlists/{playlist}/items?uris={api.uri(9)}")
    assert status == 200
    _, page = await api("GET", f"/playlists/{playlist}/items")
    assert [item["track"]["uri"] for item in page["items"]] == [api.uri(9)]


async def test_more_than_100_uris_and_bad_uris_are_refused(api: Api) -> None:
    playlist = (await new_playlist(api))["id"]
    too_many = {"uris": [api.uri(n) for n in range(101)]}
    assert await api("POST", f"/playlists/{playlist}/items", json=too_many) == (
        400,
        {"error": {"status": 400, "message": "You can add a maximum of 100 tracks per request."}},
    )
    album = f"spotify:album:{api.ids.encode('album', 1)}"
    status, body = await api("POST", f"/playlists/{playlist}/items", json={"uris": [album]})
    assert (status, body["error"]["message"]) == (400, f"Invalid track uri: {album}")


async def test_other_peoples_playlists(api: Api) -> None:
    someone = api.ids.encode("playlist", 40)  # a catalog user's playlist
    status, body = await api("POST", f"/playlists/{someone}/items", json={"uris": [api.uri(1)]})
    assert (status, body["error"]["message"]) == (
        403,
        "You cannot add tracks to a playlist you don't own.",
    )
    status, _ = await api("PUT", f"/playlists/{someone}", json={"name": "mine now"})
    assert status == 403
    status, _ = await api("GET", f"/playlists/{someone}/items")
    assert status == 403
    status, page = await api("GET", f"/playlists/{someone}/tracks")
    assert status == 200
    assert page["total"] > 0


async def test_create_for_a_user_only_for_yourself(api: Api) -> None:
    me = api.emulator.user_id
    status, body = await api("POST", f"/users/{me}/playlists", json={"name": "via users"})
    assert status == 201
    assert body["owner"]["id"] == me
    status, body = await api("POST", "/users/spotify/playlists", json={"name": "theirs"})
    assert status == 403


async def test_change_details(api: Api) -> None:
    playlist = (await new_playlist(api))["id"]
    status, body = await api(
        "PUT", f"/playlists/{playlist}", json={"name": "Renamed", "public": False}
    )
    assert (status, body) == (200, None)
    _, whole = await api("GET", f"/playlists/{playlist}")
    assert (whole["name"], whole["public"]) == ("Renamed", False)
    status, _ = await api("PUT", f"/playlists/{playlist}", json={"collaborative": True})
    assert status == 200
    status, body = await api("PUT", f"/playlists/{playlist}", json={"public": True})
    assert (status, body["error"]["message"]) == (
        400,
        "Collaborative playlists can only be private.",
    )


async def test_cover_upload(api: Api) -> None:
    playlist = (await new_playlist(api))["id"]
    assert await api("GET", f"/playlists/{playlist}/images") == (200, [])
    status, body = await api("PUT", f"/playlists/{playlist}/images", raw=base64.b64encode(JPEG))
    assert (status, body) == (202, None)
    status, images = await api("GET", f"/playlists/{playlist}/images")
    assert status == 200
    assert images == [
        {
            "height": None,
            "url": "data:image/jpeg;base64," + base64.b64encode(JPEG).decode(),
            "width": None,
        }
    ]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"A" * (256 * 1024 + 4), 413, "Payload too large"),
        (b"not base64!", 400, "Invalid image data: not base64"),
        (
            base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
            400,
            "Invalid image data: not a JPEG",
        ),
    ],
)
async def test_bad_covers(api: Api, body: bytes, status: int, message: str) -> None:
    playlist = (await new_playlist(api))["id"]
    assert await api("PUT", f"/playlists/{playlist}/images", raw=body) == (
        status,
        {"error": {"status": status, "message": message}},
    )


async def test_collaborators_may_edit_items_but_not_details(api: Api) -> None:
    playlist = (await new_playlist(api, public=False, collaborative=True))["id"]
    friend = api.emulator.issue_user_token(user_id="friend")["access_token"]
    status, _ = await api("PUT", f"/playlists/{playlist}/followers", token=friend)
    assert status == 200
    status, _ = await api(
        "POST", f"/playlists/{playlist}/items", json={"uris": [api.uri(5)]}, token=friend
    )
    assert status == 201
    status, _ = await api("GET", f"/playlists/{playlist}/items", token=friend)
    assert status == 200
    status, _ = await api("PUT", f"/playlists/{playlist}", json={"name": "x"}, token=friend)
    assert status == 403
