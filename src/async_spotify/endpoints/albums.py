"""The Albums endpoint group (`client.albums`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Albums(Endpoint):
    """Albums operations of the Spotify Web API."""
