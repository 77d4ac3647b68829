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
    ("async_spotify.authentification.authorization_flows.pkce_flow", ["PKCEFlow"]),
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
    """Each old path gives the class of that name, and the very object the package exports."""
    imported = importlib.import_module(module)
    for name in names:
        value = getattr(imported, name)
        assert isinstance(value, type), (module, name, value)
        assert value.__name__ == name, (module, name, value)
        assert value.__module__.startswith("async_spotify."), (module, name, value)
        if name in async_spotify.__all__:
            assert value is getattr(async_spotify, name), (module, name)


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
    from async_spotify.operations import OPERATIONS

    for name in async_spotify.__all__:
        value = getattr(async_spotify, name)
        if name == "OPERATIONS":
            assert value is OPERATIONS
            continue
        assert isinstance(value, type), (name, value)
        assert (value.__name__, value.__module__.split(".")[0]) == (name, "async_spotify")
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


#: AsyncSpotify 0.4.4's ``URLS`` tree, name by name: the compatibility module is frozen at it.
URLS_OF_0_4_4 = {
    "URLS": {"AUTHORIZE", "REFRESH", "SEARCH"},
    "ALBUM": {"ONE", "TRACKS", "MULTIPLE"},
    "ARTIST": {"ONE", "ALBUM", "TOP_TRACKS", "SIMILAR_ARTISTS", "SEVERAL"},
    "BROWSE": {
        "GENRE_SEEDS",
        "CATEGORY",
        "CATEGORY_PLAYLIST",
        "CATEGORY_LIST",
        "FEATURED_PLAYLISTS",
        "RELEASES",
        "RECOMMENDATIONS",
    },
    "EPISODES": {"ONE", "MULTIPLE"},
    "FOLLOW": {"CONTAINS", "CONTAINS_PLAYLIST", "HUMAN", "PLAYLIST", "FOLLOWING_ARTISTS"},
    "LIBRARY": {"CONTAINS_ALBUM", "CONTAINS_TRACK", "CONTAINS_SHOWS", "ALBUMS", "TRACKS", "SHOWS"},
    "PERSONALIZATION": {"TOP"},
    "PLAYER": {
        "PLAYER",
        "QUEUE",
        "DEVICES",
        "RECENTLY",
        "PLAYING",
        "PAUSE",
        "SEEK",
        "REPEAT",
        "VOLUME",
        "NEXT",
        "PREVIOUS",
        "PLAY",
        "SHUFFLE",
    },
    "PLAYLIST": {"ADD_TRACKS", "ONE", "CREATE", "ME", "USER", "COVER", "TRACKS"},
    "SHOWS": {"ONE", "EPISODES", "SEVERAL"},
    "TRACKS": {"ANALYZE", "FEATURES", "MULTI_FEATURES", "SEVERAL", "ONE"},
    "USER": {"ME", "USER"},
}


def test_the_urls_constants_are_frozen_at_0_4_4() -> None:
    from async_spotify.api._endpoints.urls import BASE_URL, URLS

    groups = [URLS, *(value for value in vars(URLS).values() if isinstance(value, type))]
    names = {
        group.__name__: {
            name for name, value in vars(group).items() if name.isupper() and isinstance(value, str)
        }
        for group in groups
    }
    assert names == URLS_OF_0_4_4
    assert BASE_URL == "https://api.spotify.com/v1"
    assert (
        URLS.PLAYLIST.TRACKS
        == URLS.PLAYLIST.ADD_TRACKS
        == BASE_URL + "/playlists/{playlist_id}/tracks"
    )
    assert URLS.FOLLOW.FOLLOWING_ARTISTS == BASE_URL + "/me/following?type=artist"
