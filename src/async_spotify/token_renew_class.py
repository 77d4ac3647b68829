"""The hook that renews a client's token when Spotify answers 401 (AsyncSpotify's API).

The token manager knows nothing of clients: :func:`bind_renewer` is the adapter that turns a
hook called with the client into the manager's ``renew_hook``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from async_spotify.auth.manager import Renewer
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


def bind_renewer(hook: TokenRenewer | None, client: SpotifyApiClient | None) -> Renewer | None:
    """``hook`` called with ``client``, as the token manager's ``renew_hook`` (None without a
    hook, or without a client to call it with)."""
    if hook is None or client is None:
        return None
    bound_client = client

    async def renew() -> SpotifyAuthorisationToken:
        return await hook(bound_client)

    return renew
