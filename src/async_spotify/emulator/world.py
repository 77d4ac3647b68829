"""The emulated Spotify's data: a seeded catalog plus the mutable state of users and playlists.

One :class:`World` per emulator. It is deterministic: the same seed gives the same catalog, the
same default user's library and the same IDs, so tests can name things across runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from .catalog import Catalog
from .catalog.user_catalog import CatalogSource, UserCatalog, load_user_catalog
from .control.clock import Clock
from .state import Device, Item, Player, PlaylistStore, Profile, ResumePoint, UserState
from .state.playlists import Playlist, PlaylistEntry
from .state.seeding import seed_library

MODES = ("extended", "development")
DEFAULT_USER_ID = "emulator-user"


class World:
    """Catalog, users and playlists of one emulator.

    ``mode`` is ``"extended"`` (extended quota: every operation and field) or ``"development"``
    (Spotify's February 2026 development-mode restrictions).
    """

    def __init__(
        self, *, seed: int, mode: str, clock: Clock, catalog: Iterable[CatalogSource] = ()
    ) -> None:
        """``catalog``: a user's own catalog sources (files or parsed JSON) served beside the
        generated catalog with their real ids; a bad one raises ``CatalogError``."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self.seed = seed
        self.mode = mode
        self.clock = clock
        self.development = mode == "development"
        sources = tuple(catalog)
        user_catalog = load_user_catalog(sources) if sources else None
        if user_catalog is None:
            self.catalog = Catalog.shared(seed, development=self.development)
        else:
            self.catalog = Catalog(seed, development=self.development, user=user_catalog)
        self.playlists = PlaylistStore(self.catalog)
        self.users: dict[str, UserState] = {}
        #: Playlists of a loaded catalog by owner id (their owners need not be signed-in users).
        self.loaded_playlists: dict[str, list[str]] = {}
        me = user_catalog.me if user_catalog is not None else None
        #: The test user that owns the big library and playlists (a loaded ``GET /me`` answer
        #: makes it that user: their own id, name, country and product).
        self.default_user_id = DEFAULT_USER_ID if me is None else str(me["id"])
        default = self._new_user(
            self.default_user_id,
            "Emulator User" if me is None else str(me.get("display_name") or me["id"]),
        )
        if me is not None:
            profile = default.profile
            profile.email = str(me.get("email") or profile.email)
            profile.country = str(me.get("country") or profile.country)
            profile.product = str(me.get("product") or profile.product)
            profile.followers = int((me.get("followers") or {}).get("total") or 0)
        seed_library(default, self.catalog, self.playlists, clock.now())
        if user_catalog is not None:
            self._load_playlists(user_catalog)

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

    def _load_playlists(self, user_catalog: UserCatalog) -> None:
        """Loaded playlists, with their ids, items and owners, as live (editable) playlists."""
        for loaded in user_catalog.of("playlist"):
            data = loaded.data
            owner = str(data["owner"]["id"])
            entries = []
            for item in user_catalog.playlist_items.get(loaded.id, []):
                index = self.catalog.index_of(item.kind, item.id)
                assert index is not None  # the loader added every item it listed
                added_at = _epoch(item.added_at) if item.added_at else 0.0
                entries.append(PlaylistEntry((item.kind, index), added_at, item.added_by))
            followers = data.get("followers") or {}
            self.playlists.add(
                Playlist(
                    id=loaded.id,
                    owner_id=owner,
                    name=str(data["name"]),
                    description=data.get("description"),
                    public=bool(data.get("public", True)),
                    collaborative=bool(data.get("collaborative", False)),
                    entries=entries,
                    base_followers=int(followers.get("total") or 0),
                    image_key=hashlib.blake2b(loaded.id.encode(), digest_size=20).hexdigest(),
                    seed=self.seed,
                )
            )
            self.loaded_playlists.setdefault(owner, []).append(loaded.id)
            if owner == self.default_user_id:
                self.user(owner).playlists.save([loaded.id], self.clock.now())

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


def _epoch(iso: str) -> float:
    """Seconds since the epoch of Spotify's ``2024-05-01T12:00:00Z``."""
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
