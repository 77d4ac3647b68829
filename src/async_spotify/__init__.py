"""async_spotify: an asyncio client for the Spotify Web API, with an offline emulator.

A drop-in successor of AsyncSpotify: the same names and import paths, with PKCE, a truthful
token lifecycle, every current Web API operation, and one error tree.

The names below are imported on first use (PEP 562), so that importing a part of the package
(``async_spotify.spotify_errors``, or the emulator's pytest plugin, which pytest loads in every
run of a project that has the package installed) does not load the client and aiohttp with it.
``from async_spotify import SpotifyApiClient`` works exactly as an eager import would, and so
does ``async_spotify.spotify_errors`` after a bare ``import async_spotify``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from async_spotify.auth.cookies import SpotifyCookie
    from async_spotify.auth.flows import (
        AuthorizationCodeFlow,
        AuthorizationFlow,
        ClientCredentialsFlow,
        PKCEFlow,
    )
    from async_spotify.auth.stores import FileTokenStore, MemoryTokenStore, TokenStore
    from async_spotify.auth.token import SpotifyAuthorisationToken
    from async_spotify.client import SpotifyApiClient
    from async_spotify.endpoints.parameters import UnknownParameterWarning
    from async_spotify.operations import OPERATIONS
    from async_spotify.spotify_errors import (
        AuthorizationDenied,
        AuthorizationError,
        BadRequestError,
        ForbiddenError,
        InvalidGrantError,
        InvalidInputError,
        InvalidRequestError,
        InvalidResponseError,
        LoginTimeoutError,
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
    from async_spotify.transport.retry import RetryPolicy

__title__ = "async_spotify"
__version__ = "1.0.0"

#: Where each public name lives.
_MODULE_OF: dict[str, str] = {
    "SpotifyApiClient": "async_spotify.client",
    "TokenRenewClass": "async_spotify.token_renew_class",
    "AuthorizationCodeFlow": "async_spotify.auth.flows",
    "AuthorizationFlow": "async_spotify.auth.flows",
    "ClientCredentialsFlow": "async_spotify.auth.flows",
    "PKCEFlow": "async_spotify.auth.flows",
    "SpotifyAuthorisationToken": "async_spotify.auth.token",
    "SpotifyCookie": "async_spotify.auth.cookies",
    "TokenStore": "async_spotify.auth.stores",
    "MemoryTokenStore": "async_spotify.auth.stores",
    "FileTokenStore": "async_spotify.auth.stores",
    "RetryPolicy": "async_spotify.transport.retry",
    "OPERATIONS": "async_spotify.operations",
    "UnknownParameterWarning": "async_spotify.endpoints.parameters",
    **dict.fromkeys(
        (
            "AuthorizationDenied",
            "AuthorizationError",
            "BadRequestError",
            "ForbiddenError",
            "InsufficientScopeError",
            "InvalidGrantError",
            "InvalidInputError",
            "InvalidRequestError",
            "InvalidResponseError",
            "LoginTimeoutError",
            "NotFoundError",
            "RateLimitExceeded",
            "ReauthorizationRequired",
            "ServerError",
            "SpotifyAPIError",
            "SpotifyBaseError",
            "SpotifyConnectionError",
            "SpotifyError",
            "SpotifyTimeoutError",
            "SpotifyTransportError",
            "StateMismatchError",
            "TokenExpired",
        ),
        "async_spotify.spotify_errors",
    ),
}

__all__ = [
    "OPERATIONS",
    "AuthorizationCodeFlow",
    "AuthorizationDenied",
    "AuthorizationError",
    "AuthorizationFlow",
    "BadRequestError",
    "ClientCredentialsFlow",
    "FileTokenStore",
    "ForbiddenError",
    "InsufficientScopeError",
    "InvalidGrantError",
    "InvalidInputError",
    "InvalidRequestError",
    "InvalidResponseError",
    "LoginTimeoutError",
    "MemoryTokenStore",
    "NotFoundError",
    "PKCEFlow",
    "RateLimitExceeded",
    "ReauthorizationRequired",
    "RetryPolicy",
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
    "TokenStore",
    "UnknownParameterWarning",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif not name.startswith("_"):
        # AsyncSpotify's eager imports made ``import async_spotify`` load its submodules, so
        # ``async_spotify.spotify_errors.TokenExpired`` worked without importing it: it still does.
        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later lookups find it without coming here again
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})
