"""The Player endpoint group (`client.player`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Player(Endpoint):
    """Player operations of the Spotify Web API."""
