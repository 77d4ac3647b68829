"""async_spotify: an asyncio client for the Spotify Web API, with an offline emulator.

A drop-in successor of AsyncSpotify: the same names and import paths, with PKCE, a truthful
token lifecycle, every current Web API operation, and one error tree.
"""

from async_spotify.auth.cookies import SpotifyCookie
from async_spotify.auth.flows import (
    AuthorizationCodeFlow,
    AuthorizationFlow,
    ClientCredentialsFlow,
    PKCEFlow,
)
from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.client import SpotifyApiClient
from async_spotify.spotify_errors import (
    AuthorizationError,
    BadRequestError,
    ForbiddenError,
    InvalidGrantError,
    InvalidInputError,
    InvalidResponseError,
    NotFoundError,
    RateLimitExceeded,
    ReauthorizationRequired,
    ServerError,
    SpotifyAPIError,
    SpotifyBaseError,
    SpotifyConnectionError,
    SpotifyError,
    SpotifyTimeoutError,
    SpotifyTransportError,
    StateMismatchError,
    TokenExpired,
)
from async_spotify.token_renew_class import TokenRenewClass

__title__ = "async_spotify"
__version__ = "1.0.0"

__all__ = [
    "AuthorizationCodeFlow",
    "AuthorizationError",
    "AuthorizationFlow",
    "BadRequestError",
    "ClientCredentialsFlow",
    "ForbiddenError",
    "InvalidGrantError",
    "InvalidInputError",
    "InvalidResponseError",
    "NotFoundError",
    "PKCEFlow",
    "RateLimitExceeded",
    "ReauthorizationRequired",
    "ServerError",
    "SpotifyAPIError",
    "SpotifyApiClient",
    "SpotifyAuthorisationToken",
    "SpotifyBaseError",
    "SpotifyConnectionError",
    "SpotifyCookie",
    "SpotifyError",
    "SpotifyTimeoutError",
    "SpotifyTransportError",
    "StateMismatchError",
    "TokenExpired",
    "TokenRenewClass",
]
