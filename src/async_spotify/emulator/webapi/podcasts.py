"""Shows and episodes: one, several, a show's episodes.

``resume_point`` is added to episodes only for a user token with ``user-read-playback-position``
(the spec: "Set if the supplied access token is a user token and has the scope").
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from async_spotify.emulator.state import ResumePoint

from .call import Call, Handler
from .catalog_pages import ids_param, page_of
from .responses import json_response

POSITION_SCOPE = "user-read-playback-position"


def with_resume_point(call: Call, kind: str, index: int, obj: dict[str, Any]) -> dict[str, Any]:
    """``obj`` plus the user's ``resume_point`` when the token may read it."""
    user = call.user_or_none
    if user is None or POSITION_SCOPE not in call.auth.scopes:
        return obj
    user.player.settle()  # an episode the player finished since its last read is fully played
    point = user.resume_points.get((kind, index), ResumePoint())
    return {
        **obj,
        "resume_point": {
            "fully_played": point.fully_played,
            "resume_position_ms": point.resume_position_ms,
        },
    }


def episode_object(call: Call, index: int) -> dict[str, Any]:
    return with_resume_point(call, "episode", index, call.render.episode(index))


async def get_a_show(call: Call) -> web.Response:
    """GET /shows/{id} (any token; its first 50 episodes embedded)."""
    show = call.path_index("show")
    obj = dict(call.render.show(show))
    episodes = obj["episodes"]
    obj["episodes"] = {
        **episodes,
        "items": [
            with_resume_point(call, "episode", e, call.render.episode_simple(e))
            for e in call.catalog.records.show(show).episodes[: len(episodes["items"])]
        ],
    }
    return json_response(obj)


async def get_multiple_shows(call: Call) -> web.Response:
    """GET /shows?ids= (max 50; simplified shows; ``null`` for unknown IDs)."""
    shows = call.id_list("show", ids_param(call))
    return json_response(
        {"shows": [None if s is None else call.render.show_simple(s) for s in shows]}
    )


async def get_a_shows_episodes(call: Call) -> web.Response:
    """GET /shows/{id}/episodes (offset paging 20/50, newest first)."""
    show = call.path_index("show")
    return json_response(
        page_of(
            call,
            f"/shows/{call.path('id')}/episodes",
            call.catalog.records.show(show).episodes,
            lambda e: with_resume_point(call, "episode", e, call.render.episode_simple(e)),
        )
    )


async def get_an_episode(call: Call) -> web.Response:
    """GET /episodes/{id}."""
    return json_response(episode_object(call, call.path_index("episode")))


async def get_multiple_episodes(call: Call) -> web.Response:
    """GET /episodes?ids= (max 50; ``null`` for unknown IDs)."""
    episodes = call.id_list("episode", ids_param(call))
    return json_response(
        {"episodes": [None if e is None else episode_object(call, e) for e in episodes]}
    )


HANDLERS: dict[str, Handler] = {
    "get-a-show": get_a_show,
    "get-multiple-shows": get_multiple_shows,
    "get-a-shows-episodes": get_a_shows_episodes,
    "get-an-episode": get_an_episode,
    "get-multiple-episodes": get_multiple_episodes,
}
