"""Playlists: read, create, change details, edit items (``/items`` and the deprecated ``/tracks``),
list a user's playlists, covers, and the browse playlists (featured, per category).

Who may do what:
- Anyone may read a playlist; ``GET /playlists/{id}/items`` only answers its owner or, for a
  collaborative playlist, a collaborator (the spec: 403 otherwise).
- Only the owner changes details or the cover; the owner or (collaborative playlists)
  collaborators add, remove, reorder and replace items; anyone else gets 403 "You cannot add
  tracks to a playlist you don't own." (Spotify's words).
- In development mode, Spotify-owned (editorial) playlists answer 404 "Resource not found", as
  they have for development-mode apps since November 2024.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from async_spotify.emulator.catalog import is_base62_id
from async_spotify.emulator.errors import ApiError
from async_spotify.emulator.state import Item, Playlist

from .browse import category_index
from .call import Call, Handler, invalid_id, not_found
from .catalog_pages import page_of
from .fields import apply_fields, parse_fields
from .playlist_objects import cover_images, items_page, playlist_object, simplified_playlist
from .responses import empty_response, json_response
from .uris import playable_item

MAX_ITEMS_PER_REQUEST = 100
#: "The maximum payload size is 256 KB" (the base64 body, as measured by spotipy#633).
MAX_COVER_BYTES = 256 * 1024
EDITORIAL_OWNER = "spotify"


def find_playlist(call: Call) -> Playlist:
    """The playlist of the request's path (404 if there is none)."""
    return playlist_by_id(call, call.path("playlist_id"))


def playlist_by_id(call: Call, playlist_id: str) -> Playlist:
    if not is_base62_id(playlist_id):
        raise invalid_id()
    playlist = call.world.playlists.get(playlist_id)
    if playlist is None:
        raise not_found()
    if call.world.development and playlist.owner_id == EDITORIAL_OWNER:
        raise not_found()
    return playlist


def is_collaborator(call: Call, playlist: Playlist) -> bool:
    return playlist.collaborative and call.auth.user_id in playlist.followers


def require_editor(call: Call, playlist: Playlist) -> None:
    """Owner, or a collaborator of a collaborative playlist."""
    user_id = call.user.user_id
    if user_id != playlist.owner_id and not is_collaborator(call, playlist):
        raise ApiError(403, "You cannot add tracks to a playlist you don't own.")


def require_owner(call: Call, playlist: Playlist) -> None:
    if call.user.user_id != playlist.owner_id:
        raise ApiError(403, "You cannot change details of a playlist you don't own.")


def _now(call: Call) -> float:
    return call.world.clock.now()


def _snapshot(playlist: Playlist, status: int = 200) -> web.Response:
    return json_response({"snapshot_id": playlist.snapshot_id}, status)


# -- reading -----------------------------------------------------------------------------------


def _selection(call: Call) -> Any:
    fields = call.params.get("fields")
    return None if fields is None else parse_fields(fields)


async def get_playlist(call: Call) -> web.Response:
    """GET /playlists/{playlist_id} (any token; ``fields``, ``additional_types``, ``market``)."""
    playlist = find_playlist(call)
    selection = _selection(call)
    extra = call.extra_query("additional_types")
    obj = playlist_object(call, playlist, market=call.market, extra=extra)
    own_query = call.extra_query("additional_types", "market")
    if own_query:
        obj["href"] = f"{obj['href']}?{urlencode(own_query)}"
    return json_response(obj if selection is None else apply_fields(obj, selection))


async def _items(call: Call, endpoint: str) -> web.Response:
    playlist = find_playlist(call)
    if endpoint == "items":
        user_id = call.user.user_id
        if user_id != playlist.owner_id and not is_collaborator(call, playlist):
            raise ApiError(403, "Forbidden")
    selection = _selection(call)
    page = items_page(
        call,
        playlist,
        endpoint,
        offset=call.offset,
        limit=call.limit,
        market=call.market,
        extra=call.extra_query("additional_types", "market"),
    )
    return json_response(page if selection is None else apply_fields(page, selection))


async def get_playlists_items(call: Call) -> web.Response:
    """GET /playlists/{playlist_id}/items (owner or collaborator; offset paging 20/50)."""
    return await _items(call, "items")


async def get_playlists_tracks(call: Call) -> web.Response:
    """GET /playlists/{playlist_id}/tracks (deprecated Feb 2026; offset paging 20/100)."""
    return await _items(call, "tracks")


# -- editing items -----------------------------------------------------------------------------


def _items_from_uris(call: Call, uris: list[Any]) -> list[Item]:
    if len(uris) > MAX_ITEMS_PER_REQUEST:
        raise ApiError(400, "You can add a maximum of 100 tracks per request.")
    items = []
    for uri in uris:
        item = playable_item(call, uri) if isinstance(uri, str) else None
        if item is None:
            raise ApiError(400, f"Invalid track uri: {uri}")
        items.append(item)
    return items


def _optional_int(body: dict[str, Any], name: str) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(400, f"Invalid {name}")
    return value


def _uri_list(call: Call, body: dict[str, Any]) -> list[Any] | None:
    """``uris`` from the query (which wins) or the body; ``None`` when neither has them."""
    query_uris: list[str] | None = call.params.get("uris")
    if query_uris is not None:
        return query_uris
    uris = body.get("uris")
    if uris is None:
        return None
    if not isinstance(uris, list):
        raise ApiError(400, "Invalid uris")
    return uris


async def _add(call: Call) -> web.Response:
    playlist = find_playlist(call)
    raw = await call.json_body()
    # A bare JSON array of URIs is taken as ``uris``: spotipy has sent that body for years
    # (``playlist_add_items``) and Spotify serves it; the spec documents only the object.
    body: dict[str, Any] = {"uris": raw} if isinstance(raw, list) else await call.json_object()
    uris = _uri_list(call, body)
    if uris is None:
        raise ApiError(400, "Missing required field: uris")
    items = _items_from_uris(call, uris)
    position: int | None = call.params.get("position")
    if position is None:
        position = _optional_int(body, "position")
    require_editor(call, playlist)
    playlist.add(items, position, call.user.user_id, _now(call))
    return _snapshot(playlist, 201)


async def add_items_to_playlist(call: Call) -> web.Response:
    """POST /playlists/{playlist_id}/items (``uris`` in query or body, max 100) -> 201."""
    return await _add(call)


async def add_tracks_to_playlist(call: Call) -> web.Response:
    """POST /playlists/{playlist_id}/tracks (deprecated Feb 2026) -> 201."""
    return await _add(call)


async def _reorder_or_replace(call: Call) -> web.Response:
    playlist = find_playlist(call)
    body = await call.json_object()
    uris = _uri_list(call, body)
    range_start = _optional_int(body, "range_start")
    insert_before = _optional_int(body, "insert_before")
    snapshot_id = body.get("snapshot_id")
    if snapshot_id is not None and not isinstance(snapshot_id, str):
        raise ApiError(400, "Invalid snapshot_id")
    if uris is not None:
        if range_start is not None or insert_before is not None:
            raise ApiError(400, "Replace and reorder cannot be combined in one request")
        items = _items_from_uris(call, uris)
        require_editor(call, playlist)
        playlist.replace(items, call.user.user_id, _now(call))
        return _snapshot(playlist)
    if range_start is None or insert_before is None:
        raise ApiError(400, "Missing range_start or insert_before")
    range_length = _optional_int(body, "range_length")
    require_editor(call, playlist)
    playlist.reorder(
        range_start, insert_before, 1 if range_length is None else range_length, snapshot_id
    )
    return _snapshot(playlist)


async def reorder_or_replace_playlists_items(call: Call) -> web.Response:
    """PUT /playlists/{playlist_id}/items: replace (``uris``) or reorder (``range_start``,
    ``insert_before``, ``range_length``, ``snapshot_id``), mutually exclusive."""
    return await _reorder_or_replace(call)


async def reorder_or_replace_playlists_tracks(call: Call) -> web.Response:
    """PUT /playlists/{playlist_id}/tracks (deprecated Feb 2026)."""
    return await _reorder_or_replace(call)


async def _remove(call: Call, key: str) -> web.Response:
    playlist = find_playlist(call)
    body = await call.json_object()
    wanted = body.get(key)
    if wanted is None:
        raise ApiError(400, f"Missing required field: {key}")
    if not isinstance(wanted, list):
        raise ApiError(400, f"Invalid {key}")
    if len(wanted) > MAX_ITEMS_PER_REQUEST:
        raise ApiError(400, "You can remove a maximum of 100 tracks per request.")
    removals: list[tuple[Item, list[int] | None]] = []
    for entry in wanted:
        uri = entry.get("uri") if isinstance(entry, dict) else None
        item = playable_item(call, uri) if isinstance(uri, str) else None
        if item is None:
            raise ApiError(400, f"Invalid track uri: {uri}")
        positions = entry.get("positions")
        if positions is not None and not (
            isinstance(positions, list)
            and all(isinstance(p, int) and not isinstance(p, bool) for p in positions)
        ):
            raise ApiError(400, "Invalid positions")
        removals.append((item, positions))
    snapshot_id = body.get("snapshot_id")
    if snapshot_id is not None and not isinstance(snapshot_id, str):
        raise ApiError(400, "Invalid snapshot_id")
    require_editor(call, playlist)
    playlist.remove(removals, snapshot_id)
    return _snapshot(playlist)


async def remove_items_playlist(call: Call) -> web.Response:
    """DELETE /playlists/{playlist_id}/items, body ``{"items": [{"uri"}], "snapshot_id"?}``."""
    return await _remove(call, "items")


async def remove_tracks_playlist(call: Call) -> web.Response:
    """DELETE /playlists/{playlist_id}/tracks (deprecated), body ``{"tracks": [...]}``."""
    return await _remove(call, "tracks")


# -- details, creation, lists ------------------------------------------------------------------


def _details(body: dict[str, Any], *, name_required: bool) -> dict[str, Any]:
    name = body.get("name")
    if name is None and name_required:
        raise ApiError(400, "Missing required field: name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise ApiError(400, "Invalid name")
    details: dict[str, Any] = {"name": name}
    for key in ("public", "collaborative"):
        value = body.get(key)
        if value is not None and not isinstance(value, bool):
            raise ApiError(400, f"Invalid {key}")
        details[key] = value
    description = body.get("description")
    if description is not None and not isinstance(description, str):
        raise ApiError(400, "Invalid description")
    details["description"] = description
    return details


async def change_playlist_details(call: Call) -> web.Response:
    """PUT /playlists/{playlist_id} (owner only) -> 200, empty body."""
    playlist = find_playlist(call)
    details = _details(await call.json_object(), name_required=False)
    require_owner(call, playlist)
    playlist.change_details(**details)
    return empty_response(200)


async def _create(call: Call) -> web.Response:
    user = call.user
    details = _details(await call.json_object(), name_required=True)
    public = True if details["public"] is None else details["public"]
    collaborative = bool(details["collaborative"])
    if public and collaborative:
        raise ApiError(400, "Collaborative playlists can only be private.")
    playlist = call.world.playlists.create(
        user.user_id,
        details["name"],
        public=public,
        collaborative=collaborative,
        description=details["description"],
    )
    user.playlists.save([playlist.id], call.world.clock.now())
    return json_response(playlist_object(call, playlist, market=None, extra=[]), 201)


async def create_playlist(call: Call) -> web.Response:
    """POST /me/playlists -> 201 with the new playlist."""
    return await _create(call)


async def create_playlist_for_user(call: Call) -> web.Response:
    """POST /users/{user_id}/playlists (deprecated Feb 2026; only for yourself, else 403)."""
    if call.path("user_id") != call.user.user_id:
        raise ApiError(403, "You cannot create a playlist for another user.")
    return await _create(call)


async def get_a_list_of_current_users_playlists(call: Call) -> web.Response:
    """GET /me/playlists: owned and followed playlists, most recently added first."""
    user = call.user
    playlists = [p for p in map(call.world.playlists.get, user.playlists.newest_first()) if p]
    return json_response(
        page_of(call, "/me/playlists", playlists, lambda p: simplified_playlist(call, p), extra=())
    )


async def get_list_users_playlists(call: Call) -> web.Response:
    """GET /users/{user_id}/playlists (deprecated Feb 2026): public ones, plus private and
    collaborative ones when the token is that user's and holds the matching scope."""
    user_id = call.path("user_id")
    store = call.world.playlists
    state = call.world.users.get(user_id)
    if state is not None:
        candidates = [p for p in map(store.get, state.playlists.newest_first()) if p]
    else:
        index = call.catalog.user_index(user_id)
        if index is None:
            raise not_found()
        candidates = [
            p
            for i in call.catalog.layout.user_playlists.of(index)
            if (p := store.get(call.catalog.ids.encode("playlist", i))) is not None
        ]
        # A loaded catalog's playlists, by their owner (a loaded user).
        loaded = call.world.loaded_playlists.get(user_id, ())
        candidates += [p for p in map(store.get, loaded) if p is not None]
    is_self = call.auth.user_id == user_id
    playlists = [
        p
        for p in candidates
        if p.public
        or (is_self and p.collaborative and call.has_scope("playlist-read-collaborative"))
        or (is_self and not p.collaborative and call.has_scope("playlist-read-private"))
    ]
    return json_response(
        page_of(
            call,
            f"/users/{user_id}/playlists",
            playlists,
            lambda p: simplified_playlist(call, p),
            extra=(),
        )
    )


# -- covers ------------------------------------------------------------------------------------


async def get_playlist_cover(call: Call) -> web.Response:
    """GET /playlists/{playlist_id}/images."""
    return json_response(cover_images(call, find_playlist(call)))


async def upload_custom_playlist_cover(call: Call) -> web.Response:
    """PUT /playlists/{playlist_id}/images: body = base64 JPEG, <= 256 KB -> 202, no body."""
    playlist = find_playlist(call)
    raw = await call.request.read()
    if len(raw) > MAX_COVER_BYTES:
        raise ApiError(413, "Payload too large")
    try:
        jpeg = base64.b64decode(b"".join(raw.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "Invalid image data: not base64") from None
    if not jpeg.startswith(b"\xff\xd8\xff"):
        raise ApiError(400, "Invalid image data: not a JPEG")
    require_owner(call, playlist)
    playlist.set_cover(jpeg)
    return empty_response(202)


# -- browse playlists --------------------------------------------------------------------------


def _playlists_page(call: Call, endpoint: str, indices: list[int], message: str) -> web.Response:
    store = call.world.playlists
    encode = call.catalog.ids.encode

    def render(index: int) -> dict[str, Any]:
        playlist = store.get(encode("playlist", index))
        assert playlist is not None  # catalog indices always materialize
        return simplified_playlist(call, playlist)

    return json_response(
        {"message": message, "playlists": page_of(call, endpoint, indices, render, extra=())}
    )


async def get_featured_playlists(call: Call) -> web.Response:
    """GET /browse/featured-playlists (deprecated Nov 2024)."""
    return _playlists_page(
        call,
        "/browse/featured-playlists",
        list(call.catalog.editorial_playlists()),
        "Popular Playlists",
    )


async def get_a_categories_playlists(call: Call) -> web.Response:
    """GET /browse/categories/{category_id}/playlists (deprecated Nov 2024)."""
    category = category_index(call)
    return _playlists_page(
        call,
        f"/browse/categories/{call.path('category_id')}/playlists",
        call.catalog.category_playlists(category),
        call.catalog.records.category(category).name,
    )


HANDLERS: dict[str, Handler] = {
    "get-playlist": get_playlist,
    "change-playlist-details": change_playlist_details,
    "get-playlists-tracks": get_playlists_tracks,
    "add-tracks-to-playlist": add_tracks_to_playlist,
    "reorder-or-replace-playlists-tracks": reorder_or_replace_playlists_tracks,
    "remove-tracks-playlist": remove_tracks_playlist,
    "get-playlists-items": get_playlists_items,
    "add-items-to-playlist": add_items_to_playlist,
    "reorder-or-replace-playlists-items": reorder_or_replace_playlists_items,
    "remove-items-playlist": remove_items_playlist,
    "get-a-list-of-current-users-playlists": get_a_list_of_current_users_playlists,
    "create-playlist": create_playlist,
    "create-playlist-for-user": create_playlist_for_user,
    "get-list-users-playlists": get_list_users_playlists,
    "get-playlist-cover": get_playlist_cover,
    "upload-custom-playlist-cover": upload_custom_playlist_cover,
    "get-featured-playlists": get_featured_playlists,
    "get-a-categories-playlists": get_a_categories_playlists,
}
