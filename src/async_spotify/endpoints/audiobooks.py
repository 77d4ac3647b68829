"""The Audiobooks endpoint group (`client.audiobooks`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Audiobooks(Endpoint):
    """Audiobooks operations of the Spotify Web API."""
