"""The Shows endpoint group (`client.shows`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Shows(Endpoint):
    """Shows operations of the Spotify Web API."""
