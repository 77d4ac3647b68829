"""The Follow endpoint group (`client.follow`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Follow(Endpoint):
    """Follow operations of the Spotify Web API."""
