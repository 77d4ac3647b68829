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
            artist = await client.artists.get_one(ALBUM["artists"][0]["id"])
        finally:
            await client.close_client()
    assert "label" not in served and "popularity" not in served
    assert "available_markets" not in served
    assert served["name"] == ALBUM["name"]
    # An artist known only from the album's list gets the full form, minus what development drops.
    assert (artist["name"], artist["genres"], artist["images"]) == (
        ALBUM["artists"][0]["name"],
        [],
        [],
    )
    assert "followers" not in artist and "popularity" not in artist


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


def playlist_with(page: Any) -> dict[str, Any]:
    """The sample playlist saved with ``page`` as its items."""
    bare = {k: v for k, v in PLAYLIST.items() if k not in ("items", "tracks")}
    return {**bare, "tracks": page}


FIRST_ITEM = PLAYLIST["tracks"]["items"][0]


@pytest.mark.parametrize(
    ("source", "path", "problem"),
    [
        ({"type": "user", "id": "a/b"}, "$.id", "user id must be a string, not 'a/b'"),
        ({**ALBUM, "artists": ["Goldband"]}, "$.artists[0]", "expected an artist object"),
        (
            {**ALBUM, "tracks": {"items": [7]}},
            "$.tracks.items[0]",
            "expected a track object",
        ),
        (
            playlist_with([FIRST_ITEM]),
            "$.tracks",
            "expected a paging object with 'items'",
        ),
        (
            playlist_with({"items": "none"}),
            "$.tracks",
            "expected a paging object with 'items'",
        ),
        (
            playlist_with({"items": ["track"]}),
            "$.tracks.items[0]",
            "expected a playlist item object",
        ),
        (
            playlist_with({"items": [{"track": {**ALBUM}}]}),
            "$.tracks.items[0].track",
            "expected a track or episode object",
        ),
        (
            playlist_with({"items": [{**FIRST_ITEM, "added_at": "yesterday"}]}),
            "$.tracks.items[0].added_at",
            "expected an ISO 8601 time like '2024-05-01T12:00:00Z', not 'yesterday'",
        ),
        (
            playlist_with({"items": [{**FIRST_ITEM, "added_at": 1714564800}]}),
            "$.tracks.items[0].added_at",
            "expected an ISO 8601 time like '2024-05-01T12:00:00Z', not 1714564800",
        ),
    ],
)
def test_a_bad_part_of_a_saved_answer_names_its_json_path(
    source: dict[str, Any], path: str, problem: str
) -> None:
    with pytest.raises(CatalogError) as raised:
        load_user_catalog([source])
    assert str(raised.value) == f"catalog catalog[0]: {path}: {problem}"


def test_saved_pages_and_repeated_objects_load_once_in_their_fullest_form() -> None:
    # A saved ``/albums/{id}/tracks`` page names its album in its href: the album must be there.
    tracks_page = {
        "href": f"https://api.spotify.com/v1/albums/{ALBUM['id']}/tracks?offset=0&limit=50",
        "items": ALBUM["tracks"]["items"],
    }
    with pytest.raises(CatalogError) as raised:
        load_user_catalog([tracks_page])
    assert str(raised.value) == (
        f"catalog catalog[0]: $.items[0]: its album {ALBUM['id']} is not in the catalog: "
        "save the album too"
    )
    # With it, the page loads; a track listed twice is one child; the artist seen simplified
    # (inside the album) then full keeps the full form.
    twice = {**ALBUM, "tracks": {**ALBUM["tracks"], "items": [*ALBUM["tracks"]["items"]] * 2}}
    full_artist = {**ARTIST, **{k: ALBUM["artists"][0][k] for k in ("id", "uri", "name")}}
    gone = {**FIRST_ITEM, "track": None, "item": None}  # a track Spotify no longer has
    anonymous = {k: v for k, v in FIRST_ITEM.items() if k != "added_by"}
    catalog = load_user_catalog(
        [
            twice,
            tracks_page,
            full_artist,
            playlist_with({"items": [gone, anonymous]}),
            playlist_with({"href": PLAYLIST["href"], "total": 1}) | {"id": "0" * 22},
        ]
    )
    album = catalog.get("album", ALBUM["id"])
    assert album is not None and len(album.children) == len(ALBUM["tracks"]["items"])
    artist = catalog.get("artist", full_artist["id"])
    assert artist is not None and artist.full and artist.data == full_artist
    assert artist.where == "catalog[2]: $"
    # The null item is left out; the other has no adder.
    [entry] = catalog.playlist_items[PLAYLIST["id"]]
    assert (entry.id, entry.added_by) == (FIRST_ITEM["track"]["id"], None)
    # A simplified playlist (``{"href", "total"}``) is loaded without items.
    assert catalog.get("playlist", "0" * 22) is not None
    assert "0" * 22 not in catalog.playlist_items


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


SHOW_ID = EPISODE["show"]["id"]
OTHER_EPISODE = {
    **{k: v for k, v in EPISODE.items() if k != "show"},
    "id": "1" * 22,
    "name": "Earlier Episode Of Safety Third",
    "duration_ms": 120_000,
    "uri": "spotify:episode:" + "1" * 22,
}
#: A full show as ``GET /shows/{id}`` answers: its episodes (simplified) on an embedded page.
SHOW = {
    **EPISODE["show"],
    "episodes": {
        "href": f"https://api.spotify.com/v1/shows/{SHOW_ID}/episodes?offset=0&limit=50",
        "items": [{k: v for k, v in EPISODE.items() if k != "show"}, OTHER_EPISODE],
        "limit": 50,
        "next": None,
        "offset": 0,
        "previous": None,
        "total": 2,
    },
}
BOOK_ID = "2" * 22


def chapter(number: int) -> dict[str, Any]:
    id_ = f"{number}".rjust(22, "3")
    return {
        "chapter_number": number,
        "description": f"Chapter {number} of the book.",
        "duration_ms": 60_000 * number,
        "explicit": False,
        "external_urls": {"spotify": f"https://open.spotify.com/chapter/{id_}"},
        "href": f"https://api.spotify.com/v1/chapters/{id_}",
        "id": id_,
        "images": [],
        "languages": ["en"],
        "name": f"Chapter {number}: The Loaded One",
        "release_date": "2020-01-01",
        "release_date_precision": "day",
        "type": "chapter",
        "uri": f"spotify:episode:{id_}",
    }


#: A full audiobook as ``GET /audiobooks/{id}`` answers, with its chapters (simplified).
AUDIOBOOK = {
    "authors": [{"name": "Ada Author"}, "not an author object"],
    "description": "A book loaded from a saved answer.",
    "explicit": False,
    "external_urls": {"spotify": f"https://open.spotify.com/audiobook/{BOOK_ID}"},
    "href": f"https://api.spotify.com/v1/audiobooks/{BOOK_ID}",
    "id": BOOK_ID,
    "images": [],
    "languages": ["en"],
    "media_type": "audio",
    "name": "The Loaded Audiobook",
    "narrators": [{"name": "Nora Narrator"}],
    "publisher": "Loaded Press",
    "total_chapters": 2,
    "type": "audiobook",
    "uri": f"spotify:audiobook:{BOOK_ID}",
    "chapters": {
        "href": f"https://api.spotify.com/v1/audiobooks/{BOOK_ID}/chapters",
        "items": [chapter(1), chapter(2)],
        "limit": 50,
        "next": None,
        "offset": 0,
        "previous": None,
        "total": 2,
    },
}
CATEGORY = {
    "href": "https://api.spotify.com/v1/browse/categories/loaded-mood",
    "icons": [{"height": 274, "url": "https://t.scdn.co/images/loaded.jpg", "width": 274}],
    "id": "loaded-mood",
    "name": "Loaded Mood",
}


async def test_a_loaded_show_and_audiobook_are_served_with_their_children() -> None:
    catalog = [
        {"shows": [SHOW]},
        {"audiobooks": [AUDIOBOOK]},
        {"categories": {"items": [CATEGORY]}},
    ]
    async with Emulator(catalog=catalog) as emulator:
        client = await open_client(emulator)
        try:
            show = await client.shows.get_one(SHOW_ID)
            episodes = await client.shows.get_episodes(SHOW_ID, limit=1, offset=1)
            episode = await client.episodes.get_one(OTHER_EPISODE["id"])
            book = await client.audiobooks.get_one(BOOK_ID)
            chapters = await client.audiobooks.get_chapters(BOOK_ID)
            one_chapter = await client.chapters.get_one(chapter(2)["id"])
            category = await client.browse.get_category(CATEGORY["id"])
            found = await client.search.start("earlier episode", ["episode"], limit=5)
            books = await client.search.start("loaded ada author", ["audiobook"], limit=5)
            shows = await client.search.start(SHOW["name"], ["show"], limit=5)
        finally:
            await client.close_client()
    simplified_show = served_as(EPISODE["show"], emulator)
    assert {k: v for k, v in show.items() if k != "episodes"} == simplified_show
    assert show["episodes"]["items"] == served_as(SHOW["episodes"]["items"], emulator)
    assert show["episodes"]["total"] == 2
    assert (
        show["episodes"]["href"]
        == f"{emulator.base_url}/shows/{SHOW_ID}/episodes?offset=0&limit=50"
    )
    assert episodes["items"] == [served_as(OTHER_EPISODE, emulator)]
    assert episodes["total"] == 2
    # The full episode is the saved one with its show (simplified) added.
    assert episode == {**served_as(OTHER_EPISODE, emulator), "show": simplified_show}
    assert {k: v for k, v in book.items() if k != "chapters"} == served_as(
        {k: v for k, v in AUDIOBOOK.items() if k != "chapters"}, emulator
    )
    assert [c["id"] for c in book["chapters"]["items"]] == [chapter(1)["id"], chapter(2)["id"]]
    unplayed = {"fully_played": False, "resume_position_ms": 0}  # the emulator's resume points
    assert chapters["items"] == [
        {**served_as(chapter(n), emulator), "resume_point": unplayed} for n in (1, 2)
    ]
    assert one_chapter["name"] == "Chapter 2: The Loaded One"
    assert one_chapter["audiobook"]["id"] == BOOK_ID
    assert "chapters" not in one_chapter["audiobook"]  # the simplified form
    assert category == served_as(CATEGORY, emulator)
    # Search finds them by name (and a book by its authors: the one named, not the stray string).
    assert [e["id"] for e in found["episodes"]["items"]][:1] == [OTHER_EPISODE["id"]]
    assert [b["id"] for b in books["audiobooks"]["items"]][:1] == [BOOK_ID]
    assert [s["id"] for s in shows["shows"]["items"]][:1] == [SHOW_ID]
