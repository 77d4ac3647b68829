"""The OAuth token a client sends: AsyncSpotify's ``SpotifyAuthorisationToken``, made truthful.

It keeps AsyncSpotify's fields and positional order ``(refresh_token, activation_time,
access_token)`` and adds what the Accounts service actually says: ``expires_in``, ``scope`` and
``token_type``. Expiry is computed from ``expires_in`` (3600 s when unknown) minus a safety margin,
so a request never leaves with a token that dies on the way.

``authorization_id`` names the user's authorization a token belongs to (a digest of the refresh
token it was first issued with; the refresh tokens of later refreshes keep it): a token store
uses it to tell a new authorization, which always replaces the stored token, from a late
refresh of the stored one, which must not (see :mod:`async_spotify.auth.stores`).

Fields of the wrong type are refused where they come in: a token answer of the Accounts service
(``InvalidResponseError``) or a stored token (``InvalidInputError``), naming the field.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from typing import Any

from async_spotify.spotify_errors import InvalidInputError, InvalidResponseError

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
        "authorization_id",
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
        authorization_id: str | None = None,
    ) -> None:
        self.refresh_token = refresh_token
        self.activation_time = activation_time
        self.access_token = access_token
        self.expires_in = expires_in
        self.scope = scope
        self.token_type = token_type
        self.authorization_id = authorization_id

    @classmethod
    def from_response(
        cls,
        body: Mapping[str, Any],
        *,
        previous_refresh_token: str | None = None,
        now: float | None = None,
        authorization_id: str | None = None,
    ) -> SpotifyAuthorisationToken:
        """Build a token from a ``POST /api/token`` answer.

        A response without ``refresh_token`` keeps ``previous_refresh_token`` (Spotify: "when a
        refresh token is not returned, continue using the existing token"); one with a new
        refresh token (PKCE rotation) replaces it. A refresh passes the ``authorization_id`` of
        the token it refreshes; a new authorization gets one of its own.

        Raises:
            InvalidResponseError: a field has the wrong type (``"scope": 5``).
        """
        access_token = body.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise _bad_answer("access_token", access_token, "a non-empty str")
        refresh_token = _answered(body, "refresh_token", str)
        expires_in = body.get("expires_in")
        if expires_in is not None and (
            isinstance(expires_in, bool) or not isinstance(expires_in, int) or expires_in <= 0
        ):
            raise _bad_answer("expires_in", expires_in, "a positive int of seconds")
        previous = previous_refresh_token
        return cls(
            refresh_token=refresh_token or previous,
            activation_time=int(time.time() if now is None else now),
            access_token=access_token,
            expires_in=expires_in,
            scope=_answered(body, "scope", str),
            token_type=_answered(body, "token_type", str),
            authorization_id=authorization_id or _authorization_of(previous or refresh_token),
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
            authorization_id=self.authorization_id,
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
        """The inverse of :meth:`to_dict`.

        Raises:
            InvalidInputError: ``data`` is not a mapping, or a field has the wrong type
                (``"activation_time": "yesterday"``); the message names the field.
        """
        if not isinstance(data, Mapping):
            raise InvalidInputError(f"a token must be a mapping of its fields, not {_kind(data)}")
        for name in cls.__slots__:
            value = data.get(name)
            number = name in _INT_FIELDS
            kind: type | tuple[type, ...] = (int, float) if number else str
            if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
                expected = "a number (seconds)" if number else "a str"
                raise InvalidInputError(
                    f"token field {name!r} must be {expected} or null, not {_kind(value)}"
                )
        activation_time, expires_in = data.get("activation_time"), data.get("expires_in")
        return cls(
            data.get("refresh_token"),
            int(activation_time) if activation_time is not None else None,
            data.get("access_token"),
            expires_in=int(expires_in) if expires_in is not None else None,
            scope=data.get("scope"),
            token_type=data.get("token_type"),
            authorization_id=data.get("authorization_id"),
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


_INT_FIELDS = frozenset({"activation_time", "expires_in"})


def _authorization_of(refresh_token: str | None) -> str | None:
    """A name for the authorization a refresh token was issued for: not the secret itself."""
    if not refresh_token:
        return None
    return hashlib.sha256(refresh_token.encode()).hexdigest()[:16]


def _answered(body: Mapping[str, Any], name: str, kind: type) -> Any:
    value = body.get(name)
    if value is not None and not isinstance(value, kind):
        raise _bad_answer(name, value, "a str")
    return value


def _bad_answer(name: str, value: object, expected: str) -> InvalidResponseError:
    # the value is described, not shown: it may be a token
    return InvalidResponseError(
        f"POST /api/token answered {name} as {_kind(value)}, expected {expected}",
        request="POST /api/token",
    )


def _kind(value: object) -> str:
    if value is None:
        return "null"
    name = type(value).__name__
    return f"an {name}" if name[:1] in ("a", "e", "i", "o", "u") else f"a {name}"
