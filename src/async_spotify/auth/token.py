"""The OAuth token a client sends: AsyncSpotify's ``SpotifyAuthorisationToken``, made truthful.

It keeps AsyncSpotify's fields and positional order ``(refresh_token, activation_time,
access_token)`` and adds what the Accounts service actually says: ``expires_in``, ``scope`` and
``token_type``. Expiry is computed from ``expires_in`` (3600 s when unknown) minus a safety margin,
so a request never leaves with a token that dies on the way.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

#: Spotify's documented access-token lifetime, used when a token does not say.
DEFAULT_EXPIRES_IN = 3600
#: Refresh this long before the real expiry at most (AsyncSpotify's 3400 s threshold = 3600 - 200).
MAX_SAFETY_MARGIN = 200.0


class SpotifyAuthorisationToken:
    """An access token, optionally with the refresh token that renews it.

    ``activation_time`` is the Unix time (seconds) at which the access token was issued.
    The repr never shows the token strings.
    """

    __slots__ = (
        "access_token",
        "activation_time",
        "expires_in",
        "refresh_token",
        "scope",
        "token_type",
    )

    def __init__(
        self,
        refresh_token: str | None = None,
        activation_time: int | None = None,
        access_token: str | None = None,
        *,
        expires_in: int | None = None,
        scope: str | None = None,
        token_type: str | None = None,
    ) -> None:
        self.refresh_token = refresh_token
        self.activation_time = activation_time
        self.access_token = access_token
        self.expires_in = expires_in
        self.scope = scope
        self.token_type = token_type

    @classmethod
    def from_response(
        cls,
        body: Mapping[str, Any],
        *,
        previous_refresh_token: str | None = None,
        now: float | None = None,
    ) -> SpotifyAuthorisationToken:
        """Build a token from a ``POST /api/token`` answer.

        A response without ``refresh_token`` keeps ``previous_refresh_token`` (Spotify: "when a
        refresh token is not returned, continue using the existing token"); one with a new
        refresh token (PKCE rotation) replaces it.
        """
        expires_in = body.get("expires_in")
        return cls(
            refresh_token=body.get("refresh_token") or previous_refresh_token,
            activation_time=int(time.time() if now is None else now),
            access_token=body.get("access_token"),
            expires_in=expires_in if isinstance(expires_in, int) else None,
            scope=body.get("scope"),
            token_type=body.get("token_type"),
        )

    @property
    def valid(self) -> bool:
        """True when the token can be sent: it has an access token and an activation time."""
        return bool(self.access_token and self.activation_time)

    @property
    def expires_at(self) -> float | None:
        """Unix time at which the access token stops working, or None for a blank token."""
        if self.activation_time is None:
            return None
        return self.activation_time + (self.expires_in or DEFAULT_EXPIRES_IN)

    @property
    def scopes(self) -> frozenset[str]:
        """The granted scopes (empty when the Accounts service did not say)."""
        return frozenset(self.scope.split()) if self.scope else frozenset()

    def is_expired(self, margin: float | None = None, *, now: float | None = None) -> bool:
        """Whether the access token is expired or about to expire.

        ``margin`` defaults to a tenth of the lifetime, at most 200 s (so a standard 3600 s
        token counts as expired after 3400 s, as in AsyncSpotify). A blank token (no access
        token or activation time) counts as expired; this never raises.
        """
        expires_at = self.expires_at
        if expires_at is None or not self.access_token:
            return True
        if margin is None:
            margin = min(MAX_SAFETY_MARGIN, (self.expires_in or DEFAULT_EXPIRES_IN) / 10)
        current = time.time() if now is None else now
        return current >= expires_at - margin

    def copy(self) -> SpotifyAuthorisationToken:
        """An independent copy."""
        return SpotifyAuthorisationToken(
            self.refresh_token,
            self.activation_time,
            self.access_token,
            expires_in=self.expires_in,
            scope=self.scope,
            token_type=self.token_type,
        )

    def update_from(self, other: SpotifyAuthorisationToken) -> None:
        """Copy every field of ``other`` into this object (callers may hold a reference to it)."""
        for name in self.__slots__:
            setattr(self, name, getattr(other, name))

    def clear(self) -> None:
        """Forget every field."""
        for name in self.__slots__:
            setattr(self, name, None)

    def to_dict(self) -> dict[str, Any]:
        """All fields, for a token store. Contains secrets: keep it out of logs."""
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpotifyAuthorisationToken:
        """The inverse of :meth:`to_dict`."""
        return cls(
            data.get("refresh_token"),
            data.get("activation_time"),
            data.get("access_token"),
            expires_in=data.get("expires_in"),
            scope=data.get("scope"),
            token_type=data.get("token_type"),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SpotifyAuthorisationToken):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return (
            f"SpotifyAuthorisationToken(access_token={_mask(self.access_token)}, "
            f"refresh_token={_mask(self.refresh_token)}, activation_time={self.activation_time}, "
            f"expires_in={self.expires_in}, scope={self.scope!r})"
        )

    __str__ = __repr__


def _mask(secret: str | None) -> str:
    return "None" if secret is None else "'***'"
