"""The Markets endpoint group (``client.markets``)."""

from __future__ import annotations

from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints.endpoint import Endpoint
from async_spotify.types import Markets as MarketList


class Markets(Endpoint):
    """The countries where Spotify is available."""

    async def get_available(
        self, auth_token: SpotifyAuthorisationToken | None = None
    ) -> MarketList:
        """The markets Spotify is available in, ``{"markets": ["AD", ...]}``.

        ``GET /markets`` (any token). Deprecated by Spotify (February 2026), with no replacement.
        """
        self._deprecated("markets.get_available", None)
        return await self._request("GET", "/markets", auth_token=auth_token, result=MarketList)
