"""The Spotify web-login cookies that let tests obtain an authorization code without a browser."""

from __future__ import annotations

from pathlib import Path

import orjson

from async_spotify.spotify_errors import InvalidInputError

_NAMES = ("sp_t", "sp_dc", "sp_key")


class SpotifyCookie:
    """The ``sp_t``, ``sp_dc`` and ``sp_key`` cookies of a logged-in user (values never shown)."""

    __slots__ = _NAMES

    def __init__(
        self, sp_t: str | None = None, sp_dc: str | None = None, sp_key: str | None = None
    ) -> None:
        self.sp_t = sp_t
        self.sp_dc = sp_dc
        self.sp_key = sp_key

    @property
    def valid(self) -> bool:
        """True when all three cookies are set."""
        return bool(self.sp_t and self.sp_dc and self.sp_key)

    def load_from_file(self, file_path: str | Path) -> None:
        """Read ``{"sp_t": ..., "sp_dc": ..., "sp_key": ...}`` from a JSON file.

        A missing key raises ``KeyError`` naming it (as AsyncSpotify did).
        """
        data = orjson.loads(Path(file_path).read_bytes())
        if not isinstance(data, dict):
            raise InvalidInputError(f"cookie file {str(file_path)!r} must hold a JSON object")
        for name in _NAMES:
            if name not in data:
                raise KeyError(name)
            setattr(self, name, data[name])

    def as_dict(self) -> dict[str, str]:
        """The cookies to send (only those that are set)."""
        return {name: value for name in _NAMES if (value := getattr(self, name))}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SpotifyCookie):
            return NotImplemented
        return self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={'***' if getattr(self, name) else None}" for name in _NAMES)
        return f"SpotifyCookie({shown})"
