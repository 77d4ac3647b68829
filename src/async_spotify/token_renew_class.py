"""The hook that renews a client's token when Spotify answers 401 (AsyncSpotify's API)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from async_spotify.auth.token import SpotifyAuthorisationToken

if TYPE_CHECKING:
    from async_spotify.client import SpotifyApiClient


class TokenRenewer(Protocol):
    """Anything with ``async __call__(client) -> SpotifyAuthorisationToken`` (duck typing)."""

    async def __call__(self, spotify_api_client: SpotifyApiClient) -> SpotifyAuthorisationToken: ...


class TokenRenewClass:
    """Renew the token with the client's own flow.

    With an authorization code or PKCE flow it refreshes the token; with the client credentials
    flow (which has no refresh token) it requests a new client token.
    """

    async def __call__(self, spotify_api_client: SpotifyApiClient) -> SpotifyAuthorisationToken:
        return await spotify_api_client.renew_internal_token()
