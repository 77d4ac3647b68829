"""The Library endpoint group (`client.library`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Library(Endpoint):
    """Library operations of the Spotify Web API."""
