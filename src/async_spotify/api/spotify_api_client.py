"""AsyncSpotify's import path for the client."""

from async_spotify.client import SpotifyApiClient

__all__ = ["SpotifyApiClient"]
