"""The Markets endpoint group (`client.markets`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Markets(Endpoint):
    """Markets operations of the Spotify Web API."""
