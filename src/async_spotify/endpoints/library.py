"""The Library endpoint group (``client.library``): what the user saved.

Since February 2026 Spotify saves, removes and checks items of every kind through one endpoint,
``/me/library``, which takes Spotify URIs: :meth:`Library.add_items`,
:meth:`Library.remove_items`, :meth:`Library.contains_items`. The type-specific writes and checks
(``PUT /me/albums``, ``GET /me/tracks/contains``, ...) still work for extended-quota apps but are
deprecated: their methods warn and name the replacement. Development-mode apps
(``app_mode="development"``), which lost them, have those methods make the same change through
``/me/library``. Reading the saved items (``GET /me/albums``, ...) is not deprecated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint, NoContent
from async_spotify.ids import SpotifyKind, to_ids, to_uris
from async_spotify.types import (
    ArrayOfBooleans,
    PagingSavedAlbumObject,
    PagingSavedEpisodeObject,
    PagingSavedShowObject,
    PagingSavedTrackObject,
)
from async_spotify.types.parameters import (
    GetUsersSavedAlbumsParams,
    GetUsersSavedEpisodesParams,
    GetUsersSavedShowsParams,
    GetUsersSavedTracksParams,
    RemoveShowsUserParams,
)
from async_spotify.validation import max_items

#: The kinds ``PUT``/``DELETE /me/library`` take (saving a user or a playlist follows it).
SAVE_KINDS: tuple[SpotifyKind, ...] = (
    "track",
    "album",
    "episode",
    "show",
    "audiobook",
    "user",
    "playlist",
)
#: The kinds ``GET /me/library/contains`` takes: the saved ones, and followed artists.
CONTAINS_KINDS: tuple[SpotifyKind, ...] = (*SAVE_KINDS, "artist")

Ids = str | Iterable[str]


class Library(Endpoint):
    """The current user's library: saved tracks, albums, shows, episodes; follows via URIs."""

    # -- /me/library: every kind, by URI -------------------------------------------------------

    async def add_items(
        self, uris: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Save items of any kind to the library (saving a user or playlist follows it).

        ``PUT /me/library`` (``user-library-modify``; ``user-follow-modify`` for users,
        ``playlist-modify-public`` for playlists). ``uris`` are Spotify URIs or open.spotify.com
        URLs of tracks, albums, episodes, shows, audiobooks, users or playlists; they are sent 40
        per request, in order.
        Also available as ``save_items``, the name it had before 0.5.
        """
        return await self._send_chunked(
            "PUT",
            "/me/library",
            to_uris(uris, SAVE_KINDS),
            max_items("save-library-items", "uris"),
            param="uris",
            auth_token=auth_token,
        )

    save_items = add_items

    async def remove_items(
        self, uris: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Remove items of any kind from the library (unfollows users and playlists).

        ``DELETE /me/library`` (``user-library-modify``; ``user-follow-modify`` for users,
        ``playlist-modify-public`` for playlists); 40 URIs per request.
        """
        return await self._send_chunked(
            "DELETE",
            "/me/library",
            to_uris(uris, SAVE_KINDS),
            max_items("remove-library-items", "uris"),
            param="uris",
            auth_token=auth_token,
        )

    async def contains_items(
        self, uris: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> ArrayOfBooleans:
        """Whether each item is in the library (or followed, for artists, users, playlists).

        ``GET /me/library/contains`` (``user-library-read``; ``user-follow-read``,
        ``playlist-read-private``). One bool per URI, in input order; 40 URIs per request,
        sent concurrently.
        """
        result: ArrayOfBooleans = await self._get_chunked(
            "/me/library/contains",
            to_uris(uris, CONTAINS_KINDS),
            max_items("check-library-contains", "uris"),
            key=None,
            param="uris",
            auth_token=auth_token,
        )
        return result

    # -- saved tracks ----------------------------------------------------------------------------

    async def get_tracks(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersSavedTracksParams],
    ) -> PagingSavedTrackObject:
        """The saved tracks. ``GET /me/tracks`` (``user-library-read``).

        kwargs: ``limit`` (≤ 50), ``offset``, ``market``.
        """
        query = self._query("get-users-saved-tracks", kwargs, extra=extra_query)
        return await self._request(
            "GET", "/me/tracks", query=query, auth_token=auth_token, result=PagingSavedTrackObject
        )

    async def add_tracks(
        self, track_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Save tracks. ``PUT /me/tracks`` (``user-library-modify``), ids in the JSON body.

        Deprecated by Spotify: use :meth:`add_items` (development-mode apps are sent there).
        """
        return await self._typed_write(
            "library.add_tracks",
            "PUT",
            "/me/tracks",
            "save-tracks-user",
            "track",
            track_id_list,
            auth_token,
            in_body=True,
        )

    async def remove_tracks(
        self, track_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Remove saved tracks. ``DELETE /me/tracks`` (``user-library-modify``).

        Deprecated by Spotify: use :meth:`remove_items` (development-mode apps are sent there).
        """
        return await self._typed_write(
            "library.remove_tracks",
            "DELETE",
            "/me/tracks",
            "remove-tracks-user",
            "track",
            track_id_list,
            auth_token,
        )

    async def contains_tracks(
        self, track_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> ArrayOfBooleans:
        """Whether each track is saved. ``GET /me/tracks/contains`` (``user-library-read``).

        Deprecated by Spotify: use :meth:`contains_items` (development-mode apps are sent there).
        """
        return await self._typed_contains(
            "library.contains_tracks",
            "/me/tracks/contains",
            "check-users-saved-tracks",
            "track",
            track_id_list,
            auth_token,
        )

    # -- saved albums ----------------------------------------------------------------------------

    async def get_albums(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersSavedAlbumsParams],
    ) -> PagingSavedAlbumObject:
        """The saved albums. ``GET /me/albums`` (``user-library-read``).

        kwargs: ``limit`` (≤ 50), ``offset``, ``market``.
        """
        query = self._query("get-users-saved-albums", kwargs, extra=extra_query)
        return await self._request(
            "GET", "/me/albums", query=query, auth_token=auth_token, result=PagingSavedAlbumObject
        )

    async def add_albums(
        self, album_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Save albums. ``PUT /me/albums`` (``user-library-modify``).

        Also available as ``add_album``, AsyncSpotify's name. Deprecated by Spotify: use
        :meth:`add_items` (development-mode apps are sent there).
        """
        return await self._typed_write(
            "library.add_albums",
            "PUT",
            "/me/albums",
            "save-albums-user",
            "album",
            album_id_list,
            auth_token,
        )

    add_album = add_albums

    async def remove_albums(
        self, album_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Remove saved albums. ``DELETE /me/albums`` (``user-library-modify``).

        Deprecated by Spotify: use :meth:`remove_items` (development-mode apps are sent there).
        """
        return await self._typed_write(
            "library.remove_albums",
            "DELETE",
            "/me/albums",
            "remove-albums-user",
            "album",
            album_id_list,
            auth_token,
        )

    async def contains_albums(
        self, album_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> ArrayOfBooleans:
        """Whether each album is saved. ``GET /me/albums/contains`` (``user-library-read``).

        Deprecated by Spotify: use :meth:`contains_items` (development-mode apps are sent there).
        """
        return await self._typed_contains(
            "library.contains_albums",
            "/me/albums/contains",
            "check-users-saved-albums",
            "album",
            album_id_list,
            auth_token,
        )

    # -- saved shows -----------------------------------------------------------------------------

    async def get_shows(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersSavedShowsParams],
    ) -> PagingSavedShowObject:
        """The saved shows. ``GET /me/shows`` (``user-library-read``).

        kwargs: ``limit`` (≤ 50), ``offset``.
        """
        query = self._query("get-users-saved-shows", kwargs, extra=extra_query)
        return await self._request(
            "GET", "/me/shows", query=query, auth_token=auth_token, result=PagingSavedShowObject
        )

    async def add_shows(
        self, show_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Save shows. ``PUT /me/shows`` (``user-library-modify``).

        Deprecated by Spotify: use :meth:`add_items` (development-mode apps are sent there).
        """
        return await self._typed_write(
            "library.add_shows",
            "PUT",
            "/me/shows",
            "save-shows-user",
            "show",
            show_id_list,
            auth_token,
        )

    async def remove_shows(
        self,
        show_id_list: Ids,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[RemoveShowsUserParams],
    ) -> NoContent:
        """Remove saved shows. ``DELETE /me/shows`` (``user-library-modify``). kwargs: ``market``.

        Deprecated by Spotify: use :meth:`remove_items` (development-mode apps are sent there,
        without the ``market``, which ``/me/library`` does not take).
        """
        return await self._typed_write(
            "library.remove_shows",
            "DELETE",
            "/me/shows",
            "remove-shows-user",
            "show",
            show_id_list,
            auth_token,
            query=self._query("remove-shows-user", kwargs, extra=extra_query, reserved=("ids",)),
        )

    async def contains_shows(
        self, show_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> ArrayOfBooleans:
        """Whether each show is saved. ``GET /me/shows/contains`` (``user-library-read``).

        Deprecated by Spotify: use :meth:`contains_items` (development-mode apps are sent there).
        """
        return await self._typed_contains(
            "library.contains_shows",
            "/me/shows/contains",
            "check-users-saved-shows",
            "show",
            show_id_list,
            auth_token,
        )

    # -- saved episodes --------------------------------------------------------------------------

    async def get_episodes(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetUsersSavedEpisodesParams],
    ) -> PagingSavedEpisodeObject:
        """The saved episodes. ``GET /me/episodes``
        (``user-library-read``, ``user-read-playback-position``).

        kwargs: ``limit`` (≤ 50), ``offset``, ``market``.
        """
        query = self._query("get-users-saved-episodes", kwargs, extra=extra_query)
        return await self._request(
            "GET",
            "/me/episodes",
            query=query,
            auth_token=auth_token,
            result=PagingSavedEpisodeObject,
        )

    async def add_episodes(
        self, episode_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Save episodes. ``PUT /me/episodes`` (``user-library-modify``).

        Deprecated by Spotify: use :meth:`add_items` (development-mode apps are sent there).
        """
        return await self._typed_write(
            "library.add_episodes",
            "PUT",
            "/me/episodes",
            "save-episodes-user",
            "episode",
            episode_id_list,
            auth_token,
        )

    async def remove_episodes(
        self, episode_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Remove saved episodes. ``DELETE /me/episodes`` (``user-library-modify``).

        Deprecated by Spotify: use :meth:`remove_items` (development-mode apps are sent there).
        """
        return await self._typed_write(
            "library.remove_episodes",
            "DELETE",
            "/me/episodes",
            "remove-episodes-user",
            "episode",
            episode_id_list,
            auth_token,
        )

    async def contains_episodes(
        self, episode_id_list: Ids, auth_token: SpotifyAuthorisationToken | None = None
    ) -> ArrayOfBooleans:
        """Whether each episode is saved. ``GET /me/episodes/contains`` (``user-library-read``).

        Deprecated by Spotify: use :meth:`contains_items` (development-mode apps are sent there).
        """
        return await self._typed_contains(
            "library.contains_episodes",
            "/me/episodes/contains",
            "check-users-saved-episodes",
            "episode",
            episode_id_list,
            auth_token,
        )

    # -- the type-specific endpoints behind the deprecated methods -------------------------------

    async def _typed_write(
        self,
        method: str,
        http_method: str,
        path: str,
        operation_id: str,
        kind: SpotifyKind,
        values: Ids,
        auth_token: SpotifyAuthorisationToken | None,
        *,
        in_body: bool = False,
        query: Mapping[str, object] | None = None,
    ) -> NoContent:
        """Save (PUT) or remove (DELETE) ``values`` of ``kind`` at a type-specific ``path``.

        Development-mode apps lost these endpoints in February 2026: for them the same change is
        made through ``/me/library`` instead. Others are warned that the method is deprecated.
        """
        replacement = self.save_items if http_method == "PUT" else self.remove_items
        if self.app_mode == "development":
            return await replacement(to_uris(values, kind), auth_token)
        self._deprecated(method, f"library.{replacement.__name__}", stacklevel=4)
        location = "body" if in_body else "query"
        return await self._send_chunked(
            http_method,
            path,
            to_ids(values, kind),
            max_items(operation_id, "ids", location),
            query=query,
            in_body=in_body,
            auth_token=auth_token,
        )

    async def _typed_contains(
        self,
        method: str,
        path: str,
        operation_id: str,
        kind: SpotifyKind,
        values: Ids,
        auth_token: SpotifyAuthorisationToken | None,
    ) -> ArrayOfBooleans:
        """Check ``values`` of ``kind`` at a type-specific ``path`` (``/me/library/contains`` for
        development-mode apps, which lost those endpoints)."""
        if self.app_mode == "development":
            return await self.contains_items(to_uris(values, kind), auth_token)
        self._deprecated(method, "library.contains_items", stacklevel=4)
        result: ArrayOfBooleans = await self._get_chunked(
            path,
            to_ids(values, kind),
            max_items(operation_id, "ids", "query"),
            key=None,
            auth_token=auth_token,
        )
        return result
