"""The Follow endpoint group (``client.follow``): artists, users and playlists the user follows.

Only reading the followed artists (``GET /me/following``) is current; following, unfollowing and
the checks were deprecated by Spotify in February 2026 in favour of ``/me/library`` with URIs
(``client.library.add_items``, ``remove_items``, ``contains_items``). Those methods warn and name
their replacement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Unpack

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint, NoContent
from async_spotify.ids import parse_kind, to_id, to_ids
from async_spotify.spotify_errors import InvalidRequestError
from async_spotify.types import ArrayOfBooleans, CursorPagedArtists
from async_spotify.types.parameters import (
    FollowedType,
    FollowType,
    GetFollowedParams,
)
from async_spotify.validation import check_query, max_items

Ids = str | Iterable[str]


class Follow(Endpoint):
    """Following artists, users and playlists."""

    async def get_followed_artist(
        self,
        follow_type: FollowedType = "artist",
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        extra_query: Mapping[str, object] | None = None,
        **kwargs: Unpack[GetFollowedParams],
    ) -> CursorPagedArtists:
        """The artists the user follows, cursor-paged. ``GET /me/following`` (``user-follow-read``).

        ``follow_type`` can only be ``"artist"``. kwargs: ``after`` (the last artist id seen),
        ``limit`` (≤ 50).
        """
        query = self._query("get-followed", kwargs, extra=extra_query, type=follow_type)
        return await self._request(
            "GET", "/me/following", query=query, auth_token=auth_token, result=CursorPagedArtists
        )

    async def follow_artist_or_user(
        self,
        follow_type: FollowType,
        spotify_user_id_list: Ids,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> NoContent:
        """Follow artists or users. ``PUT /me/following`` (``user-follow-modify``).

        ``follow_type`` is ``"artist"`` or ``"user"``; 50 ids per request. Deprecated by
        Spotify: use ``library.add_items`` with ``spotify:user:...`` URIs.
        """
        self._deprecated("follow.follow_artist_or_user", "library.add_items")
        return await self._send_chunked(
            "PUT",
            "/me/following",
            self._ids_of_type("follow-artists-users", follow_type, spotify_user_id_list),
            max_items("follow-artists-users", "ids", "query"),
            query={"type": follow_type},
            auth_token=auth_token,
        )

    async def unfollow_artist_or_user(
        self,
        follow_type: FollowType,
        spotify_user_id_list: Ids,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> NoContent:
        """Unfollow artists or users. ``DELETE /me/following`` (``user-follow-modify``).

        Deprecated by Spotify: use ``library.remove_items``.
        """
        self._deprecated("follow.unfollow_artist_or_user", "library.remove_items")
        return await self._send_chunked(
            "DELETE",
            "/me/following",
            self._ids_of_type("unfollow-artists-users", follow_type, spotify_user_id_list),
            max_items("unfollow-artists-users", "ids", "query"),
            query={"type": follow_type},
            auth_token=auth_token,
        )

    async def contains(
        self,
        follow_type: FollowType,
        id_list: Ids,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> ArrayOfBooleans:
        """Whether the user follows each artist or user, in input order.

        ``GET /me/following/contains`` (``user-follow-read``). Deprecated by Spotify: use
        ``library.contains_items``.
        Also available as ``check_follow``, AsyncSpotify's name.
        """
        self._deprecated("follow.check_follow", "library.contains_items")
        result: ArrayOfBooleans = await self._get_chunked(
            "/me/following/contains",
            self._ids_of_type("check-current-user-follows", follow_type, id_list),
            max_items("check-current-user-follows", "ids", "query"),
            key=None,
            query={"type": follow_type},
            auth_token=auth_token,
        )
        return result

    check_follow = contains

    async def follow_playlist(
        self,
        playlist_id: str,
        public: bool = True,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> NoContent:
        """Follow a playlist, shown on the user's profile if ``public``.

        ``PUT /playlists/{playlist_id}/followers`` (``playlist-modify-public`` or ``-private``).
        Deprecated by Spotify: use ``library.add_items`` with the playlist URI.
        """
        self._deprecated("follow.follow_playlist", "library.add_items")
        if not isinstance(public, bool):
            raise InvalidRequestError(f"public must be True or False, not {public!r}")
        return await self._request(
            "PUT",
            f"/playlists/{to_id(playlist_id, 'playlist')}/followers",
            body={"public": public},
            auth_token=auth_token,
            result=NoContent,
        )

    async def unfollow_playlist(
        self, playlist_id: str, auth_token: SpotifyAuthorisationToken | None = None
    ) -> NoContent:
        """Unfollow a playlist (for a playlist the user owns, this is how it is deleted).

        ``DELETE /playlists/{playlist_id}/followers`` (``playlist-modify-public`` or
        ``-private``). Deprecated by Spotify: use ``library.remove_items`` with the playlist URI.
        """
        self._deprecated("follow.unfollow_playlist", "library.remove_items")
        return await self._request(
            "DELETE",
            f"/playlists/{to_id(playlist_id, 'playlist')}/followers",
            auth_token=auth_token,
            result=NoContent,
        )

    async def contains_playlist(
        self,
        playlist_id: str,
        spotify_user_id_list: Ids,
        auth_token: SpotifyAuthorisationToken | None = None,
    ) -> ArrayOfBooleans:
        """Whether each user follows the playlist, in input order.

        ``GET /playlists/{playlist_id}/followers/contains`` (any token). Spotify answers for one
        user per request; the requests are sent concurrently. Deprecated by Spotify: use
        ``library.contains_items`` with the playlist URI (for the current user).
        Also available as ``check_follow_playlist``, AsyncSpotify's name.
        """
        self._deprecated("follow.check_follow_playlist", "library.contains_items")
        path = f"/playlists/{to_id(playlist_id, 'playlist')}/followers/contains"
        result: ArrayOfBooleans = await self._get_chunked(
            path,
            to_ids(spotify_user_id_list, "user"),
            max_items("check-if-user-follows-playlist", "ids", "query"),
            key=None,
            auth_token=auth_token,
        )
        return result

    check_follow_playlist = contains_playlist

    @staticmethod
    def _ids_of_type(operation_id: str, follow_type: str, ids: Ids) -> list[str]:
        """Check ``follow_type`` (``artist`` or ``user``) and read ``ids`` as ids of that kind."""
        check_query(operation_id, {"type": follow_type})
        return to_ids(ids, parse_kind(follow_type))
