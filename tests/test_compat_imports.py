"""Every import path AsyncSpotify's users write keeps working (section 1 of the contract)."""

from __future__ import annotations

import importlib

import pytest

import async_spotify

CANONICAL = [
    ("async_spotify", ["SpotifyApiClient", "TokenRenewClass"]),
    ("async_spotify.authentification", ["SpotifyAuthorisationToken", "SpotifyCookie"]),
    (
        "async_spotify.authentification.authorization_flows",
        ["AuthorizationCodeFlow", "ClientCredentialsFlow"],
    ),
    (
        "async_spotify.spotify_errors",
        [
            "SpotifyBaseError",
            "SpotifyError",
            "TokenExpired",
            "RateLimitExceeded",
            "SpotifyAPIError",
        ],
    ),
    ("async_spotify.authentification.spotify_authorization_token", ["SpotifyAuthorisationToken"]),
    (
        "async_spotify.authentification.authorization_flows.authorization_code_flow",
        ["AuthorizationCodeFlow"],
    ),
    (
        "async_spotify.authentification.authorization_flows.client_credentials_flow",
        ["ClientCredentialsFlow"],
    ),
    (
        "async_spotify.authentification.authorization_flows.authorization_flow",
        ["AuthorizationFlow"],
    ),
    ("async_spotify.authentification.spotify_cookies", ["SpotifyCookie"]),
    ("async_spotify.api._response_status", ["ResponseStatus"]),
    ("async_spotify.token_renew_class", ["TokenRenewClass"]),
    ("async_spotify.api.spotify_api_client", ["SpotifyApiClient"]),
    ("async_spotify.api._api_request_maker", ["ApiRequestHandler"]),
    ("async_spotify.api._endpoints.endpoint", ["Endpoint"]),
    ("async_spotify._error_message", ["ErrorMessage"]),
]


@pytest.mark.parametrize(("module", "names"), CANONICAL)
def test_import_path(module: str, names: list[str]) -> None:
    imported = importlib.import_module(module)
    for name in names:
        assert getattr(imported, name) is not None


def test_top_level_reexports_are_the_same_objects() -> None:
    """Upstream issue #26: ``from async_spotify import AuthorizationCodeFlow`` works."""
    from async_spotify.authentification import SpotifyAuthorisationToken, SpotifyCookie
    from async_spotify.authentification.authorization_flows import (
        AuthorizationCodeFlow,
        ClientCredentialsFlow,
    )
    from async_spotify.spotify_errors import SpotifyBaseError

    assert async_spotify.AuthorizationCodeFlow is AuthorizationCodeFlow
    assert async_spotify.ClientCredentialsFlow is ClientCredentialsFlow
    assert async_spotify.SpotifyAuthorisationToken is SpotifyAuthorisationToken
    assert async_spotify.SpotifyCookie is SpotifyCookie
    assert async_spotify.SpotifyBaseError is SpotifyBaseError
    assert set(async_spotify.__all__) <= set(dir(async_spotify))
