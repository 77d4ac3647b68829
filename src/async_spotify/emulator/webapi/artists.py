"""Artists: one, several, their discography, top tracks and related artists."""

from __future__ import annotations

from aiohttp import web

from async_spotify.emulator.errors import ApiError

from .call import Call, Handler
from .catalog_pages import ids_param, page_of
from .responses import json_response

ALBUM_GROUPS = ("album", "single", "appears_on", "compilation")


async def get_an_artist(call: Call) -> web.Response:
    """GET /artists/{id} (any token)."""
    return json_response(call.render.artist(call.path_index("artist")))


async def get_multiple_artists(call: Call) -> web.Response:
    """GET /artists?ids= (max 50; ``null`` for unknown IDs)."""
    artists = call.id_list("artist", ids_param(call))
    return json_response(
        {"artists": [None if a is None else call.render.artist(a) for a in artists]}
    )


async def get_an_artists_albums(call: Call) -> web.Response:
    """GET /artists/{id}/albums (``include_groups``; offset paging 5/10)."""
    artist = call.path_index("artist")
    raw = call.params.get("include_groups")
    groups = set(ALBUM_GROUPS) if raw is None else {g.strip() for g in raw.split(",")}
    if not groups <= set(ALBUM_GROUPS):
        raise ApiError(400, "Invalid include_groups")
    market = call.market
    albums = call.catalog.artist_albums(artist, groups)
    return json_response(
        page_of(
            call,
            f"/artists/{call.path('id')}/albums",
            albums,
            lambda pair: call.render.album_in_discography(pair[0], pair[1], market),
            extra=("include_groups", "market"),
        )
    )


async def get_an_artists_top_tracks(call: Call) -> web.Response:
    """GET /artists/{id}/top-tracks (deprecated Feb 2026)."""
    artist = call.path_index("artist")
    market = call.market
    tracks = call.catalog.top_tracks(artist)
    return json_response({"tracks": [call.render.track(t, market) for t in tracks]})


async def get_an_artists_related_artists(call: Call) -> web.Response:
    """GET /artists/{id}/related-artists (deprecated Nov 2024)."""
    artist = call.path_index("artist")
    related = call.catalog.related_artists(artist)
    return json_response({"artists": [call.render.artist(a) for a in related]})


HANDLERS: dict[str, Handler] = {
    "get-an-artist": get_an_artist,
    "get-multiple-artists": get_multiple_artists,
    "get-an-artists-albums": get_an_artists_albums,
    "get-an-artists-top-tracks": get_an_artists_top_tracks,
    "get-an-artists-related-artists": get_an_artists_related_artists,
}
