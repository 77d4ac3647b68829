"""Spotify's redirect-URI rules (2025): what an app may register and what ``/authorize`` accepts.

- HTTPS anywhere, or a custom scheme (``myapp://callback``), may be registered.
- Plain HTTP only on a loopback IP literal: ``http://127.0.0.1`` or ``http://[::1]``.
- ``localhost`` is refused in every scheme.
- ``/authorize`` needs an exact match (case, trailing slash), except that a loopback URI's port
  may differ from the registered one (native apps pick a free port at run time).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import SplitResult, urlsplit

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1"})


def _split(uri: str) -> SplitResult | None:
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError:
        return None
    return parts


def _is_loopback_http(parts: SplitResult) -> bool:
    return parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS


def is_insecure(uri: str) -> bool:
    """True for the URIs Spotify calls insecure: HTTP off loopback, or any ``localhost``."""
    parts = _split(uri)
    if parts is None:
        return False
    if parts.hostname == "localhost":
        return True
    return parts.scheme == "http" and not _is_loopback_http(parts)


def registration_problem(uri: str) -> str | None:
    """Why ``uri`` cannot be registered for an app, or ``None`` if it can."""
    parts = _split(uri)
    if parts is None or not parts.scheme:
        return f"redirect URI {uri!r} is not an absolute URI"
    if parts.fragment:
        return f"redirect URI {uri!r} must not have a fragment"
    if is_insecure(uri):
        return (
            f"redirect URI {uri!r} is insecure: use https, a custom scheme, or a loopback IP "
            "literal (http://127.0.0.1:PORT/... or http://[::1]:PORT/...); localhost is refused"
        )
    if parts.scheme in ("http", "https") and not parts.hostname:
        return f"redirect URI {uri!r} has no host"
    return None


def find_registered(requested: str, registered: Iterable[str]) -> str | None:
    """The registered URI that ``requested`` matches, or ``None``."""
    candidates = tuple(registered)
    if requested in candidates:
        return requested
    parts = _split(requested)
    if parts is None or not _is_loopback_http(parts):
        return None
    for uri in candidates:
        other = _split(uri)
        if (
            other is not None
            and _is_loopback_http(other)
            and other.hostname == parts.hostname
            and (other.path, other.query) == (parts.path, parts.query)
        ):
            return uri
    return None
