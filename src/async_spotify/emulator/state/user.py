"""Everything the emulator remembers about one user: profile, library, follows, player, plays."""

from __future__ import annotations

from dataclasses import dataclass, field

from .history import History
from .player import Player
from .playlists import Item
from .saved import SavedItems

#: The library kinds of the type-specific endpoints (``/me/tracks``, ``/me/albums``, ...).
LIBRARY_KINDS = ("track", "album", "show", "episode", "audiobook")


@dataclass
class Profile:
    """The private user object's facts (``GET /me``)."""

    display_name: str
    email: str
    country: str = "US"
    #: ``"premium"`` or ``"free"``; the player refuses free users (PREMIUM_REQUIRED).
    product: str = "premium"
    explicit_filter_enabled: bool = False
    explicit_filter_locked: bool = False
    followers: int = 0
    image_key: str = ""


@dataclass
class ResumePoint:
    fully_played: bool = False
    resume_position_ms: int = 0


@dataclass
class UserState:
    user_id: str
    profile: Profile
    player: Player
    library: dict[str, SavedItems[int]] = field(
        default_factory=lambda: {kind: SavedItems[int]() for kind in LIBRARY_KINDS}
    )
    followed_artists: SavedItems[int] = field(default_factory=SavedItems[int])
    followed_users: SavedItems[str] = field(default_factory=SavedItems[str])
    #: Playlists in the user's library (created or followed), by ID.
    playlists: SavedItems[str] = field(default_factory=SavedItems[str])
    history: History = field(default_factory=History)
    #: Progress in episodes and chapters (``resume_point``).
    resume_points: dict[Item, ResumePoint] = field(default_factory=dict)
