"""AsyncSpotify's ``async_spotify.api`` package, kept for its import paths."""

from async_spotify.client import SpotifyApiClient

__all__ = ["SpotifyApiClient"]
