"""AsyncSpotify's ``ErrorMessage``: the ``{"error": {"status", "message"}}`` of local errors."""

from __future__ import annotations

from typing import Any

from async_spotify.spotify_errors import error_payload


class ErrorMessage:
    """A status and a message; ``__dict__`` gives the error payload, as in AsyncSpotify."""

    def __init__(self, status: int = 0, message: str = "") -> None:
        self.status = status
        self.message = message

    @property
    def __dict__(self) -> dict[str, Any]:  # type: ignore[override]  # AsyncSpotify API
        return error_payload(self.status, self.message)
