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


def accounts_error(error: str, description: str, status: int = 400) -> web.Response:
    """An Accounts-service (OAuth) error response."""
    return web.Response(
        status=status,
        body=orjson.dumps({"error": error, "error_description": description}),
        content_type=JSON,
    )
