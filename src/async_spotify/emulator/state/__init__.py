"""Mutable per-world state: users (library, follows, player, plays) and playlists."""

from __future__ import annotations

from .player import Device, Player, PlayerError
from .playlists import Item, Playlist, PlaylistEditError, PlaylistEntry, PlaylistStore
from .saved import SavedItems
from .user import LIBRARY_KINDS, Profile, ResumePoint, UserState

__all__ = [
    "LIBRARY_KINDS",
    "Device",
    "Item",
    "Player",
    "PlayerError",
    "Playlist",
    "PlaylistEditError",
    "PlaylistEntry",
    "PlaylistStore",
    "Profile",
    "ResumePoint",
    "SavedItems",
    "UserState",
]
