"""AsyncSpotify's import path (spelling kept); the code lives in :mod:`async_spotify.auth`."""

from async_spotify.auth.cookies import SpotifyCookie
from async_spotify.auth.token import SpotifyAuthorisationToken

__all__ = ["SpotifyAuthorisationToken", "SpotifyCookie"]
