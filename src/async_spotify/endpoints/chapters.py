"""The Chapters endpoint group (`client.chapters`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Chapters(Endpoint):
    """Chapters operations of the Spotify Web API."""
