"""Who may call what: token kinds, scopes (with Spotify's alternatives) and the two app modes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import aiohttp
import orjson
import pytest

from async_spotify.emulator import ALL_SCOPES, Emulator, EmulatorConfig


class Api:
    """Sends requests to one emulator with a chosen token; answers (status, decoded body)."""

    def __init__(self, emulator: Emulator, session: aiohttp.ClientSession) -> None:
        self.emulator = emulator
        self.session = session
        self.token = emulator.issue_user_token()["access_token"]
        self.ids = emulator.world.catalog.ids

    def user_token(self, scopes: Iterable[str] = ALL_SCOPES) -> str:
        return str(self.emulator.issue_user_token(scopes)["access_token"])

    def client_token(self) -> str:
        return str(self.emulator.issue_client_token()["access_token"])

    async def __call__(
        self, method: str, path: str, *, json: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {token or self.token}"}
        data = None if json is None else orjson.dumps(json)
        async with self.session.request(
            method, self.emulator.base_url + path, data=data, headers=headers
        ) as response:
            raw = await response.read()
            return response.status, orjson.loads(raw) if raw else None


async def _api(config: EmulatorConfig) -> AsyncIterator[Api]:
    async with Emulator(config) as emulator, aiohttp.ClientSession() as session:
        yield Api(emulator, session)


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async for value in _api(EmulatorConfig()):
        yield value


@pytest.fixture
async def dev_api() -> AsyncIterator[Api]:
    async for value in _api(EmulatorConfig(mode="development")):
        yield value


def error(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


USER_REQUIRED = error(401, "Valid user authentication required")
INSUFFICIENT = error(403, "Insufficient client scope")


# -- token kinds ---------------------------------------------------------------------------------


async def test_a_client_token_reads_the_catalog(api: Api) -> None:
    album = api.ids.encode("album", 3)
    status, body = await api("GET", f"/albums/{album}", token=api.client_token())
    assert status == 200
    assert body["id"] == album


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/me"),
        ("GET", "/me/tracks"),
        ("GET", "/me/player"),
        ("POST", "/me/playlists"),
        ("PUT", "/me/library?uris=spotify:track:6rqhFgbbKwnb9MLmUQDhG6"),
    ],
)
async def test_a_client_token_on_a_user_endpoint_is_401(api: Api, method: str, path: str) -> None:
    assert await api(method, path, token=api.client_token()) == (401, USER_REQUIRED)


async def test_a_client_token_may_not_ask_for_the_market_from_token(api: Api) -> None:
    album = api.ids.encode("album", 3)
    answer = await api("GET", f"/albums/{album}?market=from_token", token=api.client_token())
    assert answer == (403, INSUFFICIENT)


async def test_from_token_means_the_users_country(api: Api) -> None:
    track = api.ids.encode("track", 3)
    status, body = await api("GET", f"/tracks/{track}?market=from_token")
    assert status == 200
    assert body["is_playable"] is True


# -- scopes --------------------------------------------------------------------------------------


async def test_a_missing_scope_is_403(api: Api) -> None:
    token = api.user_token(["user-read-private"])
    assert await api("GET", "/me/tracks", token=token) == (403, INSUFFICIENT)
    assert await api("GET", "/me/player/devices", token=token) == (403, INSUFFICIENT)


@pytest.mark.parametrize("scope", ["playlist-modify-public", "playlist-modify-private"])
async def test_either_playlist_modify_scope_creates_a_playlist(api: Api, scope: str) -> None:
    token = api.user_token([scope])
    status, body = await api("POST", "/me/playlists", json={"name": "Mine"}, token=token)
    assert status == 201
    assert body["name"] == "Mine"


async def test_without_a_playlist_modify_scope_creating_is_403(api: Api) -> None:
    token = api.user_token(["playlist-read-private"])
    assert await api("POST", "/me/playlists", json={"name": "x"}, token=token) == (
        403,
        INSUFFICIENT,
    )


async def test_cover_upload_needs_ugc_image_upload_too(api: Api) -> None:
    playlist = api.emulator.world.user(api.emulator.user_id).playlists.newest_first()[-1]
    token = api.user_token(["playlist-modify-public", "playlist-modify-private"])
    assert await api("PUT", f"/playlists/{playlist}/images", token=token) == (403, INSUFFICIENT)


async def test_queue_accepts_either_of_its_two_scopes(api: Api) -> None:
    for scope in ("user-read-currently-playing", "user-read-playback-state"):
        status, _ = await api("GET", "/me/player/queue", token=api.user_token([scope]))
        assert status == 200
    status, _ = await api("GET", "/me/player/queue", token=api.user_token(["user-top-read"]))
    assert status == 403


async def test_library_uris_need_the_scope_of_their_type(api: Api) -> None:
    token = api.user_token(["user-library-modify"])
    track = f"spotify:track:{api.ids.encode('track', 8)}"
    assert await api("PUT", f"/me/library?uris={track}", token=token) == (200, None)
    playlist = f"spotify:playlist:{api.ids.encode('playlist', 8)}"
    assert await api("PUT", f"/me/library?uris={playlist}", token=token) == (403, INSUFFICIENT)
    user = "spotify:user:spotify"
    assert await api("PUT", f"/me/library?uris={user}", token=token) == (403, INSUFFICIENT)


async def test_me_fields_follow_the_scopes(api: Api) -> None:
    _, bare = await api("GET", "/me", token=api.user_token(["user-top-read"]))
    assert "email" not in bare
    assert "country" not in bare
    assert "product" not in bare
    assert "explicit_content" not in bare
    assert bare["id"] == api.emulator.user_id
    _, email_only = await api("GET", "/me", token=api.user_token(["user-read-email"]))
    assert email_only["email"] == "emulator-user@emulator.invalid"
    assert "product" not in email_only
    _, private = await api("GET", "/me", token=api.user_token(["user-read-private"]))
    assert (private["country"], private["product"]) == ("US", "premium")
    assert private["explicit_content"] == {"filter_enabled": False, "filter_locked": False}


async def test_resume_point_only_with_the_playback_position_scope(api: Api) -> None:
    episode = api.ids.encode("episode", 4)
    _, with_scope = await api("GET", f"/episodes/{episode}")
    assert with_scope["resume_point"] == {"fully_played": False, "resume_position_ms": 0}
    _, without = await api("GET", f"/episodes/{episode}", token=api.client_token())
    assert "resume_point" not in without


# -- development mode ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/albums?ids=6rqhFgbbKwnb9MLmUQDhG6",
        "/markets",
        "/browse/new-releases",
        "/recommendations/available-genre-seeds",
        "/users/spotify",
        "/me/tracks/contains?ids=6rqhFgbbKwnb9MLmUQDhG6",
    ],
)
async def test_development_mode_forbids_deprecated_operations(dev_api: Api, path: str) -> None:
    assert await dev_api("GET", path) == (403, error(403, "Forbidden"))


async def test_extended_mode_serves_deprecated_operations(api: Api) -> None:
    status, body = await api("GET", "/markets")
    assert status == 200
    assert len(body["markets"]) == 185


async def test_development_mode_drops_fields(dev_api: Api) -> None:
    ids = dev_api.ids
    _, album = await dev_api("GET", f"/albums/{ids.encode('album', 3)}")
    assert not {"album_group", "available_markets", "label", "popularity"} & album.keys()
    assert album["external_ids"]["upc"]  # reverted in March 2026: still sent
    _, artist = await dev_api("GET", f"/artists/{ids.encode('artist', 3)}")
    assert not {"followers", "popularity"} & artist.keys()
    _, track = await dev_api("GET", f"/tracks/{ids.encode('track', 3)}")
    assert not {"available_markets", "linked_from", "popularity"} & track.keys()
    assert "available_markets" not in track["album"]
    _, show = await dev_api("GET", f"/shows/{ids.encode('show', 3)}")
    assert not {"available_markets", "publisher"} & show.keys()
    _, book = await dev_api("GET", f"/audiobooks/{ids.encode('audiobook', 3)}")
    assert not {"available_markets", "publisher"} & book.keys()
    _, me = await dev_api("GET", "/me")
    assert not {"country", "email", "explicit_content", "followers", "product"} & me.keys()


async def test_extended_mode_keeps_those_fields(api: Api) -> None:
    _, album = await api("GET", f"/albums/{api.ids.encode('album', 3)}")
    assert {"available_markets", "label", "popularity"} <= album.keys()
    _, me = await api("GET", "/me")
    assert {"country", "email", "explicit_content", "followers", "product"} <= me.keys()


async def test_search_limit_in_development_mode_is_at_most_10(dev_api: Api) -> None:
    assert await dev_api("GET", "/search?q=silver&type=track&limit=11") == (
        400,
        error(400, "Invalid limit"),
    )
    _, body = await dev_api("GET", "/search?q=silver&type=track")
    assert body["tracks"]["limit"] == 5
    assert len(body["tracks"]["items"]) == 5


async def test_search_limit_in_extended_mode_keeps_the_old_bounds(api: Api) -> None:
    _, body = await api("GET", "/search?q=silver&type=track")
    assert body["tracks"]["limit"] == 20
    _, body = await api("GET", "/search?q=silver&type=track&limit=50")
    assert len(body["tracks"]["items"]) == 50
    assert await api("GET", "/search?q=silver&type=track&limit=51") == (
        400,
        error(400, "Invalid limit"),
    )


async def test_development_mode_hides_editorial_playlists(dev_api: Api) -> None:
    editorial = dev_api.ids.encode("playlist", 0)  # owned by "spotify"
    assert await dev_api("GET", f"/playlists/{editorial}") == (
        404,
        error(404, "Resource not found"),
    )
