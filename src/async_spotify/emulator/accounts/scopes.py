"""The OAuth scopes Spotify knows (the spec's ``securitySchemes``), in the spec's order.

A test checks this tuple against ``spec/openapi.yml`` so it cannot drift from the spec.
"""

from __future__ import annotations

ALL_SCOPES: tuple[str, ...] = (
    "app-remote-control",
    "playlist-read-private",
    "playlist-read-collaborative",
    "playlist-modify-public",
    "playlist-modify-private",
    "user-library-read",
    "user-library-modify",
    "user-read-private",
    "user-read-email",
    "user-follow-read",
    "user-follow-modify",
    "user-top-read",
    "user-read-playback-position",
    "user-read-playback-state",
    "user-read-recently-played",
    "user-read-currently-playing",
    "user-modify-playback-state",
    "ugc-image-upload",
    "streaming",
)

_KNOWN = frozenset(ALL_SCOPES)


def unknown_scopes(scopes: tuple[str, ...]) -> list[str]:
    """The scopes Spotify would refuse, in the order given."""
    return [scope for scope in scopes if scope not in _KNOWN]


def parse_scope_param(value: str) -> tuple[str, ...]:
    """A space-separated ``scope`` parameter as an ordered tuple without duplicates."""
    return tuple(dict.fromkeys(value.split()))
