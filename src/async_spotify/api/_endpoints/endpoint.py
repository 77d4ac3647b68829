"""AsyncSpotify's import path for the endpoint base class."""

from async_spotify.endpoints.endpoint import Endpoint

__all__ = ["Endpoint"]
