"""Counters that let tests assert what an app did to Spotify: requests, tokens, faults, bugs.

Requests are keyed by ``"METHOD template"`` (the aiohttp resource's canonical form, e.g.
``"GET /v1/albums/{id}"``) and then by status; a connection dropped on purpose counts as
``"reset"``. ``emulator_bugs`` counts handler crashes; a healthy run keeps it at 0.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from .middleware.faults import FAULT_KINDS
from .paths import is_admin_path

TOKEN_GRANTS = ("authorization_code", "pkce", "client_credentials", "refresh_token")
#: The route key of requests that matched no route (404 and 405 answers).
UNMATCHED_ROUTE = "(no route)"


class Stats:
    """The emulator's counters (the JSON of ``GET /_emulator/stats``)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Zero every counter."""
        self.requests: defaultdict[str, defaultdict[str, int]] = defaultdict(
            lambda: defaultdict(int)
        )
        self.tokens = dict.fromkeys(TOKEN_GRANTS, 0)
        self.faults = dict.fromkeys(FAULT_KINDS, 0)
        self.rate_limited = 0
        self.emulator_bugs = 0

    def snapshot(self) -> dict[str, Any]:
        return {
            "requests": {route: dict(statuses) for route, statuses in self.requests.items()},
            "tokens": dict(self.tokens),
            "faults": dict(self.faults),
            "rate_limited": self.rate_limited,
            "emulator_bugs": self.emulator_bugs,
        }


def route_key(request: web.Request) -> str:
    resource = request.match_info.route.resource
    template = UNMATCHED_ROUTE if resource is None else resource.canonical
    return f"{request.method} {template}"


def stats_middleware(stats: Stats) -> Middleware:
    """The outermost middleware: counts every non-admin request by route and final status."""

    @web.middleware
    async def count_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
        if is_admin_path(request.path):
            return await handler(request)
        try:
            response = await handler(request)
        except web.HTTPException as answer:  # raised answers (a redirect, say) count too
            stats.requests[route_key(request)][str(answer.status)] += 1
            raise
        transport = request.transport
        status = "reset" if transport is None or transport.is_closing() else str(response.status)
        stats.requests[route_key(request)][status] += 1
        return response

    return count_requests
