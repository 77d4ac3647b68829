"""The Playlists endpoint group (`client.playlists`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Playlists(Endpoint):
    """Playlists operations of the Spotify Web API."""
