"""What the chokepoint refuses before sending, and how long one call may take (issue 8).

- the token goes only to ``base_url``'s origin: ``next`` / ``previous`` / paging links naming
  another scheme, host or port are refused with nothing sent (item 8);
- ``base_url`` / ``accounts_url`` are checked when the client is built (item 13);
- ``client._api_request_handler`` is 0.4.4's name of the handler (item 4);
- ``request_timeout`` bounds a call: 3 x the per-attempt timeout on the wire (item 7);
- the retry hooks see every retry and every 429 pause, with one WARNING per pause.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from async_spotify import (
    ClientCredentialsFlow,
    InvalidInputError,
    ServerError,
    SpotifyApiClient,
)
from async_spotify.transport.retry import RetryEvent, RetryPolicy
from tests.transport.conftest import MakeClient
from tests.transport.scripted_server import TOKEN, Answer, FakeTime, Script


@pytest.fixture
async def elsewhere() -> AsyncIterator[tuple[Script, str]]:
    """A second loopback server: another origin, which must never see a request."""
    script = Script()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", script.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        yield script, str(server.make_url(""))
    finally:
        await server.close()


def _page(next_url: str | None, href: str) -> dict[str, object]:
    return {"href": href, "items": [{"id": "a"}], "next": next_url, "offset": 0, "limit": 1}


async def test_next_and_previous_refuse_another_origin(
    server: tuple[Script, str],
    elsewhere: tuple[Script, str],
    fake_time: FakeTime,
    make_client: MakeClient,
) -> None:
    script, base_url = server
    other, other_root = elsewhere
    client = await make_client(base_url, fake_time.policy())
    same_host_other_port = other_root + "/v1/albums/a/tracks?offset=20"
    other_scheme = base_url.replace("http://", "https://") + "/albums/a/tracks?offset=20"
    other_host = base_url.replace("127.0.0.1", "localhost") + "/albums/a/tracks"
    for url in (same_host_other_port, other_scheme, other_host):
        for follow in (client.next, client.previous):
            with pytest.raises(InvalidInputError, match="refusing to send the token"):
                await follow(url, TOKEN)
    assert other.received == []
    assert script.received == []
    # the same origin is followed
    script.default = Answer(200, b'{"items": [], "next": null}')
    assert await client.next(base_url + "/albums/a/tracks?offset=20", TOKEN) == {
        "items": [],
        "next": None,
    }
    assert script.received == [("GET", "/v1/albums/a/tracks", b"")]


async def test_paginate_and_fetch_all_refuse_a_link_to_another_origin(
    server: tuple[Script, str],
    elsewhere: tuple[Script, str],
    fake_time: FakeTime,
    make_client: MakeClient,
) -> None:
    script, base_url = server
    other, other_root = elsewhere
    client = await make_client(base_url, fake_time.policy())
    foreign = other_root + "/v1/me/tracks?offset=1&limit=1"
    page = _page(foreign, base_url + "/me/tracks?offset=0&limit=1")
    with pytest.raises(InvalidInputError):
        [item async for item in client.paginate(page, TOKEN)]
    with pytest.raises(InvalidInputError):
        await client.fetch_all(page, TOKEN)
    assert other.received == []
    assert script.received == []


@pytest.mark.parametrize(
    ("option", "url", "message"),
    [
        ("base_url", "https://user:hunter2@api.spotify.com/v1", "user name or password"),
        ("accounts_url", "https://user:hunter2@accounts.spotify.com", "user name or password"),
        ("base_url", "https://api.spotify.com/v1?market=DE", "query string"),
        ("accounts_url", "https://accounts.spotify.com/?x=1", "query string"),
        ("base_url", "https://api.spotify.com", r"no version path.*https://api.spotify.com/v1"),
        ("base_url", "https://api.spotify.com/", "no version path"),
        ("accounts_url", "https://accounts.spotify.com/api/token", "names an endpoint"),
        ("base_url", "ftp://api.spotify.com/v1", "must be an http"),
    ],
)
def test_service_urls_are_checked_when_the_client_is_built(
    option: str, url: str, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message) as caught:
        SpotifyApiClient(ClientCredentialsFlow("id", "secret"), **{option: url})
    assert "hunter2" not in str(caught.value)


def test_the_handler_keeps_its_0_4_4_name() -> None:
    client = SpotifyApiClient(ClientCredentialsFlow("id", "secret"))
    assert client._api_request_handler is client.api_request_handler
    assert list(client._api_request_handler.client_session_list) == []


async def test_request_timeout_bounds_a_call(
    server: tuple[Script, str], fake_time: FakeTime, make_client: MakeClient
) -> None:
    """Every attempt takes the whole request_timeout (5 s) and fails: the call stops after 15 s
    on the wire (3 attempts), though the policy would allow a 4th."""
    script, base_url = server

    def slow_failure(request: web.Request) -> Answer:
        fake_time.now += 5.0  # as if the answer came just before the timeout
        return Answer(503, b"")

    script.on_request = slow_failure
    policy = fake_time.policy(max_attempts=4)
    client = await make_client(base_url, policy, request_timeout=5)
    with pytest.raises(ServerError):
        await client.api_request_handler.request("GET", "/albums/a", auth_token=TOKEN)
    assert len(script.received) == 3
    assert fake_time.sleeps == [0.25, 0.5]  # the backoff comes on top of the 15 s


async def test_hooks_see_every_retry_and_one_warning_per_pause(
    server: tuple[Script, str],
    fake_time: FakeTime,
    make_client: MakeClient,
    caplog: pytest.LogCaptureFixture,
) -> None:
    script, base_url = server
    limited = True
    all_in = asyncio.Event()

    async def sleep_until_lifted(seconds: float) -> None:
        nonlocal limited
        await fake_time.sleep(seconds)
        limited = False

    def answer(request: web.Request) -> Answer:
        if len(script.received) == 16:
            all_in.set()
        return Answer(429, b"", {"Retry-After": "4"}) if limited else Answer(200, b'{"id": "t"}')

    script.on_request = answer
    script.hold = all_in
    retries: list[RetryEvent] = []
    pauses: list[float] = []
    policy = RetryPolicy(
        sleep=sleep_until_lifted,
        clock=fake_time.clock,
        jitter=lambda: 0.5,
        on_retry=retries.append,
        on_rate_limit=pauses.append,
    )
    client = await make_client(base_url, policy)
    with caplog.at_level(logging.WARNING, logger="async_spotify"):
        results = await asyncio.gather(
            *(
                client.api_request_handler.request("GET", f"/tracks/{n}", auth_token=TOKEN)
                for n in range(16)
            )
        )
    assert results == [{"id": "t"}] * 16
    assert pauses == [4.0]
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert [record.getMessage() for record in warnings] == [
        "Spotify answered 429: pausing requests for 4.0 s (Retry-After)"
    ]
    assert len(retries) == 16
    assert {(event.attempt, event.wait) for event in retries} == {(1, 4.0)}
    assert all(event.error.status == 429 for event in retries)


async def test_the_cookies_go_only_to_the_accounts_service(
    elsewhere: tuple[Script, str],
) -> None:
    other, other_root = elsewhere
    client = SpotifyApiClient(
        ClientCredentialsFlow("id", "secret"), accounts_url="http://127.0.0.1:9/"
    )
    with pytest.raises(InvalidInputError, match="outside the Accounts service"):
        await client.api_request_handler.authorize_with_cookies(
            other_root + "/authorize?client_id=id", "sp_dc=secret-cookie"
        )
    assert other.received == []
