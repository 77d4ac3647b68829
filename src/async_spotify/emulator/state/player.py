"""One user's playback: devices, what plays where, the queue, shuffle, repeat, progress.

Time moves with the emulator's clock: progress is computed from the moment playback last changed,
and :meth:`Player.settle` plays through to the present (ending items, moving to the next one,
reporting finished tracks to recently-played), so a test that advances the clock sees playback
move on without sleeping.

Errors carry Spotify's statuses, messages and player ``reason``\\s, e.g. 404 ``NO_ACTIVE_DEVICE``
when nothing is active and no device was named, 404 "Device not found" for an unknown device,
403 "Restriction violated" (reason ``UNKNOWN``) when pausing what is already paused.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from async_spotify.emulator.control.clock import Clock

from .playlists import Item

#: A track counts as played (recently-played) after 30 seconds, as Spotify counts streams.
PLAYED_AFTER_MS = 30_000
#: ``previous`` restarts the current item when it has played longer than this.
RESTART_AFTER_MS = 3_000
#: Upper bound on items played through in one :meth:`Player.settle` (a clock jumped by days).
MAX_SETTLE_STEPS = 10_000


class PlayerError(Exception):
    """A refused player command: Spotify's status, message and ``reason``."""

    def __init__(self, status: int, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.reason = reason


def no_active_device() -> PlayerError:
    return PlayerError(404, "Player command failed: No active device found", "NO_ACTIVE_DEVICE")


def restriction_violated(reason: str = "UNKNOWN") -> PlayerError:
    return PlayerError(403, "Player command failed: Restriction violated", reason)


@dataclass(slots=True)
class Device:
    id: str
    name: str
    type: str
    volume_percent: int
    supports_volume: bool = True
    is_private_session: bool = False
    is_restricted: bool = False


@dataclass
class Player:
    """Playback state machine of one user."""

    clock: Clock
    devices: list[Device]
    #: Duration in milliseconds of a playable item.
    duration_of: Callable[[Item], int]
    #: Called with (item, context URI, epoch seconds) when an item has been played.
    on_played: Callable[[Item, str | None, float], None]
    seed: int = 0
    active: Device | None = None
    context_uri: str | None = None
    #: The context's items in play order (shuffled when shuffle is on).
    sequence: list[Item] = field(default_factory=list)
    #: The context's items in their own order (to restore when shuffle is turned off).
    original: list[Item] = field(default_factory=list)
    cursor: int = 0
    current: Item | None = None
    queue: list[Item] = field(default_factory=list)
    is_playing: bool = False
    progress_ms: float = 0.0
    anchor: float = 0.0
    shuffle: bool = False
    repeat: str = "off"
    #: When the playback state last changed (epoch seconds): the ``timestamp`` Spotify reports.
    changed_at: float = 0.0
    _shuffles: int = 0

    # -- time -------------------------------------------------------------------------------

    def settle(self) -> None:
        """Bring progress up to the clock, playing through ended items."""
        now = self.clock.now()
        if not self.is_playing or self.current is None:
            self.anchor = now
            return
        self.progress_ms += (now - self.anchor) * 1000
        self.anchor = now
        for _ in range(MAX_SETTLE_STEPS):
            duration = self.duration_of(self.current)
            if self.progress_ms < duration:
                return
            overflow = self.progress_ms - duration
            ended_at = now - overflow / 1000
            self.on_played(self.current, self.context_uri, ended_at)
            self.changed_at = ended_at
            if self.repeat == "track":
                self.progress_ms = overflow % duration
                return
            if not self._advance():
                self.is_playing = False
                self.progress_ms = 0
                return
            self.progress_ms = overflow
        self.progress_ms = 0

    def _advance(self) -> bool:
        """Move to the next item (queue first); ``False`` at the end of the context."""
        if self.queue:
            self.current = self.queue.pop(0)
            return True
        if self.cursor + 1 < len(self.sequence):
            self.cursor += 1
        elif self.repeat == "context" and self.sequence:
            self.cursor = 0
        else:
            return False
        self.current = self.sequence[self.cursor]
        return True

    # -- devices ----------------------------------------------------------------------------

    def device(self, device_id: str) -> Device:
        for device in self.devices:
            if device.id == device_id:
                return device
        raise PlayerError(404, "Device not found")

    def target(self, device_id: str | None) -> Device:
        """The device a command acts on: the named one, else the active one."""
        if device_id is not None:
            return self.device(device_id)
        if self.active is None:
            raise no_active_device()
        return self.active

    # -- commands ---------------------------------------------------------------------------

    def play(
        self,
        device_id: str | None,
        *,
        context_uri: str | None = None,
        items: list[Item] | None = None,
        start: int = 0,
        position_ms: int = 0,
    ) -> None:
        """Start ``items`` (a context's or a list of URIs') at ``start``, or resume."""
        device = self.target(device_id)
        self.settle()
        if items is None:
            if self.current is None:
                raise restriction_violated()
            if self.is_playing and self.active is device:
                raise restriction_violated()
            self.active = device
            self.is_playing = True
            self._touch()
            return
        self.active = device
        self.context_uri = context_uri
        self.original = list(items)
        self.sequence = list(items)
        self.cursor = start
        if self.shuffle:
            self._shuffle_rest()
        self.current = self.sequence[self.cursor]
        self.progress_ms = float(position_ms)
        self.is_playing = True
        self.anchor = self.clock.now()
        self._touch()
        self.settle()

    def pause(self, device_id: str | None) -> None:
        self.target(device_id)
        self.settle()
        if not self.is_playing:
            raise restriction_violated()
        self.is_playing = False
        self._touch()

    def seek(self, position_ms: int, device_id: str | None) -> None:
        self.target(device_id)
        self._require_item()
        self.settle()
        self.progress_ms = float(position_ms)
        self.anchor = self.clock.now()
        if self.is_playing:
            self.settle()
        elif self.current is not None and position_ms >= self.duration_of(self.current):
            self.progress_ms = 0
            self._advance()
        self._touch()

    def next(self, device_id: str | None) -> None:
        self.target(device_id)
        self._require_item()
        self.settle()
        if not self.queue and self.cursor + 1 >= len(self.sequence) and self.repeat != "context":
            raise restriction_violated("NO_NEXT_TRACK")
        self._report_skipped()
        self._advance()
        self.progress_ms = 0
        self.anchor = self.clock.now()
        self._touch()

    def previous(self, device_id: str | None) -> None:
        self.target(device_id)
        self._require_item()
        self.settle()
        if self.progress_ms <= RESTART_AFTER_MS and self.cursor > 0:
            self.cursor -= 1
            self.current = self.sequence[self.cursor]
        self.progress_ms = 0
        self.anchor = self.clock.now()
        self._touch()

    def set_shuffle(self, state: bool, device_id: str | None) -> None:
        self.target(device_id)
        self.settle()
        if state == self.shuffle:
            return
        self.shuffle = state
        if state:
            self._shuffle_rest()
        elif self.current is not None and self.current in self.original:
            self.sequence = list(self.original)
            self.cursor = self.original.index(self.current)
        self._touch()

    def set_repeat(self, state: str, device_id: str | None) -> None:
        self.target(device_id)
        self.settle()
        self.repeat = state
        self._touch()

    def set_volume(self, percent: int, device_id: str | None) -> None:
        device = self.target(device_id)
        if not device.supports_volume:
            raise PlayerError(
                403,
                "Player command failed: Cannot control device volume",
                "VOLUME_CONTROL_DISALLOW",
            )
        device.volume_percent = percent

    def transfer(self, device_id: str, play: bool) -> None:
        device = self.device(device_id)
        self.settle()
        self.active = device
        if play and self.current is not None:
            self.is_playing = True
            self.anchor = self.clock.now()
        self._touch()

    def add_to_queue(self, item: Item, device_id: str | None) -> None:
        self.target(device_id)
        self.settle()
        if self.current is None:
            raise restriction_violated()
        self.queue.append(item)

    # -- reading ----------------------------------------------------------------------------

    def upcoming(self, count: int) -> list[Item]:
        """The next ``count`` items: the user's queue, then the rest of the context."""
        self.settle()
        following = list(self.queue)
        following.extend(self.sequence[self.cursor + 1 :])
        if self.repeat == "context":
            following.extend(self.sequence[: self.cursor + 1])
        return following[:count]

    # -- helpers ----------------------------------------------------------------------------

    def _touch(self) -> None:
        self.changed_at = self.clock.now()

    def _require_item(self) -> None:
        if self.current is None:
            raise restriction_violated()

    def _report_skipped(self) -> None:
        if self.current is not None and self.progress_ms >= PLAYED_AFTER_MS:
            self.on_played(self.current, self.context_uri, self.clock.now())

    def _shuffle_rest(self) -> None:
        """Shuffle what comes after the current position (deterministically for the seed)."""
        self._shuffles += 1
        rest = self.sequence[self.cursor + 1 :]
        random.Random(f"{self.seed}:{self._shuffles}").shuffle(rest)
        self.sequence[self.cursor + 1 :] = rest
