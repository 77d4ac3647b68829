"""The user's library: ``/me/library`` (URIs, 2026) and the type-specific ``/me/{tracks, albums,
shows, episodes, audiobooks}`` endpoints (their saves, removals and checks deprecated Feb 2026).

``/me/library`` takes up to 40 URIs of tracks, albums, episodes, shows, audiobooks, users,
playlists and artists (the spec names artists for ``contains`` only; see :data:`SAVABLE`). Each
URI needs its type's scope: the library scopes for catalog items, ``user-follow-*`` for users and
artists, ``playlist-*`` for playlists. Saving a user, an artist or a playlist follows it; both
ways of saving touch the same state.
"""

from __future__ import annotations

import datetime
from typing import Any

from aiohttp import web

from async_spotify.emulator.errors import ApiError
from async_spotify.emulator.operations_data import Operation
from async_spotify.emulator.state import UserState
from async_spotify.emulator.state.times import iso

from .access import insufficient_scope
from .call import Call, Handler, not_found
from .catalog_pages import page_of
from .podcasts import with_resume_point
from .responses import empty_response, json_response
from .uris import parse_uri

#: The spec's list for saves and removals leaves out artists, but the February 2026 migration
#: guide replaces ``PUT/DELETE /me/following?type=artist`` with ``/me/library`` and spotipy 2.26
#: follows artists through it (``user_follow_artists``): artists are savable too.
SAVABLE = ("track", "album", "episode", "show", "audiobook", "user", "playlist", "artist")
CHECKABLE = SAVABLE
LIBRARY_TYPES = frozenset({"track", "album", "episode", "show", "audiobook"})


# -- /me/library -------------------------------------------------------------------------------


def _library_scope(kind: str, *, write: bool) -> frozenset[str]:
    """The scopes any one of which lets a token save/check a URI of ``kind``."""
    if kind in LIBRARY_TYPES:
        return frozenset({"user-library-modify" if write else "user-library-read"})
    if kind in {"user", "artist"}:
        return frozenset({"user-follow-modify" if write else "user-follow-read"})
    if write:
        return frozenset({"playlist-modify-public", "playlist-modify-private"})
    return frozenset({"playlist-read-private"})


def _parse_library_uris(
    call: Call, allowed: tuple[str, ...], *, write: bool
) -> list[tuple[str, Any]]:
    """``(kind, key)`` per URI: a catalog index, a user ID or a playlist ID."""
    uris: list[str] = call.params["uris"]
    parsed: list[tuple[str, Any]] = []
    for uri in uris:
        found = parse_uri(uri)
        if found is None or found[0] not in allowed:
            raise ApiError(400, f"Invalid uri: {uri}")
        kind, id_ = found
        if not _library_scope(kind, write=write) & call.auth.scopes:
            raise insufficient_scope()
        if kind == "user":
            parsed.append((kind, id_))
        elif kind == "playlist":
            if call.world.playlists.get(id_) is None:
                raise not_found()
            parsed.append((kind, id_))
        else:
            parsed.append((kind, call.catalog_index(kind, id_)))
    return parsed


def _apply(call: Call, user: UserState, items: list[tuple[str, Any]], *, save: bool) -> None:
    now = call.world.clock.now()
    for kind, key in items:
        if kind in LIBRARY_TYPES:
            saved = user.library[kind]
            if save:
                saved.save([key], now)
            else:
                saved.remove([key])
        elif kind == "user":
            if save:
                user.followed_users.save([key], now)
            else:
                user.followed_users.remove([key])
        elif kind == "artist":
            if save:
                user.followed_artists.save([key], now)
            else:
                user.followed_artists.remove([key])
        else:
            playlist = call.world.playlists.get(key)
            assert playlist is not None  # checked while parsing
            if save:
                playlist.followers.add(user.user_id)
                user.playlists.save([key], now)
            else:
                playlist.followers.discard(user.user_id)
                user.playlists.remove([key])


async def save_library_items(call: Call) -> web.Response:
    """PUT /me/library?uris= (max 40) -> 200, empty body."""
    user = call.user
    _apply(call, user, _parse_library_uris(call, SAVABLE, write=True), save=True)
    return empty_response(200)


async def remove_library_items(call: Call) -> web.Response:
    """DELETE /me/library?uris= (max 40) -> 200, empty body."""
    user = call.user
    _apply(call, user, _parse_library_uris(call, SAVABLE, write=True), save=False)
    return empty_response(200)


async def check_library_contains(call: Call) -> web.Response:
    """GET /me/library/contains?uris= (max 40; artists too) -> [bool]."""
    user = call.user
    answers = []
    for kind, key in _parse_library_uris(call, CHECKABLE, write=False):
        if kind in LIBRARY_TYPES:
            answers.append(key in user.library[kind])
        elif kind == "artist":
            answers.append(key in user.followed_artists)
        elif kind == "user":
            answers.append(key in user.followed_users)
        else:
            answers.append(key in user.playlists)
    return json_response(answers)


# -- type-specific endpoints -------------------------------------------------------------------


def _body_limit(operation: Operation, name: str) -> int | None:
    if operation.body is None:
        return None
    for field in operation.body.fields:
        if field.name == name:
            return field.max_items
    return None


async def _ids_with_times(call: Call) -> list[tuple[str, float | None]]:
    """IDs from the query, else the body's ``ids`` (and, for tracks, ``timestamped_ids``).

    The 2026 spec gives ``PUT /me/tracks`` a body only; Spotify still takes ``?ids=a,b`` there
    as on every other save and removal (spotipy 2.26 sends it; facts section D).
    """
    query_ids: list[str] | None = call.params.get("ids")
    if query_ids is None and "ids" in call.request.rel_url.query:
        query_ids = _deprecated_query_ids(call)
    if query_ids is not None:
        return [(id_, None) for id_ in query_ids]
    body = await call.json_object()
    ids = body.get("ids")
    stamped = body.get("timestamped_ids")
    if ids is None and stamped is None:
        raise ApiError(400, "Missing required field: ids")
    found: list[tuple[str, float | None]] = []
    if ids is not None:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ApiError(400, "Invalid ids")
        limit = _body_limit(call.operation, "ids")
        if limit is not None and len(ids) > limit:
            raise ApiError(400, "Too many ids requested")
        found.extend((id_, None) for id_ in ids)
    if stamped is not None:
        found.extend(_timestamped(call, stamped))
    return found


def _deprecated_query_ids(call: Call) -> list[str]:
    """``ids`` from a query where the spec no longer lists it (max 50, as the body's)."""
    raw = call.request.rel_url.query["ids"]
    ids = [id_.strip() for id_ in raw.split(",")]
    if not raw or not all(ids):
        raise ApiError(400, "Invalid ids")
    limit = _body_limit(call.operation, "ids")
    if limit is not None and len(ids) > limit:
        raise ApiError(400, "Too many ids requested")
    return ids


def _timestamped(call: Call, stamped: Any) -> list[tuple[str, float | None]]:
    if not isinstance(stamped, list):
        raise ApiError(400, "Invalid timestamped_ids")
    limit = _body_limit(call.operation, "timestamped_ids")
    if limit is not None and len(stamped) > limit:
        raise ApiError(400, "Too many ids requested")
    found: list[tuple[str, float | None]] = []
    for entry in stamped:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise ApiError(400, "Invalid timestamped_ids")
        try:
            when = datetime.datetime.fromisoformat(
                str(entry.get("added_at")).replace("Z", "+00:00")
            )
        except ValueError:
            raise ApiError(400, "Invalid added_at") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        found.append((entry["id"], when.timestamp()))
    return found


def _saved_object(call: Call, kind: str, index: int) -> dict[str, Any]:
    render = call.render
    if kind == "track":
        return render.track(index, *call.market_or_country)
    if kind == "album":
        return render.album(index, *call.market_or_country)
    if kind == "show":
        return render.show_simple(index)
    if kind == "episode":
        return with_resume_point(call, "episode", index, render.episode(index))
    raise AssertionError(f"no saved-object shape for {kind}")


def _saved_handlers(kind: str, path: str) -> dict[str, Handler]:
    async def get_saved(call: Call) -> web.Response:
        user = call.user
        saved = user.library[kind]

        def listed(index: int) -> dict[str, Any]:
            if kind == "audiobook":
                # Spotify lists plain audiobook objects here, not the spec's {added_at,
                # audiobook} (python-spotify saved_audiobooks.json; facts section D).
                return call.render.audiobook_simple(index)
            return {"added_at": iso(saved.added_at(index)), kind: _saved_object(call, kind, index)}

        return json_response(page_of(call, path, saved.newest_first(), listed, extra=("market",)))

    async def save(call: Call) -> web.Response:
        user = call.user
        now = call.world.clock.now()
        for id_, when in await _ids_with_times(call):
            user.library[kind].save([call.catalog_index(kind, id_)], now if when is None else when)
        return empty_response(200)

    async def remove(call: Call) -> web.Response:
        user = call.user
        ids = [id_ for id_, _ in await _ids_with_times(call)]
        user.library[kind].remove(call.existing_ids(kind, ids))
        return empty_response(200)

    async def contains(call: Call) -> web.Response:
        user = call.user
        indices = call.id_list(kind, call.params["ids"])
        return json_response([i is not None and i in user.library[kind] for i in indices])

    plural = f"{kind}s"
    return {
        f"get-users-saved-{plural}": get_saved,
        f"save-{plural}-user": save,
        f"remove-{plural}-user": remove,
        f"check-users-saved-{plural}": contains,
    }


HANDLERS: dict[str, Handler] = {
    "save-library-items": save_library_items,
    "remove-library-items": remove_library_items,
    "check-library-contains": check_library_contains,
    **_saved_handlers("track", "/me/tracks"),
    **_saved_handlers("album", "/me/albums"),
    **_saved_handlers("show", "/me/shows"),
    **_saved_handlers("episode", "/me/episodes"),
    **_saved_handlers("audiobook", "/me/audiobooks"),
}
