"""Users: the current user's profile, other users' profiles, the current user's top items.

``GET /me`` fields follow the scopes, as Spotify documents them: ``email`` needs
``user-read-email``; ``country``, ``product`` and ``explicit_content`` need ``user-read-private``.
Development mode drops ``country, email, explicit_content, followers, product`` altogether.
``account_id`` (added to the spec in May 2026) is a stable pseudonymous ID derived from the user ID.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

from aiohttp import web

from async_spotify.emulator.catalog.ids import BASE62
from async_spotify.emulator.errors import ApiError
from async_spotify.emulator.state import UserState

from .call import Call, Handler, not_found
from .catalog_pages import page_of
from .responses import json_response

TIME_RANGES = ("short_term", "medium_term", "long_term")
#: Spotify's top lists are short; the emulator caps them here.
TOP_SIZE = 100


def account_id(user_id: str) -> str:
    digest = int.from_bytes(hashlib.blake2b(user_id.encode(), digest_size=16).digest(), "big")
    chars = []
    for _ in range(22):
        digest, digit = divmod(digest, 62)
        chars.append(BASE62[digit])
    return "".join(chars)


def public_user_of_state(call: Call, user: UserState) -> dict[str, Any]:
    profile = user.profile
    obj: dict[str, Any] = {
        "display_name": profile.display_name,
        "external_urls": {"spotify": f"https://open.spotify.com/user/{user.user_id}"},
    }
    if not call.world.development:
        obj["followers"] = {"href": None, "total": profile.followers}
    obj.update(
        {
            "href": f"{call.api}/users/{user.user_id}",
            "id": user.user_id,
            "images": call.render.user_images(profile.image_key),
            "type": "user",
            "uri": f"spotify:user:{user.user_id}",
        }
    )
    return obj


async def get_current_users_profile(call: Call) -> web.Response:
    """GET /me (user token; fields per ``user-read-private``/``user-read-email``)."""
    user = call.user
    profile = user.profile
    public = public_user_of_state(call, user)
    private = call.has_scope("user-read-private") and not call.world.development
    email = call.has_scope("user-read-email") and not call.world.development
    obj: dict[str, Any] = {}
    if private:
        obj["country"] = profile.country
    obj["display_name"] = public["display_name"]
    if email:
        obj["email"] = profile.email
    if private:
        obj["explicit_content"] = {
            "filter_enabled": profile.explicit_filter_enabled,
            "filter_locked": profile.explicit_filter_locked,
        }
    for key in ("external_urls", "followers", "href", "id", "images"):
        if key in public:
            obj[key] = public[key]
    if private:
        obj["product"] = profile.product
    obj.update({"type": "user", "uri": public["uri"], "account_id": account_id(user.user_id)})
    return json_response(obj)


async def get_users_profile(call: Call) -> web.Response:
    """GET /users/{user_id} (deprecated Feb 2026)."""
    user_id = call.path("user_id")
    state = call.world.users.get(user_id)
    if state is not None:
        return json_response(public_user_of_state(call, state))
    index = call.catalog.user_index(user_id)
    if index is None:
        raise not_found()
    return json_response(call.render.user(index))


def _time_range(call: Call) -> str:
    time_range: str = call.params["time_range"]
    if time_range not in TIME_RANGES:
        raise ApiError(400, "Invalid time range")
    return time_range


def top_tracks(call: Call, user: UserState, time_range: str) -> list[int]:
    """The user's top tracks: recent plays first (most played), then saved tracks, ordered by a
    seeded shuffle per time range, so each range differs but stays stable."""
    played = user.history.tracks()
    counts: dict[int, int] = {}
    for track in played:
        counts[track] = counts.get(track, 0) + 1
    saved = user.library["track"].newest_first()[: TOP_SIZE * 2]
    candidates = list(dict.fromkeys([*sorted(counts, key=lambda t: -counts[t]), *saved]))
    window = {"short_term": 0.3, "medium_term": 0.6, "long_term": 1.0}[time_range]
    candidates = candidates[: max(1, int(len(candidates) * window))] if candidates else []
    random.Random(f"{call.catalog.seed}:{user.user_id}:{time_range}").shuffle(candidates)
    candidates.sort(key=lambda t: -counts.get(t, 0))
    return candidates[:TOP_SIZE]


async def get_users_top_tracks(call: Call) -> web.Response:
    """GET /me/top/tracks (``time_range``; offset paging 20/50)."""
    tracks = top_tracks(call, call.user, _time_range(call))
    market, from_token = call.market_or_country
    return json_response(
        page_of(
            call,
            "/me/top/tracks",
            tracks,
            lambda track: call.render.track(track, market, from_token),
            extra=("time_range",),
        )
    )


async def get_users_top_artists(call: Call) -> web.Response:
    """GET /me/top/artists: the artists of the top tracks, in order."""
    user = call.user
    tracks = top_tracks(call, user, _time_range(call))
    artists = list(dict.fromkeys(call.catalog.records.track(t).artists[0] for t in tracks))
    return json_response(
        page_of(call, "/me/top/artists", artists, call.render.artist, extra=("time_range",))
    )


HANDLERS: dict[str, Handler] = {
    "get-current-users-profile": get_current_users_profile,
    "get-users-profile": get_users_profile,
    "get-users-top-tracks": get_users_top_tracks,
    "get-users-top-artists": get_users_top_artists,
}
