"""The Search endpoint group (`client.search`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Search(Endpoint):
    """Search operations of the Spotify Web API."""
