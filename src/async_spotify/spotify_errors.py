"""Every failure async_spotify can raise, in one tree.

``except SpotifyBaseError`` catches all of them: usage errors, token-endpoint errors, HTTP
errors from the Web API and transport failures (timeouts, resets, unreadable answers)::

    SpotifyBaseError                  .message, .get_json(), .status, .reason, .headers
    ├── SpotifyError                  raised before anything is sent, or by the Accounts service
    │   ├── InvalidInputError         a bad argument (also a ValueError); names the bad value
    │   ├── AuthorizationError        the Accounts service refused (.error, .error_description)
    │   │   └── InvalidGrantError     invalid_grant: bad code, wrong verifier, dead refresh token
    │   │       └── ReauthorizationRequired   refresh token expired or revoked: authorize again
    │   ├── StateMismatchError        the OAuth ``state`` that came back is not the one sent
    │   └── LoginTimeoutError         nobody came back from the login page in time (a TimeoutError)
    ├── TokenExpired                  HTTP 401 (expired, invalid or missing token)
    ├── RateLimitExceeded             HTTP 429; .retry_after in seconds
    ├── SpotifyAPIError               any other non-2xx, or a 2xx whose body is not JSON
    │   ├── BadRequestError           400
    │   ├── ForbiddenError            403 (missing scope, premium required, not allowed in dev mode)
    │   ├── NotFoundError             404
    │   ├── ServerError               5xx
    │   └── InvalidResponseError      a body that is not the JSON it should be
    └── SpotifyTransportError         the request did not complete
        ├── SpotifyTimeoutError       no answer within the timeout (also a TimeoutError)
        └── SpotifyConnectionError    connection refused, reset or closed mid-answer

``TokenExpired``, ``RateLimitExceeded``, ``SpotifyAPIError``, ``SpotifyError`` and
``SpotifyBaseError`` keep AsyncSpotify's names, constructors and ``message``/``get_json()``, so an
``except`` written for AsyncSpotify still catches what it caught there.

Messages never contain secrets: the library builds them from statuses and Spotify's texts, never
from headers or request bodies.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "AuthorizationError",
    "BadRequestError",
    "ForbiddenError",
    "InvalidGrantError",
    "InvalidInputError",
    "InvalidResponseError",
    "LoginTimeoutError",
    "NotFoundError",
    "RateLimitExceeded",
    "ReauthorizationRequired",
    "ServerError",
    "SpotifyAPIError",
    "SpotifyBaseError",
    "SpotifyConnectionError",
    "SpotifyError",
    "SpotifyTimeoutError",
    "SpotifyTransportError",
    "StateMismatchError",
    "TokenExpired",
    "error_payload",
]


def error_payload(status: int, message: str) -> dict[str, Any]:
    """The ``{"error": {"status", "message"}}`` dict every error carries (AsyncSpotify's shape)."""
    return {"error": {"status": status, "message": message}}


class SpotifyBaseError(Exception):
    """The root of every error async_spotify raises.

    ``message`` is the JSON payload (Spotify's error body, or ``{"error": {"status", "message"}}``
    built locally); ``status`` is the HTTP status (0 when nothing was answered), ``reason`` the
    player-error reason Spotify sent (``NO_ACTIVE_DEVICE``, ...), ``headers`` the response headers.
    """

    status: int = 0

    def __init__(
        self,
        message: Mapping[str, Any] | str,
        *,
        status: int | None = None,
        reason: str | None = None,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        payload = _as_payload(message, self.status if status is None else status)
        super().__init__(payload)
        self.message: dict[str, Any] = payload
        error = payload.get("error")
        if status is None:
            status = _int_or(error.get("status"), self.status) if isinstance(error, dict) else None
            status = self.status if status is None else status
        self.status = status
        self.reason = reason if reason is not None else _reason_of(payload)
        self.headers: dict[str, str] = dict(headers) if headers else {}
        self.retry_after = retry_after

    @property
    def text(self) -> str:
        """Spotify's (or the library's) human-readable message."""
        error = self.message.get("error")
        if isinstance(error, dict):
            return str(error.get("message", ""))
        description = self.message.get("error_description")
        return str(description if description is not None else error or "")

    def get_json(self) -> dict[str, Any]:
        """The error payload, as AsyncSpotify returned it."""
        return self.message

    def __str__(self) -> str:
        return str(self.message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, message={self.text!r})"


class SpotifyError(SpotifyBaseError):
    """A usage or local error (status 0), or an error from the Accounts service."""


class InvalidInputError(SpotifyError, ValueError):
    """An argument is not valid; raised before any request is sent."""


class AuthorizationError(SpotifyError):
    """The Accounts service refused a token request.

    ``error`` and ``error_description`` are the OAuth error fields Spotify sent.
    """

    def __init__(
        self,
        error: str,
        error_description: str,
        *,
        status: int = 400,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            error_payload(status, f"{error}: {error_description}"), status=status, headers=headers
        )
        self.error = error
        self.error_description = error_description


class InvalidGrantError(AuthorizationError):
    """``invalid_grant``: a code, verifier or refresh token was refused."""


class ReauthorizationRequired(InvalidGrantError):
    """The refresh token no longer works (6-month expiry, revoked, or already used).

    Nothing but a new authorization by the user gives a new token: send them through
    ``build_authorization_url`` again.
    """


class StateMismatchError(SpotifyError):
    """The ``state`` returned to the redirect URI is not the one this flow sent (possible CSRF)."""


class LoginTimeoutError(SpotifyError, TimeoutError):
    """``client.login()`` got no answer from the browser (or a pasted URL) within its timeout."""


class TokenExpired(SpotifyBaseError):
    """HTTP 401: the access token expired, is invalid, or none was sent."""

    status = 401


class RateLimitExceeded(SpotifyBaseError):
    """HTTP 429: too many requests. ``retry_after`` is Spotify's ``Retry-After`` in seconds."""

    status = 429

    def __init__(
        self,
        message: Mapping[str, Any] | str,
        retry_after: float = 0.0,
        *,
        status: int | None = None,
        reason: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            message, status=status, reason=reason, headers=headers, retry_after=retry_after
        )
        self.retry_after: float = retry_after


class SpotifyAPIError(SpotifyBaseError):
    """The Web API answered with an error status other than 401 and 429."""


class BadRequestError(SpotifyAPIError):
    """HTTP 400."""

    status = 400


class ForbiddenError(SpotifyAPIError):
    """HTTP 403: a missing scope, Premium required, or an operation not allowed for this app."""

    status = 403


class NotFoundError(SpotifyAPIError):
    """HTTP 404 (also the player's ``NO_ACTIVE_DEVICE``)."""

    status = 404


class ServerError(SpotifyAPIError):
    """HTTP 5xx."""

    status = 500


class InvalidResponseError(SpotifyAPIError):
    """The answer's body is not the JSON it should be (truncated, HTML, garbage)."""


class SpotifyTransportError(SpotifyBaseError):
    """The request did not complete: nothing (or only part of an answer) came back."""


class SpotifyTimeoutError(SpotifyTransportError, TimeoutError):
    """No complete answer within the configured timeout."""


class SpotifyConnectionError(SpotifyTransportError, ConnectionError):
    """The connection failed: refused, reset, or closed before the answer was complete."""


def _as_payload(message: Mapping[str, Any] | str, status: int) -> dict[str, Any]:
    if isinstance(message, str):
        return error_payload(status, message)
    return dict(message)


def _int_or(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _reason_of(payload: Mapping[str, Any]) -> str | None:
    error = payload.get("error")
    if isinstance(error, dict):
        reason = error.get("reason")
        return reason if isinstance(reason, str) else None
    return None
