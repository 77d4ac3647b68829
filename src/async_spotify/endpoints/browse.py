"""The Browse endpoint group (`client.browse`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Browse(Endpoint):
    """Browse operations of the Spotify Web API."""
