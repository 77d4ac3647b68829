"""Spotify IDs for the emulator's catalog: 22 base62 characters that encode (kind, index).

Real IDs are base62 renderings of 128-bit numbers. Ours are too: the 128-bit block holds the
entity kind and its index in the catalog, scrambled by a four-round Feistel network keyed by the
world's seed. So an ID looks random, is stable for a given seed, and decodes back to its entity
without a lookup table (the catalog is generated lazily and never enumerated). A block whose
check half does not decode to zero is not one of ours: a well-formed but unknown ID, i.e. a 404.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_DIGIT = {char: value for value, char in enumerate(BASE62)}
#: Every two-digit base62 string, so encoding takes 11 divisions instead of 22.
_PAIRS = [high + low for high in BASE62 for low in BASE62]
ID_LENGTH = 22
_MASK64 = (1 << 64) - 1
_INDEX_BITS = 48

#: The entity kinds that carry base62 IDs, with the code stored inside the ID.
KIND_CODES: Mapping[str, int] = {
    "artist": 1,
    "album": 2,
    "track": 3,
    "show": 4,
    "episode": 5,
    "audiobook": 6,
    "chapter": 7,
    "playlist": 8,
}
_KIND_BY_CODE = {code: kind for kind, code in KIND_CODES.items()}


def is_base62_id(value: str) -> bool:
    """Whether ``value`` has the form of a Spotify ID (22 characters of ``[0-9A-Za-z]``)."""
    # ASCII letters and digits are exactly base62's alphabet (checked per request: keep it C).
    return len(value) == ID_LENGTH and value.isascii() and value.isalnum()


def _to_base62(number: int) -> str:
    pairs = []
    for _ in range(ID_LENGTH // 2):
        number, pair = divmod(number, 3844)
        pairs.append(_PAIRS[pair])
    return "".join(reversed(pairs))


def _from_base62(value: str) -> int:
    number = 0
    for char in value:
        number = number * 62 + _DIGIT[char]
    return number


class IdCodec:
    """Encodes ``(kind, index)`` as a seed-dependent base62 ID and decodes it back."""

    def __init__(self, seed: int) -> None:
        # Keyed hashers to copy: a copy costs half of keying a new one, per round.
        self._rounds = [
            hashlib.blake2b(
                key=hashlib.blake2b(f"{seed}:{round_}".encode(), digest_size=16).digest(),
                digest_size=8,
            )
            for round_ in range(4)
        ]
        self.encode = lru_cache(maxsize=262_144)(self._encode)
        self.decode = lru_cache(maxsize=65_536)(self._decode)

    def _round(self, round_: int, half: int) -> int:
        hasher = self._rounds[round_].copy()
        hasher.update(half.to_bytes(8, "big"))
        return int.from_bytes(hasher.digest(), "big")

    def _encode(self, kind: str, index: int) -> str:
        if not 0 <= index < 1 << _INDEX_BITS:
            raise ValueError(f"index out of range: {index}")
        left, right = 0, (KIND_CODES[kind] << _INDEX_BITS) | index
        for round_ in range(4):
            left, right = right, left ^ self._round(round_, right)
        return _to_base62((left << 64) | right)

    def _decode(self, value: str) -> tuple[str, int] | None:
        """``(kind, index)`` for one of our IDs; ``None`` for any other (well-formed) ID."""
        if not is_base62_id(value):
            return None
        block = _from_base62(value)
        if block >> 128:
            return None
        left, right = block >> 64, block & _MASK64
        for round_ in reversed(range(4)):
            left, right = right ^ self._round(round_, left), left
        if left != 0:
            return None
        kind = _KIND_BY_CODE.get(right >> _INDEX_BITS)
        if kind is None:
            return None
        return kind, right & ((1 << _INDEX_BITS) - 1)

    def index_of(self, kind: str, value: str) -> int | None:
        """The index of ``value`` if it is an ID of ``kind``, else ``None``."""
        decoded = self.decode(value)
        if decoded is None or decoded[0] != kind:
            return None
        return decoded[1]
