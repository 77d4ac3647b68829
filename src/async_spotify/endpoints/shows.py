"""The Shows endpoint group (``client.shows``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import to_id, to_ids
from async_spotify.types import ManySimplifiedShows, PagingSimplifiedEpisodeObject, ShowObject
from async_spotify.types.parameters import (
    GetAShowParams,
    GetAShowsEpisodesParams,
    GetMultipleShowsParams,
)


class Shows(Endpoint):
    """Podcast shows. Saved shows are in ``client.library``."""

    async def get_one(
        self,
        show_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAShowParams],
    ) -> ShowObject:
        """One show. ``GET /shows/{id}`` (``user-read-playback-position`` for the episodes'
        ``resume_point``). kwargs: ``market``."""
        query = self._query("get-a-show", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/shows/{to_id(show_id, 'show')}",
            query=query,
            auth_token=auth_token,
            result=ShowObject,
        )

    async def get_several(
        self,
        show_id_list: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetMultipleShowsParams],
    ) -> ManySimplifiedShows:
        """Several shows, ``{"shows": [...]}`` in input order (``None`` for an unknown id).

        ``GET /shows?ids=`` (any token), 50 ids per request: longer lists are chunked and sent
        concurrently. Deprecated by Spotify (February 2026); with ``app_mode="development"`` it
        sends one ``GET /shows/{id}`` per id instead. kwargs: ``market``.
        """
        shows: ManySimplifiedShows = await self._get_several(
            "shows",
            to_ids(show_id_list, "show"),
            kwargs,
            auth_token,
            operation_id="get-multiple-shows",
            method="shows.get_several",
            extra_query=extra_query,
        )
        return shows

    async def get_episodes(
        self,
        show_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAShowsEpisodesParams],
    ) -> PagingSimplifiedEpisodeObject:
        """A page of a show's episodes. ``GET /shows/{id}/episodes``
        (``user-read-playback-position`` for ``resume_point``).

        kwargs: ``market``, ``limit`` (at most 50), ``offset``.
        """
        query = self._query("get-a-shows-episodes", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/shows/{to_id(show_id, 'show')}/episodes",
            query=query,
            auth_token=auth_token,
            result=PagingSimplifiedEpisodeObject,
        )
