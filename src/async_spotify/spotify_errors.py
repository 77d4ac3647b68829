"""Every failure async_spotify can raise, in one tree.

``except SpotifyBaseError`` catches all of them: usage errors, token-endpoint errors, HTTP
errors from the Web API and transport failures (timeouts, resets, unreadable answers)::

    SpotifyBaseError                  .message, .get_json(), .status, .reason, .headers, .request
    ├── SpotifyError                  a usage error, raised before anything is sent
    │   ├── InvalidInputError         a bad argument (also a ValueError); names the bad value
    │   │   ├── InvalidRequestError   a request Spotify would refuse with 400 (bad id, limit,
    │   │   │                         market): also a BadRequestError, so a SpotifyAPIError
    │   │   └── StateMismatchError    the redirect's ``state`` is not one this client issued
    │   ├── LoginTimeoutError         nobody came back from the login page in time (a TimeoutError)
    │   └── AuthorizationError        the authorization failed (.error, .error_description)
    │       ├── AuthorizationDenied   the user (or Spotify) refused consent: error=access_denied
    │       └── InvalidGrantError     invalid_grant: bad code, wrong verifier, dead refresh token
    │           └── ReauthorizationRequired   refresh token expired or revoked: also a TokenExpired
    ├── TokenExpired                  HTTP 401 (expired, invalid or missing token)
    │   └── ReauthorizationRequired   (see above: the renewal a 401 needed is impossible)
    ├── RateLimitExceeded             HTTP 429 beyond what the retry policy waits out; .retry_after
    ├── SpotifyAPIError               any other non-2xx, or a 2xx whose body is not JSON
    │   ├── BadRequestError           400
    │   │   └── InvalidRequestError   (see above: refused locally, before it was sent)
    │   ├── ForbiddenError            403 (missing scope, premium required, not allowed in dev mode)
    │   │   └── InsufficientScopeError    the token lacks a scope the operation needs (not sent)
    │   ├── NotFoundError             404
    │   ├── ServerError               5xx
    │   └── InvalidResponseError      a body that is not the JSON it should be
    └── SpotifyTransportError         the request did not complete
        ├── SpotifyTimeoutError       no answer within the timeout (also a TimeoutError)
        └── SpotifyConnectionError    connection refused, reset or closed mid-answer

Why the tree has two diamonds: whatever an ``except`` caught in AsyncSpotify 0.4.4 it still
catches.

- 0.4.4 sent a malformed id or an out-of-range ``limit`` and Spotify answered 400, which 0.4.4
  raised as ``SpotifyAPIError``. This library refuses such input before sending it, as an
  :class:`InvalidRequestError`: an ``InvalidInputError`` (and ``ValueError``) for new code, a
  ``SpotifyAPIError`` with status 400 and Spotify's ``{"error": {"status": 400, "message"}}``
  payload for old code.
- 0.4.4 raised ``TokenExpired`` when a held token was refused and could not be renewed. When the
  renewal fails because the refresh token is dead, this library raises
  :class:`ReauthorizationRequired`, which ``except TokenExpired`` still catches.
- 0.4.4 raised ``SpotifyError`` for every failure of the Accounts service; those are
  :class:`AuthorizationError` now, which stays beneath ``SpotifyError`` for that reason. The
  class ``SpotifyError`` itself is raised only for usage errors (no session, wrong flow, no
  token).

``str(error)`` reads as a sentence: the status, the request and Spotify's message, as in
``404 Not Found: GET /v1/albums/xyz: Resource not found``; ``get_json()`` keeps the payload dict.
Every text an error quotes (a path, a value, Spotify's message) is shortened, so a 10,000-id
request never makes a 300 kB message. Messages never contain secrets: the library builds them
from statuses, routes and Spotify's texts, never from headers, queries or request bodies.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

__all__ = [
    "AuthorizationDenied",
    "AuthorizationError",
    "BadRequestError",
    "ForbiddenError",
    "InsufficientScopeError",
    "InvalidGrantError",
    "InvalidInputError",
    "InvalidRequestError",
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
    "shorten",
]

#: At most this many characters of Spotify's message are quoted in ``str(error)``.
MESSAGE_LIMIT = 300
#: At most this many characters of a message the library builds.
LOCAL_MESSAGE_LIMIT = 1000
#: At most this many characters of a request (``GET /v1/...``) are quoted in a message.
REQUEST_LIMIT = 160


def shorten(text: str, limit: int = REQUEST_LIMIT) -> str:
    """``text`` cut to ``limit`` characters (the cut marked, with the full length)."""
    if len(text) <= limit:
        return text
    suffix = f"... ({len(text)} characters)"
    return text[: max(limit - len(suffix), 1)] + suffix


def error_payload(status: int, message: str) -> dict[str, Any]:
    """The ``{"error": {"status", "message"}}`` dict every error carries (AsyncSpotify's shape)."""
    return {"error": {"status": status, "message": message}}


class SpotifyBaseError(Exception):
    """The root of every error async_spotify raises.

    ``message`` is the JSON payload (Spotify's error body, or ``{"error": {"status", "message"}}``
    built locally); ``status`` is the HTTP status (0 when nothing was answered), ``reason`` the
    player-error reason Spotify sent (``NO_ACTIVE_DEVICE``, ...), ``headers`` the response
    headers, ``request`` the request that failed (``"GET /v1/albums/xyz"``: method and path, never
    the query), when there was one.
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
        request: str | None = None,
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
        self.request = shorten(request) if request else None

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
        text = shorten(self.text, MESSAGE_LIMIT)
        if not 100 <= self.status <= 599:  # nothing was answered: the message says it all
            return text or shorten(str(self.message), MESSAGE_LIMIT)
        parts = [f"{self.status} {_phrase(self.status)}"]
        if self.request:
            parts.append(self.request)
        if text:
            parts.append(text)
        return ": ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, message={self.text!r})"


class SpotifyError(SpotifyBaseError):
    """A usage error (status 0): raised before anything is sent.

    Its subclass :class:`AuthorizationError` covers failures of the Accounts service, which
    AsyncSpotify raised as ``SpotifyError``.
    """


class InvalidInputError(SpotifyError, ValueError):
    """An argument is not valid; raised before any request is sent."""


class AuthorizationError(SpotifyError):
    """The authorization failed: the Accounts service refused a token request, or the redirect
    carried an error instead of a code.

    ``error`` and ``error_description`` are the OAuth error fields Spotify sent.
    """

    def __init__(
        self,
        error: str,
        error_description: str,
        *,
        status: int = 400,
        headers: Mapping[str, str] | None = None,
        request: str | None = "POST /api/token",
    ) -> None:
        super().__init__(
            error_payload(status, f"{error}: {error_description}" if error_description else error),
            status=status,
            headers=headers,
            request=request,
        )
        self.error = error
        self.error_description = error_description


class AuthorizationDenied(AuthorizationError):
    """The redirect came back with ``error=access_denied`` (or another OAuth error): the user
    did not consent, so there is no code to exchange."""


class InvalidGrantError(AuthorizationError):
    """``invalid_grant``: a code, verifier or refresh token was refused."""


class LoginTimeoutError(SpotifyError, TimeoutError):
    """``client.login()`` got no answer from the browser (or a pasted URL) within its timeout."""


class TokenExpired(SpotifyBaseError):
    """HTTP 401: the access token expired, is invalid, or none was sent."""

    status = 401


class ReauthorizationRequired(InvalidGrantError, TokenExpired):
    """The refresh token no longer works (6-month expiry, revoked, or already used).

    Nothing but a new authorization by the user gives a new token: send them through
    ``build_authorization_url`` again. It is also a :class:`TokenExpired`, which AsyncSpotify
    raised when a held token could not be renewed.
    """


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
        request: str | None = None,
    ) -> None:
        super().__init__(
            message,
            status=status,
            reason=reason,
            headers=headers,
            retry_after=retry_after,
            request=request,
        )
        self.retry_after: float = retry_after


class SpotifyAPIError(SpotifyBaseError):
    """The Web API answered with an error status other than 401 and 429."""


class BadRequestError(SpotifyAPIError):
    """HTTP 400."""

    status = 400


class InvalidRequestError(InvalidInputError, BadRequestError):
    """A request Spotify would refuse with 400 (a malformed id, a limit out of range...),
    refused before anything was sent; the message names the parameter and the value.

    AsyncSpotify sent such requests and raised Spotify's 400 as ``SpotifyAPIError``: this error
    is one too, with status 400 and the payload ``{"error": {"status": 400, "message": ...}}``.
    """

    status = 400

    def __str__(self) -> str:
        return shorten(self.text, MESSAGE_LIMIT * 2)  # nothing was sent: no status, no route


class StateMismatchError(InvalidInputError):
    """The ``state`` of a redirect is not one this client issued (or it expired, or was used
    already): the redirect may be forged (CSRF), so its code is not taken."""


class ForbiddenError(SpotifyAPIError):
    """HTTP 403: a missing scope, Premium required, or an operation not allowed for this app."""

    status = 403


class InsufficientScopeError(ForbiddenError):
    """The token lacks a scope the operation needs; raised before anything is sent (Spotify
    would answer 403 "Insufficient client scope"). ``missing_scopes`` names what to ask for."""

    def __init__(self, operation: str, missing_scopes: tuple[str, ...], *, any_of: bool) -> None:
        self.missing_scopes = missing_scopes
        needed = (" or " if any_of else " and ").join(missing_scopes)
        super().__init__(
            error_payload(
                403,
                f"Insufficient client scope: {operation} needs the scope {needed}, which the "
                "token was not granted; authorize the user again with it in the flow's scopes",
            )
        )


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


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _as_payload(message: Mapping[str, Any] | str, status: int) -> dict[str, Any]:
    if isinstance(message, str):  # built by the library: whatever it quotes stays short
        return error_payload(status, shorten(message, LOCAL_MESSAGE_LIMIT))
    return dict(message)


def _int_or(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _reason_of(payload: Mapping[str, Any]) -> str | None:
    error = payload.get("error")
    if isinstance(error, dict):
        reason = error.get("reason")
        return reason if isinstance(reason, str) else None
    return None
