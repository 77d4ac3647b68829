"""Every operation of the spec, called with a valid request, answers what the spec describes.

The operations are read from ``spec/openapi.yml`` (not from a hand list, and not from the
emulator's generated table): for each one the test builds a valid request from the operation's
parameters and a small table of example values, sets up the state it needs (playback for player
commands), sends it to a fresh emulator in extended mode with a token holding every scope, and
validates the request and the response with openapi-core against the spec (patched only where
``spec_validation`` documents). Each operation is its own case, so a failure names it; the last
test checks, whatever cases ran, that the cases are exactly the spec's 97 operations.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import orjson
import pytest

from async_spotify.emulator import Emulator
from async_spotify.emulator.operations_data import OPERATIONS
from async_spotify.emulator.world import World
from tests.emulator import spec_validation as sv

SPEC_OPERATIONS = sv.operations()

# The smallest valid JPEG header is enough: the emulator checks the magic bytes, not the pixels.
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
KIND_BY_PATH = {
    "albums": "album",
    "artists": "artist",
    "shows": "show",
    "episodes": "episode",
    "audiobooks": "audiobook",
    "chapters": "chapter",
    "tracks": "track",
    "audio-features": "track",
    "audio-analysis": "track",
}


@dataclass
class Examples:
    """Valid values taken from the emulator's own seeded world."""

    world: World
    owned_playlist: str
    device_id: str
    values: dict[str, str] = field(default_factory=dict)

    def id_of(self, kind: str, index: int = 1) -> str:
        return self.world.catalog.ids.encode(kind, index)

    def uri_of(self, kind: str, index: int = 1) -> str:
        return f"spotify:{kind}:{self.id_of(kind, index)}"


def _kind_for(path: str) -> str:
    """The entity kind an operation's ``id``/``ids`` refer to, from its path."""
    parts = [part for part in path.split("/") if part and not part.startswith("{")]
    if parts[0] == "me" and len(parts) > 1:
        return KIND_BY_PATH.get(parts[1], "artist")
    return KIND_BY_PATH[parts[0]]


def _path_value(examples: Examples, path: str, name: str) -> str:
    if name == "playlist_id":
        return examples.owned_playlist
    if name == "user_id":
        return examples.world.default_user_id
    if name == "category_id":
        return examples.world.catalog.category_id(0)
    return examples.id_of(_kind_for(path), 1)


def _query(examples: Examples, operation_id: str, path: str, name: str, schema: Any) -> str | None:
    """A valid value for a query parameter (``None``: leave it out)."""
    table: dict[str, str] = {
        "market": "US",
        "offset": "0",
        "additional_types": "track,episode",
        "time_range": "short_term",
        "include_groups": "album,single,appears_on,compilation",
        "locale": "en_US",
        "device_id": examples.device_id,
        "position_ms": "1000",
        "volume_percent": "50",
        "uri": examples.uri_of("track", 7),
        "q": "silver",
        "type": "album,artist,playlist,track,show,episode,audiobook",
        "seed_artists": examples.id_of("artist", 3),
        "seed_genres": "pop",
        "seed_tracks": examples.id_of("track", 3),
        "min_energy": "0.1",
        "target_tempo": "120",
        "include_external": "audio",
    }
    if name == "limit":
        return str(min(2, int(schema.get("maximum", 2))))
    if name == "ids":
        if operation_id == "check-if-user-follows-playlist":
            return examples.world.default_user_id
        if operation_id == "save-tracks-user":
            return None
        kind = _kind_for(path)
        return f"{examples.id_of(kind, 1)},{examples.id_of(kind, 2)}"
    if name == "uris":
        if operation_id.startswith("reorder-or-replace"):
            return None  # these requests reorder (replacing is checked elsewhere)
        if operation_id in {"save-library-items", "remove-library-items", "check-library-contains"}:
            return f"{examples.uri_of('track', 1)},{examples.uri_of('album', 2)}"
        return f"{examples.uri_of('track', 11)},{examples.uri_of('episode', 3)}"
    if name == "type" and operation_id != "search":
        return "artist"
    if name == "state":
        return "true" if operation_id == "toggle-shuffle-for-users-playback" else "context"
    if name in {"after", "before", "fields", "position"}:
        return None
    return table.get(name)


def _body(examples: Examples, operation_id: str) -> tuple[bytes | None, str]:
    """(body, content type) for operations that take one."""
    if operation_id == "upload-custom-playlist-cover":
        return base64.b64encode(JPEG), "image/jpeg"
    bodies: dict[str, Any] = {
        "change-playlist-details": {"name": "Renamed", "description": "New words"},
        "add-tracks-to-playlist": {"uris": [examples.uri_of("track", 21)]},
        "add-items-to-playlist": {"uris": [examples.uri_of("track", 21)], "position": 0},
        "reorder-or-replace-playlists-tracks": {"range_start": 0, "insert_before": 2},
        "reorder-or-replace-playlists-items": {
            "range_start": 1,
            "insert_before": 0,
            "range_length": 1,
        },
        "remove-tracks-playlist": {"tracks": [{"uri": examples.uri_of("track", 21)}]},
        "remove-items-playlist": {"items": [{"uri": examples.uri_of("track", 21)}]},
        "create-playlist": {"name": "New", "public": False, "description": "made by a test"},
        "create-playlist-for-user": {"name": "New", "public": True},
        "save-tracks-user": {
            "ids": [examples.id_of("track", 5)],
            "timestamped_ids": [
                {"id": examples.id_of("track", 6), "added_at": "2026-01-02T03:04:05Z"}
            ],
        },
        "follow-playlist": {"public": True},
        "transfer-a-users-playback": {"device_ids": [examples.device_id], "play": True},
        "start-a-users-playback": {
            "context_uri": f"spotify:album:{examples.id_of('album', 4)}",
            "offset": {"position": 1},
            "position_ms": 500,
        },
    }
    if operation_id not in bodies:
        return None, "application/json"
    return orjson.dumps(bodies[operation_id]), "application/json"


#: Operations that need playback running first (and a context with a next track).
NEEDS_PLAYBACK = {
    "get-information-about-the-users-current-playback",
    "get-the-users-currently-playing-track",
    "pause-a-users-playback",
    "skip-users-playback-to-next-track",
    "skip-users-playback-to-previous-track",
    "seek-to-position-in-currently-playing-track",
    "set-repeat-mode-on-users-playback",
    "set-volume-for-users-playback",
    "toggle-shuffle-for-users-playback",
    "add-to-queue",
    "get-queue",
}


#: Operations whose answer lists playlist items: one of them is made an episode first, so the
#: track-or-episode union is validated both ways.
NEEDS_AN_EPISODE_IN_THE_PLAYLIST = {"get-playlist", "get-playlists-items", "get-playlists-tracks"}


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator() as emu:
        yield emu


async def _send(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    body: bytes | None,
    content_type: str,
) -> tuple[int, bytes, str]:
    headers = {"Content-Type": content_type} if body is not None else {}
    async with session.request(method, url, data=body, headers=headers) as response:
        return response.status, await response.read(), response.content_type


@pytest.mark.parametrize(
    ("method", "path", "operation"),
    SPEC_OPERATIONS,
    ids=[operation["operationId"] for _, _, operation in SPEC_OPERATIONS],
)
async def test_operation_conforms_to_the_spec(
    emulator: Emulator, method: str, path: str, operation: dict[str, Any]
) -> None:
    operation_id = operation["operationId"]
    world = emulator.world
    user = world.user(world.default_user_id)
    owned = next(
        p
        for p in map(world.playlists.get, user.playlists.newest_first())
        if p is not None and p.owner_id == user.user_id and len(p.entries) < 400
    )
    examples = Examples(world, owned.id, user.player.devices[0].id)
    token = emulator.issue_user_token()["access_token"]
    session_headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(headers=session_headers) as session:
        if operation_id in NEEDS_PLAYBACK:
            play = {"context_uri": f"spotify:album:{examples.id_of('album', 4)}"}
            status, _, _ = await _send(
                session,
                "PUT",
                f"{emulator.base_url}/me/player/play?device_id={examples.device_id}",
                orjson.dumps(play),
                "application/json",
            )
            assert status == 204
        if operation_id in NEEDS_AN_EPISODE_IN_THE_PLAYLIST:
            status, _, _ = await _send(
                session,
                "POST",
                f"{emulator.base_url}/playlists/{owned.id}/items?position=0",
                orjson.dumps({"uris": [examples.uri_of("episode", 9)]}),
                "application/json",
            )
            assert status == 201

        url_path = path
        query: dict[str, str] = {}
        for param in operation.get("parameters", []):
            if "$ref" in param:
                name = param["$ref"].rsplit("/", 1)[-1]
                param = sv.spec_dict()["components"]["parameters"][name]
            if param["in"] == "path":
                url_path = url_path.replace(
                    "{" + param["name"] + "}", _path_value(examples, path, param["name"])
                )
            elif param["in"] == "query":
                value = _query(examples, operation_id, path, param["name"], param.get("schema", {}))
                if value is not None:
                    query[param["name"]] = value
        body, content_type = _body(examples, operation_id)
        url = f"{emulator.base_url}{url_path}"
        if query:
            url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        status, response_body, response_type = await _send(session, method, url, body, content_type)

    expected = min(int(code) for code in operation["responses"] if code.startswith("2"))
    assert status == expected, (operation_id, status, response_body[:300])
    request = sv.build_request(method, url, body=body, content_type=content_type)
    sv.validate_request(request)
    if response_body:
        sv.validate_response(request, sv.build_response(status, response_body, response_type))
    else:
        assert "content" not in operation["responses"][str(status)], operation_id
    assert emulator.stats()["emulator_bugs"] == 0


def test_the_cases_are_the_97_operations_of_the_spec_and_of_the_emulator() -> None:
    """Self-contained (it does not depend on which cases ran, or in what order)."""
    case_ids = [operation["operationId"] for _, _, operation in SPEC_OPERATIONS]
    assert len(case_ids) == len(set(case_ids)) == 97
    assert set(case_ids) == {operation.operation_id for operation in OPERATIONS}
