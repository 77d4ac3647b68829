"""The Search endpoint group (``client.search``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.spotify_errors import InvalidRequestError
from async_spotify.types import SearchItems
from async_spotify.types.parameters import (
    SearchParams,
    SearchType,
)

#: The longest search query sent. Spotify documents no bound but refuses long ones (404 for a
#: query over 100 characters was reported, spotipy#845); past this, a query is refused with its
#: length rather than put into a URL of several kilobytes.
MAX_QUERY_LENGTH = 1000


class Search(Endpoint):
    """Catalog search."""

    async def start(
        self,
        query: str,
        query_type: SearchType | Sequence[SearchType],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[SearchParams],
    ) -> SearchItems:
        """Search the catalog; one paging object per type (``{"tracks": paging, ...}``).

        ``GET /search`` (any token). ``query`` is Spotify's query string (``"artist:Queen
        year:1975"``); ``query_type`` a list of ``album``, ``artist``, ``playlist``, ``track``,
        ``show``, ``episode``, ``audiobook``, or one of them (a comma-separated str is taken
        too, as AsyncSpotify took it, but type checkers flag it: they check each name). kwargs:
        ``market``, ``limit`` (at most 10 since February 2026; default 5), ``offset`` (at most
        1000), ``include_external`` (``audio``).
        """
        if not isinstance(query, str) or not query.strip():
            raise InvalidRequestError(f"a search needs a non-empty query string, not {query!r}")
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidRequestError(
                f"the search query has {len(query)} characters; at most {MAX_QUERY_LENGTH} are "
                f"sent (it starts {query[:40]!r})"
            )
        types = _types(query_type)
        search_query = self._query("search", kwargs, extra=extra_query, q=query, type=types)
        return await self._request(
            "GET", "/search", query=search_query, auth_token=auth_token, result=SearchItems
        )


def _types(query_type: object) -> list[str]:
    """``query_type`` as a list of type names (validated against the spec by ``check_query``)."""
    if isinstance(query_type, str):
        types = [name.strip() for name in query_type.split(",") if name.strip()]
    elif isinstance(query_type, Iterable):
        types = list(query_type)
    else:
        types = []
    if not types:
        raise InvalidRequestError(
            "a search needs at least one type (album, artist, playlist, track, show, episode, "
            f"audiobook), not {query_type!r}"
        )
    return types
