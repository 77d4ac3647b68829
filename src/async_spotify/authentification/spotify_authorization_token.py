"""AsyncSpotify's import path for the token."""

from async_spotify.auth.token import SpotifyAuthorisationToken

__all__ = ["SpotifyAuthorisationToken"]
