"""Each fault kind on the wire; scripts, counts, seeded chances, routes and run-time control."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import orjson
import pytest
from aiohttp import web

from async_spotify.emulator import Clock, EmulatorConfig, FaultRule, create_app
from async_spotify.emulator.accounts.auth_context import get_auth
from async_spotify.emulator.middleware.faults import FaultInjector
from async_spotify.emulator.services import SERVICES_KEY, Services

Serve = Callable[[web.Application], Awaitable[str]]
#: Hangs, delays and client timeouts run on virtual time: exact, and never raced by the load.
pytestmark = pytest.mark.virtual_time

WRITES = web.AppKey("writes", list)
ECHO_BODY = {"id": "4iV5W9uYEdYUVa79Axb7Rh", "name": "a track", "popularity": 42}


async def track(request: web.Request) -> web.Response:
    get_auth(request)
    return web.Response(body=orjson.dumps(ECHO_BODY), content_type="application/json")


async def add_items(request: web.Request) -> web.Response:
    writes = request.app[WRITES]
    writes.append(request.match_info["playlist_id"])
    body = orjson.dumps({"snapshot_id": f"snap-{len(writes)}"})
    return web.Response(status=201, body=body, content_type="application/json")


async def unfollow(request: web.Request) -> web.Response:
    request.app[WRITES].append("unfollowed")
    return web.Response(status=204)


async def fault_server(
    serve_app: Serve, *rules: FaultRule, seed: int = 0
) -> tuple[str, Services, dict[str, str]]:
    app = create_app(EmulatorConfig(seed=seed, faults=rules), Clock())
    app[WRITES] = []
    app.router.add_get("/v1/test/tracks/{id}", track)
    app.router.add_post("/v1/test/playlists/{playlist_id}/items", add_items)
    app.router.add_delete("/v1/test/playlists/{playlist_id}/followers", unfollow)
    services = app[SERVICES_KEY]
    token = services.issue_user_token()["access_token"]
    return await serve_app(app), services, {"Authorization": f"Bearer {token}"}


async def call(
    http: aiohttp.ClientSession, method: str, url: str, **kwargs: Any
) -> tuple[int, bytes, aiohttp.ClientResponse]:
    async with http.request(method, url, **kwargs) as response:
        return response.status, await response.read(), response


TRACK = "/v1/test/tracks/4iV5W9uYEdYUVa79Axb7Rh"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (500, "Server error."),
        (502, "Bad gateway"),
        (503, "Service unavailable"),
        (504, "Service didn't reply before timeout"),
    ],
)
async def test_status_faults_answer_spotify_json(
    http: aiohttp.ClientSession, serve_app: Serve, status: int, message: str
) -> None:
    url, services, auth = await fault_server(serve_app, FaultRule("status", status=status))
    got, body, _response = await call(http, "GET", url + TRACK, headers=auth)
    assert got == status
    assert orjson.loads(body) == {"error": {"status": status, "message": message}}
    assert services.stats.faults["status"] == 1
    assert services.stats.snapshot()["requests"] == {"GET /v1/test/tracks/{id}": {str(status): 1}}


async def test_status_fault_default_is_500_and_html_is_a_gateway_page(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    assert FaultRule("status").effective_status == 500
    url, _, auth = await fault_server(serve_app, FaultRule("status", status=502, html=True))
    status, body, response = await call(http, "GET", url + TRACK, headers=auth)
    assert status == 502
    assert response.content_type == "text/html"
    assert b"<h1>502 Bad Gateway</h1>" in body


async def test_rate_limit_fault_is_a_burst_of_429s(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, services, auth = await fault_server(
        serve_app, FaultRule("rate_limit", count=2, retry_after=7)
    )
    answers = [await call(http, "GET", url + TRACK, headers=auth) for _ in range(3)]
    assert [status for status, _, _ in answers] == [429, 429, 200]
    assert orjson.loads(answers[0][1]) == {
        "error": {"status": 429, "message": "API rate limit exceeded"}
    }
    assert answers[0][2].headers["Retry-After"] == "7"
    assert services.stats.faults["rate_limit"] == 2
    assert services.stats.rate_limited == 0


async def test_reset_closes_the_connection_without_an_answer(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, services, auth = await fault_server(serve_app, FaultRule("reset", count=1))
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await call(http, "POST", url + "/v1/test/playlists/p1/items", headers=auth)
    assert (await call(http, "POST", url + "/v1/test/playlists/p1/items", headers=auth))[0] == 201
    assert services.stats.snapshot()["requests"] == {
        "POST /v1/test/playlists/{playlist_id}/items": {"reset": 1, "201": 1}
    }
    assert services.stats.faults["reset"] == 1


async def test_aiohttp_retries_an_idempotent_request_once_after_a_reset(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, services, auth = await fault_server(serve_app, FaultRule("reset", count=1))
    assert (await call(http, "GET", url + TRACK, headers=auth))[0] == 200
    url, services, auth = await fault_server(serve_app, FaultRule("reset", count=2))
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await call(http, "GET", url + TRACK, headers=auth)
    assert services.stats.faults["reset"] == 2


async def test_hang_outlasts_the_client_timeout_without_blocking_the_loop(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, _, auth = await fault_server(
        serve_app, FaultRule("hang", route="GET /v1/test/tracks/*", seconds=30, count=1)
    )
    loop = asyncio.get_running_loop()
    started = loop.time()
    hanging = asyncio.create_task(
        call(http, "GET", url + TRACK, headers=auth, timeout=aiohttp.ClientTimeout(total=0.3))
    )
    # While one request hangs, the emulator keeps answering others, at once.
    other = await call(http, "DELETE", url + "/v1/test/playlists/p1/followers", headers=auth)
    assert other[0] == 204
    assert loop.time() == started
    with pytest.raises(asyncio.TimeoutError):
        await hanging
    assert loop.time() - started == pytest.approx(0.3)  # the client's timeout, not the 30 s


async def test_hang_then_answers(http: aiohttp.ClientSession, serve_app: Serve) -> None:
    url, _, auth = await fault_server(serve_app, FaultRule("hang", seconds=0.05))
    loop = asyncio.get_running_loop()
    started = loop.time()
    status, body, _ = await call(http, "GET", url + TRACK, headers=auth)
    assert (status, orjson.loads(body)) == (200, ECHO_BODY)
    assert loop.time() - started == pytest.approx(0.05)


async def test_truncated_body_is_cut_mid_json(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, _, auth = await fault_server(serve_app, FaultRule("truncated", count=1))
    async with http.get(url + TRACK, headers=auth) as response:
        assert response.status == 200
        assert response.content_type == "application/json"
        full = orjson.dumps(ECHO_BODY)
        assert response.content_length == len(full)
        with pytest.raises(aiohttp.ClientPayloadError):
            await response.read()


async def test_truncated_write_is_applied(http: aiohttp.ClientSession, serve_app: Serve) -> None:
    url, _services, auth = await fault_server(
        serve_app, FaultRule("truncated", route="DELETE /v1/test/playlists/*/followers")
    )
    async with http.delete(url + "/v1/test/playlists/p9/followers", headers=auth) as response:
        # A 204 has no body to cut: a stand-in JSON body is cut instead.
        assert response.status == 200
        with pytest.raises(aiohttp.ClientPayloadError):
            await response.read()


async def test_invalid_json(http: aiohttp.ClientSession, serve_app: Serve) -> None:
    url, services, auth = await fault_server(serve_app, FaultRule("invalid_json"))
    status, body, response = await call(http, "GET", url + TRACK, headers=auth)
    assert status == 200
    assert response.content_type == "application/json"
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(body)
    assert services.stats.faults["invalid_json"] == 1


async def test_applied_then_failed_applies_the_write(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, services, auth = await fault_server(
        serve_app,
        FaultRule("applied_then_failed", route="POST /v1/test/playlists/*/items", count=1),
    )
    status, body, _ = await call(http, "POST", url + "/v1/test/playlists/p1/items", headers=auth)
    assert (status, orjson.loads(body)) == (
        502,
        {"error": {"status": 502, "message": "Bad gateway"}},
    )
    status, body, _ = await call(http, "POST", url + "/v1/test/playlists/p1/items", headers=auth)
    assert (status, orjson.loads(body)) == (201, {"snapshot_id": "snap-2"})
    assert services.stats.faults["applied_then_failed"] == 1


async def test_faults_apply_only_to_matching_routes(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, _, auth = await fault_server(
        serve_app, FaultRule("status", status=503, route="POST /v1/test/playlists/*/items")
    )
    assert (await call(http, "GET", url + TRACK, headers=auth))[0] == 200
    assert (await call(http, "POST", url + "/v1/test/playlists/x/items", headers=auth))[0] == 503
    # A route-less rule leaves the Accounts service alone.
    url, _, auth = await fault_server(serve_app, FaultRule("status"))
    form = {"grant_type": "client_credentials"}
    assert (await call(http, "POST", url + "/api/token", data=form))[0] == 400
    # ... unless a route names it.
    url, _, auth = await fault_server(serve_app, FaultRule("status", route="POST /api/token"))
    assert (await call(http, "POST", url + "/api/token", data=form))[0] == 500


async def test_after_ms_delays_the_fault(http: aiohttp.ClientSession, serve_app: Serve) -> None:
    url, _, auth = await fault_server(serve_app, FaultRule("status", after_ms=50))
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert (await call(http, "GET", url + TRACK, headers=auth))[0] == 500
    assert loop.time() - started == pytest.approx(0.05)


async def test_script_answers_the_next_matching_requests_in_order(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, services, auth = await fault_server(serve_app)
    services.faults.script(
        [
            FaultRule("status", status=503, route="GET /v1/test/tracks/*"),
            FaultRule("rate_limit", count=2),
            FaultRule("invalid_json", probability=0.0),
        ]
    )
    # Not the head's route: passes untouched.
    assert (await call(http, "POST", url + "/v1/test/playlists/p/items", headers=auth))[0] == 201
    statuses = [(await call(http, "GET", url + TRACK, headers=auth))[:2] for _ in range(5)]
    assert [status for status, _ in statuses] == [503, 429, 429, 200, 200]
    assert statuses[3][1] == b'{"error": {"status": 200, "message": "emulated invalid JSON"'
    assert orjson.loads(statuses[4][1]) == ECHO_BODY
    assert services.faults.snapshot()["script"] == []


async def test_probability_is_deterministic_for_a_seed(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    async def outcomes(seed: int) -> list[int]:
        url, _, auth = await fault_server(
            serve_app, FaultRule("status", probability=0.5), seed=seed
        )
        return [(await call(http, "GET", url + TRACK, headers=auth))[0] for _ in range(20)]

    first = await outcomes(3)
    assert first == await outcomes(3)
    assert set(first) == {200, 500}
    assert first != await outcomes(4)


async def test_admin_replaces_reads_scripts_and_clears_faults(
    http: aiohttp.ClientSession, serve_app: Serve
) -> None:
    url, services, auth = await fault_server(serve_app, FaultRule("reset"))
    rules = [{"kind": "status", "status": 502, "route": "GET /v1/test/tracks/*", "count": 1}]
    status, body, _ = await call(http, "POST", url + "/_emulator/faults", json=rules)
    assert status == 200
    assert orjson.loads(body) == {
        "rules": [
            {
                "kind": "status",
                "route": "GET /v1/test/tracks/*",
                "probability": 1.0,
                "count": 1,
                "status": 502,
                "html": False,
                "seconds": None,
                "retry_after": None,
                "after_ms": 0.0,
                "fired": 0,
            }
        ],
        "script": [],
    }
    assert (await call(http, "GET", url + TRACK, headers=auth))[0] == 502
    assert (
        orjson.loads((await call(http, "GET", url + "/_emulator/faults"))[1])["rules"][0]["fired"]
        == 1
    )
    assert (await call(http, "GET", url + TRACK, headers=auth))[0] == 200

    script = [{"kind": "rate_limit", "retry_after": 3}]
    status, body, _ = await call(http, "POST", url + "/_emulator/faults/script", json=script)
    assert orjson.loads(body)["script"][0]["remaining"] == 1
    assert (await call(http, "GET", url + TRACK, headers=auth))[0] == 429

    services.faults.add(FaultRule("status", status=503))
    assert (await call(http, "DELETE", url + "/_emulator/faults"))[0] == 204
    assert services.faults.snapshot() == {"rules": [], "script": []}
    assert (await call(http, "GET", url + TRACK, headers=auth))[0] == 200


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"kind": "status"}, "Expected a JSON list of fault rule objects"),
        ([{"kind": "boom"}], "unknown fault kind 'boom'"),
        ([{"status": 500}], "a fault rule needs a 'kind'"),
        ([{"kind": "status", "colour": "red"}], "unknown fault rule keys ['colour']"),
        ([{"kind": "status", "status": "500"}], "fault rule key 'status' must be int or null"),
        ([{"kind": "status", "html": 1}], "fault rule key 'html' must be bool"),
        ([{"kind": "status", "count": True}], "fault rule key 'count' must be int or null"),
        ([{"kind": "reset", "status": 502}], "only 'status' and 'applied_then_failed'"),
        ([{"kind": "status", "route": "re:("}], "invalid regular expression"),
    ],
)
async def test_admin_fault_errors(
    http: aiohttp.ClientSession, serve_app: Serve, payload: object, message: str
) -> None:
    url, _, _ = await fault_server(serve_app)
    status, body, _ = await call(http, "POST", url + "/_emulator/faults", json=payload)
    assert status == 400
    assert message in orjson.loads(body)["error"]["message"]


# -- rules without HTTP ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "method", "path", "expected"),
    [
        (None, "GET", "/v1/me", True),
        (None, "POST", "/api/token", False),
        ("POST /v1/playlists/*/items", "POST", "/v1/playlists/abc/items", True),
        ("POST /v1/playlists/*/items", "GET", "/v1/playlists/abc/items", False),
        ("POST /v1/playlists/*/items", "POST", "/v1/playlists/a/b/items", False),
        ("post /v1/playlists/**", "POST", "/v1/playlists/a/b/items", True),
        ("/v1/me", "DELETE", "/v1/me", True),
        ("* /v1/me/*", "PUT", "/v1/me/tracks", True),
        ("/v1/me", "GET", "/v1/me/tracks", False),
        ("re:^(PUT|DELETE) /v1/me/", "DELETE", "/v1/me/albums", True),
        ("re:^(PUT|DELETE) /v1/me/", "GET", "/v1/me/albums", False),
    ],
)
def test_route_matching(route: str | None, method: str, path: str, expected: bool) -> None:
    assert FaultRule("reset", route=route).matches(method, path) is expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "explode"}, "unknown fault kind"),
        ({"kind": "status", "probability": 1.5}, "within 0..1"),
        ({"kind": "status", "count": 0}, "at least 1"),
        ({"kind": "status", "status": 404}, "within 500..599"),
        ({"kind": "hang", "html": True}, "html applies only"),
        ({"kind": "status", "seconds": 3}, "seconds applies only to 'hang'"),
        ({"kind": "hang", "seconds": 0}, "must be positive"),
        ({"kind": "status", "retry_after": 3}, "retry_after applies only"),
        ({"kind": "status", "after_ms": -1}, "must not be negative"),
        ({"kind": "status", "route": "GET"}, "expected 'METHOD /path-glob'"),
        ({"kind": "status", "route": "G3T /v1"}, "is not an HTTP method"),
    ],
)
def test_rule_validation(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FaultRule(**kwargs)


def test_rules_round_trip_through_json() -> None:
    rule = FaultRule("hang", route="GET /v1/me", probability=0.25, count=3, seconds=5, after_ms=10)
    assert FaultRule.from_dict(orjson.loads(orjson.dumps(rule.to_dict()))) == rule


def test_count_caps_a_standing_rule_and_rules_are_tried_in_order() -> None:
    injector = FaultInjector(
        seed=0, rules=[FaultRule("reset", count=1), FaultRule("status", route="GET /v1/me")]
    )
    picks = [injector.pick("GET", "/v1/me") for _ in range(3)]
    assert [rule.kind if rule else None for rule in picks] == ["reset", "status", "status"]
    assert injector.pick("GET", "/v1/albums") is None
    assert [rule["fired"] for rule in injector.snapshot()["rules"]] == [1, 2]
