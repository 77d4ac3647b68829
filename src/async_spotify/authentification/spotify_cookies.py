"""AsyncSpotify's import path for the cookies."""

from async_spotify.auth.cookies import SpotifyCookie

__all__ = ["SpotifyCookie"]
