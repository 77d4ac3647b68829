"""The emulator's bodies have the key sets of the bodies recorded from the real API.

For each file in ``spec/recorded/`` (the Web API ones; the two token bodies belong to the
Accounts tests) the emulator answers the same request, and the key sets are compared at every
level: objects key by key, arrays on their first element. Keys Spotify sent must all be there.
Keys the emulator adds must be listed below with the reason (a field that appeared after the
recording was made); anything else is a difference to fix.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import orjson
import pytest

from async_spotify.emulator import ALL_SCOPES, Emulator

SPEC = Path(__file__).resolve().parents[2] / "spec"
#: ``recorded/`` holds byte-for-byte copies; ``recorded-trimmed/`` real bodies cut to the first
#: element of each array (see its SOURCE.md).
RECORDINGS = {
    path.name: path
    for folder in ("recorded", "recorded-trimmed")
    for path in (SPEC / folder).glob("*.json")
    if not path.name.startswith("token-")
}
WEB_API_FILES = sorted(RECORDINGS)

#: Keys the emulator sends beyond a recording, and why.
NEWER_THAN_RECORDING: dict[str, set[str]] = {
    # `account_id` was added to GET /me in May 2026; the recording is from March 2026.
    "get-current-users-profile__python-spotify.json": {"account_id"},
    # Recorded in 2023, before `smart_shuffle` appeared (the 2026 episode recording has it).
    "get-information-about-the-users-current-playback__python-spotify.json": {"smart_shuffle"},
    # Recorded in January 2025, before playlists gained `items` beside `tracks` (February 2026).
    "create-playlist__python-spotify.json": {"items"},
    # Recorded in 2016: albums then had no dates, markets or track counts in simplified objects;
    # tracks had no `is_local` and no `available_markets` with a market given, and simplified
    # albums no `is_playable`.
    "get-recommendations__zmb3-spotify.json": {
        "is_playable",
        "available_markets",
        "release_date",
        "release_date_precision",
        "total_tracks",
        "artists",
        "is_local",
    },
}


def key_differences(recorded: Any, ours: Any, path: str = "$") -> list[str]:
    """Where the key sets differ: ``missing`` (Spotify has it, we do not) and ``extra`` keys."""
    if isinstance(recorded, dict) and isinstance(ours, dict):
        found = [f"missing {path}.{key}" for key in recorded.keys() - ours.keys()]
        found += [f"extra {path}.{key}" for key in ours.keys() - recorded.keys()]
        for key in recorded.keys() & ours.keys():
            found += key_differences(recorded[key], ours[key], f"{path}.{key}")
        return found
    if isinstance(recorded, list) and isinstance(ours, list) and recorded and ours:
        first, mine = recorded[0], ours[0]
        if (
            isinstance(first, dict)
            and isinstance(mine, dict)
            and first.get("type") != mine.get("type")
        ):
            return []  # a track vs an episode: different objects, nothing to compare
        return key_differences(first, mine, f"{path}[0]")
    if isinstance(recorded, dict) != isinstance(ours, dict):
        return [f"type {path}: {type(recorded).__name__} vs {type(ours).__name__}"]
    return []


class Caller:
    def __init__(self, emulator: Emulator, session: aiohttp.ClientSession) -> None:
        self.emulator = emulator
        self.session = session
        world = emulator.world
        self.user = world.user(world.default_user_id)
        self.ids = world.catalog.ids

    async def __call__(
        self, method: str, path: str, body: Any = None, *, token: str | None = None
    ) -> tuple[int, Any]:
        data = None if body is None else orjson.dumps(body)
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        async with self.session.request(
            method, self.emulator.base_url + path, data=data, headers=headers
        ) as response:
            raw = await response.read()
            return response.status, orjson.loads(raw) if raw else None

    def owned_playlist(self) -> str:
        world = self.emulator.world
        for playlist_id in self.user.playlists.newest_first():
            playlist = world.playlists.get(playlist_id)
            owned = playlist is not None and playlist.owner_id == self.user.user_id
            if owned and playlist is not None and 4 <= len(playlist.entries) < 400:
                return playlist_id
        raise AssertionError("the default user owns small playlists")

    async def play(self, uri: str, additional: str = "") -> None:
        """Play ``uri`` from its second item: the recordings were not made on a context's first
        item (which adds ``skipping_prev`` to ``actions.disallows``)."""
        device = self.user.player.devices[0].id
        body = {"context_uri": uri, "offset": {"position": 1}}
        status, _ = await self("PUT", f"/me/player/play?device_id={device}", body)
        assert status == 204


async def answer(name: str, call: Caller) -> tuple[int, Any]:
    """The emulator's answer to the request a recording answered."""
    ids = call.ids
    operation = name.split("__")[0]
    if operation == "check-library-contains":
        return await call(
            "GET", f"/me/library/contains?uris=spotify:track:{ids.encode('track', 1)}"
        )
    if operation == "create-playlist":
        return await call("POST", "/me/playlists", {"name": "New Playlist", "public": False})
    if operation == "error-404":
        return await call("GET", "/playlists/" + "0" * 22)
    if operation == "error-429":
        call.emulator.rate_limit = 1
        await call("GET", "/me")
        return await call("GET", "/me")
    if operation == "get-a-users-available-devices":
        return await call("GET", "/me/player/devices")
    if operation == "get-an-album":
        return await call("GET", f"/albums/{ids.encode('album', 5)}")
    if operation == "get-an-artist":
        return await call("GET", f"/artists/{ids.encode('artist', 5)}")
    if operation == "get-current-users-profile":
        # The recording's app did not ask for user-read-email: no `email`.
        scopes = [scope for scope in ALL_SCOPES if scope != "user-read-email"]
        token = call.emulator.issue_user_token(scopes)["access_token"]
        return await call("GET", "/me", token=token)
    if operation == "get-followed":
        return await call("GET", "/me/following?type=artist&limit=48")
    if operation == "get-information-about-the-users-current-playback-episode":
        await call.play(f"spotify:show:{ids.encode('show', 2)}")
        return await call("GET", "/me/player?additional_types=episode")
    if operation == "get-information-about-the-users-current-playback":
        await call.play(f"spotify:album:{ids.encode('album', 2)}")
        return await call("GET", "/me/player")
    if operation == "get-the-users-currently-playing-track":
        await call.play(f"spotify:artist:{ids.encode('artist', 2)}")
        return await call("GET", "/me/player/currently-playing")
    if operation == "get-playlist-cover":
        return await call("GET", f"/playlists/{call.owned_playlist()}/images")
    if operation == "get-playlist":
        return await call("GET", f"/playlists/{call.owned_playlist()}?additional_types=track")
    if operation == "get-playlists-items":
        return await call("GET", f"/playlists/{call.owned_playlist()}/items?limit=48")
    if operation == "get-recommendations":
        artist = ids.encode("artist", 3)
        return await call("GET", f"/recommendations?seed_artists={artist}&market=US&limit=10")
    if operation == "reorder-or-replace-playlists-items":
        body = {"range_start": 0, "insert_before": 2}
        return await call("PUT", f"/playlists/{call.owned_playlist()}/items", body)
    if operation == "get-users-saved-audiobooks":
        return await call("GET", "/me/audiobooks?limit=48")
    if operation == "get-audiobook-chapters":
        return await call("GET", f"/audiobooks/{ids.encode('audiobook', 1)}/chapters?limit=50")
    if operation == "get-recently-played":
        return await call("GET", "/me/player/recently-played?limit=48")
    if operation == "get-categories":
        return await call("GET", "/browse/categories?limit=20&locale=en-US")
    if operation == "search":
        # The recording sent no market (its href has none): the token's country is used.
        return await call("GET", "/search?q=silver&type=track&limit=5")
    raise AssertionError(f"no request for recording {name}")


@pytest.fixture
async def caller() -> AsyncIterator[Caller]:
    async with Emulator() as emulator:
        token = emulator.issue_user_token()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        async with aiohttp.ClientSession(headers=headers) as session:
            yield Caller(emulator, session)


@pytest.mark.parametrize("name", WEB_API_FILES)
async def test_key_sets_match_the_recording(name: str, caller: Caller) -> None:
    recorded = orjson.loads(RECORDINGS[name].read_bytes())
    status, ours = await answer(name, caller)
    expected_status = (
        404 if "404" in name else 429 if "429" in name else 201 if "create" in name else 200
    )
    assert status == expected_status
    allowed = NEWER_THAN_RECORDING.get(name, set())
    differences = [
        difference
        for difference in key_differences(recorded, ours)
        if not (difference.startswith("extra") and difference.rsplit(".", 1)[-1] in allowed)
    ]
    assert differences == []


def test_the_comparison_sees_missing_and_extra_keys_at_depth() -> None:
    recorded = {"a": [{"b": 1, "c": {"d": 2}}], "e": 3}
    ours = {"a": [{"b": 1, "c": {"x": 2}}], "f": 3}
    assert sorted(key_differences(recorded, ours)) == [
        "extra $.a[0].c.x",
        "extra $.f",
        "missing $.a[0].c.d",
        "missing $.e",
    ]
