"""The Browse endpoint group (``client.browse``): new releases, categories, recommendations.

Every operation here is deprecated by Spotify: featured and category playlists,
recommendations and genre seeds since November 2024, new releases and categories since
February 2026. Extended-quota apps keep them; each call warns with a DeprecationWarning.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack
from urllib.parse import quote

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import SpotifyKind, to_ids
from async_spotify.spotify_errors import InvalidRequestError
from async_spotify.types import (
    CategoryObject,
    ManyGenres,
    PagedAlbums,
    PagedCategories,
    PagingFeaturedPlaylistObject,
    RecommendationsObject,
)
from async_spotify.types.parameters import (
    GetACategoriesPlaylistsParams,
    GetACategoryParams,
    GetCategoriesParams,
    GetFeaturedPlaylistsParams,
    GetNewReleasesParams,
    GetRecommendationsParams,
)

#: Spotify takes up to five seeds in any combination of artists, genres and tracks.
MAX_SEEDS = 5
_SEED_KINDS: dict[str, SpotifyKind] = {"seed_artists": "artist", "seed_tracks": "track"}


class Browse(Endpoint):
    """Spotify's editorial browse catalog and recommendations."""

    async def get_new_releases(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetNewReleasesParams],
    ) -> PagedAlbums:
        """New album releases, ``{"albums": paging}``. ``GET /browse/new-releases`` (any token).

        kwargs: ``limit`` (at most 50), ``offset``. Deprecated (February 2026).
        """
        query = self._query("get-new-releases", kwargs, extra=extra_query)
        self._deprecated("browse.get_new_releases", None)
        return await self._request(
            "GET", "/browse/new-releases", query=query, auth_token=auth_token, result=PagedAlbums
        )

    async def get_featured_playlists(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetFeaturedPlaylistsParams],
    ) -> PagingFeaturedPlaylistObject:
        """Featured playlists, ``{"message", "playlists": paging}``.

        ``GET /browse/featured-playlists`` (any token). kwargs: ``locale``, ``limit`` (at most
        50), ``offset``. Deprecated (November 2024).
        """
        query = self._query("get-featured-playlists", kwargs, extra=extra_query)
        self._deprecated("browse.get_featured_playlists", None)
        return await self._request(
            "GET",
            "/browse/featured-playlists",
            query=query,
            auth_token=auth_token,
            result=PagingFeaturedPlaylistObject,
        )

    async def get_categories(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetCategoriesParams],
    ) -> PagedCategories:
        """Browse categories, ``{"categories": paging}``. ``GET /browse/categories`` (any token).

        kwargs: ``locale``, ``limit`` (at most 50), ``offset``. Deprecated (February 2026).
        """
        query = self._query("get-categories", kwargs, extra=extra_query)
        self._deprecated("browse.get_categories", None)
        return await self._request(
            "GET", "/browse/categories", query=query, auth_token=auth_token, result=PagedCategories
        )

    async def get_category(
        self,
        category_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetACategoryParams],
    ) -> CategoryObject:
        """One category. ``GET /browse/categories/{category_id}`` (any token).

        kwargs: ``locale``. Deprecated (February 2026).
        Also available as ``get_single_category``, AsyncSpotify's name.
        """
        path = f"/browse/categories/{_category_id(category_id)}"
        query = self._query("get-a-category", kwargs, extra=extra_query)
        self._deprecated("browse.get_single_category", None)
        return await self._request(
            "GET", path, query=query, auth_token=auth_token, result=CategoryObject
        )

    get_single_category = get_category

    async def get_category_playlists(
        self,
        category_id: str,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetACategoriesPlaylistsParams],
    ) -> PagingFeaturedPlaylistObject:
        """A category's playlists, ``{"message", "playlists": paging}``.

        ``GET /browse/categories/{category_id}/playlists`` (any token). kwargs: ``limit`` (at
        most 50), ``offset``. Deprecated (November 2024).
        """
        path = f"/browse/categories/{_category_id(category_id)}/playlists"
        query = self._query("get-a-categories-playlists", kwargs, extra=extra_query)
        self._deprecated("browse.get_category_playlists", None)
        return await self._request(
            "GET", path, query=query, auth_token=auth_token, result=PagingFeaturedPlaylistObject
        )

    async def get_recommendations(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetRecommendationsParams],
    ) -> RecommendationsObject:
        """Tracks recommended from seeds, ``{"seeds", "tracks"}``.

        ``GET /recommendations`` (any token). kwargs: ``seed_artists``, ``seed_tracks`` (ids,
        URIs or URLs), ``seed_genres`` (1 to 5 seeds in all, lists or comma-separated strings),
        ``limit`` (at most 100), ``market``, and the ``min_*``/``max_*``/``target_*`` tunables.
        Deprecated (November 2024).
        Also available as ``get_recommendation_by_seed``, AsyncSpotify's name.
        """
        query = self._query("get-recommendations", _normalised_seeds(kwargs), extra=extra_query)
        self._deprecated("browse.get_recommendation_by_seed", None)
        return await self._request(
            "GET",
            "/recommendations",
            query=query,
            auth_token=auth_token,
            result=RecommendationsObject,
        )

    get_recommendation_by_seed = get_recommendations

    async def get_genre_seeds(
        self, auth_token: SpotifyAuthorisationToken | None = None
    ) -> ManyGenres:
        """The genres usable as ``seed_genres``, ``{"genres": [...]}``.

        ``GET /recommendations/available-genre-seeds`` (any token). Deprecated (November 2024).
        """
        self._deprecated("browse.get_genre_seeds", None)
        return await self._request(
            "GET",
            "/recommendations/available-genre-seeds",
            auth_token=auth_token,
            result=ManyGenres,
        )


def _category_id(category_id: object) -> str:
    """A category id as a path segment (free-form: ``party``, ``0JQ5DAt0tbjZptfcdMSKl3``)."""
    if not isinstance(category_id, str) or not category_id.strip() or "/" in category_id:
        raise InvalidRequestError(
            f"a category id must be a non-empty string without '/', not {category_id!r}"
        )
    return quote(category_id.strip(), safe="")


def _normalised_seeds(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``kwargs`` with the seeds as lists of ids, checked to be 1 to 5 in all."""
    query = dict(kwargs)
    count = 0
    for name in ("seed_artists", "seed_tracks", "seed_genres"):
        value = query.get(name)
        if value is None:
            continue
        kind = _SEED_KINDS.get(name)
        if kind is not None:
            seeds = to_ids(value, kind)
        elif isinstance(value, str):
            seeds = [genre.strip() for genre in value.split(",") if genre.strip()]
        else:
            seeds = list(value)
            for genre in seeds:
                if not isinstance(genre, str) or not genre:
                    raise InvalidRequestError(f"seed_genres must be strings, not {genre!r}")
        query[name] = seeds
        count += len(seeds)
    if not 1 <= count <= MAX_SEEDS:
        raise InvalidRequestError(
            f"recommendations need 1 to {MAX_SEEDS} seeds (seed_artists, seed_genres, "
            f"seed_tracks together), not {count}"
        )
    return query
