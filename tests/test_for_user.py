"""client.for_user(user_id): one client, many users, each with their own token in the store;
scopes checked against the token before sending; Accept-Language; proxies from the environment."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.typedefs import Handler

from async_spotify import (
    InsufficientScopeError,
    InvalidInputError,
    ReauthorizationRequired,
    SpotifyApiClient,
    SpotifyAuthorisationToken,
    SpotifyCookie,
)
from async_spotify.auth.stores import FileTokenStore, MemoryTokenStore
from async_spotify.emulator import Emulator, EmulatorConfig
from tests.resilience.harness import code_flow, grants, served


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(EmulatorConfig()) as running:
        yield running


def app_client(emulator: Emulator, **options: object) -> SpotifyApiClient:
    options.setdefault("token_store", MemoryTokenStore())
    return SpotifyApiClient(
        code_flow(emulator, options.pop("scopes", ["user-read-private", "user-top-read"])),  # type: ignore[arg-type]
        hold_authentication=True,
        base_url=emulator.base_url,
        accounts_url=emulator.accounts_url,
        **options,  # type: ignore[arg-type]
    )


def user_token(
    emulator: Emulator, user_id: str, *, age: float = 0.0, scopes: tuple[str, ...] = ()
) -> SpotifyAuthorisationToken:
    response = emulator.issue_user_token(
        scopes or ("user-read-private", "user-top-read"), user_id=user_id
    )
    return SpotifyAuthorisationToken.from_response(response, now=emulator.clock.now() - age)


async def test_each_user_calls_with_their_own_token(emulator: Emulator) -> None:
    store = MemoryTokenStore()
    await store.save_user("alice", user_token(emulator, "alice"))
    await store.save_user("bob", user_token(emulator, "bob"))
    async with app_client(emulator, token_store=store) as client:
        alice, bob = client.for_user("alice"), client.for_user("bob")
        assert client.for_user("alice") is alice  # one view per user: one renewal at a time
        assert alice.api_request_handler.session is client.api_request_handler.session
        assert (await alice.user.me())["id"] == "alice"
        assert (await bob.user.me())["id"] == "bob"
    assert served(emulator, "GET /v1/me") == {"200": 2}


async def test_a_users_expired_token_is_refreshed_once_and_saved(emulator: Emulator) -> None:
    store = MemoryTokenStore()
    expired = user_token(emulator, "alice", age=3700)
    await store.save_user("alice", expired)
    await store.save_user("bob", user_token(emulator, "bob"))
    async with app_client(emulator, token_store=store) as client:
        answers = await asyncio.gather(*(client.for_user("alice").user.me() for _ in range(50)))
        assert {answer["id"] for answer in answers} == {"alice"}
        assert (await client.for_user("bob").user.me())["id"] == "bob"
    assert grants(emulator) == {"refresh_token": 1}
    saved = await store.load_user("alice")
    assert saved is not None and saved.access_token != expired.access_token
    assert saved.refresh_token == expired.refresh_token


async def test_a_code_exchanged_on_a_view_is_stored_for_that_user(
    emulator: Emulator, tmp_path: object
) -> None:
    store = FileTokenStore(f"{tmp_path}/tokens.json")
    async with app_client(emulator, token_store=store) as client:
        view = client.for_user("site-user-7")
        code = await view.get_code_with_cookie(SpotifyCookie(**emulator.cookies))
        token = await view.get_auth_token_with_code(code)
        stored = await store.load_user("site-user-7")
        assert stored == token
        assert await store.load() is None  # the app's own slot is untouched
        assert (await view.user.me())["id"] == emulator.user_id


async def test_a_dead_refresh_token_names_the_user_and_spares_the_others(
    emulator: Emulator,
) -> None:
    store = MemoryTokenStore()
    await store.save_user("alice", user_token(emulator, "alice", age=3700))
    emulator.revoke_refresh_tokens()
    await store.save_user("bob", user_token(emulator, "bob"))
    async with app_client(emulator, token_store=store) as client:
        with pytest.raises(ReauthorizationRequired, match="User 'alice'"):
            await client.for_user("alice").user.me()
        assert (await client.for_user("bob").user.me())["id"] == "bob"
        with pytest.raises(ReauthorizationRequired, match="No token is stored for user 'carol'"):
            await client.for_user("carol").user.me()
    assert served(emulator, "GET /v1/me") == {"200": 1}


async def test_for_user_needs_a_user_id_and_a_per_user_store(emulator: Emulator) -> None:
    class AppOnly:
        async def load(self) -> None:
            return None

        async def save(self, token: SpotifyAuthorisationToken) -> None:
            pass

    async with app_client(emulator, token_store=AppOnly()) as client:
        with pytest.raises(InvalidInputError, match="keeps a token per user"):
            client.for_user("alice")
    async with app_client(emulator) as client:
        with pytest.raises(InvalidInputError, match="user_id must be a non-empty str"):
            client.for_user("")


async def test_a_view_is_opened_with_its_users_token_and_makes_no_views(
    emulator: Emulator,
) -> None:
    store = MemoryTokenStore()
    alice_token = user_token(emulator, "alice")
    await store.save_user("alice", alice_token)
    async with app_client(emulator, token_store=store) as client:
        async with client.for_user("alice") as alice:
            await alice.create_new_client()  # on a view: loads the user's token, nothing else
            assert alice.tokens.token == alice_token
            assert alice.api_request_handler.session is client.api_request_handler.session
            assert repr(alice) == f"UserClient(user_id='alice', base_url={emulator.base_url!r})"
            assert alice_token.access_token is not None
            assert alice_token.access_token not in repr(alice)
            with pytest.raises(InvalidInputError) as raised:
                alice.for_user("bob")
            assert str(raised.value) == (
                "for_user('bob') on the view of user 'alice': call it on the app's client"
            )
        # The view's close leaves the app's session open.
        assert (await client.for_user("alice").user.me())["id"] == "alice"


async def test_the_least_recently_used_views_are_dropped_past_1024(emulator: Emulator) -> None:
    async with app_client(emulator) as client:
        first = client.for_user("user-0")
        views = [client.for_user(f"user-{n}") for n in range(1, 1024)]
        assert client.for_user("user-0") is first  # used again: now the most recent
        client.for_user("user-1024")  # the 1025th view drops the least recently used
        assert client.for_user("user-0") is first
        assert client.for_user("user-1") is not views[0]


async def test_a_missing_scope_is_refused_before_sending(emulator: Emulator) -> None:
    store = MemoryTokenStore()
    await store.save_user("alice", user_token(emulator, "alice", scopes=("user-read-private",)))
    async with app_client(emulator, token_store=store, scopes=["user-read-private"]) as client:
        view = client.for_user("alice")
        with pytest.raises(InsufficientScopeError, match="needs the scope user-top-read") as raised:
            await view.personalization.get_top("artists")
        assert raised.value.missing_scopes == ("user-top-read",)
        assert raised.value.status == 403
        with pytest.raises(
            InsufficientScopeError,
            match="needs the scope user-read-currently-playing or user-read-playback-state",
        ):
            await view.player.get_queue()
        assert (await view.user.me())["id"] == "alice"  # its scopes only unlock fields
    assert emulator.stats()["requests"].keys() == {"GET /v1/me"}  # nothing else was sent


async def test_a_stored_token_lacking_the_flows_scopes_is_not_reused(emulator: Emulator) -> None:
    store = MemoryTokenStore()
    await store.save_user("alice", user_token(emulator, "alice", scopes=("user-read-private",)))
    flow_scopes = ["user-read-private", "user-top-read", "user-library-read"]
    async with app_client(emulator, token_store=store, scopes=flow_scopes) as client:
        with pytest.raises(
            ReauthorizationRequired,
            match="token of user 'alice' was not granted the scopes user-top-read, "
            "user-library-read",
        ):
            await client.for_user("alice").user.me()
    assert served(emulator, "GET /v1/me") == {}


async def test_language_is_sent_as_accept_language(emulator: Emulator) -> None:
    seen: list[str | None] = []

    @web.middleware
    async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
        seen.append(request.headers.get("Accept-Language"))
        return await handler(request)

    app = web.Application(middlewares=[record])

    async def me(request: web.Request) -> web.Response:
        return web.json_response({"id": "u"})

    app.router.add_get("/v1/me", me)
    server = web.AppRunner(app)
    await server.setup()
    site = web.TCPSite(server, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        token = SpotifyAuthorisationToken(None, 10**10, "t")
        async with SpotifyApiClient(
            code_flow(emulator), base_url=f"http://127.0.0.1:{port}/v1", language="es-MX"
        ) as client:
            await client.user.me(auth_token=token)
    finally:
        await server.cleanup()
    assert seen == ["es-MX"]


@pytest.mark.parametrize("language", ["", "español", "es_MX", 7])
def test_a_bad_language_is_refused(emulator: Emulator, language: object) -> None:
    with pytest.raises(InvalidInputError, match="language must be a language tag"):
        SpotifyApiClient(code_flow(emulator), language=language)  # type: ignore[arg-type]


async def test_trust_env_sends_through_the_proxy_of_the_environment(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxied: list[str] = []

    async def proxy(request: web.Request) -> web.Response:
        proxied.append(str(request.url))  # a forward proxy receives the absolute URL
        return web.json_response({"id": "via-proxy"})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", proxy)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    token = SpotifyAuthorisationToken(None, 10**10, "t")
    try:
        async with SpotifyApiClient(
            code_flow(emulator), base_url="http://api.spotify.invalid/v1", trust_env=True
        ) as client:
            assert (await client.user.me(auth_token=token))["id"] == "via-proxy"
        async with SpotifyApiClient(
            code_flow(emulator), base_url=emulator.base_url, trust_env=False
        ) as client:
            with pytest.raises(Exception):  # noqa: B017, PT011
                await client.user.me(auth_token=token)  # the emulator refuses the bogus token
    finally:
        await runner.cleanup()
    assert proxied == ["http://api.spotify.invalid/v1/me"]
