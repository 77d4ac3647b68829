"""Spotify URIs in requests: ``spotify:{type}:{id}``, ``spotify:user:{user_id}`` and the legacy
``spotify:user:{user}:playlist:{id}`` (still accepted as a ``context_uri``)."""

from __future__ import annotations

from async_spotify.emulator.catalog import is_base62_id
from async_spotify.emulator.state import Item

from .call import Call

CATALOG_KINDS = frozenset(
    {"track", "album", "artist", "playlist", "show", "episode", "audiobook", "chapter"}
)


def parse_uri(uri: str) -> tuple[str, str] | None:
    """``(type, id)`` of a well-formed URI, else ``None`` (the ID's existence is not checked)."""
    parts = uri.split(":")
    if len(parts) == 5 and parts[0] == "spotify" and parts[1] == "user" and parts[3] == "playlist":
        parts = ["spotify", "playlist", parts[4]]
    if len(parts) != 3 or parts[0] != "spotify" or not parts[2]:
        return None
    kind, id_ = parts[1], parts[2]
    if kind == "user":
        return kind, id_
    if kind not in CATALOG_KINDS or not is_base62_id(id_):
        return None
    return kind, id_


def playable_item(call: Call, uri: str) -> Item | None:
    """The track or episode a URI names, if it exists."""
    parsed = parse_uri(uri)
    if parsed is None or parsed[0] not in {"track", "episode"}:
        return None
    index = call.catalog.index_of(parsed[0], parsed[1])
    return None if index is None else (parsed[0], index)
