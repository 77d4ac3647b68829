"""Redirect URIs as Spotify accepts them since 27 November 2025.

HTTPS, or plain HTTP only to a loopback IP literal (``http://127.0.0.1:PORT/...`` or
``http://[::1]:PORT/...``, any port). ``localhost`` is refused by Spotify, so it is refused here,
with the reason, before the user is sent to a login page that would only show an error.
Other schemes (``myapp://callback``) are custom schemes for native apps and are allowed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from async_spotify.spotify_errors import InvalidInputError

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1"})


def check_redirect_uri(uri: str) -> str:
    """Return ``uri`` if Spotify would accept it as a redirect URI, else raise InvalidInputError."""
    if not isinstance(uri, str) or not uri:
        raise InvalidInputError(f"redirect URI must be a non-empty string, not {uri!r}")
    parts = urlsplit(uri)
    scheme = parts.scheme.lower()
    if not scheme:
        raise InvalidInputError(f"redirect URI {uri!r} has no scheme")
    if parts.fragment:
        raise InvalidInputError(f"redirect URI {uri!r} must not contain a fragment")
    host = (parts.hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        raise InvalidInputError(
            f"redirect URI {uri!r} uses 'localhost', which Spotify refuses since 2025-11-27; "
            "use the loopback IP literal instead, e.g. http://127.0.0.1:8888/callback"
        )
    if scheme == "https":
        if not host:
            raise InvalidInputError(f"redirect URI {uri!r} has no host")
        return uri
    if scheme == "http":
        if host not in _LOOPBACK_HOSTS:
            raise InvalidInputError(
                f"redirect URI {uri!r} uses plain http, which Spotify accepts only for the "
                "loopback addresses http://127.0.0.1 and http://[::1]; use https"
            )
        return uri
    return uri
