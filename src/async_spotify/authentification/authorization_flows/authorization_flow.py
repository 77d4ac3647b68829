"""AsyncSpotify's import path for AuthorizationFlow."""

from async_spotify.auth.flows import AuthorizationFlow

__all__ = ["AuthorizationFlow"]
