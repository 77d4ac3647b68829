"""The emulated Spotify's data: a seeded catalog plus the mutable state of users and playlists.

One :class:`World` per emulator. It is deterministic: the same seed gives the same catalog, the
same default user's library and the same IDs, so tests can name things across runs.
"""

from __future__ import annotations

import hashlib

from .catalog import Catalog
from .control.clock import Clock
from .state import Device, Item, Player, PlaylistStore, Profile, ResumePoint, UserState
from .state.seeding import seed_library

MODES = ("extended", "development")
DEFAULT_USER_ID = "emulator-user"


class World:
    """Catalog, users and playlists of one emulator.

    ``mode`` is ``"extended"`` (extended quota: every operation and field) or ``"development"``
    (Spotify's February 2026 development-mode restrictions).
    """

    def __init__(self, *, seed: int, mode: str, clock: Clock) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.seed = seed
        self.mode = mode
        self.clock = clock
        self.development = mode == "development"
        self.catalog = Catalog.shared(seed, development=self.development)
        self.playlists = PlaylistStore(self.catalog)
        self.users: dict[str, UserState] = {}
        #: The test user that owns the big library and playlists.
        self.default_user_id = DEFAULT_USER_ID
        default = self._new_user(DEFAULT_USER_ID, "Emulator User")
        seed_library(default, self.catalog, self.playlists, clock.now())

    def __repr__(self) -> str:
        return f"<World seed={self.seed} mode={self.mode} users={len(self.users)}>"

    def ensure_user(self, user_id: str) -> None:
        """Create ``user_id``'s state (an empty library, three idle devices) if it is new."""
        if user_id not in self.users:
            self._new_user(user_id, user_id)

    def user(self, user_id: str) -> UserState:
        """``user_id``'s state, created on first use."""
        self.ensure_user(user_id)
        return self.users[user_id]

    def duration_of(self, item: Item) -> int:
        kind, index = item
        if kind == "episode":
            return self.catalog.records.episode(index).duration_ms
        return self.catalog.records.track(index).duration_ms

    def _new_user(self, user_id: str, display_name: str) -> UserState:
        def device_id(number: int) -> str:
            return hashlib.blake2b(
                f"{self.seed}:{user_id}:{number}".encode(), digest_size=20
            ).hexdigest()

        devices = [
            Device(device_id(0), "Emulator Desktop", "Computer", 70),
            Device(device_id(1), "Emulator Phone", "Smartphone", 100),
            Device(device_id(2), "Emulator Speaker", "Speaker", 40),
        ]
        user: UserState

        def on_played(item: Item, context_uri: str | None, when: float) -> None:
            kind, index = item
            if kind == "track":
                user.history.record(index, context_uri, when)
            else:
                point = user.resume_points.setdefault(item, ResumePoint())
                point.fully_played = True
                point.resume_position_ms = 0

        player = Player(
            clock=self.clock,
            devices=devices,
            duration_of=self.duration_of,
            on_played=on_played,
            seed=self.seed,
        )
        profile = Profile(
            display_name=display_name,
            email=f"{user_id}@emulator.invalid",
            image_key=hashlib.blake2b(user_id.encode(), digest_size=20).hexdigest(),
        )
        user = UserState(user_id=user_id, profile=profile, player=player)
        self.users[user_id] = user
        return user
