"""The Track endpoint group (`client.tracks`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Track(Endpoint):
    """Track operations of the Spotify Web API."""
