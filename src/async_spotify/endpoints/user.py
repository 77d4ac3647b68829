"""The User endpoint group (`client.user`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class User(Endpoint):
    """User operations of the Spotify Web API."""
