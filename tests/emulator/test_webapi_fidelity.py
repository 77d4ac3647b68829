"""The emulator answers as Spotify does where Spotify and its spec disagree (issue 9, items 1-12).

One test (or a few) per item, against the running emulator over loopback. The evidence for
each behaviour is in ``docs/emulator-fidelity.md``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest

from async_spotify.emulator import ALL_SCOPES, Emulator, EmulatorConfig


class Api:
    def __init__(self, emulator: Emulator, session: aiohttp.ClientSession) -> None:
        self.emulator = emulator
        self.session = session
        self.token = emulator.issue_user_token()["access_token"]
        self.world = emulator.world
        self.catalog = emulator.world.catalog
        self.ids = emulator.world.catalog.ids
        self.user = emulator.world.user(emulator.world.default_user_id)

    async def __call__(
        self, method: str, path: str, *, json: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        url = self.emulator.base_url + path
        data = None if json is None else orjson.dumps(json)
        headers = {"Authorization": f"Bearer {token or self.token}"}
        async with self.session.request(method, url, data=data, headers=headers) as reply:
            body = await reply.read()
            return reply.status, orjson.loads(body) if body else None

    def with_scopes(self, *excluded: str) -> str:
        scopes = [scope for scope in ALL_SCOPES if scope not in excluded]
        token: str = self.emulator.issue_user_token(scopes)["access_token"]
        return token


async def _api(mode: str) -> AsyncIterator[Api]:
    config = EmulatorConfig(mode=mode)  # type: ignore[arg-type]
    async with Emulator(config) as emulator, aiohttp.ClientSession() as session:
        yield Api(emulator, session)


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async for made in _api("extended"):
        yield made


@pytest.fixture
async def dev_api() -> AsyncIterator[Api]:
    async for made in _api("development"):
        yield made


def error(status: int, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"error": {"status": status, "message": message}}


# -- 1. trailing slashes -----------------------------------------------------------------------


async def test_every_route_answers_with_a_trailing_slash(api: Api) -> None:
    tracks = [api.ids.encode("track", n) for n in (1, 2)]
    artist = api.ids.encode("artist", 4)
    status, me = await api("GET", "/me/")
    assert (status, me["id"]) == (200, api.user.user_id)
    status, found = await api("GET", f"/artists/?ids={artist}")
    assert (status, [a["id"] for a in found["artists"]]) == (200, [artist])
    status, found = await api("GET", f"/tracks/?ids={','.join(tracks)}")
    assert (status, [t["id"] for t in found["tracks"]]) == (200, tracks)
    status, found = await api("GET", f"/albums/{api.ids.encode('album', 3)}/tracks/")
    assert status == 200
    assert found["items"]
    assert await api("PUT", f"/me/tracks/?ids={tracks[0]}") == (200, None)
    assert await api("GET", f"/me/tracks/contains/?ids={tracks[0]}") == (200, [True])


async def test_an_unknown_route_with_a_slash_is_still_service_not_found(api: Api) -> None:
    assert await api("GET", "/nothing-here/") == error(404, "Service not found")


# -- 2. limits by app mode ---------------------------------------------------------------------


async def test_extended_mode_keeps_limit_50_for_search_and_artist_albums(api: Api) -> None:
    artist = api.ids.encode("artist", 0)
    status, page = await api("GET", f"/artists/{artist}/albums?limit=50")
    assert (status, page["limit"], len(page["items"])) == (200, 50, 50)
    _, page = await api("GET", f"/artists/{artist}/albums")
    assert page["limit"] == 20
    status, found = await api("GET", "/search?q=love&type=track&limit=50")
    assert (status, len(found["tracks"]["items"])) == (200, 50)
    assert await api("GET", f"/artists/{artist}/albums?limit=51") == error(400, "Invalid limit")


@pytest.mark.parametrize("limit", [11, 20, 50])
async def test_development_mode_answers_11_to_50_with_invalid_limit(
    dev_api: Api, limit: int
) -> None:
    artist = dev_api.ids.encode("artist", 0)
    assert await dev_api("GET", f"/artists/{artist}/albums?limit={limit}") == error(
        400, "Invalid limit"
    )
    assert await dev_api("GET", f"/search?q=love&type=album&limit={limit}") == error(
        400, "Invalid limit"
    )


async def test_development_mode_defaults_to_5_and_allows_10(dev_api: Api) -> None:
    artist = dev_api.ids.encode("artist", 0)
    _, page = await dev_api("GET", f"/artists/{artist}/albums")
    assert (page["limit"], len(page["items"])) == (5, 5)
    _, page = await dev_api("GET", f"/artists/{artist}/albums?limit=10&offset=10")
    assert (page["limit"], page["offset"], len(page["items"])) == (10, 10, 10)


# -- 3. deprecated query forms -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["track", "album", "episode", "show", "audiobook"])
async def test_saves_and_removals_take_ids_in_the_query(api: Api, kind: str) -> None:
    saved = api.user.library[kind]
    unsaved = [n for n in range(api.catalog.layout.count(kind) - 1, -1, -1) if n not in saved]
    ids = ",".join(api.ids.encode(kind, n) for n in unsaved[:2])
    assert await api("GET", f"/me/{kind}s/contains?ids={ids}") == (200, [False, False])
    assert await api("PUT", f"/me/{kind}s?ids={ids}") == (200, None)
    assert await api("GET", f"/me/{kind}s/contains?ids={ids}") == (200, [True, True])
    assert await api("DELETE", f"/me/{kind}s?ids={ids}") == (200, None)
    assert await api("GET", f"/me/{kind}s/contains?ids={ids}") == (200, [False, False])


async def test_put_me_tracks_query_form_is_bounded_and_checked(api: Api) -> None:
    too_many = ",".join(api.ids.encode("track", n) for n in range(51))
    assert await api("PUT", f"/me/tracks?ids={too_many}") == error(400, "Too many ids requested")
    assert await api("PUT", "/me/tracks?ids=notanid") == error(400, "Invalid base62 id")


async def test_following_takes_ids_in_the_query(api: Api) -> None:
    artist = api.ids.encode("artist", api.catalog.layout.artists - 1)
    assert await api("PUT", f"/me/following?type=artist&ids={artist}") == (204, None)
    assert await api("GET", f"/me/following/contains?type=artist&ids={artist}") == (200, [True])
    assert await api("DELETE", f"/me/following?type=artist&ids={artist}") == (204, None)
    assert await api("GET", f"/me/following/contains?type=artist&ids={artist}") == (200, [False])


# -- 4. readable category ids ------------------------------------------------------------------


async def test_categories_have_readable_ids(api: Api) -> None:
    _, page = await api("GET", "/browse/categories?limit=50")
    listed = {category["id"] for category in page["categories"]["items"]}
    assert {"toplists", "pop", "dinner", "workout"} <= listed
    status, dinner = await api("GET", "/browse/categories/dinner")
    assert (status, dinner["id"], dinner["name"]) == (200, "dinner", "Dinner")
    assert dinner["href"].endswith("/browse/categories/dinner")
    status, playlists = await api("GET", "/browse/categories/workout/playlists")
    assert status == 200
    assert playlists["playlists"]["items"]


@pytest.mark.parametrize("unknown", ["nosuchcategory", "0" * 22, "x"])
async def test_an_unknown_category_is_404(api: Api, unknown: str) -> None:
    assert await api("GET", f"/browse/categories/{unknown}") == error(404, "Resource not found")
    assert await api("GET", f"/browse/categories/{unknown}/playlists") == error(
        404, "Resource not found"
    )


# -- 11. recently played contexts --------------------------------------------------------------


async def test_recently_played_has_context_objects(api: Api) -> None:
    _, page = await api("GET", "/me/player/recently-played?limit=50")
    contexts = [item["context"] for item in page["items"]]
    kinds = {None if c is None else c["type"] for c in contexts}
    assert kinds == {"album", "artist", "playlist", None}
    for item, context in zip(page["items"], contexts, strict=True):
        if context is None:
            continue
        assert set(context) == {"external_urls", "href", "type", "uri"}
        kind, id_ = context["uri"].split(":")[1:]
        assert context["href"] == f"{api.emulator.base_url}/{kind}s/{id_}"
        if kind == "album":
            assert item["track"]["album"]["id"] == id_
        if kind == "artist":
            assert id_ in {artist["id"] for artist in item["track"]["artists"]}
        if kind == "playlist":
            _, playlist = await api("GET", f"/playlists/{id_}/items?limit=100")
            ids = {entry["item"]["id"] for entry in playlist["items"]}
            assert item["track"]["id"] in ids


async def test_a_play_from_a_context_is_listed_with_it(api: Api) -> None:
    album = api.ids.encode("album", 7)
    device = api.user.player.devices[0].id
    body = {"context_uri": f"spotify:album:{album}"}
    assert await api("PUT", f"/me/player/play?device_id={device}", json=body) == (204, None)
    api.emulator.clock.advance(api.world.duration_of(api.user.player.current) / 1000 + 1)
    _, page = await api("GET", "/me/player/recently-played?limit=1")
    assert page["items"][0]["context"]["uri"] == f"spotify:album:{album}"


# -- 12. search finds common words -------------------------------------------------------------

SEARCH_TYPES = ("album", "artist", "playlist", "track", "show", "episode", "audiobook")


@pytest.mark.parametrize("word", ["hello", "love", "night"])
async def test_common_words_find_every_type_with_a_next_page(api: Api, word: str) -> None:
    status, found = await api("GET", f"/search?q={word}&type={','.join(SEARCH_TYPES)}&limit=10")
    assert status == 200
    for kind in SEARCH_TYPES:
        page = found[f"{kind}s"]
        assert len(page["items"]) == 10, kind
        assert page["total"] > 10
        assert page["next"] is not None
        status, following = await api("GET", page["next"].split("/v1", 1)[1])
        assert status == 200
        next_ids = [item["id"] for item in following[f"{kind}s"]["items"]]
        assert next_ids
        assert not {item["id"] for item in page["items"]} & set(next_ids)


async def test_an_artists_name_finds_the_artist_first_and_every_type(api: Api) -> None:
    name = api.catalog.records.artist(42).name
    status, found = await api("GET", f"/search?q={name}&type={','.join(SEARCH_TYPES)}")
    assert status == 200
    assert found["artists"]["items"][0]["name"] == name
    assert any(
        artist["name"] == name
        for track in found["tracks"]["items"][:1]
        for artist in track["artists"]
    )
    for kind in SEARCH_TYPES:
        assert found[f"{kind}s"]["items"], kind


async def test_search_is_deterministic_and_filters_stay_exact(api: Api) -> None:
    first = await api("GET", "/search?q=hello&type=track&limit=50")
    assert await api("GET", "/search?q=hello&type=track&limit=50") == first
    _, found = await api("GET", "/search?q=hello%20year:1800&type=track")
    assert found["tracks"]["total"] == 0
