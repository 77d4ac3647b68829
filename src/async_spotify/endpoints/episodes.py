"""The Episodes endpoint group (`client.episodes`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Episodes(Endpoint):
    """Episodes operations of the Spotify Web API."""
