"""Spotify's offset paging object, with ``href``/``next``/``previous`` that point at the emulator.

Spotify writes the paging URLs as ``<endpoint>?offset=N&limit=M`` followed by the request's other
parameters (recorded: ``/albums/{id}/tracks?offset=0&limit=50``,
``/search?offset=5&limit=5&query=...&type=track``); these helpers do the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

JsonObject = dict[str, Any]


def page_url(endpoint: str, offset: int, limit: int, extra: Sequence[tuple[str, str]] = ()) -> str:
    """``endpoint?offset=..&limit=..`` plus ``extra`` parameters, percent-encoded like Spotify."""
    query = f"offset={offset}&limit={limit}"
    for name, value in extra:
        query += f"&{name}={quote(value, safe=',:*')}"
    return f"{endpoint}?{query}"


def paging(
    endpoint: str,
    items: list[Any],
    *,
    offset: int,
    limit: int,
    total: int,
    extra: Sequence[tuple[str, str]] = (),
) -> JsonObject:
    """A paging object for ``items`` (already sliced) at ``offset`` of ``total``."""
    following = offset + limit
    return {
        "href": page_url(endpoint, offset, limit, extra),
        "items": items,
        "limit": limit,
        "next": page_url(endpoint, following, limit, extra) if following < total else None,
        "offset": offset,
        "previous": (
            page_url(endpoint, max(0, offset - limit), limit, extra) if offset > 0 else None
        ),
        "total": total,
    }
