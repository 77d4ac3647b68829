"""AsyncSpotify's import path for AuthorizationCodeFlow."""

from async_spotify.auth.flows import AuthorizationCodeFlow

__all__ = ["AuthorizationCodeFlow"]
