"""The Albums endpoint group (``client.albums``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import to_id, to_ids
from async_spotify.types import AlbumObject, ManyAlbums, PagingSimplifiedTrackObject
from async_spotify.types.parameters import (
    GetAnAlbumParams,
    GetAnAlbumsTracksParams,
    GetMultipleAlbumsParams,
)


class Albums(Endpoint):
    """Albums of the catalog. Saved albums are in ``client.library``."""

    async def get_one(
        self,
        album_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAnAlbumParams],
    ) -> AlbumObject:
        """One album. ``GET /albums/{id}`` (any token). kwargs: ``market``."""
        query = self._query("get-an-album", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/albums/{to_id(album_id, 'album')}",
            query=query,
            auth_token=auth_token,
            result=AlbumObject,
        )

    async def get_tracks(
        self,
        album_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAnAlbumsTracksParams],
    ) -> PagingSimplifiedTrackObject:
        """A page of an album's tracks. ``GET /albums/{id}/tracks`` (any token).

        kwargs: ``market``, ``limit`` (at most 50), ``offset``.
        """
        query = self._query("get-an-albums-tracks", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/albums/{to_id(album_id, 'album')}/tracks",
            query=query,
            auth_token=auth_token,
            result=PagingSimplifiedTrackObject,
        )

    async def get_several(
        self,
        album_id_list: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetMultipleAlbumsParams],
    ) -> ManyAlbums:
        """Several albums, ``{"albums": [...]}`` in input order (``None`` for an unknown id).

        ``GET /albums?ids=`` (any token), 20 ids per request: longer lists are chunked and sent
        concurrently. Deprecated by Spotify (February 2026); with ``app_mode="development"`` it
        sends one ``GET /albums/{id}`` per id instead. kwargs: ``market``. Also available as
        ``get_multiple``, AsyncSpotify's name.
        """
        albums: ManyAlbums = await self._get_several(
            "albums",
            to_ids(album_id_list, "album"),
            kwargs,
            auth_token,
            operation_id="get-multiple-albums",
            method="albums.get_multiple",
            extra_query=extra_query,
        )
        return albums

    get_multiple = get_several
