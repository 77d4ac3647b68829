"""The resilience tests' harness: the emulator, clients signed in to it, and virtual time.

Every resilience test runs on :class:`~tests.virtual_time.VirtualTimeLoop` (``pytestmark =
pytest.mark.virtual_time``): the client's backoff and ``Retry-After`` waits, its request timeout
and the emulator's hangs are timers with their own deadlines, and the clock jumps to the earliest
one only when every task is idle. :class:`EmulatedTime` ties the emulator's clock to that time
(frozen, then moved by exactly as much as the loop's clock), so the emulator's rate-limit window
rolls on and its tokens age as if the client had really waited; and it is the retry policy's
clock and sleep, recording each wait the client asks for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import aiohttp

from async_spotify import (
    AuthorizationCodeFlow,
    ClientCredentialsFlow,
    PKCEFlow,
    SpotifyApiClient,
    SpotifyAuthorisationToken,
)
from async_spotify.emulator import ALL_SCOPES, Emulator
from async_spotify.transport.retry import RetryPolicy
from tests.virtual_time import running_virtual_loop


class Traffic:
    """Counts the requests in flight on :attr:`session` (an aiohttp trace)."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.sent = 0
        self.idle = asyncio.Event()
        self.idle.set()
        trace = aiohttp.TraceConfig()
        trace.on_request_start.append(self._started)
        trace.on_request_end.append(self._finished)
        trace.on_request_exception.append(self._finished)
        self.session = aiohttp.ClientSession(
            trace_configs=[trace], cookie_jar=aiohttp.DummyCookieJar()
        )

    async def _started(self, *_: object) -> None:
        self.in_flight += 1
        self.sent += 1
        self.idle.clear()

    async def _finished(self, *_: object) -> None:
        self.in_flight -= 1
        if not self.in_flight:
            self.idle.set()

    async def close(self) -> None:
        await self.session.close()


class EmulatedTime:
    """A retry policy's clock and sleep on the test's virtual time; the emulator's clock follows."""

    def __init__(self, emulator: Emulator) -> None:
        self.loop = running_virtual_loop()
        self.emulator = emulator
        self.sleeps: list[float] = []
        emulator.clock.freeze()
        self.loop.virtual_clock.on_advance(emulator.clock.advance)

    def clock(self) -> float:
        return self.loop.time()

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(seconds)

    def policy(self, **settings: Any) -> RetryPolicy:
        """A retrying policy on this time; jitter draws 0.5 unless ``jitter=`` says otherwise."""
        settings.setdefault("jitter", lambda: 0.5)
        return RetryPolicy(sleep=self.sleep, clock=self.clock, **settings)


def code_flow(emulator: Emulator, scopes: Iterable[str] = ALL_SCOPES) -> AuthorizationCodeFlow:
    config = emulator.config
    return AuthorizationCodeFlow(
        config.client_id, config.client_secret, list(scopes), config.redirect_uris[0]
    )


def pkce_flow(emulator: Emulator, scopes: Iterable[str] = ALL_SCOPES) -> PKCEFlow:
    config = emulator.config
    return PKCEFlow(config.client_id, list(scopes), config.redirect_uris[0])


def client_credentials_flow(emulator: Emulator) -> ClientCredentialsFlow:
    return ClientCredentialsFlow(emulator.config.client_id, emulator.config.client_secret)


def issued_token(
    emulator: Emulator, *, age: float = 0.0, pkce: bool = False, user_id: str | None = None
) -> SpotifyAuthorisationToken:
    """A user token the emulator issued, as the client keeps it, ``age`` seconds old."""
    response = emulator.issue_user_token(pkce=pkce, user_id=user_id)
    return SpotifyAuthorisationToken.from_response(response, now=emulator.clock.now() - age)


def user_client(
    emulator: Emulator, policy: RetryPolicy, token: SpotifyAuthorisationToken, **options: Any
) -> SpotifyApiClient:
    """A client holding ``token`` for the emulator's app (authorization code flow by default)."""
    flow = options.pop("flow", None) or code_flow(emulator)
    return SpotifyApiClient(
        flow,
        hold_authentication=True,
        spotify_authorisation_token=token,
        base_url=emulator.base_url,
        accounts_url=emulator.accounts_url,
        retry_policy=policy,
        **options,
    )


def grants(emulator: Emulator) -> dict[str, int]:
    """Tokens the emulator issued, by grant, leaving out the grants never used."""
    return {grant: count for grant, count in emulator.stats()["tokens"].items() if count}


def served(emulator: Emulator, route: str) -> dict[str, int]:
    """Answers the emulator gave on ``route`` (``"GET /v1/me"``), by status."""
    answers: dict[str, int] = emulator.stats()["requests"].get(route, {})
    return answers


def track_uris(emulator: Emulator, count: int, start: int = 0) -> list[str]:
    """``count`` URIs of distinct catalog tracks."""
    encode = emulator.world.catalog.ids.encode
    return [f"spotify:track:{encode('track', index)}" for index in range(start, start + count)]
