"""Following artists, users and playlists (the type-specific endpoints, deprecated Feb 2026,
except ``GET /me/following``), with cursor paging for followed artists."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from async_spotify.emulator.errors import ApiError

from .call import Call, Handler
from .playlists import find_playlist
from .responses import empty_response, json_response

MAX_IDS = 50


async def follow_playlist(call: Call) -> web.Response:
    """PUT /playlists/{playlist_id}/followers -> 200, empty body."""
    playlist = find_playlist(call)
    body = await call.json_object()
    if "public" in body and not isinstance(body["public"], bool):
        raise ApiError(400, "Invalid public")
    user = call.user
    playlist.followers.add(user.user_id)
    user.playlists.save([playlist.id], call.world.clock.now())
    return empty_response(200)


async def unfollow_playlist(call: Call) -> web.Response:
    """DELETE /playlists/{playlist_id}/followers -> 200 (unfollowing your own = deleting it)."""
    playlist = find_playlist(call)
    user = call.user
    playlist.followers.discard(user.user_id)
    user.playlists.remove([playlist.id])
    return empty_response(200)


async def check_if_user_follows_playlist(call: Call) -> web.Response:
    """GET /playlists/{playlist_id}/followers/contains?ids= (one user; default: the caller)."""
    playlist = find_playlist(call)
    ids: list[str] | None = call.params.get("ids")
    if ids is None:
        ids = [call.user.user_id]
    return json_response([user_id in playlist.followers for user_id in ids])


async def _ids(call: Call) -> list[str]:
    """``ids`` from the query, else from the JSON body (max 50 either way)."""
    ids: list[str] | None = call.params.get("ids")
    if ids is None:
        body = await call.json_object()
        body_ids: Any = body.get("ids")
        if body_ids is None:
            raise ApiError(400, "Missing required field: ids")
        if not isinstance(body_ids, list) or not all(isinstance(i, str) for i in body_ids):
            raise ApiError(400, "Invalid ids")
        if len(body_ids) > MAX_IDS:
            raise ApiError(400, "Too many ids requested")
        ids = body_ids
    if not ids or any(not id_ for id_ in ids):
        raise ApiError(400, "Invalid ids")
    return ids


async def _change_follows(call: Call, follow: bool) -> web.Response:
    user = call.user
    ids = await _ids(call)
    now = call.world.clock.now()
    if call.params["type"] == "artist":
        artists = call.existing_ids("artist", ids)
        if follow:
            user.followed_artists.save(artists, now)
        else:
            user.followed_artists.remove(artists)
    elif follow:
        user.followed_users.save(ids, now)
    else:
        user.followed_users.remove(ids)
    return empty_response(204)


async def follow_artists_users(call: Call) -> web.Response:
    """PUT /me/following?type=artist|user -> 204."""
    return await _change_follows(call, True)


async def unfollow_artists_users(call: Call) -> web.Response:
    """DELETE /me/following?type=artist|user -> 204."""
    return await _change_follows(call, False)


async def check_current_user_follows(call: Call) -> web.Response:
    """GET /me/following/contains?type=&ids= -> [bool]."""
    user = call.user
    ids: list[str] = call.params["ids"]
    if call.params["type"] == "artist":
        artists = call.id_list("artist", ids)
        return json_response([a is not None and a in user.followed_artists for a in artists])
    return json_response([user_id in user.followed_users for user_id in ids])


async def get_followed(call: Call) -> web.Response:
    """GET /me/following?type=artist: cursor paging, ``after`` = the last artist ID seen."""
    user = call.user
    limit = call.limit
    artists = user.followed_artists.newest_first()
    start = 0
    after: str | None = call.params.get("after")
    if after is not None:
        index = call.catalog.index_of("artist", after)
        known = index is not None and index in user.followed_artists
        # An ID that is not followed (any more) has nothing after it.
        start = artists.index(index) + 1 if known and index is not None else len(artists)
    page = artists[start : start + limit]
    endpoint = f"{call.api}/me/following"
    base = f"{endpoint}?type=artist&limit={limit}"
    last_id = call.catalog.ids.encode("artist", page[-1]) if page else None
    has_more = start + limit < len(artists)
    return json_response(
        {
            "artists": {
                "href": base if after is None else f"{base}&after={after}",
                "items": [call.render.artist(a) for a in page],
                "limit": limit,
                "next": f"{base}&after={last_id}" if has_more and last_id else None,
                "cursors": {"after": last_id if has_more else None},
                "total": len(artists),
            }
        }
    )


HANDLERS: dict[str, Handler] = {
    "follow-playlist": follow_playlist,
    "unfollow-playlist": unfollow_playlist,
    "check-if-user-follows-playlist": check_if_user_follows_playlist,
    "follow-artists-users": follow_artists_users,
    "unfollow-artists-users": unfollow_artists_users,
    "check-current-user-follows": check_current_user_follows,
    "get-followed": get_followed,
}
