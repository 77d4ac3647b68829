"""Authorization: flows, tokens, PKCE, cookies and redirect-URI rules."""

from async_spotify.auth.cookies import SpotifyCookie
from async_spotify.auth.flows import (
    AuthorizationCodeFlow,
    AuthorizationFlow,
    ClientCredentialsFlow,
    PKCEFlow,
)
from async_spotify.auth.token import SpotifyAuthorisationToken

__all__ = [
    "AuthorizationCodeFlow",
    "AuthorizationFlow",
    "ClientCredentialsFlow",
    "PKCEFlow",
    "SpotifyAuthorisationToken",
    "SpotifyCookie",
]
