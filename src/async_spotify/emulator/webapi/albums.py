"""Albums: ``GET /albums/{id}``, ``GET /albums``, ``GET /albums/{id}/tracks``,
``GET /browse/new-releases``. (Saved albums live in :mod:`library`.)"""

from __future__ import annotations

from aiohttp import web

from .call import Call, Handler
from .catalog_pages import ids_param, page_of
from .responses import json_response


async def get_an_album(call: Call) -> web.Response:
    """GET /albums/{id} (any token)."""
    return json_response(call.render.album(call.path_index("album"), call.market))


async def get_multiple_albums(call: Call) -> web.Response:
    """GET /albums?ids= (max 20; ``null`` for unknown IDs)."""
    market = call.market
    albums = call.id_list("album", ids_param(call))
    return json_response(
        {"albums": [None if a is None else call.render.album(a, market) for a in albums]}
    )


async def get_an_albums_tracks(call: Call) -> web.Response:
    """GET /albums/{id}/tracks (offset paging, 20/50)."""
    album = call.path_index("album")
    market = call.market
    tracks = call.catalog.records.album(album).tracks
    return json_response(
        page_of(
            call,
            f"/albums/{call.path('id')}/tracks",
            tracks,
            lambda track: call.render.track_simple(track, market),
        )
    )


async def get_new_releases(call: Call) -> web.Response:
    """GET /browse/new-releases (deprecated Feb 2026)."""
    page = page_of(
        call, "/browse/new-releases", call.catalog.new_releases, call.render.album_simple
    )
    return json_response({"albums": page})


HANDLERS: dict[str, Handler] = {
    "get-an-album": get_an_album,
    "get-multiple-albums": get_multiple_albums,
    "get-an-albums-tracks": get_an_albums_tracks,
    "get-new-releases": get_new_releases,
}
