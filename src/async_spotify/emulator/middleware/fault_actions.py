"""Acting out a picked :class:`~.faults.FaultRule` on the wire.

Each kind imitates something real clients meet: a 5xx (Spotify's JSON or a gateway's HTML page),
a 429 burst, a connection closed without an answer, a hang that outlasts client timeouts, a body
cut off mid-JSON (``Content-Length`` promises more than arrives), a 200 whose body is not JSON,
and a write that is applied before the answer is lost behind a 502.
"""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from async_spotify.emulator.errors import web_api_error
from async_spotify.emulator.paths import is_admin_path
from async_spotify.emulator.stats import Stats

from .faults import FaultInjector, FaultRule

_STATUS_MESSAGES = {
    500: "Server error.",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Service didn't reply before timeout",
}
_GATEWAY_PAGE = """<!DOCTYPE html>
<html><head><title>{status} {reason}</title></head>
<body><center><h1>{status} {reason}</h1></center><hr><center>envoy</center></body></html>
"""
INVALID_JSON_BODY = b'{"error": {"status": 200, "message": "emulated invalid JSON"'
#: Stands in when the handler's answer has no body to cut (a 204, say).
TRUNCATED_STAND_IN = b'{"emulator_fault": "truncated", "detail": "the rest never arrives"}'


def _server_error(rule: FaultRule) -> web.Response:
    status = rule.effective_status
    if rule.html:
        reason = web.Response(status=status).reason
        return web.Response(
            status=status,
            text=_GATEWAY_PAGE.format(status=status, reason=reason),
            content_type="text/html",
        )
    return web_api_error(status, _STATUS_MESSAGES.get(status, "Server error."))


def _drop_connection(request: web.Request) -> web.Response:
    transport = request.transport
    if transport is not None:
        transport.close()
    # Never written: the connection is already closed.
    return web.Response(status=500)


async def _truncated(request: web.Request, answer: web.StreamResponse) -> web.StreamResponse:
    body = answer.body if isinstance(answer, web.Response) else None
    status = answer.status
    if not isinstance(body, bytes) or len(body) < 2:
        body, status = TRUNCATED_STAND_IN, 200
    response = web.StreamResponse(status=status, headers={"Content-Type": "application/json"})
    response.content_length = len(body)
    response.force_close()
    await response.prepare(request)
    await response.write(body[: len(body) // 2])
    return response


def fault_middleware(injector: FaultInjector, stats: Stats) -> Middleware:
    @web.middleware
    async def inject_faults(request: web.Request, handler: Handler) -> web.StreamResponse:
        if is_admin_path(request.path):
            return await handler(request)
        rule = injector.pick(request.method, request.path)
        if rule is None:
            return await handler(request)
        stats.faults[rule.kind] += 1
        if rule.after_ms:
            await asyncio.sleep(rule.after_ms / 1000)
        kind = rule.kind
        if kind == "status":
            return _server_error(rule)
        if kind == "rate_limit":
            return web_api_error(
                429,
                "API rate limit exceeded",
                headers={"Retry-After": str(rule.retry_after_seconds)},
            )
        if kind == "reset":
            return _drop_connection(request)
        if kind == "invalid_json":
            return web.Response(status=200, body=INVALID_JSON_BODY, content_type="application/json")
        if kind == "hang":
            await asyncio.sleep(rule.hang_seconds)
            return await handler(request)
        answer = await handler(request)
        if kind == "truncated":
            return await _truncated(request, answer)
        # applied_then_failed: the handler ran (a write is applied); the answer is lost.
        return _server_error(rule)

    return inject_faults
