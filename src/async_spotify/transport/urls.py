"""The two services' roots, checked when a client is built, and the origin a token may go to."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

from async_spotify.spotify_errors import InvalidInputError

__all__ = [
    "DEFAULT_ACCOUNTS_URL",
    "DEFAULT_BASE_URL",
    "check_accounts_url",
    "check_base_url",
    "origin_of",
]

DEFAULT_BASE_URL = "https://api.spotify.com/v1"
DEFAULT_ACCOUNTS_URL = "https://accounts.spotify.com"

_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of an absolute http(s) URL (RFC 6454), None for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port if port is not None else _DEFAULT_PORTS[scheme]


def check_base_url(url: object) -> str:
    """The Web API root without its trailing slash; InvalidInputError with a hint otherwise.

    Spotify's Web API lives below a version path (``https://api.spotify.com/v1``): a root
    without one would answer every request "Service not found".
    """
    parts = _check_root("base_url", url)
    if not parts.path.strip("/"):
        raise InvalidInputError(
            f"base_url {_shown(url)} has no version path: Spotify's Web API lives below "
            f"/v1 (did you mean {_shown(str(url).rstrip('/') + '/v1')}?)"
        )
    return str(url).rstrip("/")


def check_accounts_url(url: object) -> str:
    """The Accounts service root without its trailing slash; InvalidInputError otherwise."""
    parts = _check_root("accounts_url", url)
    if parts.path.rstrip("/").endswith(("/api/token", "/authorize")):
        raise InvalidInputError(
            f"accounts_url {_shown(url)} names an endpoint: give the service's root "
            f"(e.g. {DEFAULT_ACCOUNTS_URL}); /authorize and /api/token are added to it"
        )
    return str(url).rstrip("/")


def _check_root(name: str, url: object) -> SplitResult:
    if not isinstance(url, str) or origin_of(url) is None:
        raise InvalidInputError(f"{name} must be an http(s) URL, not {_shown(url)}")
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        # never quote the URL here: it carries a password
        raise InvalidInputError(
            f"{name} must not carry a user name or password (user:password@host): the client "
            "authenticates with its token, and a URL with credentials would leak them into logs"
        )
    if parts.query or parts.fragment:
        raise InvalidInputError(
            f"{name} {_shown(url)} has a query string or fragment: give the service's root only"
        )
    return parts


def _shown(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
