"""The Artists endpoint group (`client.artists`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Artists(Endpoint):
    """Artists operations of the Spotify Web API."""
