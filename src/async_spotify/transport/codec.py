"""Bodies and errors: JSON in and out with orjson, every error answer mapped to the error tree."""

from __future__ import annotations

import gc
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any

import orjson

from async_spotify.spotify_errors import (
    AuthorizationError,
    BadRequestError,
    ForbiddenError,
    InvalidGrantError,
    InvalidInputError,
    InvalidResponseError,
    NotFoundError,
    RateLimitExceeded,
    ServerError,
    SpotifyAPIError,
    SpotifyBaseError,
    TokenExpired,
    error_payload,
)
from async_spotify.transport.wire import Response, path_of

__all__ = [
    "LARGE_BODY",
    "accounts_error",
    "api_error",
    "decode_json",
    "encode_body",
    "loads_or_none",
    "not_json",
    "retry_after",
]

#: Bodies from this size on are decoded with the garbage collector paused (see decode_json).
LARGE_BODY = 64 * 1024

_ERROR_BY_STATUS: dict[int, type[SpotifyBaseError]] = {
    400: BadRequestError,
    401: TokenExpired,
    403: ForbiddenError,
    404: NotFoundError,
    429: RateLimitExceeded,
}


def encode_body(body: object) -> tuple[bytes | None, str | None]:
    """The bytes to send and their content type: JSON for a dict or list, JPEG for bytes/str."""
    if body is None:
        return None, None
    if isinstance(body, dict | list):
        return orjson.dumps(body), "application/json"
    if isinstance(body, bytes):
        return body, "image/jpeg"
    if isinstance(body, str):
        return body.encode("ascii"), "image/jpeg"
    raise InvalidInputError(f"a request body must be a dict, list, bytes or str, not {body!r}")


def decode_json(body: bytes) -> Any:
    """``orjson.loads(body)``, with the cyclic garbage collector paused for a large body.

    JSON cannot hold a reference cycle, so a collection during parsing frees nothing: it only
    rescans the objects made so far, and everything the program already holds. For a playlist
    page (50 items, ~400 KB) that more than doubled the decoding time. orjson holds the GIL while
    it parses, so no other thread runs while the collector is paused.
    """
    if len(body) < LARGE_BODY or not gc.isenabled():
        return orjson.loads(body)
    gc.disable()
    try:
        return orjson.loads(body)
    finally:
        gc.enable()


def loads_or_none(body: bytes) -> Any:
    """The decoded body, or None when it is not JSON (error answers need not be)."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return None


def api_error(method: str, url: str, response: Response) -> SpotifyBaseError:
    """The exception for a Web API error answer (any non-2xx)."""
    status = response.status
    payload = loads_or_none(response.body) if response.body else None
    if not (isinstance(payload, dict) and isinstance(payload.get("error"), dict)):
        payload = error_payload(status, f"{method} {path_of(url)} answered HTTP {status}")
    error_class = _ERROR_BY_STATUS.get(status) or (
        ServerError if status >= 500 else SpotifyAPIError
    )
    request = f"{method} {path_of(url)}"
    if error_class is RateLimitExceeded:
        return RateLimitExceeded(
            payload,
            retry_after(response.headers),
            status=status,
            headers=response.headers,
            request=request,
        )
    return error_class(payload, status=status, headers=response.headers, request=request)


def accounts_error(response: Response) -> SpotifyBaseError:
    """The exception for an Accounts-service error answer."""
    status = response.status
    payload = loads_or_none(response.body) if response.body else None
    if status == 429:
        return RateLimitExceeded(
            error_payload(status, "POST /api/token: rate limit exceeded"),
            retry_after(response.headers),
            status=status,
            headers=response.headers,
        )
    if isinstance(payload, dict) and isinstance(payload.get("error"), str):
        error = payload["error"]
        description = str(payload.get("error_description", ""))
        error_class = InvalidGrantError if error == "invalid_grant" else AuthorizationError
        return error_class(error, description, status=status, headers=response.headers)
    return AuthorizationError(
        "server_error",
        f"POST /api/token answered HTTP {status}",
        status=status,
        headers=response.headers,
    )


def not_json(method: str, url: str, response: Response) -> InvalidResponseError:
    """The exception for a 2xx answer whose body does not decode."""
    return InvalidResponseError(
        f"{method} {path_of(url)} answered {response.status} with a body that is not JSON",
        status=response.status,
        headers=response.headers,
        request=f"{method} {path_of(url)}",
    )


def retry_after(headers: Mapping[str, str]) -> float:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date); 0.0 if absent or odd."""
    value = headers.get("Retry-After")
    if value is None:
        return 0.0
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError):
            return 0.0
    return seconds if seconds > 0 and seconds == seconds and seconds != float("inf") else 0.0
