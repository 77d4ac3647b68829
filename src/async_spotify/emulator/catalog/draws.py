"""Seeded pseudo-random draws that depend only on (seed, what, index).

Every generated fact about an entity comes from a :class:`Draws` keyed by the world's seed, the
entity kind and its index, so any entity can be generated alone, in any order, and always comes
out the same. A 64-byte BLAKE2b digest gives sixteen 32-bit draws per key; that is plenty for one
record and much cheaper than seeding a ``random.Random`` per entity.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
_SIXTEEN_WORDS = struct.Struct(">16I")


class Draws:
    """A short, deterministic stream of numbers for one key."""

    __slots__ = ("_digest", "_position", "_words")

    def __init__(self, seed: int, what: str, index: int | str) -> None:
        self._digest = hashlib.blake2b(f"{seed}:{what}:{index}".encode()).digest()
        self._words = _SIXTEEN_WORDS.unpack(self._digest)
        self._position = 0

    def next32(self) -> int:
        if self._position == 16:
            # A record that needs more than 16 draws re-hashes its digest: still deterministic.
            self._digest = hashlib.blake2b(self._digest).digest()
            self._words = _SIXTEEN_WORDS.unpack(self._digest)
            self._position = 0
        value: int = self._words[self._position]
        self._position += 1
        return value

    def below(self, bound: int) -> int:
        """An integer in ``[0, bound)``."""
        return self.next32() % bound

    def between(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``."""
        return low + self.next32() % (high - low + 1)

    def pick(self, choices: Sequence[T]) -> T:
        return choices[self.next32() % len(choices)]

    def chance(self, probability: float) -> bool:
        return self.next32() < probability * 4_294_967_296

    def hex(self, length: int) -> str:
        """``length`` hex digits (image keys, ISRC/UPC digits, device IDs)."""
        words = -(-length // 8)
        start = self._position
        if start + words <= 16:
            # The words are the digest's big-endian 4-byte groups: hex the bytes at once.
            self._position += words
            return self._digest[4 * start : 4 * (start + words)].hex()[:length]
        out = ""
        while len(out) < length:
            out += f"{self.next32():08x}"
        return out[:length]
