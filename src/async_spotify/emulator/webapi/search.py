"""Search: ``GET /search?q=&type=`` over the catalog (and public playlists users created).

One offset-paged result per requested type, under ``tracks``, ``albums``, ``artists``,
``playlists``, ``shows``, ``episodes``, ``audiobooks``. Paging URLs carry ``query=`` (not ``q``),
as Spotify's do (recorded: ``/search?offset=5&limit=5&query=...&type=track``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiohttp import web

from async_spotify.emulator.catalog import Query
from async_spotify.emulator.catalog.paging import paging
from async_spotify.emulator.state import Playlist

from .call import Call, Handler
from .playlist_objects import simplified_playlist
from .responses import json_response


async def search(call: Call) -> web.Response:
    """GET /search (any token; ``offset`` <= 1000)."""
    query = Query.parse(call.params["q"])
    types: list[str] = call.params["type"]
    market = call.market
    track_market, from_token = call.market_or_country
    render = call.render
    renderers: dict[str, Callable[[int], Any]] = {
        "track": lambda index: render.track(index, track_market, from_token),
        "album": lambda index: render.album_simple(index, market),
        "artist": render.artist,
        "show": render.show_simple,
        "episode": render.episode_simple,
        "audiobook": render.audiobook_simple,
    }
    extra = [("query", call.params["q"]), ("type", ",".join(types))]
    extra += call.extra_query("market", "include_external")
    offset, limit = call.offset, call.limit
    result: dict[str, Any] = {}
    for kind in dict.fromkeys(types):
        if kind == "playlist":
            matches: list[Any] = _playlists(call, query)
            page = [_playlist(call, found) for found in matches[offset : offset + limit]]
        else:
            matches = call.catalog.search.results(kind, query)
            page = [renderers[kind](index) for index in matches[offset : offset + limit]]
        result[f"{kind}s"] = paging(
            f"{call.api}/search", page, offset=offset, limit=limit, total=len(matches), extra=extra
        )
    return json_response(result)


def _playlist(call: Call, found: int | Playlist) -> dict[str, Any]:
    if isinstance(found, int):
        playlist = call.world.playlists.get(call.catalog.ids.encode("playlist", found))
        assert playlist is not None  # a catalog index always materializes
        found = playlist
    return simplified_playlist(call, found)


def _playlists(call: Call, query: Query) -> list[int | Playlist]:
    """Catalog playlists whose names match (as indices, built when shown), public playlists
    created in this world whose names match, then the related catalog playlists."""
    store = call.world.playlists
    search = call.catalog.search
    ranked = search.results("playlist", query)
    exact = len(search.find("playlist", query))
    found: list[int | Playlist] = list(ranked[:exact])
    if not query.filters:
        for playlist in store.created():
            name = playlist.name.lower()
            if playlist.public and query.words and all(word in name for word in query.words):
                found.append(playlist)
    found.extend(ranked[exact:])
    return found


HANDLERS: dict[str, Handler] = {"search": search}
