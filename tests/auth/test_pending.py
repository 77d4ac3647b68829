"""Every issued ``state`` (and its PKCE verifier) is remembered until its redirect comes back or
it is 10 minutes old: a redirect with any other state is StateMismatchError, and several logins
in flight at once never clobber each other."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from async_spotify import (
    AuthorizationCodeFlow,
    InvalidInputError,
    PKCEFlow,
    RetryPolicy,
    SpotifyApiClient,
    StateMismatchError,
)
from async_spotify.auth.pending import MAX_PENDING, PendingAuthorizations
from async_spotify.auth.pkce import code_challenge
from async_spotify.emulator import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REDIRECT_URI,
    Emulator,
)

SCOPES = ["user-read-private"]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator() as running:
        yield running


def state_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["state"][0]


def pkce_client(emu: Emulator | None = None, clock: Clock | None = None) -> SpotifyApiClient:
    options = {} if emu is None else {"base_url": emu.base_url, "accounts_url": emu.accounts_url}
    policy = RetryPolicy(clock=clock) if clock is not None else None
    return SpotifyApiClient(
        PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, DEFAULT_REDIRECT_URI),
        hold_authentication=True,
        retry_policy=policy,
        **options,
    )


async def consent(emu: Emulator, url: str) -> str:
    """The redirect the emulator's consent page sends a logged-in user to (already agreed)."""
    cookie = "; ".join(f"{name}={value}" for name, value in emu.cookies.items())
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, headers={"Cookie": cookie}, allow_redirects=False) as response,
    ):
        assert response.status in (302, 303), await response.text()
        return response.headers["Location"]


def test_the_code_flow_refuses_a_state_it_did_not_issue() -> None:
    client = SpotifyApiClient(
        AuthorizationCodeFlow("id", "secret", SCOPES, "https://app.example/callback")
    )
    client.build_authorization_url(state="xyz")
    with pytest.raises(StateMismatchError, match="did not issue"):
        client.parse_redirect("https://app.example/callback?code=abc&state=evil")
    with pytest.raises(StateMismatchError, match="carries no state"):
        client.parse_redirect("https://app.example/callback?code=abc")
    assert client.parse_redirect("https://app.example/callback?code=abc&state=xyz") == "abc"


def test_every_url_carries_a_state_even_when_none_is_given() -> None:
    client = SpotifyApiClient(
        AuthorizationCodeFlow("id", "secret", SCOPES, "https://app.example/callback")
    )
    state = state_of(client.build_authorization_url())
    assert len(state) >= 32
    assert client.parse_redirect(f"https://app.example/callback?code=c&state={state}") == "c"


def test_pkce_before_any_url_refuses_any_state_and_any_code() -> None:
    client = pkce_client()
    with pytest.raises(StateMismatchError):
        client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?code=abc&state=anything")


async def test_pkce_code_exchange_before_any_url_says_what_to_do() -> None:
    client = pkce_client()
    with pytest.raises(InvalidInputError, match="no authorization is pending"):
        await client.get_auth_token_with_code("abc")


def test_a_state_is_good_for_one_redirect_and_for_10_minutes() -> None:
    clock = Clock()
    client = pkce_client(clock=clock)
    used = state_of(client.build_authorization_url())
    late = state_of(client.build_authorization_url())
    assert client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?code=a&state={used}") == "a"
    with pytest.raises(StateMismatchError, match="used already"):
        client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?code=a&state={used}")
    clock.now += 600
    with pytest.raises(StateMismatchError, match="10 minutes"):
        client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?code=b&state={late}")


def test_pending_authorizations_are_bounded_in_number() -> None:
    clock = Clock()
    pending = PendingAuthorizations(clock)
    first = pending.issue(code_verifier="v" * 43)
    for _ in range(MAX_PENDING):
        pending.issue(code_verifier="w" * 43)
    assert len(pending) == MAX_PENDING
    with pytest.raises(StateMismatchError):
        pending.take(first)  # the oldest was forgotten to make room
    assert "v" * 43 not in repr(pending.take(pending.issue("s", "v" * 43)))


async def test_several_logins_in_flight_each_keep_their_verifier(emu: Emulator) -> None:
    """Two users start a login; the second URL does not invalidate the first one; each redirect
    is exchanged with its own verifier, in the other order."""
    async with pkce_client(emu) as client:
        first_url = client.build_authorization_url(show_dialog=False)
        second_url = client.build_authorization_url(show_dialog=False)
        first_verifier_challenge = parse_qs(urlsplit(first_url).query)["code_challenge"][0]
        second_redirect = await consent(emu, second_url)
        first_redirect = await consent(emu, first_url)

        second = await client.get_auth_token_with_code(client.parse_redirect(second_redirect))
        first = await client.get_auth_token_with_code(client.parse_redirect(first_redirect))

    assert first.access_token and second.access_token
    assert first.access_token != second.access_token
    assert emu.stats()["tokens"]["pkce"] == 2
    verifier = client.authorization_flow.code_verifier  # type: ignore[attr-defined]  # a PKCEFlow
    assert code_challenge(verifier) != first_verifier_challenge


async def test_a_code_without_its_redirect_is_ambiguous_when_several_are_pending(
    emu: Emulator,
) -> None:
    async with pkce_client(emu) as client:
        first_url = client.build_authorization_url(show_dialog=False)
        client.build_authorization_url(show_dialog=False)  # a second login in flight
        redirect = await consent(emu, first_url)
        code = parse_qs(urlsplit(redirect).query)["code"][0]
        with pytest.raises(InvalidInputError, match="several authorizations are pending"):
            await client.get_auth_token_with_code(code)
        assert client.parse_redirect(redirect) == code
        token = await client.get_auth_token_with_code(code)
    assert token.access_token


async def test_a_code_without_its_redirect_uses_the_only_pending_verifier(emu: Emulator) -> None:
    """What AsyncSpotify-style code does: build the URL, read the code from the redirect itself."""
    async with pkce_client(emu) as client:
        redirect = await consent(emu, client.build_authorization_url(show_dialog=False))
        token = await client.get_auth_token_with_code(parse_qs(urlsplit(redirect).query)["code"][0])
    assert token.access_token


async def test_the_code_flow_checks_the_state_of_the_cookie_redirect(emu: Emulator) -> None:
    flow = AuthorizationCodeFlow(
        DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, SCOPES, DEFAULT_REDIRECT_URI
    )
    async with SpotifyApiClient(
        flow, base_url=emu.base_url, accounts_url=emu.accounts_url
    ) as client:
        url = client.build_authorization_url(show_dialog=False, state="mine")
        redirect = await consent(emu, url)
        assert state_of(redirect) == "mine"
        code = client.parse_redirect(redirect)
        token = await client.get_auth_token_with_code(code)
    assert token.refresh_token
