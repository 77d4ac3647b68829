"""What Spotify lets an app do, by the mode it is registered in.

Spotify's February 2026 changes (and the November 2024 ones before them) apply to
**development-mode** apps only; apps with **extended quota** keep every endpoint, field and limit
they had ("No migration required ... all existing endpoints, fields, and behaviors remain
unchanged", Spotify's migration guide). The spec shows the development-mode state: the
operations it marks deprecated are the ones development-mode apps lost, and its search and
artist-albums limits (default 5, maximum 10) are theirs. This module holds the difference, so
that the client refuses or warns only where the app's mode really says no:

- :data:`EXTENDED_QUOTA_LIMITS`: the ``limit`` bounds extended-quota apps keep where the spec
  lowered them (search and artist albums: default 20, maximum 50);
- :func:`removal`: when an operation was removed for an app mode (``None``: it still works).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from async_spotify.spec_data import OPERATION_SPECS
from async_spotify.spotify_errors import InvalidInputError

__all__ = [
    "APP_MODES",
    "EXTENDED_QUOTA_LIMITS",
    "NOVEMBER_2024_REMOVALS",
    "AppMode",
    "check_app_mode",
    "removal",
]

#: How the Spotify app behind a client is registered (``SpotifyApiClient(app_mode=...)``).
AppMode = Literal["extended", "development"]
APP_MODES: tuple[AppMode, ...] = ("extended", "development")

#: ``(default, maximum)`` of ``limit`` for extended-quota apps, where the 2026 spec lowered them
#: for development-mode apps to (5, 10): spec commits ba1ceaf and b25172a (February 2026).
EXTENDED_QUOTA_LIMITS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"search": (20, 50), "get-an-artists-albums": (20, 50)}
)

#: The operations new and development-mode apps lost on 2024-11-27. Every other operation the
#: spec marks deprecated was removed for development-mode apps in February 2026.
NOVEMBER_2024_REMOVALS = frozenset(
    {
        "get-an-artists-related-artists",
        "get-recommendations",
        "get-recommendation-genres",
        "get-several-audio-features",
        "get-audio-features",
        "get-audio-analysis",
        "get-featured-playlists",
        "get-a-categories-playlists",
    }
)

_NOVEMBER_2024 = "on 2024-11-27"
_FEBRUARY_2026 = "in February 2026 (from 2026-02-11 for new apps, from 2026-03-09 for older ones)"


def check_app_mode(app_mode: object) -> AppMode:
    """``app_mode`` if it is one of :data:`APP_MODES`; InvalidInputError otherwise."""
    for mode in APP_MODES:
        if app_mode == mode:
            return mode
    raise InvalidInputError(f"app_mode must be one of {', '.join(APP_MODES)}, not {app_mode!r}")


def removal(operation_id: str, app_mode: AppMode) -> str | None:
    """When Spotify removed ``operation_id`` for apps in ``app_mode`` ("on 2024-11-27", "in
    February 2026 (...)"), or None when it still serves them.

    Raises:
        KeyError: ``operation_id`` is not an operation of the spec.
    """
    if app_mode != "development" or not OPERATION_SPECS[operation_id].deprecated:
        return None
    return _NOVEMBER_2024 if operation_id in NOVEMBER_2024_REMOVALS else _FEBRUARY_2026
