"""Redirect URIs as Spotify accepts them since November 2025."""

from __future__ import annotations

import pytest

from async_spotify.auth.redirect import check_redirect_uri
from async_spotify.spotify_errors import InvalidInputError, SpotifyError


@pytest.mark.parametrize(
    "uri",
    [
        "https://example.com/callback",
        "http://127.0.0.1:8888/callback",
        "http://127.0.0.1/callback",
        "http://[::1]:43121/cb",
        "myapp://callback",
    ],
)
def test_accepted(uri: str) -> None:
    assert check_redirect_uri(uri) == uri


def test_localhost_refused_with_the_reason() -> None:
    with pytest.raises(InvalidInputError) as caught:
        check_redirect_uri("http://localhost:1234/callback")
    text = caught.value.text
    assert "'http://localhost:1234/callback'" in text
    assert "localhost" in text and "127.0.0.1" in text
    assert isinstance(caught.value, SpotifyError)


@pytest.mark.parametrize(
    ("uri", "words"),
    [
        ("http://example.com/callback", "plain http"),
        ("http://192.168.1.5:80/cb", "plain http"),
        ("https://localhost/cb", "localhost"),
        ("https://example.com/cb#frag", "fragment"),
        ("example.com/cb", "no scheme"),
        ("https:///cb", "'https:///cb' has no host"),
        ("", "non-empty"),
    ],
)
def test_refused(uri: str, words: str) -> None:
    with pytest.raises(InvalidInputError, match=words):
        check_redirect_uri(uri)
