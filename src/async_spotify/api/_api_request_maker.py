"""AsyncSpotify's import path for the request handler (the chokepoint)."""

from async_spotify.request_handler import ApiRequestHandler

__all__ = ["ApiRequestHandler"]
