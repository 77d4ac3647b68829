"""The client's authorization methods, end to end against the emulator's Accounts service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from async_spotify import (
    AuthorizationCodeFlow,
    AuthorizationError,
    ClientCredentialsFlow,
    InvalidInputError,
    PKCEFlow,
    ReauthorizationRequired,
    SpotifyApiClient,
    SpotifyAuthorisationToken,
    SpotifyCookie,
    SpotifyError,
    StateMismatchError,
    TokenExpired,
    TokenRenewClass,
)
from async_spotify.auth.pkce import code_challenge
from async_spotify.auth.stores import MemoryTokenStore
from async_spotify.emulator import (
    ALL_SCOPES,
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REDIRECT_URI,
    Emulator,
    EmulatorConfig,
)

SCOPES = ["user-read-private", "user-read-email", "playlist-read-private"]


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig()) as emulator:
        yield emulator


def code_flow(**overrides: Any) -> AuthorizationCodeFlow:
    settings: dict[str, Any] = {
        "application_id": DEFAULT_CLIENT_ID,
        "application_secret": DEFAULT_CLIENT_SECRET,
        "scopes": SCOPES,
        "redirect_url": DEFAULT_REDIRECT_URI,
    }
    settings.update(overrides)
    return AuthorizationCodeFlow(**settings)


def client_for(emu: Emulator, flow: Any, **kwargs: Any) -> SpotifyApiClient:
    return SpotifyApiClient(flow, base_url=emu.base_url, accounts_url=emu.accounts_url, **kwargs)


def tokens_issued(emu: Emulator) -> dict[str, int]:
    issued: dict[str, int] = emu.stats()["tokens"]
    return {grant: count for grant, count in issued.items() if count}


def requests_served(emu: Emulator) -> int:
    return sum(sum(by_status.values()) for by_status in emu.stats()["requests"].values())


async def me(client: SpotifyApiClient, token: SpotifyAuthorisationToken | None = None) -> Any:
    return await client.api_request_handler.request("GET", "/me", auth_token=token)


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


# -- constructor and flows -------------------------------------------------------------------


def test_invalid_flow_is_refused() -> None:
    with pytest.raises(SpotifyError, match="auth flow instance of your app is not correct"):
        SpotifyApiClient(AuthorizationCodeFlow("id", None, None, "https://a.example/cb"))
    with pytest.raises(SpotifyError, match="not correct"):
        SpotifyApiClient("not a flow")  # type: ignore[arg-type]


def test_wrong_token_type_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="SpotifyAuthorisationToken"):
        SpotifyApiClient(code_flow(), spotify_authorisation_token="abc")  # type: ignore[arg-type]


async def test_wrong_flow_for_each_operation_sends_nothing(emu: Emulator) -> None:
    credentials = client_for(emu, ClientCredentialsFlow(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET))
    with pytest.raises(SpotifyError, match="AuthorizationCodeFlow or the PKCEFlow"):
        credentials.build_authorization_url()
    with pytest.raises(SpotifyError, match="cannot exchange an authorization code"):
        await credentials.get_auth_token_with_code("abc")
    with pytest.raises(SpotifyError, match="cannot refresh a token"):
        await credentials.refresh_token(SpotifyAuthorisationToken("r", 1, "a"))
    with pytest.raises(SpotifyError, match="needs the ClientCredentialsFlow"):
        await client_for(emu, code_flow()).get_auth_token_with_client_credentials()
    assert requests_served(emu) == 0
    assert tokens_issued(emu) == {}


# -- authorization URL ---------------------------------------------------------------------


async def test_authorization_url_for_the_code_flow(emu: Emulator) -> None:
    client = client_for(emu, code_flow())
    url = client.build_authorization_url(show_dialog=False, state="s-1")
    assert url.startswith(f"{emu.accounts_url}/authorize?")
    assert query_of(url) == {
        "client_id": DEFAULT_CLIENT_ID,
        "response_type": "code",
        "redirect_uri": DEFAULT_REDIRECT_URI,
        "show_dialog": "false",
        "scope": " ".join(SCOPES),
        "state": "s-1",
    }
    assert query_of(client.build_authorization_url())["show_dialog"] == "true"


def test_authorization_url_without_scopes_has_no_scope() -> None:
    client = SpotifyApiClient(code_flow(scopes=None))
    url = client.build_authorization_url()
    assert url.startswith("https://accounts.spotify.com/authorize?")
    assert "scope" not in query_of(url)


def test_localhost_redirect_is_refused_before_anything_is_sent() -> None:
    client = SpotifyApiClient(code_flow(redirect_url="http://localhost:1234/callback"))
    with pytest.raises(InvalidInputError, match=r"localhost.*127\.0\.0\.1"):
        client.build_authorization_url()


def test_pkce_url_carries_the_challenge_of_a_fresh_verifier() -> None:
    flow = PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, DEFAULT_REDIRECT_URI)
    client = SpotifyApiClient(flow)
    first = query_of(client.build_authorization_url())
    verifier = flow.code_verifier
    assert first["code_challenge_method"] == "S256"
    assert first["code_challenge"] == code_challenge(verifier)
    assert first["state"] == flow.state
    second = query_of(client.build_authorization_url(state="mine"))
    assert second["state"] == "mine"
    assert flow.code_verifier != verifier
    assert second["code_challenge"] != first["code_challenge"]


def test_parse_redirect_checks_state_and_errors() -> None:
    flow = PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, DEFAULT_REDIRECT_URI)
    client = SpotifyApiClient(flow)
    client.build_authorization_url(state="expected")
    client.build_authorization_url(state="second")
    assert client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?code=abc&state=expected") == "abc"
    with pytest.raises(StateMismatchError):
        client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?code=abc&state=forged")
    with pytest.raises(StateMismatchError):  # a state is good for one redirect
        client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?code=abc&state=expected")
    with pytest.raises(SpotifyError, match="access_denied"):
        client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?error=access_denied&state=second")


# -- codes, tokens, refresh ------------------------------------------------------------------


async def test_code_with_cookie_then_token_then_refresh(emu: Emulator) -> None:
    client = client_for(emu, code_flow(), hold_authentication=True)
    async with client:
        code = await client.get_code_with_cookie(SpotifyCookie(**emu.cookies))
        token = await client.get_auth_token_with_code(code)
        assert token.access_token
        assert token.refresh_token
        assert token.expires_in == 3600
        assert token.scopes == frozenset(SCOPES)
        assert client.spotify_authorization_token == token
        assert (await me(client))["id"] == emu.user_id

        refreshed = await client.refresh_token()
        assert refreshed.access_token != token.access_token
        assert refreshed.refresh_token == token.refresh_token  # not rotated: kept
        assert client.spotify_authorization_token == refreshed
        assert (await me(client))["id"] == emu.user_id
    assert tokens_issued(emu) == {"authorization_code": 1, "refresh_token": 1}


async def test_code_is_single_use(emu: Emulator) -> None:
    client = client_for(emu, code_flow())
    code = await client.get_code_with_cookie(SpotifyCookie(**emu.cookies))
    await client.get_auth_token_with_code(code)
    with pytest.raises(AuthorizationError) as caught:
        await client.get_auth_token_with_code(code)
    assert caught.value.error == "invalid_grant"
    assert caught.value.status == 400


async def test_incomplete_or_unknown_cookies(emu: Emulator) -> None:
    client = client_for(emu, code_flow())
    with pytest.raises(SpotifyError, match="cookies are not complete"):
        await client.get_code_with_cookie(SpotifyCookie("t", None, "k"))
    assert requests_served(emu) == 0
    with pytest.raises(SpotifyError, match="already agree"):
        await client.get_code_with_cookie(SpotifyCookie("t", "not-a-session", "k"))


async def test_wrong_secret_is_an_authorization_error(emu: Emulator) -> None:
    client = client_for(emu, ClientCredentialsFlow(DEFAULT_CLIENT_ID, "wrong"))
    with pytest.raises(AuthorizationError) as caught:
        await client.get_auth_token_with_client_credentials()
    assert caught.value.error == "invalid_client"
    assert "wrong" not in str(caught.value)


async def test_client_credentials_token(emu: Emulator) -> None:
    flow = ClientCredentialsFlow(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
    async with client_for(emu, flow, hold_authentication=True) as client:
        token = await client.get_auth_token_with_client_credentials()
        assert token.refresh_token is None
        assert token.expires_in == 3600
        assert client.spotify_authorization_token.access_token == token.access_token
    assert tokens_issued(emu) == {"client_credentials": 1}


async def test_explicit_token_refresh_without_holding(emu: Emulator) -> None:
    client = client_for(emu, code_flow())
    code = await client.get_code_with_cookie(SpotifyCookie(**emu.cookies))
    token = await client.get_auth_token_with_code(code)
    with pytest.raises(SpotifyError, match="hold_authentication"):
        await client.refresh_token()
    fresh = await client.refresh_token(token)
    assert fresh.access_token != token.access_token
    assert fresh.refresh_token == token.refresh_token
    async with client:
        assert (await me(client, fresh))["id"] == emu.user_id
        # the token the client obtained itself is sent when no auth_token= is given (0.4.4)
        assert (await me(client))["id"] == emu.user_id


async def test_rotated_refresh_token_replaces_the_old_one() -> None:
    async with Emulator(EmulatorConfig(rotate_refresh_tokens=True)) as emu:
        client = client_for(emu, code_flow(), hold_authentication=True)
        code = await client.get_code_with_cookie(SpotifyCookie(**emu.cookies))
        first = await client.get_auth_token_with_code(code)
        second = await client.refresh_token()
        assert second.refresh_token
        assert second.refresh_token != first.refresh_token
        assert client.spotify_authorization_token.refresh_token == second.refresh_token


async def test_pkce_end_to_end_with_rotation_and_single_use(emu: Emulator) -> None:
    flow = PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, DEFAULT_REDIRECT_URI)
    async with client_for(emu, flow, hold_authentication=True) as client:
        code = await client.get_code_with_cookie(SpotifyCookie(**emu.cookies))
        token = await client.get_auth_token_with_code(code)
        assert (await me(client))["id"] == emu.user_id
        refreshed = await client.refresh_token()
        assert refreshed.refresh_token != token.refresh_token
        with pytest.raises(ReauthorizationRequired, match="authorization"):
            await client.refresh_token(token)  # the old one was single-use
    assert tokens_issued(emu) == {"pkce": 1, "refresh_token": 1}


async def test_pkce_wrong_verifier_is_refused(emu: Emulator) -> None:
    flow = PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, DEFAULT_REDIRECT_URI)
    client = client_for(emu, flow)
    code = await client.get_code_with_cookie(SpotifyCookie(**emu.cookies))
    other = client_for(emu, PKCEFlow(DEFAULT_CLIENT_ID, SCOPES, DEFAULT_REDIRECT_URI))
    other.build_authorization_url()  # its verifier is not the one the code was issued for
    with pytest.raises(AuthorizationError) as caught:
        await other.get_auth_token_with_code(code)
    assert caught.value.error == "invalid_grant"
    assert other.authorization_flow.code_verifier not in str(caught.value)  # type: ignore[attr-defined]


async def test_revoked_refresh_token_asks_for_a_new_authorization(emu: Emulator) -> None:
    client = client_for(emu, code_flow(), hold_authentication=True)
    code = await client.get_code_with_cookie(SpotifyCookie(**emu.cookies))
    await client.get_auth_token_with_code(code)
    emu.revoke_refresh_tokens()
    with pytest.raises(ReauthorizationRequired) as caught:
        await client.refresh_token()
    assert caught.value.error == "invalid_grant"
    assert "build_authorization_url" in caught.value.text


# -- the seed's properties and the renew hook ----------------------------------------------


def test_hold_authentication_guards_and_clearing() -> None:
    client = SpotifyApiClient(code_flow())
    with pytest.raises(SpotifyError, match="enable hold_authentication"):
        _ = client.spotify_authorization_token
    with pytest.raises(SpotifyError, match="enable hold_authentication"):
        client.spotify_authorization_token = SpotifyAuthorisationToken("r", 1, "a")
    client.hold_authentication = True
    internal = client.spotify_authorization_token
    client.spotify_authorization_token = SpotifyAuthorisationToken("r", 1, "a")
    assert client.spotify_authorization_token is internal
    assert internal == SpotifyAuthorisationToken("r", 1, "a")
    client.hold_authentication = False
    assert internal == SpotifyAuthorisationToken()


def test_passed_token_is_the_internal_token() -> None:
    token = SpotifyAuthorisationToken("r", 1, "a")
    client = SpotifyApiClient(code_flow(), True, token)
    assert client.spotify_authorization_token is token
    hook = TokenRenewClass()
    client.token_renew_instance = hook
    assert client.token_renew_instance is hook
    assert client.api_request_handler.token_renew_instance is hook


async def test_token_renew_class_after_expiry(emu: Emulator) -> None:
    client = client_for(
        emu, code_flow(), hold_authentication=True, token_renew_instance=TokenRenewClass()
    )
    async with client:
        code = await client.get_code_with_cookie(SpotifyCookie(**emu.cookies))
        token = await client.get_auth_token_with_code(code)
        emu.clock.advance(3601)
        # the explicit token is dead: the hook refreshes and the request is replayed once
        assert (await me(client, token))["id"] == emu.user_id
        assert client.spotify_authorization_token.access_token != token.access_token
    assert tokens_issued(emu) == {"authorization_code": 1, "refresh_token": 1}


class FalseRenew:
    """A renew hook that hands back a token Spotify will refuse."""

    async def __call__(self, spotify_api_client: SpotifyApiClient) -> SpotifyAuthorisationToken:
        return SpotifyAuthorisationToken("r", 1, "not-a-token")


async def test_a_failing_renew_hook_ends_in_token_expired(emu: Emulator) -> None:
    async with client_for(emu, code_flow(), token_renew_instance=FalseRenew()) as client:
        with pytest.raises(TokenExpired) as caught:
            await me(client, SpotifyAuthorisationToken("r", 1, "bogus"))
        assert caught.value.status == 401
        assert caught.value.text == "Invalid access token"


# -- session ownership ---------------------------------------------------------------------


async def test_a_callers_session_is_used_and_not_closed(emu: Emulator) -> None:
    token = SpotifyAuthorisationToken.from_response(emu.issue_user_token())
    async with aiohttp.ClientSession() as session:
        client = client_for(emu, code_flow(), session=session)
        async with client:
            assert client.api_request_handler.session is session
            assert (await me(client, token))["id"] == emu.user_id
        assert not session.closed


async def test_context_manager_opens_and_closes(emu: Emulator) -> None:
    client = client_for(emu, code_flow())
    async with client:
        session = client.api_request_handler.session
        assert session is not None
        assert not session.closed
    assert session.closed
    with pytest.raises(SpotifyError, match="create_new_client"):
        await me(client, SpotifyAuthorisationToken("r", 1, "a"))


async def test_create_new_client_validates_its_arguments(emu: Emulator) -> None:
    client = client_for(emu, code_flow())
    with pytest.raises(InvalidInputError, match="request_limit"):
        await client.create_new_client(request_limit=0)
    with pytest.raises(InvalidInputError, match="request_timeout"):
        await client.create_new_client(request_timeout=-1)
    assert client.api_request_handler.session is None


def test_all_scopes_constant_matches_the_spec_list() -> None:
    assert len(ALL_SCOPES) == 19
    assert "ugc-image-upload" in ALL_SCOPES


# -- bad input is InvalidInputError naming the argument, never an internal error ---------------


async def test_a_str_where_a_token_is_expected_is_refused_naming_the_argument(
    emu: Emulator,
) -> None:
    flow = AuthorizationCodeFlow(DEFAULT_CLIENT_ID, "secret", SCOPES, DEFAULT_REDIRECT_URI)
    async with client_for(emu, flow) as client:
        with pytest.raises(InvalidInputError, match="auth_token must be a SpotifyAuthoris"):
            await client.user.me(auth_token="abc")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="auth_token must be a SpotifyAuthoris"):
            await client.refresh_token("abc")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="redirect_url must be the URL"):
            client.parse_redirect(123)  # type: ignore[arg-type]
    assert requests_served(emu) == 0


def test_a_token_store_needs_hold_authentication_and_load_and_save() -> None:
    with pytest.raises(InvalidInputError) as raised:
        SpotifyApiClient(code_flow(), token_store=MemoryTokenStore())
    assert str(raised.value) == (
        "token_store keeps the client's own token: it needs hold_authentication=True"
    )
    with pytest.raises(InvalidInputError, match=r"async load\(\) and save\(token\) .*not dict"):
        SpotifyApiClient(code_flow(), True, token_store={})  # type: ignore[arg-type]


async def test_empty_states_codes_and_relative_links_are_refused_before_sending(
    emu: Emulator,
) -> None:
    async with client_for(emu, code_flow(), hold_authentication=True) as client:
        with pytest.raises(InvalidInputError, match="state must be a non-empty str, not ''"):
            client.build_authorization_url(state="")
        client.build_authorization_url(state="s-1")
        with pytest.raises(InvalidInputError, match="The redirect URL carries no code"):
            client.parse_redirect(f"{DEFAULT_REDIRECT_URI}?state=s-1&code=")
        with pytest.raises(InvalidInputError, match="code must be a non-empty str"):
            await client.get_auth_token_with_code("")
        with pytest.raises(InvalidInputError, match="absolute URL, not '/me/tracks"):
            await client.next("/me/tracks?offset=20")
        with pytest.raises(InvalidInputError, match="absolute URL, not None"):
            await client.previous(None)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="SpotifyAuthorisationToken, not str"):
            client.spotify_authorization_token = "a-token"  # type: ignore[assignment]
    assert requests_served(emu) == 0
    assert tokens_issued(emu) == {}


async def test_next_and_previous_follow_the_links_of_a_page(emu: Emulator) -> None:
    token = SpotifyAuthorisationToken.from_response(emu.issue_user_token(), now=emu.clock.now())
    async with client_for(emu, code_flow(), hold_authentication=True) as client:
        client.spotify_authorization_token = token
        assert client.can_renew_internal_token() is True  # it has a refresh token and a secret
        first = await client.library.get_tracks(limit=2)
        second = await client.next(first["next"])
        back = await client.previous(second["previous"])
    assert (second["offset"], back["offset"]) == (2, 0)
    assert [item["track"]["id"] for item in back["items"]] == [
        item["track"]["id"] for item in first["items"]
    ]
    assert emu.stats()["requests"]["GET /v1/me/tracks"] == {"200": 3}


async def test_a_client_holding_no_token_and_no_way_to_get_one_sends_nothing(
    emu: Emulator,
) -> None:
    async with client_for(emu, code_flow(), hold_authentication=True) as client:
        with pytest.raises(SpotifyError) as raised:
            await client.user.me()
    assert raised.value.text.startswith(
        "You have to provide a valid auth token or obtain one (get_auth_token_with_code, "
    )
    assert type(raised.value) is SpotifyError
    assert requests_served(emu) == 0


async def test_a_token_past_its_expiry_that_cannot_be_renewed_is_sent_for_spotify_to_judge(
    emu: Emulator,
) -> None:
    issued = SpotifyAuthorisationToken.from_response(emu.issue_user_token(), now=emu.clock.now())
    # The client's clock says it expired an hour ago; it has no refresh token to renew it with.
    stale = SpotifyAuthorisationToken(
        None, int(emu.clock.now()) - 7200, issued.access_token, expires_in=3600
    )
    async with client_for(emu, code_flow(), hold_authentication=True) as client:
        client.spotify_authorization_token = stale
        assert client.can_renew_internal_token() is False
        me = await client.user.me()  # the emulator still takes it: it has not expired there
        with pytest.raises(InvalidInputError) as raised:
            await client.refresh_token(stale)
    assert me["id"] == emu.user_id
    assert raised.value.text == "auth_token has no refresh_token to refresh with"
    assert emu.stats()["requests"]["GET /v1/me"] == {"200": 1}
    assert tokens_issued(emu) == {}


def test_the_token_managers_reprs_show_no_secret() -> None:
    token = SpotifyAuthorisationToken("refresh-secret-1", 100, "access-secret-1", expires_in=3600)
    client = SpotifyApiClient(code_flow(), True, token)
    for shown in (repr(client.tokens), repr(client.tokens.auth())):
        assert "TokenManager(flow=AuthorizationCodeFlow, token=SpotifyAuthorisationToken(" in shown
        assert "secret-1" not in shown
    assert repr(client.tokens.auth()).startswith("ManagedAuth(TokenManager(")
