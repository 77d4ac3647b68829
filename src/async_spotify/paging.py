"""Iterate over every item of a paged Spotify result.

Offset paging (``{items, next, offset, limit, total}``) and cursor paging (``{items, next,
cursors}``) both carry an absolute ``next`` URL; following it until it is null walks them all.
Some results wrap the paging object (search: ``{"tracks": {...}}``; followed artists:
``{"artists": {...}}``): a mapping with exactly one paging object inside is unwrapped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.spotify_errors import InvalidInputError
from async_spotify.transport.handler import ApiRequestHandler


def paging_object(page: Mapping[str, Any]) -> Mapping[str, Any]:
    """The paging object in ``page`` (``page`` itself, or the single one it wraps)."""
    if isinstance(page, Mapping):
        if "items" in page:
            return page
        inner = [
            value for value in page.values() if isinstance(value, Mapping) and "items" in value
        ]
        if len(inner) == 1:
            return inner[0]
    raise InvalidInputError(
        "paginate() needs a paging object (a dict with 'items' and 'next'), or a result that "
        f"wraps exactly one, not {type(page).__name__}"
    )


async def paginate(
    handler: ApiRequestHandler,
    page: Mapping[str, Any],
    *,
    auth_token: SpotifyAuthorisationToken | None = None,
) -> AsyncIterator[Any]:
    """Yield every item of ``page`` and of the pages after it."""
    current = paging_object(page)
    while True:
        for item in current.get("items") or ():
            yield item
        next_url = current.get("next")
        if not next_url:
            return
        current = paging_object(await handler.request("GET", next_url, auth_token=auth_token))
