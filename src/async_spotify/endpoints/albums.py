"""The Albums endpoint group (``client.albums``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import to_id, to_ids
from async_spotify.types import AlbumObject, ManyAlbums, PagingSimplifiedTrackObject


class Albums(Endpoint):
    """Albums of the catalog. Saved albums are in ``client.library``."""

    async def get_one(
        self, album_id: str, auth_token: SpotifyAuthorisationToken | None = None, **kwargs: Any
    ) -> AlbumObject:
        """One album. ``GET /albums/{id}`` (any token). kwargs: ``market``."""
        query = self._query("get-an-album", kwargs)
        album: AlbumObject = await self._request(
            "GET", f"/albums/{to_id(album_id, 'album')}", query=query, auth_token=auth_token
        )
        return album

    async def get_tracks(
        self, album_id: str, auth_token: SpotifyAuthorisationToken | None = None, **kwargs: Any
    ) -> PagingSimplifiedTrackObject:
        """A page of an album's tracks. ``GET /albums/{id}/tracks`` (any token).

        kwargs: ``market``, ``limit`` (at most 50), ``offset``.
        """
        query = self._query("get-an-albums-tracks", kwargs)
        page: PagingSimplifiedTrackObject = await self._request(
            "GET", f"/albums/{to_id(album_id, 'album')}/tracks", query=query, auth_token=auth_token
        )
        return page

    async def get_multiple(
        self,
        album_id_list: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        **kwargs: Any,
    ) -> ManyAlbums:
        """Several albums, ``{"albums": [...]}`` in input order (``None`` for an unknown id).

        ``GET /albums?ids=`` (any token), 20 ids per request: longer lists are chunked and sent
        concurrently. Deprecated by Spotify (February 2026); with ``app_mode="development"`` it
        sends one ``GET /albums/{id}`` per id instead. kwargs: ``market``.
        """
        albums: ManyAlbums = await self._get_several(
            "albums",
            to_ids(album_id_list, "album"),
            kwargs,
            auth_token,
            operation_id="get-multiple-albums",
            method="albums.get_multiple",
        )
        return albums
