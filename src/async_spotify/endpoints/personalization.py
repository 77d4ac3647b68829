"""The Personalization endpoint group (`client.personalization`)."""

from __future__ import annotations

from async_spotify.endpoints.endpoint import Endpoint


class Personalization(Endpoint):
    """Personalization operations of the Spotify Web API."""
