"""The User endpoint group (``client.user``): profiles."""

from __future__ import annotations

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.ids import to_id
from async_spotify.types import PrivateUserObject, PublicUserObject


class User(Endpoint):
    """User profiles."""

    async def me(self, auth_token: SpotifyAuthorisationToken | None = None) -> PrivateUserObject:
        """The current user's profile. ``GET /me`` (``user-read-private`` for ``country``,
        ``product`` and ``explicit_content``, ``user-read-email`` for ``email``)."""
        return await self._request("GET", "/me", auth_token=auth_token, result=PrivateUserObject)

    async def get_one(
        self, user_id: str, auth_token: SpotifyAuthorisationToken | None = None
    ) -> PublicUserObject:
        """A user's public profile. ``GET /users/{user_id}`` (any token).

        Deprecated by Spotify (February 2026), with no replacement.
        """
        path = f"/users/{to_id(user_id, 'user')}"
        self._deprecated("user.get_one", None)
        return await self._request("GET", path, auth_token=auth_token, result=PublicUserObject)
