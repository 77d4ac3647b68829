"""AsyncSpotify's import path for ClientCredentialsFlow."""

from async_spotify.auth.flows import ClientCredentialsFlow

__all__ = ["ClientCredentialsFlow"]
