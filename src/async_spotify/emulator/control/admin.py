"""``/_emulator/*``: the emulator's own controls, for tests and for users of the command.

==========================================  ==================================================
``GET  /_emulator/stats``                   requests by route and status, tokens, faults, ...
``POST /_emulator/reset-stats``             zero the counters
``POST /_emulator/time``                    ``{"advance": seconds}``: move the clock (<= a year)
``GET|POST|DELETE /_emulator/faults``       read, replace (JSON list of rules), clear
``POST /_emulator/faults/script``           queue faults (JSON list) for the next requests
``GET|POST /_emulator/latency``             ``{"ms": 50, "jitter_ms": 10}``
``POST /_emulator/user-token``              ``{"scopes"?, "user_id"?, "pkce"?}`` -> token JSON
``POST /_emulator/client-token``            client-credentials token JSON
``POST /_emulator/revoke-refresh-tokens``   every refresh token answers ``invalid_grant``
==========================================  ==================================================

These routes are never counted, delayed, rate limited or faulted. Errors use the Web API shape.
"""

from __future__ import annotations

import math
from typing import Any, TypeGuard

import orjson
from aiohttp import web

from async_spotify.emulator.accounts.scopes import ALL_SCOPES
from async_spotify.emulator.errors import JSON, ApiError
from async_spotify.emulator.middleware.faults import FaultRule
from async_spotify.emulator.paths import ADMIN_PREFIX
from async_spotify.emulator.services import SERVICES_KEY, Services


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(status=status, body=orjson.dumps(data), content_type=JSON)


async def _body(request: web.Request) -> Any:
    raw = await request.read()
    try:
        return orjson.loads(raw) if raw else None
    except orjson.JSONDecodeError:
        raise ApiError(400, "Malformed json") from None


def _services(request: web.Request) -> Services:
    return request.app[SERVICES_KEY]


def _rules(data: Any) -> list[FaultRule]:
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ApiError(400, "Expected a JSON list of fault rule objects")
    try:
        return [FaultRule.from_dict(item) for item in data]
    except ValueError as error:
        raise ApiError(400, str(error)) from None


_LATENCY_USAGE = 'Expected {"ms": number, "jitter_ms": number}, both >= 0'


def _is_non_negative_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


async def get_stats(request: web.Request) -> web.Response:
    return _json(_services(request).stats.snapshot())


async def reset_stats(request: web.Request) -> web.Response:
    _services(request).stats.reset()
    return web.Response(status=204)


#: The furthest one ``POST /_emulator/time`` moves the clock: a year (tokens live an hour,
#: refresh tokens half a year; anything further is a mistake, e.g. milliseconds for seconds).
MAX_ADVANCE = 366 * 86400.0


async def advance_time(request: web.Request) -> web.Response:
    data = await _body(request)
    seconds = data.get("advance") if isinstance(data, dict) else None
    if not _is_non_negative_number(seconds):
        raise ApiError(400, 'Expected {"advance": seconds}, seconds >= 0')
    if not math.isfinite(seconds):
        raise ApiError(400, f"advance must be a finite number of seconds, not {seconds!r}")
    if seconds > MAX_ADVANCE:
        raise ApiError(
            400, f"advance must be at most a year ({MAX_ADVANCE:.0f} seconds), not {seconds!r}"
        )
    clock = _services(request).clock
    clock.advance(seconds)
    return _json({"now": clock.now()})


async def get_faults(request: web.Request) -> web.Response:
    return _json(_services(request).faults.snapshot())


async def replace_faults(request: web.Request) -> web.Response:
    faults = _services(request).faults
    faults.replace(_rules(await _body(request)))
    return _json(faults.snapshot())


async def script_faults(request: web.Request) -> web.Response:
    faults = _services(request).faults
    faults.script(_rules(await _body(request)))
    return _json(faults.snapshot())


async def clear_faults(request: web.Request) -> web.Response:
    _services(request).faults.clear()
    return web.Response(status=204)


async def get_latency(request: web.Request) -> web.Response:
    latency = _services(request).latency
    return _json({"ms": latency.ms, "jitter_ms": latency.jitter_ms})


async def set_latency(request: web.Request) -> web.Response:
    data = await _body(request)
    if not isinstance(data, dict):
        raise ApiError(400, _LATENCY_USAGE)
    ms, jitter_ms = data.get("ms", 0), data.get("jitter_ms", 0)
    if not (_is_non_negative_number(ms) and _is_non_negative_number(jitter_ms)):
        raise ApiError(400, _LATENCY_USAGE)
    latency = _services(request).latency
    latency.set(ms, jitter_ms)
    return _json({"ms": latency.ms, "jitter_ms": latency.jitter_ms})


async def user_token(request: web.Request) -> web.Response:
    data = await _body(request) or {}
    if not isinstance(data, dict):
        raise ApiError(400, 'Expected {"scopes"?: [...], "user_id"?: "...", "pkce"?: bool}')
    scopes = data.get("scopes", list(ALL_SCOPES))
    user_id = data.get("user_id")
    pkce = data.get("pkce", False)
    if (
        not isinstance(scopes, list)
        or not all(isinstance(scope, str) for scope in scopes)
        or not (user_id is None or isinstance(user_id, str))
        or not isinstance(pkce, bool)
    ):
        raise ApiError(400, 'Expected {"scopes"?: [...], "user_id"?: "...", "pkce"?: bool}')
    try:
        answer = _services(request).issue_user_token(scopes, user_id=user_id, pkce=pkce)
    except ValueError as error:
        raise ApiError(400, str(error)) from None
    return _json(answer)


async def client_token(request: web.Request) -> web.Response:
    return _json(_services(request).issue_client_token())


async def revoke_refresh_tokens(request: web.Request) -> web.Response:
    _services(request).tokens.revoke_refresh_tokens()
    return web.Response(status=204)


def setup_admin(app: web.Application) -> None:
    router = app.router
    prefix = ADMIN_PREFIX
    router.add_get(f"{prefix}/stats", get_stats, allow_head=False)
    router.add_post(f"{prefix}/reset-stats", reset_stats)
    router.add_post(f"{prefix}/time", advance_time)
    router.add_get(f"{prefix}/faults", get_faults, allow_head=False)
    router.add_post(f"{prefix}/faults", replace_faults)
    router.add_delete(f"{prefix}/faults", clear_faults)
    router.add_post(f"{prefix}/faults/script", script_faults)
    router.add_get(f"{prefix}/latency", get_latency, allow_head=False)
    router.add_post(f"{prefix}/latency", set_latency)
    router.add_post(f"{prefix}/user-token", user_token)
    router.add_post(f"{prefix}/client-token", client_token)
    router.add_post(f"{prefix}/revoke-refresh-tokens", revoke_refresh_tokens)
