"""AsyncSpotify's import path for PKCEFlow."""

from async_spotify.auth.flows import PKCEFlow

__all__ = ["PKCEFlow"]
