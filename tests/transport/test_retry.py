"""The retry policy at the chokepoint: what is retried, how often, after which waits.

Every test runs against a scripted loopback server and a fake clock: the policy's ``sleep``
records the wait and moves the clock, so nothing here really waits; the hang test's 0.2 s client
timeout runs out on virtual time (``tests/virtual_time.py``).
"""

from __future__ import annotations

import gc
import logging
import re

import orjson
import pytest

from async_spotify import (
    InvalidInputError,
    InvalidResponseError,
    RateLimitExceeded,
    ServerError,
    SpotifyConnectionError,
    SpotifyTimeoutError,
)
from async_spotify.transport.codec import LARGE_BODY
from async_spotify.transport.retry import RetryPolicy
from tests.transport.conftest import MakeClient
from tests.transport.scripted_server import TOKEN, Answer, FakeTime, Script

ServerFixture = tuple[Script, str]


async def test_idempotent_request_is_retried_through_5xx(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.then(Answer(503), Answer(502), Answer(500), Answer(200, b'{"id": "a"}'))
    client = await make_client(base_url, fake_time.policy())
    result = await client.api_request_handler.request("GET", "/albums/a", auth_token=TOKEN)
    assert result == {"id": "a"}
    assert [path for _, path, _ in script.received] == ["/v1/albums/a"] * 4
    # full jitter drawing 0.5: half of 0.5, 1, 2 seconds
    assert fake_time.sleeps == [0.25, 0.5, 1.0]


async def test_attempts_are_bounded(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.default = Answer(500, b'{"error": {"status": 500, "message": "Server error."}}')
    client = await make_client(base_url, fake_time.policy(max_attempts=3))
    with pytest.raises(ServerError) as caught:
        await client.api_request_handler.request("DELETE", "/me/albums", auth_token=TOKEN)
    assert caught.value.status == 500
    assert caught.value.text == "Server error."
    assert len(script.received) == 3
    assert fake_time.sleeps == [0.25, 0.5]


async def test_total_time_is_bounded(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.default = Answer(503)
    policy = fake_time.policy(max_attempts=10, backoff_initial=1.6, max_elapsed=3.0)
    client = await make_client(base_url, policy)
    with pytest.raises(ServerError):
        await client.api_request_handler.request("GET", "/albums/a", auth_token=TOKEN)
    # waits 0.8 and 1.6 fit in 3 s; the next (3.2) would not
    assert fake_time.sleeps == [0.8, 1.6]
    assert len(script.received) == 3


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_post_is_not_resent_after_a_5xx(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient, status: int
) -> None:
    script, base_url = server
    script.then(Answer(status), Answer(201, b'{"snapshot_id": "s"}'))
    client = await make_client(base_url, fake_time.policy())
    with pytest.raises(ServerError) as caught:
        await client.api_request_handler.request(
            "POST", "/playlists/p/items", body={"uris": ["spotify:track:x"]}, auth_token=TOKEN
        )
    assert caught.value.status == status
    assert script.received == [("POST", "/v1/playlists/p/items", b'{"uris":["spotify:track:x"]}')]
    assert fake_time.sleeps == []


async def test_put_marked_not_idempotent_is_not_resent(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.then(Answer(502))
    client = await make_client(base_url, fake_time.policy())
    with pytest.raises(ServerError):
        await client.api_request_handler.request(
            "PUT",
            "/playlists/p/items",
            body={"range_start": 0, "insert_before": 3},
            idempotent=False,
            auth_token=TOKEN,
        )
    assert len(script.received) == 1


async def test_post_is_resent_after_a_429(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.then(Answer(429, b"", {"Retry-After": "2"}), Answer(201, b'{"snapshot_id": "s2"}'))
    client = await make_client(base_url, fake_time.policy())
    result = await client.api_request_handler.request(
        "POST", "/playlists/p/items", body={"uris": ["spotify:track:x"]}, auth_token=TOKEN
    )
    assert result == {"snapshot_id": "s2"}
    assert len(script.received) == 2
    assert fake_time.sleeps == [2.0]


async def test_retry_after_above_the_cap_is_raised_at_once(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.then(
        Answer(
            429,
            b'{"error": {"status": 429, "message": "API rate limit exceeded"}}',
            {"Retry-After": "3600"},
        )
    )
    client = await make_client(base_url, fake_time.policy(max_retry_after=60))
    with pytest.raises(RateLimitExceeded) as caught:
        await client.api_request_handler.request("GET", "/me", auth_token=TOKEN)
    assert caught.value.retry_after == 3600.0
    assert caught.value.text == "API rate limit exceeded"
    assert len(script.received) == 1
    assert fake_time.sleeps == []


async def test_429_until_attempts_run_out(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.default = Answer(429, b"", {"Retry-After": "5"})
    client = await make_client(base_url, fake_time.policy(max_attempts=3))
    with pytest.raises(RateLimitExceeded) as caught:
        await client.api_request_handler.request("GET", "/me", auth_token=TOKEN)
    assert caught.value.retry_after == 5.0
    assert len(script.received) == 3
    assert fake_time.sleeps == [5.0, 5.0]


async def test_reset_is_retried_for_get_only(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    # aiohttp itself resends an idempotent request once, at once, when the connection drops
    # (RFC 9112 section 9.3.1); the policy's retry comes after that
    script.then(Answer(reset=True), Answer(reset=True), Answer(200, b'{"id": "t"}'))
    client = await make_client(base_url, fake_time.policy())
    assert await client.api_request_handler.request("GET", "/tracks/t", auth_token=TOKEN) == {
        "id": "t"
    }
    assert fake_time.sleeps == [0.25]

    script.then(Answer(reset=True), Answer(201, b'{"snapshot_id": "s"}'))
    with pytest.raises(SpotifyConnectionError) as caught:
        await client.api_request_handler.request(
            "POST", "/playlists/p/items", body={"uris": []}, auth_token=TOKEN
        )
    assert "POST /v1/playlists/p/items: connection failed" in caught.value.text
    assert [method for method, _, _ in script.received] == ["GET", "GET", "GET", "POST"]


async def test_refused_connection_is_retried_even_for_post(
    fake_time: FakeTime, make_client: MakeClient
) -> None:
    # nothing listens on the discard port: the connection fails before anything is sent
    client = await make_client("http://127.0.0.1:9/v1", fake_time.policy(max_attempts=3))
    with pytest.raises(SpotifyConnectionError) as caught:
        await client.api_request_handler.request(
            "POST", "/playlists/p/items", body={"uris": []}, auth_token=TOKEN
        )
    assert "ClientConnectorError" in caught.value.text
    assert fake_time.sleeps == [0.25, 0.5]


@pytest.mark.virtual_time  # the 0.2 s timeout expires on virtual time, once everything waits
async def test_hang_is_retried_for_get_and_raised_for_post(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.then(Answer(hang=True), Answer(200, b'{"id": "t"}'))
    client = await make_client(base_url, fake_time.policy(), request_timeout=0.2)
    assert await client.api_request_handler.request("GET", "/tracks/t", auth_token=TOKEN) == {
        "id": "t"
    }

    script.then(Answer(hang=True), Answer(201, b'{"snapshot_id": "s"}'))
    with pytest.raises(SpotifyTimeoutError) as caught:
        await client.api_request_handler.request(
            "POST", "/playlists/p/items", body={"uris": []}, auth_token=TOKEN
        )
    assert caught.value.text == "POST /v1/playlists/p/items: no answer within 0.2 s"
    assert len(script.received) == 3


async def test_body_that_is_not_json_is_read_again_for_get_only(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.then(Answer(200, b'{"id": "t", "na'), Answer(200, b'{"id": "t"}'))
    client = await make_client(base_url, fake_time.policy())
    assert await client.api_request_handler.request("GET", "/tracks/t", auth_token=TOKEN) == {
        "id": "t"
    }

    script.then(Answer(201, b"<html>"), Answer(201, b'{"snapshot_id": "s"}'))
    with pytest.raises(InvalidResponseError) as caught:
        await client.api_request_handler.request(
            "POST", "/playlists/p/items", body={"uris": []}, auth_token=TOKEN
        )
    assert caught.value.status == 201
    assert len(script.received) == 3


async def test_none_never_retries(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    script.default = Answer(503)
    policy = RetryPolicy.none()
    assert not policy.retries
    client = await make_client(base_url, policy)
    with pytest.raises(ServerError):
        await client.api_request_handler.request("GET", "/albums/a", auth_token=TOKEN)
    script.default = Answer(429, b"", {"Retry-After": "1"})
    with pytest.raises(RateLimitExceeded):
        await client.api_request_handler.request("GET", "/albums/a", auth_token=TOKEN)
    assert len(script.received) == 2


async def test_one_debug_line_per_send(
    server: ServerFixture,
    fake_time: FakeTime,
    make_client: MakeClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    script, base_url = server
    script.then(Answer(503), Answer(reset=True), Answer(reset=True), Answer(200))
    client = await make_client(base_url, fake_time.policy())
    with caplog.at_level(logging.DEBUG, logger="async_spotify"):
        await client.api_request_handler.request(
            "GET", "/albums/a", query={"market": "DE"}, auth_token=TOKEN
        )
    lines = [record.getMessage() for record in caplog.records if record.name == "async_spotify"]
    expected = [
        r"GET /v1/albums/a -> 503 \(\d+\.\d ms, attempt 1\)",
        r"GET /v1/albums/a -> SpotifyConnectionError \(\d+\.\d ms, attempt 2\)",
        r"GET /v1/albums/a -> 200 \(\d+\.\d ms, attempt 3\)",
    ]
    assert len(lines) == len(expected)
    for line, pattern in zip(lines, expected, strict=True):
        assert re.fullmatch(pattern, line), line


def test_backoff_is_full_jitter_below_a_doubling_ceiling() -> None:
    draws = iter([0.0, 0.999, 0.5, 1.0, 1.0])
    policy = RetryPolicy(backoff_initial=1.0, backoff_max=5.0, jitter=lambda: next(draws))
    assert [policy.backoff(attempt) for attempt in range(1, 6)] == [
        0.0,
        1.998,
        2.0,
        5.0,
        5.0,
    ]
    assert RetryPolicy(jitter=lambda: 1.0).backoff(10_000) == 16.0


def test_what_may_be_retried() -> None:
    policy = RetryPolicy()
    for method in ("GET", "PUT", "DELETE"):
        assert policy.may_retry(method, applied_possible=True, idempotent=None)
    assert not policy.may_retry("POST", applied_possible=True, idempotent=None)
    assert policy.may_retry("POST", applied_possible=False, idempotent=None)
    assert not policy.may_retry("PUT", applied_possible=True, idempotent=False)
    assert policy.may_retry("POST", applied_possible=True, idempotent=True)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"max_attempts": 0}, "max_attempts must be at least 1, not 0"),
        ({"max_attempts": True}, "max_attempts must be an int, not True"),
        ({"max_attempts": 2.5}, "max_attempts must be an int, not 2.5"),
        ({"max_retry_after": -1}, "max_retry_after must be a number of seconds >= 0, not -1"),
        ({"backoff_initial": "1"}, "backoff_initial must be a number of seconds >= 0, not '1'"),
        ({"max_elapsed": float("nan")}, "max_elapsed must be a number of seconds >= 0, not nan"),
    ],
)
def test_policy_refuses_bad_settings(settings: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        RetryPolicy(**settings)  # type: ignore[arg-type]
    assert caught.value.text == message


def test_policy_is_frozen() -> None:
    policy = RetryPolicy()
    with pytest.raises(AttributeError):
        policy.max_attempts = 9  # type: ignore[misc]
    assert RetryPolicy.none().max_attempts == 1


async def test_a_large_body_is_decoded_with_the_collector_paused_and_restored(
    server: ServerFixture, fake_time: FakeTime, make_client: MakeClient
) -> None:
    script, base_url = server
    items = [{"id": f"{n:022d}", "available_markets": ["SE", "DE"] * 40} for n in range(300)]
    body = orjson.dumps({"items": items})
    assert len(body) > LARGE_BODY
    script.default = Answer(200, body)
    client = await make_client(base_url, fake_time.policy())
    assert gc.isenabled()
    assert await client.api_request_handler.request("GET", "/x", auth_token=TOKEN) == {
        "items": items
    }
    assert gc.isenabled()
    gc.disable()  # an application that manages the collector itself keeps it as it set it
    try:
        await client.api_request_handler.request("GET", "/x", auth_token=TOKEN)
        assert not gc.isenabled()
    finally:
        gc.enable()
