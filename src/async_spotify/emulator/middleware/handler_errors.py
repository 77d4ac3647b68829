"""The innermost middleware: every failure of routing or of a handler becomes a Spotify answer.

- :class:`~async_spotify.emulator.errors.ApiError` -> its Web API error response;
  :class:`~async_spotify.emulator.errors.AccountsError` -> its Accounts error response.
- No route -> 404 ``"Service not found"``; wrong method -> 405 ``"Method not allowed"``; a body
  over the limit -> 413.
- Any other exception is an emulator bug: 500 ``"Server error."`` (Spotify's text), logged with
  its traceback and counted in ``stats.emulator_bugs`` so test suites can assert it stays 0.

The Web API and the admin routes answer ``{"error": {"status", "message"}}``; the Accounts
service (every other path) ``{"error", "error_description"}``, as ``accounts.spotify.com``.
"""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from async_spotify.emulator.errors import (
    AccountsError,
    ApiError,
    accounts_status_error,
    web_api_error,
)
from async_spotify.emulator.paths import is_admin_path, is_api_path
from async_spotify.emulator.stats import Stats, route_key

logger = logging.getLogger("async_spotify.emulator")


def handler_errors_middleware(stats: Stats) -> Middleware:
    @web.middleware
    async def answer_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
        path = request.path
        answer = web_api_error if is_api_path(path) or is_admin_path(path) else _accounts_answer
        try:
            return await handler(request)
        except ApiError as error:
            return error.response()
        except AccountsError as error:
            return error.response()
        except web.HTTPException as error:
            if error.status < 400:
                raise
            if request.match_info.http_exception is None:
                return answer(error.status, error.reason)
            if error.status == 405:
                return answer(405, "Method not allowed", headers={"Allow": error.headers["Allow"]})
            return answer(404, "Service not found")
        except Exception:
            transport = request.transport
            if transport is None or transport.is_closing():
                # The client hung up mid-request (reading its body failed): no one waits for
                # an answer, and it is not the emulator's bug. This answer is never written.
                return web.Response(status=500)
            stats.emulator_bugs += 1
            logger.exception("emulator bug while handling %s", route_key(request))
            return answer(500, "Server error.")

    return answer_errors


def _accounts_answer(
    status: int, message: str, *, headers: dict[str, str] | None = None
) -> web.Response:
    return accounts_status_error(status, message, headers=headers)
