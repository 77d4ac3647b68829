"""Error responses shaped as Spotify shapes them.

Web API: ``{"error": {"status": N, "message": "...", "reason"?: "..."}}``.
Accounts service: ``{"error": "...", "error_description": "..."}`` with HTTP 400.
"""

from __future__ import annotations

from collections.abc import Mapping

import orjson
from aiohttp import web

JSON = "application/json"


def web_api_error(
    status: int,
    message: str,
    *,
    reason: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> web.Response:
    """A Web API error response."""
    error: dict[str, object] = {"status": status, "message": message}
    if reason is not None:
        error["reason"] = reason
    return web.Response(
        status=status,
        body=orjson.dumps({"error": error}),
        content_type=JSON,
        headers=headers,
    )


class ApiError(Exception):
    """Raised inside a handler to answer with a Web API error; the app turns it into a response."""

    def __init__(self, status: int, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.reason = reason

    def response(self) -> web.Response:
        return web_api_error(self.status, self.message, reason=self.reason)


def accounts_error(
    error: str,
    description: str,
    status: int = 400,
    *,
    headers: Mapping[str, str] | None = None,
) -> web.Response:
    """An Accounts-service (OAuth) error response."""
    return web.Response(
        status=status,
        body=orjson.dumps({"error": error, "error_description": description}),
        content_type=JSON,
        headers=headers,
    )


#: The OAuth ``error`` code the Accounts service answers for each HTTP status it refuses with.
ACCOUNTS_ERROR_CODES = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    431: "request_too_large",
}


def accounts_status_error(
    status: int, description: str, *, headers: Mapping[str, str] | None = None
) -> web.Response:
    """An Accounts-service error for an HTTP-level refusal (404, 405, 413...) or a bug (500)."""
    code = ACCOUNTS_ERROR_CODES.get(status, "server_error" if status >= 500 else "invalid_request")
    return accounts_error(code, description, status, headers=headers)


class AccountsError(Exception):
    """Raised inside an Accounts handler to answer ``{"error", "error_description"}``."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status

    def response(self) -> web.Response:
        return accounts_error(self.error, self.description, self.status)
