"""The Personalization endpoint group (``client.personalization``): the user's top items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Unpack, overload

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.spotify_errors import InvalidRequestError
from async_spotify.types import PagingArtistObject, PagingTrackObject
from async_spotify.types.parameters import (
    GetUsersTopArtistsParams,
    GetUsersTopTracksParams,
)


class Personalization(Endpoint):
    """The current user's top artists and tracks (``user-top-read``)."""

    @overload
    async def get_top(
        self,
        content_type: Literal["artists"],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersTopArtistsParams],
    ) -> PagingArtistObject: ...

    @overload
    async def get_top(
        self,
        content_type: Literal["tracks"],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersTopTracksParams],
    ) -> PagingTrackObject: ...

    async def get_top(
        self,
        content_type: Literal["artists", "tracks"],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersTopTracksParams],
    ) -> PagingArtistObject | PagingTrackObject:
        """A page of the user's top ``"artists"`` or ``"tracks"`` (AsyncSpotify's form).

        ``GET /me/top/{type}`` (``user-top-read``); the same as :meth:`get_top_artists` /
        :meth:`get_top_tracks`.
        """
        if content_type == "artists":
            return await self.get_top_artists(auth_token, extra_query=extra_query, **kwargs)
        if content_type == "tracks":
            return await self.get_top_tracks(auth_token, extra_query=extra_query, **kwargs)
        raise InvalidRequestError(
            f"content_type must be 'artists' or 'tracks', not {content_type!r}"
        )

    async def get_top_artists(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersTopArtistsParams],
    ) -> PagingArtistObject:
        """A page of the user's top artists. ``GET /me/top/artists`` (``user-top-read``).

        kwargs: ``time_range`` (``long_term``, ``medium_term``, ``short_term``), ``limit`` (at
        most 50), ``offset``.
        """
        query = self._query("get-users-top-artists", kwargs, extra=extra_query)
        return await self._request(
            "GET", "/me/top/artists", query=query, auth_token=auth_token, result=PagingArtistObject
        )

    async def get_top_tracks(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersTopTracksParams],
    ) -> PagingTrackObject:
        """A page of the user's top tracks. ``GET /me/top/tracks`` (``user-top-read``).

        kwargs: ``time_range`` (``long_term``, ``medium_term``, ``short_term``), ``limit`` (at
        most 50), ``offset``.
        """
        query = self._query("get-users-top-tracks", kwargs, extra=extra_query)
        return await self._request(
            "GET", "/me/top/tracks", query=query, auth_token=auth_token, result=PagingTrackObject
        )
