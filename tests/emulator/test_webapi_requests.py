"""Parameters and paging: Spotify's 400s for bad input, 404/null for unknown IDs, paging links
that walk a 10,000-item playlist, the ``fields`` filter, search and the catalog's shapes."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import aiohttp
import orjson
import pytest

from async_spotify.emulator import Emulator
from async_spotify.emulator.state.seeding import BIG_PLAYLIST_NAME, BIG_PLAYLIST_SIZE
from async_spotify.emulator.webapi.fields import apply_fields, parse_fields


class Api:
    def __init__(self, emulator: Emulator, session: aiohttp.ClientSession) -> None:
        self.emulator = emulator
        self.session = session
        self.headers = {"Authorization": f"Bearer {emulator.issue_user_token()['access_token']}"}
        self.ids = emulator.world.catalog.ids

    async def __call__(
        self, method: str, path: str, *, json: Any = None, raw: bytes | None = None
    ) -> tuple[int, Any]:
        url = path if path.startswith("http") else self.emulator.base_url + path
        data = raw if json is None else orjson.dumps(json)
        async with self.session.request(method, url, data=data, headers=self.headers) as reply:
            body = await reply.read()
            return reply.status, orjson.loads(body) if body else None


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async with Emulator() as emulator, aiohttp.ClientSession() as session:
        yield Api(emulator, session)


def error(status: int, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": {"status": status, "message": message}}


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["0", "51", "abc", "-1", "2.5"])
async def test_limit_out_of_range_is_invalid_limit(api: Api, limit: str) -> None:
    assert await api("GET", f"/me/tracks?limit={limit}") == error(400, "Invalid limit")


async def test_negative_offset_is_invalid_offset(api: Api) -> None:
    assert await api("GET", "/me/tracks?offset=-1") == error(400, "Invalid offset")
    assert await api("GET", "/search?q=a&type=track&offset=1001") == error(400, "Invalid offset")


async def test_too_many_ids(api: Api) -> None:
    ids = ",".join(api.ids.encode("album", n) for n in range(21))
    assert await api("GET", f"/albums?ids={ids}") == error(400, "Too many ids requested")
    uris = ",".join(f"spotify:track:{api.ids.encode('track', n)}" for n in range(41))
    assert await api("PUT", f"/me/library?uris={uris}") == error(400, "Too many ids requested")


async def test_malformed_and_unknown_ids(api: Api) -> None:
    assert await api("GET", "/tracks/not-an-id") == error(400, "Invalid base62 id")
    assert await api("GET", "/tracks/" + "z" * 22) == error(404, "Resource not found")
    # A real ID of another kind is not a track.
    assert await api("GET", f"/tracks/{api.ids.encode('album', 1)}") == error(
        404, "Resource not found"
    )


async def test_malformed_and_unknown_playlist_ids(api: Api) -> None:
    assert await api("GET", "/playlists/not-an-id") == error(400, "Invalid base62 id")
    assert await api("GET", "/playlists/" + "z" * 22) == error(404, "Resource not found")


async def test_multi_get_answers_null_for_unknown_ids(api: Api) -> None:
    known = api.ids.encode("track", 1)
    status, body = await api("GET", f"/tracks?ids={known},{'z' * 22}")
    assert status == 200
    assert [track and track["id"] for track in body["tracks"]] == [known, None]


async def test_bad_market(api: Api) -> None:
    track = api.ids.encode("track", 1)
    assert await api("GET", f"/tracks/{track}?market=ZZ") == error(400, "Invalid market code")


async def test_malformed_json_body(api: Api) -> None:
    assert await api("POST", "/me/playlists", raw=b"{name: ") == error(400, "Malformed json")


async def test_missing_required_parameters(api: Api) -> None:
    assert await api("GET", "/search?type=track") == error(400, "No search query")
    assert await api("GET", "/search?q=silver") == error(400, "Missing parameter type")
    assert await api("GET", "/search?q=silver&type=song") == error(
        400, "Bad search type field song"
    )
    assert await api("PUT", "/me/player/seek") == error(
        400, "Required parameter position_ms missing"
    )
    assert await api("PUT", "/me/tracks", json={}) == error(400, "Missing required field: ids")


@pytest.mark.parametrize("state", ["True", "1", "yes"])
async def test_shuffle_state_is_true_or_false_only(api: Api, state: str) -> None:
    assert await api("PUT", f"/me/player/shuffle?state={state}") == error(400, "Invalid state")


async def test_time_range_is_checked(api: Api) -> None:
    assert await api("GET", "/me/top/tracks?time_range=forever") == error(400, "Invalid time range")


TRACK_A = "spotify:track:" + "0" * 22  # replaced by real track URIs in the tests below
ALBUM_A = "spotify:album:" + "0" * 22


def with_real_uris(api: Api, value: Any) -> Any:
    """``value`` with TRACK_A/ALBUM_A replaced by URIs the emulator's catalog has."""
    text = orjson.dumps(value).decode()
    text = text.replace(TRACK_A, f"spotify:track:{api.ids.encode('track', 3)}")
    return orjson.loads(text.replace(ALBUM_A, f"spotify:album:{api.ids.encode('album', 3)}"))


@pytest.mark.parametrize(
    ("method", "body", "message"),
    [
        ("POST", {"uris": TRACK_A}, "Invalid uris"),
        ("POST", {"position": 0}, "Missing required field: uris"),
        ("POST", {"uris": [TRACK_A], "position": "0"}, "Invalid position"),
        ("POST", {"uris": [TRACK_A], "position": True}, "Invalid position"),
        ("PUT", {"uris": [TRACK_A], "snapshot_id": 5}, "Invalid snapshot_id"),
        (
            "PUT",
            {"uris": [TRACK_A], "range_start": 0},
            "Replace and reorder cannot be combined in one request",
        ),
        ("PUT", {"range_start": 0}, "Missing range_start or insert_before"),
        ("DELETE", {}, "Missing required field: items"),
        ("DELETE", {"items": TRACK_A}, "Invalid items"),
        (
            "DELETE",
            {"items": [{"uri": TRACK_A}] * 101},
            "You can remove a maximum of 100 tracks per request.",
        ),
        ("DELETE", {"items": [{"uri": ALBUM_A}]}, f"Invalid track uri: {ALBUM_A}"),
        ("DELETE", {"items": [TRACK_A]}, "Invalid track uri: None"),
        ("DELETE", {"items": [{"uri": TRACK_A, "positions": [True]}]}, "Invalid positions"),
        ("DELETE", {"items": [{"uri": TRACK_A}], "snapshot_id": 1}, "Invalid snapshot_id"),
    ],
)
async def test_a_bad_playlist_edit_is_refused_and_changes_nothing(
    api: Api, method: str, body: dict[str, Any], message: str
) -> None:
    _, playlist = await api("POST", "/me/playlists", json={"name": "Edited"})
    items = f"/playlists/{playlist['id']}/items"
    status, added = await api("POST", items, json=with_real_uris(api, {"uris": [TRACK_A]}))
    assert status == 201
    body = with_real_uris(api, body)
    assert await api(method, items, json=body) == error(400, with_real_uris(api, message))
    _, after = await api("GET", f"/playlists/{playlist['id']}")
    assert after["snapshot_id"] == added["snapshot_id"]
    assert [item["track"]["uri"] for item in after["tracks"]["items"]] == [
        with_real_uris(api, TRACK_A)
    ]


async def test_a_public_collaborative_playlist_is_refused(api: Api) -> None:
    body = {"name": "Ours", "public": True, "collaborative": True}
    assert await api("POST", "/me/playlists", json=body) == error(
        400, "Collaborative playlists can only be private."
    )
    status, created = await api("POST", "/me/playlists", json={**body, "public": False})
    assert (status, created["collaborative"], created["public"]) == (201, True, False)


def track_id(api: Api, n: int = 3) -> str:
    return str(api.ids.encode("track", n))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"ids": "one,two"}, "Invalid ids"),
        ({"ids": [7]}, "Invalid ids"),
        ({"ids": ["TRACK"] * 51}, "Too many ids requested"),
        ({"timestamped_ids": "TRACK"}, "Invalid timestamped_ids"),
        (
            {"timestamped_ids": [{"id": "TRACK", "added_at": "2024-05-01T12:00:00Z"}] * 51},
            "Too many ids requested",
        ),
        (
            {"timestamped_ids": [{"id": 5, "added_at": "2024-05-01T12:00:00Z"}]},
            "Invalid timestamped_ids",
        ),
        ({"timestamped_ids": ["TRACK"]}, "Invalid timestamped_ids"),
        ({"timestamped_ids": [{"id": "TRACK", "added_at": "soon"}]}, "Invalid added_at"),
        ({"timestamped_ids": [{"id": "TRACK"}]}, "Invalid added_at"),
    ],
)
async def test_a_bad_save_body_is_refused_and_saves_nothing(
    api: Api, body: dict[str, Any], message: str
) -> None:
    body = orjson.loads(orjson.dumps(body).replace(b'"TRACK"', f'"{track_id(api)}"'.encode()))
    assert await api("PUT", "/me/tracks", json=body) == error(400, message)
    assert await api("GET", f"/me/tracks/contains?ids={track_id(api)}") == (200, [False])


async def test_a_save_time_without_a_zone_is_utc(api: Api) -> None:
    now = datetime.datetime.fromtimestamp(int(api.emulator.clock.now()), datetime.UTC)
    naive = now.strftime("%Y-%m-%dT%H:%M:%S")  # the newest save: first in the list
    body = {"timestamped_ids": [{"id": track_id(api), "added_at": naive}]}
    assert await api("PUT", "/me/tracks", json=body) == (200, None)
    _, saved = await api("GET", "/me/tracks?limit=1")
    assert (saved["items"][0]["track"]["id"], saved["items"][0]["added_at"]) == (
        track_id(api),
        naive + "Z",
    )


async def test_saving_an_unknown_playlist_to_the_library_is_404(api: Api) -> None:
    uri = "spotify:playlist:" + "z" * 22
    assert await api("PUT", f"/me/library?uris={uri}") == error(404, "Resource not found")


async def test_a_reorder_out_of_range_is_refused_and_one_inside_itself_changes_nothing(
    api: Api,
) -> None:
    uris = [f"spotify:track:{track_id(api, n)}" for n in (3, 4, 5)]
    _, playlist = await api("POST", "/me/playlists", json={"name": "Reordered"})
    items = f"/playlists/{playlist['id']}/items"
    await api("POST", items, json={"uris": uris})
    too_long = {"range_start": 1, "range_length": 3, "insert_before": 0}
    assert await api("PUT", items, json=too_long) == error(400, "Invalid range")
    past_the_end = {"range_start": 0, "insert_before": 4}
    assert await api("PUT", items, json=past_the_end) == error(400, "Invalid insert_before")
    # Moving the first two before the second (inside the moved range) keeps the order.
    inside = {"range_start": 0, "range_length": 2, "insert_before": 1}
    status, _ = await api("PUT", items, json=inside)
    assert status == 200
    _, after = await api("GET", items)
    assert [item["track"]["uri"] for item in after["items"]] == uris


async def test_bad_follow_bodies_are_refused(api: Api) -> None:
    _, playlist = await api("POST", "/me/playlists", json={"name": "Followed"})
    assert await api(
        "PUT", f"/playlists/{playlist['id']}/followers", json={"public": "yes"}
    ) == error(400, "Invalid public")
    artist = api.ids.encode("artist", 1)
    assert await api("PUT", "/me/following?type=artist", json={"ids": artist}) == error(
        400, "Invalid ids"
    )
    many = {"ids": [api.ids.encode("artist", n) for n in range(51)]}
    assert await api("PUT", "/me/following?type=artist", json=many) == error(
        400, "Too many ids requested"
    )
    assert await api("GET", f"/me/following/contains?type=artist&ids={artist}") == (200, [False])


async def test_recommendation_seeds_are_checked(api: Api) -> None:
    six = "acoustic,blues,classical,dance,jazz,rock"
    assert await api("GET", f"/recommendations?seed_genres={six}") == error(400, "Too many seeds")
    assert await api("GET", "/recommendations?seed_genres=sea-shanty-metal") == error(
        400, "Invalid seed genre"
    )


async def test_search_finds_a_public_playlist_the_user_made(api: Api) -> None:
    _, made = await api("POST", "/me/playlists", json={"name": "Qwertzuiop Evenings"})
    _, hidden = await api(
        "POST", "/me/playlists", json={"name": "Qwertzuiop Nights", "public": False}
    )
    _, found = await api("GET", "/search?q=qwertzuiop&type=playlist")
    ids = [playlist["id"] for playlist in found["playlists"]["items"] if playlist]
    assert made["id"] in ids
    assert hidden["id"] not in ids


async def test_a_legacy_user_playlist_uri_plays_and_other_kinds_are_invalid(api: Api) -> None:
    uris = [f"spotify:track:{track_id(api, n)}" for n in (3, 4)]
    _, playlist = await api("POST", "/me/playlists", json={"name": "Legacy"})
    await api("POST", f"/playlists/{playlist['id']}/items", json={"uris": uris})
    legacy = f"spotify:user:{playlist['owner']['id']}:playlist:{playlist['id']}"
    device = api.emulator.world.user(api.emulator.world.default_user_id).player.devices[0].id
    play = f"/me/player/play?device_id={device}"
    assert await api("PUT", play, json={"context_uri": legacy}) == (204, None)
    _, state = await api("GET", "/me/player")
    assert state["item"]["uri"] == uris[0]
    assert await api("PUT", "/me/library?uris=spotify:genre:jazz") == error(
        400, "Invalid uri: spotify:genre:jazz"
    )


# -- paging ------------------------------------------------------------------------------------


def big_playlist(api: Api) -> str:
    world = api.emulator.world
    for playlist_id in world.user(world.default_user_id).playlists.newest_first():
        playlist = world.playlists.get(playlist_id)
        if playlist is not None and playlist.name == BIG_PLAYLIST_NAME:
            return playlist_id
    raise AssertionError("the default user has the big playlist")


async def test_next_links_walk_the_10000_item_playlist(api: Api) -> None:
    playlist = big_playlist(api)
    url: str | None = f"/playlists/{playlist}/tracks?limit=100"
    seen: list[str] = []
    pages = 0
    while url is not None:
        status, page = await api("GET", url)
        assert status == 200
        assert page["total"] == BIG_PLAYLIST_SIZE
        seen.extend(item["track"]["id"] for item in page["items"])
        url = page["next"]
        pages += 1
    assert pages == 100
    expected = api.emulator.world.playlists.get(playlist)
    assert expected is not None
    assert seen == [api.ids.encode("track", entry.item[1]) for entry in expected.entries]


async def test_paging_links_are_exact(api: Api) -> None:
    status, page = await api("GET", "/me/albums?limit=7&offset=14&market=SE")
    assert status == 200
    base = f"{api.emulator.base_url}/me/albums"
    assert page["href"] == f"{base}?offset=14&limit=7&market=SE"
    assert page["next"] == f"{base}?offset=21&limit=7&market=SE"
    assert page["previous"] == f"{base}?offset=7&limit=7&market=SE"
    assert (page["limit"], page["offset"], page["total"]) == (7, 14, 2000)
    assert len(page["items"]) == 7
    _, last = await api("GET", "/me/albums?limit=50&offset=1990")
    assert last["next"] is None
    assert len(last["items"]) == 10


async def test_search_pages_each_type_and_keeps_the_query(api: Api) -> None:
    status, body = await api("GET", "/search?q=silver%20river&type=track,artist&limit=3")
    assert status == 200
    assert set(body) == {"tracks", "artists"}
    tracks = body["tracks"]
    assert tracks["total"] > 3
    for track in tracks["items"]:
        text = (track["name"] + " " + " ".join(a["name"] for a in track["artists"])).lower()
        assert "silver" in text
        assert "river" in text
    query = dict(parse_qsl(urlsplit(tracks["next"]).query))
    assert query == {"offset": "3", "limit": "3", "query": "silver river", "type": "track,artist"}
    # Spotify's own next links say query=, and following them must work.
    status, following = await api("GET", tracks["next"])
    assert status == 200
    assert following["tracks"]["offset"] == 3
    assert following["tracks"]["total"] == tracks["total"]


async def test_search_field_filters(api: Api) -> None:
    world = api.emulator.world
    artist = world.catalog.records.artist(0).name
    _, body = await api("GET", f'/search?q=artist:"{artist}"&type=album&limit=50')
    assert body["albums"]["total"] >= 320
    assert all(
        any(a["name"] == artist for a in album["artists"]) for album in body["albums"]["items"]
    )


async def test_each_field_filter_keeps_only_what_it_names(api: Api) -> None:
    records = api.emulator.world.catalog.records
    track, album = records.track(5), records.album(7)
    genre = next(records.artist(n).genres[0] for n in range(50) if records.artist(n).genres)

    async def found(q: str, kind: str) -> list[dict[str, Any]]:
        status, body = await api("GET", f"/search?{urlencode({'q': q, 'type': kind})}&limit=50")
        assert status == 200, body
        items: list[dict[str, Any]] = body[f"{kind}s"]["items"]
        return items

    assert [t["id"] for t in await found(f"isrc:{track.isrc}", "track")] == [
        api.ids.encode("track", 5)
    ]
    assert [a["id"] for a in await found(f"upc:{album.upc}", "album")] == [
        api.ids.encode("album", 7)
    ]
    by_album = await found(f'album:"{album.name}"', "track")
    assert by_album and all(album.name.lower() in t["album"]["name"].lower() for t in by_album)
    by_name = await found(f'track:"{track.name}"', "track")
    assert by_name and all(track.name.lower() in t["name"].lower() for t in by_name)
    in_2020 = await found("year:2020-2021", "album")
    assert in_2020 and {a["release_date"][:4] for a in in_2020} <= {"2020", "2021"}
    assert await found("year:soon", "album") == []  # not a year: nothing matches
    by_genre = await found(f'genre:"{genre}"', "artist")
    artists = [api.ids.index_of("artist", a["id"]) for a in by_genre]  # served without genres
    assert artists and all(i is not None and genre in records.artist(i).genres for i in artists)
    new = await found("tag:new", "album")
    assert new and all(int(a["release_date"][:4]) >= 2025 for a in new)
    hipster = await found("tag:hipster", "album")
    assert hipster  # the least popular tenth
    indices = [api.ids.index_of("album", a["id"]) for a in hipster]
    assert all(i is not None and records.album(i).popularity < 10 for i in indices)
    assert await found('"  "', "track") == []  # a blank phrase is no query at all


async def test_the_prolific_artist_has_hundreds_of_albums(api: Api) -> None:
    artist = api.ids.encode("artist", 0)
    _, page = await api("GET", f"/artists/{artist}/albums?include_groups=album,single,compilation")
    assert page["total"] == 320
    assert page["limit"] == 20  # extended quota keeps the old default (development mode: 5)
    assert {album["album_group"] for album in page["items"]} <= {"album", "single", "compilation"}


# -- fields --------------------------------------------------------------------------------------


async def test_fields_filter_on_a_playlist(api: Api) -> None:
    playlist = big_playlist(api)
    fields = "name,tracks.items(added_by.id,track(name,album(!images))),tracks.total"
    status, body = await api("GET", f"/playlists/{playlist}?fields={fields}")
    assert status == 200
    assert set(body) == {"name", "tracks"}
    assert set(body["tracks"]) == {"items", "total"}
    item = body["tracks"]["items"][0]
    assert set(item) == {"added_by", "track"}
    assert item["added_by"] == {"id": api.emulator.user_id}
    assert set(item["track"]) == {"name", "album"}
    assert "images" not in item["track"]["album"]
    assert "name" in item["track"]["album"]


def test_fields_parser_handles_nesting_dots_and_exclusions() -> None:
    value = {"a": 1, "b": {"c": 2, "d": [{"e": 3, "f": 4}, {"e": 5, "f": 6}]}, "g": 7}
    assert apply_fields(value, parse_fields("a,b.d.e")) == {
        "a": 1,
        "b": {"d": [{"e": 3}, {"e": 5}]},
    }
    assert apply_fields(value, parse_fields("b(d(!f))")) == {"b": {"d": [{"e": 3}, {"e": 5}]}}
    assert apply_fields(value, parse_fields("b(c),b.d.f")) == {
        "b": {"c": 2, "d": [{"f": 4}, {"f": 6}]}
    }
    assert apply_fields(value, parse_fields("nope")) == {}


@pytest.mark.parametrize("fields", ["a(b", "a,,b", "a)", "!a.b", "a.(b)"])
async def test_malformed_fields_are_400(api: Api, fields: str) -> None:
    status, body = await api("GET", f"/playlists/{big_playlist(api)}?fields={fields}")
    assert status == 400
    assert body["error"]["message"].startswith("Invalid fields parameter")


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/albums/{album}/tracks?market=US&limit=2", None),
        ("/artists/{artist}/albums?include_groups=album,single&market=US&limit=2", None),
        ("/shows/{show}/episodes?limit=2", None),
        ("/audiobooks/{book}/chapters?limit=2", None),
        ("/me/tracks?limit=2&market=US", None),
        ("/me/albums?limit=2", None),
        ("/me/episodes?limit=2", None),
        ("/me/shows?limit=2", None),
        ("/me/audiobooks?limit=2", None),
        ("/me/playlists?limit=2", None),
        ("/me/top/tracks?time_range=long_term&limit=2", None),
        ("/me/top/artists?limit=2", None),
        ("/users/spotify/playlists?limit=2", None),
        ("/browse/categories?locale=sv_SE&limit=2", "categories"),
        ("/browse/new-releases?limit=2", "albums"),
        ("/browse/featured-playlists?limit=2", "playlists"),
        ("/search?q=silver&type=album&market=US&limit=2", "albums"),
        ("/me/following?type=artist&limit=2", "artists"),
        ("/me/player/recently-played?limit=2", None),
    ],
)
async def test_next_links_can_be_followed(api: Api, path: str, key: str | None) -> None:
    ids = api.ids
    url = path.format(
        album=ids.encode("album", 4),
        artist=ids.encode("artist", 0),
        show=ids.encode("show", 0),
        book=ids.encode("audiobook", 0),
    )
    status, body = await api("GET", url)
    assert status == 200
    first = body if key is None else body[key]
    status, body = await api("GET", first["next"])
    assert status == 200
    second = body if key is None else body[key]
    assert len(second["items"]) == 2
    assert second["items"] != first["items"]
