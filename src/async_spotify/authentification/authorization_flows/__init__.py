"""AsyncSpotify's import path for the authorization flows."""

from async_spotify.auth.flows import (
    AuthorizationCodeFlow,
    AuthorizationFlow,
    ClientCredentialsFlow,
    PKCEFlow,
)

__all__ = ["AuthorizationCodeFlow", "AuthorizationFlow", "ClientCredentialsFlow", "PKCEFlow"]
