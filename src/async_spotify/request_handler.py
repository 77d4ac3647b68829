"""``ApiRequestHandler``: AsyncSpotify's request handler, assembled from the transport's parts.

The edge where 0.4.4's shape (``ApiRequestHandler(token, token_renew_instance, client)``) meets
the layered core: it wires a :class:`~async_spotify.transport.session.SessionHolder`, a
rate-limit gate, the :class:`~async_spotify.transport.webapi.WebApi` request loop, the
:class:`~async_spotify.transport.accounts.AccountsClient` and a
:class:`~async_spotify.auth.manager.TokenManager`, and keeps 0.4.4's names on top.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import aiohttp

from async_spotify.auth.manager import TokenManager
from async_spotify.auth.scopes import check_scopes
from async_spotify.auth.stores import TokenStore
from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.spotify_errors import InvalidInputError
from async_spotify.token_renew_class import TokenRenewer, bind_renewer
from async_spotify.transport.accounts import AccountsClient
from async_spotify.transport.ratelimit import Gate, RateLimitGate
from async_spotify.transport.retry import RetryPolicy
from async_spotify.transport.session import SessionHolder
from async_spotify.transport.urls import (
    DEFAULT_ACCOUNTS_URL,
    DEFAULT_BASE_URL,
    check_accounts_url,
    check_base_url,
)
from async_spotify.transport.webapi import WebApi
from async_spotify.transport.wire import Response

if TYPE_CHECKING:
    from async_spotify.client import SpotifyApiClient

__all__ = ["DEFAULT_RETRY_POLICY", "ApiRequestHandler", "check_language"]

#: The policy of a client created without ``retry_policy=``.
DEFAULT_RETRY_POLICY = RetryPolicy()


class ApiRequestHandler:
    """Sends requests for one :class:`~async_spotify.SpotifyApiClient`.

    ``spotify_authorisation_token`` is the client's internal token (shared by reference).
    ``token_renew_instance`` is AsyncSpotify's hook that renews it (otherwise the client renews
    it itself); at most one renewal runs at a time (single flight), however many requests need
    it. ``retry_policy`` decides which failures are retried (see
    :mod:`async_spotify.transport.retry`); the rate-limit gate makes every request of the client
    wait out a 429 together and paces them to ``rate_limit_budget`` requests per 30 s (or pass
    ``rate_limit_gate=``, e.g. one shared by processes). ``token_store`` persists the internal
    token (see :mod:`async_spotify.auth.stores`). ``hold_authentication`` defaults to the
    client's.
    """

    def __init__(
        self,
        spotify_authorisation_token: SpotifyAuthorisationToken,
        token_renew_instance: TokenRenewer | None = None,
        spotify_api_client: SpotifyApiClient | None = None,
        *,
        hold_authentication: bool | None = None,
        base_url: str = DEFAULT_BASE_URL,
        accounts_url: str = DEFAULT_ACCOUNTS_URL,
        session: aiohttp.ClientSession | None = None,
        retry_policy: RetryPolicy | None = None,
        rate_limit_budget: int | None = None,
        rate_limit_gate: Gate | None = None,
        token_store: TokenStore | None = None,
        language: str | None = None,
        trust_env: bool = False,
    ) -> None:
        if retry_policy is None:
            retry_policy = DEFAULT_RETRY_POLICY
        elif not isinstance(retry_policy, RetryPolicy):
            raise InvalidInputError(
                f"retry_policy must be a RetryPolicy, not {type(retry_policy).__name__}"
            )
        base_url = check_base_url(base_url)
        accounts_url = check_accounts_url(accounts_url)
        if rate_limit_gate is None:
            rate_limit_gate = RateLimitGate(
                sleep=retry_policy.sleep, clock=retry_policy.clock, budget=rate_limit_budget
            )
        elif isinstance(rate_limit_gate, Gate):
            if rate_limit_budget is not None:
                rate_limit_gate.set_budget(rate_limit_budget)
        else:
            raise InvalidInputError(
                "rate_limit_gate must be a rate-limit gate (RateLimitGate, RedisRateLimitGate), "
                f"not {type(rate_limit_gate).__name__}"
            )
        self._client = spotify_api_client
        self._token_renew_instance = token_renew_instance
        language = check_language(language)
        self.sessions = SessionHolder(session, trust_env=bool(trust_env))
        self.web_api = WebApi(
            self.sessions,
            rate_limit_gate,
            retry_policy,
            base_url,
            {"Accept-Language": language} if language is not None else None,
        )
        self.accounts = AccountsClient(self.sessions, retry_policy, accounts_url)
        self.tokens = TokenManager(
            spotify_api_client.authorization_flow if spotify_api_client is not None else None,
            self.accounts,
            spotify_authorisation_token,
            hold_authentication=(
                hold_authentication
                if hold_authentication is not None
                else spotify_api_client is not None and spotify_api_client.hold_authentication
            ),
            store=token_store,
            renew_hook=bind_renewer(token_renew_instance, spotify_api_client),
        )

    def with_tokens(self, tokens: TokenManager) -> ApiRequestHandler:
        """A handler sending on the same session, gate and policy with another token manager
        (another user's, see :meth:`TokenManager.for_user`)."""
        twin = object.__new__(ApiRequestHandler)
        twin.__dict__.update(self.__dict__)
        twin.tokens = tokens
        twin._token_renew_instance = None
        return twin

    # -- what the client and the endpoint groups read --------------------------------------

    @property
    def spotify_authorisation_token(self) -> SpotifyAuthorisationToken:
        """The internal token (the token manager's)."""
        return self.tokens.token

    @property
    def token_renew_instance(self) -> TokenRenewer | None:
        """AsyncSpotify's renew hook (None: the token manager renews by itself)."""
        return self._token_renew_instance

    @token_renew_instance.setter
    def token_renew_instance(self, hook: TokenRenewer | None) -> None:
        self._token_renew_instance = hook
        self.tokens.renew_hook = bind_renewer(hook, self._client)

    @property
    def base_url(self) -> str:
        """The Web API root."""
        return self.web_api.base_url

    @property
    def accounts_url(self) -> str:
        """The Accounts service root."""
        return self.accounts.accounts_url

    @property
    def retry_policy(self) -> RetryPolicy:
        """The client's retry policy."""
        return self.web_api.policy

    @property
    def rate_limit_gate(self) -> Gate:
        """The gate every request of the client passes (429 pauses, the optional budget)."""
        return self.web_api.gate

    @property
    def token_store(self) -> TokenStore:
        """Where the internal token is loaded from and saved to."""
        return self.tokens.store

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The aiohttp session requests are sent on (None before ``create_new_client``)."""
        return self.sessions.session

    @property
    def client_session_list(self) -> deque[aiohttp.ClientSession]:
        """AsyncSpotify's view of the sessions: a deque with the one session, if any."""
        return self.sessions.sessions

    # -- session lifecycle -------------------------------------------------------------------

    async def create_new_client(
        self, request_timeout: float | None = 30, request_limit: int = 500
    ) -> None:
        """Open the session: at most ``request_limit`` connections, ``request_timeout`` seconds
        per attempt. A client that holds its authentication also loads its token here."""
        await self.sessions.open(request_timeout, request_limit)
        if self.tokens.hold_authentication:
            await self.tokens.sync_store()

    async def close_client(self) -> None:
        """Close the session if this handler opened it (a caller's session is left open)."""
        await self.sessions.close()

    # -- requests ------------------------------------------------------------------------------

    async def make_request(
        self,
        method: str,
        url: str,
        query_params: Mapping[str, object] | None,
        auth_token: SpotifyAuthorisationToken | None,
        body: object = None,
        last_try: bool = False,
    ) -> Any:
        """AsyncSpotify's entry point; same as :meth:`request`."""
        return await self.request(
            method, url, query=query_params, body=body, auth_token=auth_token, renew=not last_try
        )

    async def request(
        self,
        method: str,
        url: str,
        *,
        query: Mapping[str, object] | None = None,
        body: object = None,
        auth_token: SpotifyAuthorisationToken | None = None,
        renew: bool = True,
        idempotent: bool | None = None,
        raw: bool = False,
    ) -> Any:
        """Send one Web API request and return its decoded JSON (``{}`` for an answer without a
        body; the body's bytes with ``raw=True``): see
        :meth:`WebApi.request <async_spotify.transport.webapi.WebApi.request>`.

        ``auth_token`` wins over the internal token; ``renew=False`` turns off the
        renew-and-replay on a 401.
        """
        tokens = self.tokens
        token = tokens.ready() if auth_token is None else None
        if token is None:
            token = await tokens.current(auth_token)
        if token.scope is not None:  # refused here, naming the scope, rather than by Spotify
            check_scopes(method, self._route(url), token)
        return await self.web_api.request(
            method,
            url,
            auth=tokens.auth(auth_token, renew=renew, current=token),
            query=query,
            body=body,
            idempotent=idempotent,
            raw=raw,
        )

    def _route(self, url: str) -> str:
        if not url.startswith(("http://", "https://")):
            return url
        base = self.web_api.base_url
        return url[len(base) :] if url.startswith(base + "/") else ""

    async def authorize_with_cookies(self, url: str, cookie_header: str) -> Response:
        """GET the authorization URL as a logged-in browser would, without following redirects."""
        return await self.accounts.authorize_with_cookies(url, cookie_header)


_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*(;q=[01](\.\d{1,3})?)?")


def check_language(language: object) -> str | None:
    """``language`` (``"es"``, ``"pt-BR"``, ``"fr-CA,fr;q=0.8"``) for ``Accept-Language``."""
    if language is None:
        return None
    if not isinstance(language, str) or not all(
        _LANGUAGE.fullmatch(part.strip()) for part in language.split(",")
    ):
        raise InvalidInputError(
            "language must be a language tag like 'es', 'pt-BR' or an Accept-Language list "
            f"like 'fr-CA,fr;q=0.8', not {language!r}"
        )
    return language
