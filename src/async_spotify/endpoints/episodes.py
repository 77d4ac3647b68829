"""The Episodes endpoint group (``client.episodes``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import to_id, to_ids
from async_spotify.types import EpisodeObject, ManyEpisodes
from async_spotify.types.parameters import (
    GetAnEpisodeParams,
    GetMultipleEpisodesParams,
)


class Episodes(Endpoint):
    """Podcast episodes. Saved episodes are in ``client.library``."""

    async def get_one(
        self,
        episode_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAnEpisodeParams],
    ) -> EpisodeObject:
        """One episode. ``GET /episodes/{id}`` (``user-read-playback-position`` for
        ``resume_point``). kwargs: ``market``."""
        query = self._query("get-an-episode", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/episodes/{to_id(episode_id, 'episode')}",
            query=query,
            auth_token=auth_token,
            result=EpisodeObject,
        )

    async def get_several(
        self,
        episode_ids: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetMultipleEpisodesParams],
    ) -> ManyEpisodes:
        """Several episodes, ``{"episodes": [...]}`` in input order (``None`` for an unknown id).

        ``GET /episodes?ids=`` (``user-read-playback-position``), 50 ids per request: longer
        lists are chunked and sent concurrently. Deprecated by Spotify (February 2026); with
        ``app_mode="development"`` it sends one ``GET /episodes/{id}`` per id instead.
        kwargs: ``market``.
        Also available as ``get_multiple``, AsyncSpotify's name.
        """
        episodes: ManyEpisodes = await self._get_several(
            "episodes",
            to_ids(episode_ids, "episode"),
            kwargs,
            auth_token,
            operation_id="get-multiple-episodes",
            method="episodes.get_multiple",
            extra_query=extra_query,
        )
        return episodes

    get_multiple = get_several
