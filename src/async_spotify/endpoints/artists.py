"""The Artists endpoint group (``client.artists``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import to_id, to_ids
from async_spotify.types import (
    ArtistObject,
    ManyArtists,
    ManyTracks,
    PagingArtistDiscographyAlbumObject,
)
from async_spotify.types.parameters import (
    GetAnArtistParams,
    GetAnArtistsAlbumsParams,
    GetAnArtistsRelatedArtistsParams,
    GetAnArtistsTopTracksParams,
    GetMultipleArtistsParams,
)


class Artists(Endpoint):
    """Artists of the catalog. Followed artists are in ``client.follow``."""

    async def get_one(
        self,
        artist_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAnArtistParams],
    ) -> ArtistObject:
        """One artist. ``GET /artists/{id}`` (any token)."""
        query = self._query("get-an-artist", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/artists/{to_id(artist_id, 'artist')}",
            query=query,
            auth_token=auth_token,
            result=ArtistObject,
        )

    async def get_albums(
        self,
        artist_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAnArtistsAlbumsParams],
    ) -> PagingArtistDiscographyAlbumObject:
        """A page of an artist's albums. ``GET /artists/{id}/albums`` (any token).

        kwargs: ``include_groups`` (album, single, appears_on, compilation), ``market``,
        ``limit`` (at most 10 since February 2026), ``offset``.
        Also available as ``get_album_list``, AsyncSpotify's name.
        """
        query = self._query("get-an-artists-albums", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            f"/artists/{to_id(artist_id, 'artist')}/albums",
            query=query,
            auth_token=auth_token,
            result=PagingArtistDiscographyAlbumObject,
        )

    get_album_list = get_albums

    async def get_top_tracks(
        self,
        artist_id: str,
        country: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAnArtistsTopTracksParams],
    ) -> ManyTracks:
        """An artist's top tracks in a market, ``{"tracks": [...]}``.

        ``GET /artists/{id}/top-tracks`` (any token). ``country`` is sent as ``market`` (the
        parameter's current name; an ISO 3166-1 alpha-2 code or ``from_token``). Deprecated by
        Spotify (February 2026), with no replacement.
        """
        path = f"/artists/{to_id(artist_id, 'artist')}/top-tracks"
        query = self._query("get-an-artists-top-tracks", kwargs, extra=extra_query, market=country)
        self._deprecated("artists.get_top_tracks", None)
        return await self._request(
            "GET", path, query=query, auth_token=auth_token, result=ManyTracks
        )

    async def get_similar(
        self,
        artist_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetAnArtistsRelatedArtistsParams],
    ) -> ManyArtists:
        """Artists similar to an artist, ``{"artists": [...]}``.

        ``GET /artists/{id}/related-artists`` (any token). Deprecated by Spotify (November
        2024), with no replacement.
        """
        path = f"/artists/{to_id(artist_id, 'artist')}/related-artists"
        query = self._query("get-an-artists-related-artists", kwargs, extra=extra_query)
        self._deprecated("artists.get_similar", None)
        return await self._request(
            "GET", path, query=query, auth_token=auth_token, result=ManyArtists
        )

    async def get_several(
        self,
        artist_id_list: str | Iterable[str],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetMultipleArtistsParams],
    ) -> ManyArtists:
        """Several artists, ``{"artists": [...]}`` in input order (``None`` for an unknown id).

        ``GET /artists?ids=`` (any token), 50 ids per request: longer lists are chunked and sent
        concurrently. Deprecated by Spotify (February 2026); with ``app_mode="development"`` it
        sends one ``GET /artists/{id}`` per id instead.
        """
        artists: ManyArtists = await self._get_several(
            "artists",
            to_ids(artist_id_list, "artist"),
            kwargs,
            auth_token,
            operation_id="get-multiple-artists",
            method="artists.get_several",
            extra_query=extra_query,
        )
        return artists
