"""What the request loop asks of authentication: the header for this request, and what a 401 means.

Shaped like httpx's ``Auth``: the transport knows nothing of flows, stores or renewal. The token
manager (:mod:`async_spotify.auth.manager`) implements :class:`RequestAuth` for the client's own
token.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["RequestAuth"]


class RequestAuth(Protocol):
    """Authentication for one call (one object per call: it may remember what it sent)."""

    async def authorization(self) -> str:
        """The ``Authorization`` header value for the next attempt."""
        ...

    async def on_unauthorized(self, sent: str) -> str | None:
        """Spotify answered 401 to an attempt that carried ``sent``: the header value to send
        the request again with, or None to raise the 401."""
        ...
