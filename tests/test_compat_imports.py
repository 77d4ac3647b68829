"""Every import path AsyncSpotify's users write keeps working (section 1 of the contract)."""

from __future__ import annotations

import importlib
import subprocess
import sys

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


def test_the_resilience_and_operation_names_are_exported_at_the_top() -> None:
    from async_spotify.auth.stores import FileTokenStore, MemoryTokenStore, TokenStore
    from async_spotify.operations import OPERATIONS
    from async_spotify.transport.retry import RetryPolicy

    assert async_spotify.RetryPolicy is RetryPolicy
    assert async_spotify.TokenStore is TokenStore
    assert async_spotify.MemoryTokenStore is MemoryTokenStore
    assert async_spotify.FileTokenStore is FileTokenStore
    assert async_spotify.OPERATIONS is OPERATIONS
    assert "Emulator" not in async_spotify.__all__  # the emulator stays out of the client
    with pytest.raises(AttributeError, match="has no attribute 'Emulator'"):
        _ = async_spotify.Emulator


def test_every_exported_name_resolves_and_nothing_else_does() -> None:
    for name in async_spotify.__all__:
        assert getattr(async_spotify, name) is not None
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        _ = async_spotify.no_such_name


IMPORTED_AFTER = """
import sys
{statement}
print(sorted(name for name in ("aiohttp", "async_spotify.client") if name in sys.modules))
"""


@pytest.mark.parametrize(
    ("statement", "loaded"),
    [
        ("import async_spotify", []),
        ("import async_spotify.spotify_errors", []),
        ("import async_spotify.emulator.pytest_plugin", []),
        ("from async_spotify import SpotifyApiClient", ["aiohttp", "async_spotify.client"]),
        (
            "import async_spotify; async_spotify.spotify_errors.TokenExpired",
            [],
        ),
    ],
)
def test_importing_the_package_loads_the_client_only_when_it_is_used(
    statement: str, loaded: list[str]
) -> None:
    """pytest loads the emulator's plugin in every run of a project that has the package: that
    must not cost an import of aiohttp and the client."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORTED_AFTER.format(statement=statement)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == repr(loaded)
