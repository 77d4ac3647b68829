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
from async_spotify.emulator.state import ResumePoint

from .spec_validation import SPOTIFY_DEVIATIONS, validate_pair


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
    listed = {category["id"]: category["name"] for category in page["categories"]["items"]}
    # Listed as recorded (python-spotify categories.json): some readable, most base62.
    assert {"toplists", "dinner"} <= listed.keys()
    assert listed["0JQ5DAqbMKFEC4WFtoNRpw"] == "Pop"
    assert listed["0JQ5DAqbMKFAXlCG6QvYQ4"] == "Workout"
    for alias, name in (("pop", "Pop"), ("workout", "Workout"), ("toplists", "Top Lists")):
        status, found = await api("GET", f"/browse/categories/{alias}")
        assert (status, found["id"], found["name"]) == (200, alias, name)
        assert found["href"].endswith(f"/browse/categories/{alias}")
    _, by_id = await api("GET", "/browse/categories/0JQ5DAqbMKFEC4WFtoNRpw")
    assert (by_id["id"], by_id["name"]) == ("0JQ5DAqbMKFEC4WFtoNRpw", "Pop")
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
    body: dict[str, object] = {"context_uri": f"spotify:album:{album}"}
    assert await api("PUT", f"/me/player/play?device_id={device}", json=body) == (204, None)
    current = api.user.player.current
    assert current is not None
    api.emulator.clock.advance(api.world.duration_of(current) / 1000 + 1)
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


# -- 5. saved audiobooks -----------------------------------------------------------------------


async def test_saved_audiobooks_are_plain_audiobook_objects(api: Api) -> None:
    status, page = await api("GET", "/me/audiobooks?limit=3")
    assert status == 200
    newest = api.user.library["audiobook"].newest_first()[:3]
    assert [book["id"] for book in page["items"]] == [
        api.ids.encode("audiobook", index) for index in newest
    ]
    for book in page["items"]:
        assert book["type"] == "audiobook"
        assert "added_at" not in book
        assert "audiobook" not in book
        assert "chapters" not in book  # simplified, as recorded
        assert book["total_chapters"] > 0


# -- 6. is_playable ----------------------------------------------------------------------------


async def test_a_user_token_gives_is_playable_without_market(api: Api) -> None:
    _, found = await api("GET", "/search?q=love&type=track&limit=5")
    for track in found["tracks"]["items"]:
        assert isinstance(track["is_playable"], bool)
        assert "available_markets" in track  # kept: the market came from the token
    _, saved = await api("GET", "/me/tracks?limit=5")
    assert all("is_playable" in item["track"] for item in saved["items"])
    _, top = await api("GET", "/me/top/tracks?limit=5")
    assert all("is_playable" in track for track in top["items"])


async def test_an_explicit_market_replaces_available_markets(api: Api) -> None:
    _, track = await api("GET", f"/tracks/{api.ids.encode('track', 5)}?market=SE")
    assert "is_playable" in track
    assert "available_markets" not in track
    _, track = await api("GET", f"/tracks/{api.ids.encode('track', 5)}")
    assert "is_playable" not in track
    assert "available_markets" in track


async def test_an_app_token_without_market_has_no_is_playable(api: Api) -> None:
    app_token = api.emulator.issue_client_token()["access_token"]
    _, found = await api("GET", "/search?q=love&type=track&limit=5", token=app_token)
    assert all("is_playable" not in track for track in found["tracks"]["items"])


async def test_chapters_have_no_is_playable(api: Api) -> None:
    book = api.ids.encode("audiobook", 1)
    _, page = await api("GET", f"/audiobooks/{book}/chapters?market=US")
    _, chapter = await api("GET", f"/chapters/{page['items'][0]['id']}?market=US")
    _, whole = await api("GET", f"/audiobooks/{book}?market=US")
    for found in [*page["items"], chapter, *whole["chapters"]["items"]]:
        assert "is_playable" not in found
        assert found["type"] == "chapter"


async def test_playlist_episodes_carry_available_markets(api: Api) -> None:
    playlist = next(
        p
        for p in map(api.world.playlists.get, api.user.playlists.newest_first())
        if p is not None and p.owner_id == api.user.user_id
    )
    episode = api.ids.encode("episode", 3)
    status, _ = await api(
        "POST", f"/playlists/{playlist.id}/items", json={"uris": [f"spotify:episode:{episode}"]}
    )
    assert status == 201
    _, page = await api(
        "GET",
        f"/playlists/{playlist.id}/items?offset={len(playlist.entries) - 1}"
        "&additional_types=episode&market=US",
    )
    (item,) = page["items"]
    assert item["item"]["type"] == "episode"
    assert "is_playable" not in item["item"]
    assert item["item"]["available_markets"]


# -- 7. relinking and restrictions -------------------------------------------------------------


def _statuses(api: Api, market: str) -> dict[str, list[int]]:
    availability = api.catalog.availability
    found: dict[str, list[int]] = {"relinked": [], "unavailable": []}
    for index in range(2000):
        status = availability.status(index, market)
        if status != "playable":
            found[status].append(index)
    return found


async def test_relinked_tracks_name_the_requested_one(api: Api) -> None:
    relinked = _statuses(api, "US")["relinked"]
    assert relinked  # a seeded few
    index = relinked[0]
    requested = api.ids.encode("track", index)
    _, track = await api("GET", f"/tracks/{requested}?market=US")
    assert track["id"] != requested
    assert track["uri"] == f"spotify:track:{track['id']}"
    assert track["is_playable"] is True
    assert track["linked_from"]["id"] == requested
    assert track["linked_from"]["uri"] == f"spotify:track:{requested}"
    # Operating on either ID reaches the same track.
    _, again = await api("GET", f"/tracks/{track['id']}?market=US")
    assert again["linked_from"]["id"] == requested
    # Without a market nothing is relinked.
    _, plain = await api("GET", f"/tracks/{requested}")
    assert plain["id"] == requested
    assert "linked_from" not in plain


async def test_unavailable_tracks_have_market_restrictions(api: Api) -> None:
    index = _statuses(api, "US")["unavailable"][0]
    track_id = api.ids.encode("track", index)
    _, track = await api("GET", f"/tracks/{track_id}?market=US")
    assert (track["id"], track["is_playable"]) == (track_id, False)
    assert track["restrictions"] == {"reason": "market"}
    _, plain = await api("GET", f"/tracks/{track_id}")
    assert "US" not in plain["available_markets"]
    playable_somewhere = next(
        m
        for m in ("GB", "SE", "JP", "BR", "DE")
        if api.catalog.availability.status(index, m) == "playable"
    )
    _, there = await api("GET", f"/tracks/{track_id}?market={playable_somewhere}")
    assert there["is_playable"] is True
    assert "restrictions" not in there


async def test_relinking_is_deterministic_per_seed() -> None:
    async with Emulator() as first, Emulator() as second:
        a = first.world.catalog.availability
        b = second.world.catalog.availability
        assert [a.status(i, "US") for i in range(500)] == [b.status(i, "US") for i in range(500)]
    async with Emulator(EmulatorConfig(seed=7)) as other:
        c = other.world.catalog.availability
        assert [a.status(i, "US") for i in range(500)] != [c.status(i, "US") for i in range(500)]


async def test_every_track_operation_relinks(api: Api) -> None:
    """Album tracks, several tracks, saved tracks, search, top tracks, recommendations, playlists
    and the player all render tracks through the same relinking."""
    statuses = _statuses(api, "US")
    index = statuses["relinked"][0]
    record = api.catalog.records.track(index)
    album = api.ids.encode("album", record.album)
    requested = api.ids.encode("track", index)

    def relinked(track: dict[str, Any]) -> bool:
        return track.get("linked_from", {}).get("id") == requested and track["id"] != requested

    _, page = await api("GET", f"/albums/{album}/tracks?market=US&limit=50")
    assert any(relinked(t) for t in page["items"])
    _, whole = await api("GET", f"/albums/{album}?market=US")
    assert any(relinked(t) for t in whole["tracks"]["items"])
    _, several = await api("GET", f"/tracks?ids={requested}&market=US")
    assert relinked(several["tracks"][0])
    assert await api("PUT", f"/me/tracks?ids={requested}") == (200, None)
    _, saved = await api("GET", "/me/tracks?limit=1")  # the user's country: US
    assert relinked(saved["items"][0]["track"])
    device = api.user.player.devices[0].id
    body: dict[str, object] = {"uris": [f"spotify:track:{requested}"]}
    assert await api("PUT", f"/me/player/play?device_id={device}", json=body) == (204, None)
    _, playing = await api("GET", "/me/player/currently-playing?market=US")
    assert relinked(playing["item"])
    playlist = next(
        p
        for p in map(api.world.playlists.get, api.user.playlists.newest_first())
        if p is not None and p.owner_id == api.user.user_id
    )
    body = {"uris": [f"spotify:track:{requested}"], "position": 0}
    assert (await api("POST", f"/playlists/{playlist.id}/items", json=body))[0] == 201
    _, items = await api("GET", f"/playlists/{playlist.id}/items?market=US&limit=1")
    assert relinked(items["items"][0]["item"])


# -- 8. chapters' resume_point inside the audiobook --------------------------------------------


async def test_audiobook_chapters_carry_resume_point_with_the_scope(api: Api) -> None:
    book_index = 1
    book = api.ids.encode("audiobook", book_index)
    chapter_index = api.catalog.records.audiobook(book_index).chapters[0]
    api.user.resume_points[("chapter", chapter_index)] = ResumePoint(
        fully_played=False, resume_position_ms=61_000
    )
    _, whole = await api("GET", f"/audiobooks/{book}")
    first = whole["chapters"]["items"][0]
    assert first["resume_point"] == {"fully_played": False, "resume_position_ms": 61_000}
    assert all("resume_point" in chapter for chapter in whole["chapters"]["items"])
    without = api.with_scopes("user-read-playback-position")
    _, whole = await api("GET", f"/audiobooks/{book}", token=without)
    assert all("resume_point" not in chapter for chapter in whole["chapters"]["items"])
    app_token = api.emulator.issue_client_token()["access_token"]
    _, whole = await api("GET", f"/audiobooks/{book}", token=app_token)
    assert all("resume_point" not in chapter for chapter in whole["chapters"]["items"])


# -- 9. player actions.disallows ---------------------------------------------------------------


async def test_disallows_follow_the_player_state(api: Api) -> None:
    album_index = next(i for i in range(50) if len(api.catalog.records.album(i).tracks) >= 3)
    album = api.ids.encode("album", album_index)
    count = len(api.catalog.records.album(album_index).tracks)
    device = api.user.player.devices[0].id

    async def disallows() -> dict[str, bool]:
        _, state = await api("GET", "/me/player")
        found: dict[str, bool] = state["actions"]["disallows"]
        return found

    body: dict[str, object] = {"context_uri": f"spotify:album:{album}"}
    assert await api("PUT", f"/me/player/play?device_id={device}", json=body) == (204, None)
    assert await disallows() == {"resuming": True, "skipping_prev": True}
    assert await api("POST", "/me/player/next") == (204, None)
    assert await disallows() == {"resuming": True}
    assert await api("PUT", "/me/player/pause") == (204, None)
    assert await disallows() == {"pausing": True}
    body = {"context_uri": f"spotify:album:{album}", "offset": {"position": count - 1}}
    assert await api("PUT", f"/me/player/play?device_id={device}", json=body) == (204, None)
    assert await disallows() == {"resuming": True, "skipping_next": True}
    assert await api("PUT", "/me/player/repeat?state=context") == (204, None)
    assert await disallows() == {"resuming": True}
    # A restricted device takes no command: every key.
    api.user.player.active.is_restricted = True  # type: ignore[union-attr]
    everything = await disallows()
    assert list(everything) == [
        "interrupting_playback",
        "pausing",
        "resuming",
        "seeking",
        "skipping_next",
        "skipping_prev",
        "toggling_repeat_context",
        "toggling_shuffle",
        "toggling_repeat_track",
        "transferring_playback",
    ]
    assert set(everything.values()) == {True}


# -- 10. images --------------------------------------------------------------------------------


async def test_playlist_covers_have_no_dimensions_album_and_artist_images_do(api: Api) -> None:
    big = next(
        p
        for p in map(api.world.playlists.get, api.user.playlists.newest_first())
        if p is not None and p.owner_id == api.user.user_id and len(p.entries) >= 4
    )
    _, mosaic = await api("GET", f"/playlists/{big.id}/images")
    assert len(mosaic) == 3
    assert all(image["height"] is None and image["width"] is None for image in mosaic)
    assert all(image["url"].startswith("https://mosaic.scdn.co/") for image in mosaic)
    _, created = await api("POST", "/me/playlists", json={"name": "Small"})
    track = api.ids.encode("track", 9)
    body = {"uris": [f"spotify:track:{track}"]}
    assert (await api("POST", f"/playlists/{created['id']}/items", json=body))[0] == 201
    _, single = await api("GET", f"/playlists/{created['id']}")
    assert [(i["height"], i["width"]) for i in single["images"]] == [(None, None)]
    _, album = await api("GET", f"/albums/{api.ids.encode('album', 1)}")
    _, artist = await api("GET", f"/artists/{api.ids.encode('artist', 1)}")
    for image in [*album["images"], *artist["images"]]:
        assert isinstance(image["height"], int)
        assert isinstance(image["width"], int)
    assert (
        single["images"][0]["url"]
        == (await api("GET", f"/tracks/{track}"))[1]["album"]["images"][1]["url"]
    )


async def test_a_loaded_category_answers_by_its_own_id() -> None:
    """Categories from a user's catalog file keep their IDs, whatever their form."""
    saved = {
        "categories": {
            "items": [
                {
                    "href": "https://api.spotify.com/v1/browse/categories/0JQ5DAqbMKFzHmL4tf05da",
                    "id": "0JQ5DAqbMKFzHmL4tf05da",
                    "icons": [{"height": 274, "url": "https://t.scdn.co/x.jpg", "width": 274}],
                    "name": "Mood (mine)",
                }
            ]
        }
    }
    async with Emulator(catalog=[saved]) as emulator, aiohttp.ClientSession() as session:
        api = Api(emulator, session)
        status, found = await api("GET", "/browse/categories/0JQ5DAqbMKFzHmL4tf05da")
        assert (status, found["name"]) == (200, "Mood (mine)")
        status, dinner = await api("GET", "/browse/categories/dinner")
        assert (status, dinner["id"]) == (200, "dinner")


# -- the spec-conformance patches hold the deviations --------------------------------------------


async def test_deviating_answers_validate_against_the_patched_spec(api: Api) -> None:
    """Each deviation validates against spec_validation's patched spec (and the patch list
    names it), so the spec-conformance tests stay green because of documented patches only."""
    assert len(SPOTIFY_DEVIATIONS) == 4
    track = api.ids.encode("track", api.catalog.layout.tracks - 5)
    url = f"{api.emulator.base_url}/me/tracks?ids={track}"
    async with api.session.put(url, headers={"Authorization": f"Bearer {api.token}"}) as reply:
        assert reply.status == 200
        validate_pair("PUT", url, 200, await reply.read(), response_content_type="")
    for path in ("/me/audiobooks?limit=5", f"/audiobooks/{api.ids.encode('audiobook', 1)}"):
        url = api.emulator.base_url + path
        async with api.session.get(url, headers={"Authorization": f"Bearer {api.token}"}) as got:
            validate_pair("GET", url, 200, await got.read())
