"""The player: playback state, devices, play/pause/seek/skip, shuffle/repeat/volume, transfer,
queue, currently playing and recently played.

Commands need Premium (403 ``PREMIUM_REQUIRED`` otherwise) and answer 204; reads answer 204 when
nothing is active/playing, as Spotify does. Without ``additional_types=episode`` an episode being
played shows as ``item: null`` with ``currently_playing_type: "episode"``, Spotify's legacy
behaviour for clients that only know tracks. The state machine itself is
:class:`~async_spotify.emulator.state.player.Player`.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from async_spotify.emulator.errors import ApiError
from async_spotify.emulator.state import Device, Item, Player, PlayerError
from async_spotify.emulator.state.times import iso_ms

from .call import Call, Handler, not_found
from .playlists import playlist_by_id
from .podcasts import episode_object
from .responses import empty_response, json_response
from .uris import parse_uri, playable_item

QUEUE_LENGTH = 20
#: The tracks an artist context plays: their top tracks, then their discography.
ARTIST_CONTEXT_LENGTH = 100


def _require_premium(call: Call) -> Player:
    user = call.user
    if user.profile.product != "premium":
        raise PlayerError(403, "Player command failed: Premium required", "PREMIUM_REQUIRED")
    return user.player


def _device_id(call: Call) -> str | None:
    device_id: str | None = call.params.get("device_id")
    return device_id


def device_object(device: Device, player: Player) -> dict[str, Any]:
    return {
        "id": device.id,
        "is_active": player.active is device,
        "is_private_session": device.is_private_session,
        "is_restricted": device.is_restricted,
        "name": device.name,
        "supports_volume": device.supports_volume,
        "type": device.type,
        "volume_percent": device.volume_percent,
    }


def _context_object(call: Call, uri: str | None) -> dict[str, Any] | None:
    parsed = None if uri is None else parse_uri(uri)
    if parsed is None:
        return None
    kind, id_ = parsed
    return {
        "external_urls": {"spotify": f"https://open.spotify.com/{kind}/{id_}"},
        "href": f"{call.api}/{kind}s/{id_}",
        "type": kind,
        "uri": uri,
    }


def _item_object(call: Call, item: Item | None, *, episodes: bool) -> dict[str, Any] | None:
    """The track or episode object of ``item``; ``None`` for an episode unless ``episodes``."""
    if item is None:
        return None
    kind, index = item
    if kind == "episode":
        return episode_object(call, index) if episodes else None
    return call.render.track(index, call.market)


def _episodes_asked_for(call: Call) -> bool:
    """``additional_types`` names ``episode`` (``/me/player`` and ``/currently-playing``)."""
    types: str = call.params.get("additional_types") or ""
    return "episode" in types.split(",")


#: Every key Spotify's ``actions.disallows`` may hold, in the order it sends them.
DISALLOW_KEYS = (
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
)


def disallows(player: Player) -> dict[str, bool]:
    """What the current state does not allow, as Spotify lists it (only ``true`` entries).

    Playing disallows resuming and paused disallows pausing; the first item of a context
    disallows skipping back and the last one (no queue, no context repeat) skipping on, the
    same rules :class:`Player` enforces with 403s; a restricted device (``is_restricted``)
    accepts no command at all (facts section D; python-spotify ``playback_*.json``).
    """
    if player.active is not None and player.active.is_restricted:
        return dict.fromkeys(DISALLOW_KEYS, True)
    refused = {"resuming" if player.is_playing else "pausing"}
    if player.cursor == 0 and player.current in player.sequence[:1]:
        refused.add("skipping_prev")
    last = player.cursor + 1 >= len(player.sequence)
    if not player.queue and last and player.repeat != "context":
        refused.add("skipping_next")
    return {key: True for key in DISALLOW_KEYS if key in refused}


def _playing(call: Call, player: Player) -> dict[str, Any]:
    """The fields ``/me/player`` and ``/currently-playing`` share."""
    current = player.current
    return {
        "timestamp": int(player.changed_at * 1000),
        "context": _context_object(call, player.context_uri),
        "progress_ms": int(player.progress_ms),
        "item": _item_object(call, current, episodes=_episodes_asked_for(call)),
        "currently_playing_type": "unknown" if current is None else current[0],
        "actions": {"disallows": disallows(player)},
        "is_playing": player.is_playing,
    }


# -- reading -----------------------------------------------------------------------------------


async def get_information_about_the_users_current_playback(call: Call) -> web.Response:
    """GET /me/player -> 200, or 204 when no device is active."""
    player = call.user.player
    player.settle()
    if player.active is None:
        return empty_response(204)
    state: dict[str, Any] = {
        "device": device_object(player.active, player),
        "shuffle_state": player.shuffle,
        "smart_shuffle": False,
        "repeat_state": player.repeat,
    }
    state.update(_playing(call, player))
    return json_response(state)


async def get_the_users_currently_playing_track(call: Call) -> web.Response:
    """GET /me/player/currently-playing -> 200, or 204 when nothing is playing."""
    player = call.user.player
    player.settle()
    if player.active is None or player.current is None:
        return empty_response(204)
    return json_response(_playing(call, player))


async def get_a_users_available_devices(call: Call) -> web.Response:
    """GET /me/player/devices."""
    player = call.user.player
    return json_response({"devices": [device_object(d, player) for d in player.devices]})


async def get_queue(call: Call) -> web.Response:
    """GET /me/player/queue: what plays now, then up to 20 next items.

    Episodes are listed as episodes: this operation has no ``additional_types`` (facts: the
    queue holds episodes whatever a client asks for).
    """
    player = call.user.player
    queue = [_item_object(call, item, episodes=True) for item in player.upcoming(QUEUE_LENGTH)]
    current = _item_object(call, player.current, episodes=True)
    return json_response({"currently_playing": current, "queue": queue})


async def get_recently_played(call: Call) -> web.Response:
    """GET /me/player/recently-played: cursor paging by Unix ms (``after`` xor ``before``)."""
    user = call.user
    user.player.settle()
    after: int | None = call.params.get("after")
    before: int | None = call.params.get("before")
    if after is not None and before is not None:
        raise ApiError(400, "Only one of after and before may be given")
    limit = call.limit
    plays = user.history.page(limit, after=after, before=before)
    endpoint = f"{call.api}/me/player/recently-played"
    cursor = ""
    if after is not None:
        cursor = f"&after={after}"
    elif before is not None:
        cursor = f"&before={before}"
    oldest = str(plays[-1].played_at_ms) if plays else None
    older_exists = bool(plays) and bool(
        user.history.page(1, after=None, before=plays[-1].played_at_ms)
    )
    return json_response(
        {
            "items": [
                {
                    "track": call.render.track(play.track),
                    "played_at": iso_ms(play.played_at_ms / 1000),
                    "context": _context_object(call, play.context_uri),
                }
                for play in plays
            ],
            "next": f"{endpoint}?before={oldest}&limit={limit}" if older_exists else None,
            "cursors": {
                "after": str(plays[0].played_at_ms) if plays else None,
                "before": oldest,
            },
            "limit": limit,
            "href": f"{endpoint}?limit={limit}{cursor}",
        }
    )


# -- commands ----------------------------------------------------------------------------------


def _context_items(call: Call, uri: str) -> list[Item]:
    parsed = parse_uri(uri)
    if parsed is None or parsed[0] not in {"album", "playlist", "artist", "show"}:
        raise ApiError(400, "Invalid context uri")
    kind, id_ = parsed
    catalog = call.catalog
    if kind == "playlist":
        return [entry.item for entry in playlist_by_id(call, id_).entries]
    index = call.catalog_index(kind, id_)
    if kind == "album":
        return [("track", t) for t in catalog.records.album(index).tracks]
    if kind == "show":
        return [("episode", e) for e in catalog.records.show(index).episodes]
    top = catalog.top_tracks(index)
    rest = [
        t
        for album in catalog.layout.artist_albums.of(index)
        for t in catalog.records.album(album).tracks
        if t not in top
    ]
    return [("track", t) for t in [*top, *rest][:ARTIST_CONTEXT_LENGTH]]


def _start(call: Call, items: list[Item], offset: Any) -> int:
    if offset is None:
        return 0
    if not isinstance(offset, dict):
        raise ApiError(400, "Invalid offset")
    if "position" in offset:
        position = offset["position"]
        if isinstance(position, bool) or not isinstance(position, int) or position < 0:
            raise ApiError(400, "Invalid offset")
        if position >= len(items):
            raise not_found()
        return position
    uri = offset.get("uri")
    item = playable_item(call, uri) if isinstance(uri, str) else None
    if item is None:
        raise ApiError(400, "Invalid offset")
    if item not in items:
        raise not_found()
    return items.index(item)


async def start_a_users_playback(call: Call) -> web.Response:
    """PUT /me/player/play: a context, a list of URIs, or (no body) resume."""
    player = _require_premium(call)
    body = await call.json_object()
    context_uri, uris = body.get("context_uri"), body.get("uris")
    position_ms = body.get("position_ms", 0)
    if isinstance(position_ms, bool) or not isinstance(position_ms, int) or position_ms < 0:
        raise ApiError(400, "Invalid position_ms")
    if context_uri is not None and uris is not None:
        raise ApiError(400, "Only one of context_uri and uris may be given")
    if context_uri is None and uris is None:
        if "offset" in body:
            raise ApiError(400, "Invalid offset")
        player.play(_device_id(call))
        return empty_response(204)
    if context_uri is not None:
        if not isinstance(context_uri, str):
            raise ApiError(400, "Invalid context uri")
        items = _context_items(call, context_uri)
    else:
        if not isinstance(uris, list) or not uris:
            raise ApiError(400, "Invalid uris")
        items = []
        for uri in uris:
            item = playable_item(call, uri) if isinstance(uri, str) else None
            if item is None:
                raise ApiError(400, f"Invalid track uri: {uri}")
            items.append(item)
    if not items:
        raise PlayerError(403, "Player command failed: Restriction violated", "UNKNOWN")
    start = _start(call, items, body.get("offset"))
    player.play(
        _device_id(call),
        context_uri=context_uri,
        items=items,
        start=start,
        position_ms=position_ms,
    )
    return empty_response(204)


async def pause_a_users_playback(call: Call) -> web.Response:
    """PUT /me/player/pause (403 "Restriction violated" if already paused)."""
    _require_premium(call).pause(_device_id(call))
    return empty_response(204)


async def skip_users_playback_to_next_track(call: Call) -> web.Response:
    """POST /me/player/next."""
    _require_premium(call).next(_device_id(call))
    return empty_response(204)


async def skip_users_playback_to_previous_track(call: Call) -> web.Response:
    """POST /me/player/previous (restarts the item after 3 s of play)."""
    _require_premium(call).previous(_device_id(call))
    return empty_response(204)


async def seek_to_position_in_currently_playing_track(call: Call) -> web.Response:
    """PUT /me/player/seek?position_ms= (past the end: the next item starts)."""
    player = _require_premium(call)
    position: int = call.params["position_ms"]
    if position < 0:
        raise ApiError(400, "Invalid position_ms")
    player.seek(position, _device_id(call))
    return empty_response(204)


async def set_repeat_mode_on_users_playback(call: Call) -> web.Response:
    """PUT /me/player/repeat?state=track|context|off."""
    player = _require_premium(call)
    state: str = call.params["state"]
    if state not in {"track", "context", "off"}:
        raise ApiError(400, "Invalid state")
    player.set_repeat(state, _device_id(call))
    return empty_response(204)


async def set_volume_for_users_playback(call: Call) -> web.Response:
    """PUT /me/player/volume?volume_percent=0..100."""
    player = _require_premium(call)
    percent: int = call.params["volume_percent"]
    if not 0 <= percent <= 100:
        raise ApiError(400, "Invalid volume_percent")
    player.set_volume(percent, _device_id(call))
    return empty_response(204)


async def toggle_shuffle_for_users_playback(call: Call) -> web.Response:
    """PUT /me/player/shuffle?state=true|false (exactly those words)."""
    player = _require_premium(call)
    state: bool = call.params["state"]
    player.set_shuffle(state, _device_id(call))
    return empty_response(204)


async def transfer_a_users_playback(call: Call) -> web.Response:
    """PUT /me/player with ``{"device_ids": [one id], "play"?}``."""
    player = _require_premium(call)
    body = await call.json_object()
    device_ids = body.get("device_ids")
    if device_ids is None:
        raise ApiError(400, "Missing required field: device_ids")
    if not isinstance(device_ids, list) or not all(isinstance(d, str) for d in device_ids):
        raise ApiError(400, "Invalid device_ids")
    if len(device_ids) != 1:
        raise ApiError(400, "Only one device id is supported")
    play = body.get("play", False)
    if not isinstance(play, bool):
        raise ApiError(400, "Invalid play")
    player.transfer(device_ids[0], play)
    return empty_response(204)


async def add_to_queue(call: Call) -> web.Response:
    """POST /me/player/queue?uri= (a track or an episode)."""
    player = _require_premium(call)
    uri: str = call.params["uri"]
    item = playable_item(call, uri)
    if item is None:
        raise ApiError(400, f"Invalid uri: {uri}")
    player.add_to_queue(item, _device_id(call))
    return empty_response(204)


HANDLERS: dict[str, Handler] = {
    "get-information-about-the-users-current-playback": (
        get_information_about_the_users_current_playback
    ),
    "get-the-users-currently-playing-track": get_the_users_currently_playing_track,
    "get-a-users-available-devices": get_a_users_available_devices,
    "get-queue": get_queue,
    "get-recently-played": get_recently_played,
    "start-a-users-playback": start_a_users_playback,
    "pause-a-users-playback": pause_a_users_playback,
    "skip-users-playback-to-next-track": skip_users_playback_to_next_track,
    "skip-users-playback-to-previous-track": skip_users_playback_to_previous_track,
    "seek-to-position-in-currently-playing-track": seek_to_position_in_currently_playing_track,
    "set-repeat-mode-on-users-playback": set_repeat_mode_on_users_playback,
    "set-volume-for-users-playback": set_volume_for_users_playback,
    "toggle-shuffle-for-users-playback": toggle_shuffle_for_users_playback,
    "transfer-a-users-playback": transfer_a_users_playback,
    "add-to-queue": add_to_queue,
}
