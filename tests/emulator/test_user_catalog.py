"""A user's own catalog: real Spotify answers loaded into the emulator, served with their ids.

Every test goes through the real client against the running emulator and compares what came
back with what was loaded (links point at the emulator instead of ``api.spotify.com``).
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from async_spotify import SpotifyApiClient
from async_spotify.emulator import Emulator
from async_spotify.emulator.catalog.user_catalog import (
    SAMPLE_CATALOG,
    CatalogError,
    load_user_catalog,
)
from async_spotify.emulator.pytest_plugin import config_from_marker
from tests.endpoints.emulated import open_client

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE: dict[str, Any] = orjson.loads(SAMPLE_CATALOG.read_bytes())
ALBUM = SAMPLE["get-an-album__python-spotify"]
ARTIST = SAMPLE["get-an-artist__python-spotify"]
ME = SAMPLE["get-current-users-profile__python-spotify"]
PLAYLIST = SAMPLE["get-playlist__python-spotify"]
PLAYING = SAMPLE["get-the-users-currently-playing-track__python-spotify"]["item"]
SEARCHED = SAMPLE["search__python-spotify"]["tracks"]["items"]
EPISODE = SAMPLE["get-information-about-the-users-current-playback-episode__python-spotify"]["item"]

with_sample = pytest.mark.spotify_emulator(catalog=[SAMPLE_CATALOG])


def served_as(loaded: Any, emulator: Emulator) -> Any:
    """``loaded`` as the emulator serves it: its API links point at the emulator."""
    text = orjson.dumps(loaded).decode()
    return orjson.loads(text.replace("https://api.spotify.com/v1", emulator.base_url))


def test_the_sample_catalog_is_built_from_the_recordings() -> None:
    check = [sys.executable, str(REPO_ROOT / "scripts" / "build_sample_catalog.py"), "--check"]
    assert subprocess.run(check, capture_output=True, check=False).returncode == 0
    catalog = load_user_catalog([SAMPLE_CATALOG])
    assert catalog.get("album", ALBUM["id"]) is not None
    assert len(catalog.get("album", ALBUM["id"]).children) == ALBUM["total_tracks"]  # type: ignore[union-attr]
    assert catalog.me is not None and catalog.me["id"] == ME["id"]


@with_sample
async def test_an_album_is_served_as_saved(
    spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    album = await spotify_client.albums.get_one(ALBUM["id"])
    assert album == served_as(ALBUM, spotify_emulator)
    tracks = await spotify_client.albums.get_tracks(ALBUM["id"], limit=5, offset=3)
    assert tracks["items"] == served_as(ALBUM["tracks"]["items"][3:8], spotify_emulator)
    assert tracks["total"] == ALBUM["total_tracks"]


@with_sample
async def test_multi_gets_keep_order_and_mix_loaded_with_generated(
    spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    ids = [track["id"] for track in SEARCHED[:3]]
    got = await spotify_client.track.get_several(ids)  # extended quota: no warning
    assert got["tracks"] == served_as(SEARCHED[:3], spotify_emulator)
    artist = await spotify_client.artists.get_one(ARTIST["id"])
    assert artist == served_as(ARTIST, spotify_emulator)
    # A generated album still answers beside the loaded ones.
    generated = (await spotify_client.search.start("love", ["album"], limit=1))["albums"]["items"]
    mixed = await spotify_client.albums.get_several([ALBUM["id"], generated[0]["id"]])
    assert [a["id"] for a in mixed["albums"]] == [ALBUM["id"], generated[0]["id"]]


@with_sample
async def test_search_finds_loaded_objects(
    spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    found = await spotify_client.search.start(ALBUM["name"], ["album"], limit=10)
    assert ALBUM["id"] in [album["id"] for album in found["albums"]["items"]]
    found = await spotify_client.search.start("witte was goldband", ["track"], limit=10)
    assert found["tracks"]["items"][0] == served_as(PLAYING, spotify_emulator)


@with_sample
async def test_a_loaded_me_is_the_signed_in_user(
    spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    me = await spotify_client.user.me()
    assert spotify_emulator.user_id == ME["id"]
    assert (me["id"], me["display_name"], me["country"]) == (
        ME["id"],
        ME["display_name"],
        ME["country"],
    )
    public = await spotify_client.user.get_one(ME["id"])
    assert public["display_name"] == ME["display_name"]
    assert "country" not in public and "email" not in public  # private fields stay private


@with_sample
async def test_library_and_player_take_loaded_ids(
    spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    await spotify_client.library.save_items([ALBUM["uri"]])
    saved = await spotify_client.library.get_albums(limit=1)
    assert saved["items"][0]["album"] == served_as(ALBUM, spotify_emulator)
    assert await spotify_client.library.contains_items([PLAYING["uri"]]) == [False]
    await spotify_client.library.save_items([PLAYING["uri"]])
    assert await spotify_client.library.contains_items([PLAYING["uri"]]) == [True]
    saved_tracks = await spotify_client.library.get_tracks(limit=1)
    assert saved_tracks["items"][0]["track"] == served_as(PLAYING, spotify_emulator)

    devices = await spotify_client.player.get_devices()
    device = devices["devices"][0]["id"]
    await spotify_client.player.play(device_id=device, uris=[PLAYING["uri"], EPISODE["uri"]])
    current = await spotify_client.player.get_current_track()
    assert current["item"] == served_as(PLAYING, spotify_emulator)
    assert current["is_playing"] is True
    spotify_emulator.clock.advance(PLAYING["duration_ms"] / 1000 + 1)  # the loaded duration
    playback = await spotify_client.player.get_playback(additional_types="episode")
    assert playback["item"]["id"] == EPISODE["id"]
    assert playback["item"]["show"]["id"] == EPISODE["show"]["id"]


@with_sample
async def test_a_loaded_playlist_is_served_and_editable(
    spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    playlist = await spotify_client.playlists.get_one(PLAYLIST["id"])
    assert (playlist["id"], playlist["name"], playlist["owner"]["id"]) == (
        PLAYLIST["id"],
        PLAYLIST["name"],
        PLAYLIST["owner"]["id"],
    )
    loaded_items = PLAYLIST["tracks"]["items"]
    items = await spotify_client.playlists.get_items(PLAYLIST["id"])
    assert [item["track"] for item in items["items"]] == served_as(
        [item["track"] for item in loaded_items], spotify_emulator
    )
    assert [item["added_at"] for item in items["items"]] == [i["added_at"] for i in loaded_items]
    await spotify_client.playlists.add_items(PLAYLIST["id"], [ALBUM["tracks"]["items"][0]["uri"]])
    items = await spotify_client.playlists.get_items(PLAYLIST["id"])
    assert [item["track"]["id"] for item in items["items"]] == [
        *(item["track"]["id"] for item in loaded_items),
        ALBUM["tracks"]["items"][0]["id"],
    ]


async def test_emulator_takes_parsed_catalogs_and_a_development_app_gets_fewer_fields() -> None:
    album = copy.deepcopy(ALBUM)
    async with Emulator(config_from_marker(None), catalog=[{"albums": [album]}]) as emulator:
        client = await open_client(emulator)
        try:
            assert await client.albums.get_one(ALBUM["id"]) == served_as(ALBUM, emulator)
        finally:
            await client.close_client()
    marker = pytest.mark.spotify_emulator(mode="development", catalog=album).mark
    async with Emulator(config_from_marker(marker)) as emulator:
        client = await open_client(emulator)
        try:
            served = await client.albums.get_one(ALBUM["id"])
        finally:
            await client.close_client()
    assert "label" not in served and "popularity" not in served
    assert "available_markets" not in served
    assert served["name"] == ALBUM["name"]


@pytest.mark.parametrize(
    ("mutate", "path", "problem"),
    [
        (lambda a: a.update(id="not-an-id"), "$.id", "album id must be 22 base62 characters"),
        (lambda a: a.pop("name"), "$.name", "'name' must be str, not None"),
        (
            lambda a: a["tracks"]["items"][2].update(duration_ms="3:12"),
            "$.tracks.items[2].duration_ms",
            "'duration_ms' must be int",
        ),
        (
            lambda a: a["artists"][0].update(id=7),
            "$.artists[0].id",
            "artist id must be 22 base62 characters, not 7",
        ),
        (
            lambda a: a.update(tracks=[1, 2]),
            "$.tracks",
            "expected a paging object with 'items'",
        ),
    ],
)
def test_a_bad_object_names_the_file_and_the_json_path(
    tmp_path: Path, mutate: Any, path: str, problem: str
) -> None:
    album = copy.deepcopy(ALBUM)
    mutate(album)
    file = tmp_path / "mine.json"
    file.write_bytes(orjson.dumps(album))
    with pytest.raises(CatalogError) as raised:
        Emulator(catalog=[file])
    assert str(raised.value).startswith(f"catalog {file}: {path}: ")
    assert problem in str(raised.value)


def test_unreadable_sources_and_orphans_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match=r"catalog .*missing.json: cannot read it"):
        load_user_catalog([tmp_path / "missing.json"])
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(CatalogError, match=r"catalog .*broken.json: not JSON"):
        load_user_catalog([broken])
    with pytest.raises(CatalogError, match=r"catalog\[0\]: expected a file path or a JSON"):
        load_user_catalog([42])  # type: ignore[list-item]
    simplified = {k: v for k, v in PLAYING.items() if k != "album"}
    with pytest.raises(CatalogError, match=r"a track without its album: save the full track"):
        load_user_catalog([{"tracks": [simplified]}])


def test_the_command_serves_a_catalog_and_refuses_a_bad_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(orjson.dumps({"albums": [{**ALBUM, "id": "x"}]}))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "async_spotify.emulator",
            "--catalog",
            str(SAMPLE_CATALOG),
            "--catalog",
            str(bad),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert f"catalog {bad}: $.albums[0].id: album id must be 22 base62 characters" in done.stderr


@with_sample
async def test_loaded_playlists_are_listed_for_their_owners(
    spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    # The sample's playlist belongs to the sample's signed-in user.
    mine = await spotify_client.playlists.current_get_all(limit=50)
    assert PLAYLIST["id"] in [playlist["id"] for playlist in mine["items"]]
    # Another user's playlist, loaded with its owner: listed under them, the owner as saved.
    other = copy.deepcopy(PLAYLIST)
    other["id"] = "0" * 21 + "1"
    owner = {**PLAYLIST["owner"], "id": "someone-else", "display_name": "Someone Else"}
    owner["uri"] = "spotify:user:someone-else"
    other["owner"] = owner
    async with Emulator(catalog=[other]) as emulator:
        client = await open_client(emulator)
        try:
            listed = await client.playlists.get_user_all("someone-else")
            profile = await client.user.get_one("someone-else")
        finally:
            await client.close_client()
    assert [playlist["id"] for playlist in listed["items"]] == [other["id"]]
    assert listed["items"][0]["owner"]["display_name"] == "Someone Else"
    assert profile["display_name"] == "Someone Else"


@with_sample
async def test_a_loaded_artists_discography_and_top_tracks(
    spotify_emulator: Emulator, spotify_client: SpotifyApiClient
) -> None:
    artist_id = ALBUM["artists"][0]["id"]
    albums = await spotify_client.artists.get_album_list(artist_id)
    assert ALBUM["id"] in [album["id"] for album in albums["items"]]
    top = await spotify_client.artists.get_top_tracks(artist_id, "NL")
    assert {track["id"] for track in top["tracks"]} <= {t["id"] for t in ALBUM["tracks"]["items"]}
    assert len(top["tracks"]) == min(10, len(ALBUM["tracks"]["items"]))
