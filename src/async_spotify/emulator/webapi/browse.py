"""Browse categories and markets (both deprecated Feb 2026). New releases live in
:mod:`albums`, featured and category playlists in :mod:`playlists`."""

from __future__ import annotations

from aiohttp import web

from async_spotify.emulator.catalog.reference_data import MARKETS

from .call import Call, Handler, not_found
from .catalog_pages import page_of
from .responses import json_response


async def get_categories(call: Call) -> web.Response:
    """GET /browse/categories (offset paging 20/50)."""
    categories = range(call.catalog.layout.categories)
    page = page_of(call, "/browse/categories", categories, call.render.category, extra=("locale",))
    return json_response({"categories": page})


async def get_a_category(call: Call) -> web.Response:
    """GET /browse/categories/{category_id} (its ID or readable alias; an alias is echoed as the
    answer's ``id``, as Spotify answers ``/browse/categories/party`` with ``"id": "party"``)."""
    index = category_index(call)
    asked = call.path("category_id")
    alias = None if asked == call.catalog.category_id(index) else asked
    return json_response(call.render.category(index, alias))


def category_index(call: Call) -> int:
    """The category of the path: readable IDs like ``dinner``; unknown ones are 404, whatever
    their form (Spotify's category IDs are not all base62)."""
    index = call.catalog.category_index(call.path("category_id"))
    if index is None:
        raise not_found()
    return index


async def get_available_markets(call: Call) -> web.Response:
    """GET /markets."""
    return json_response({"markets": list(MARKETS)})


HANDLERS: dict[str, Handler] = {
    "get-categories": get_categories,
    "get-a-category": get_a_category,
    "get-available-markets": get_available_markets,
}
