"""``SpotifyApiClient``: AsyncSpotify's facade, kept name for name, made right underneath.

It holds the authorization flow and the internal token, opens and closes the HTTP session,
runs the OAuth exchanges with the Accounts service, and carries one attribute per group of
Web API operations (``client.albums.get_one(...)``). Every request goes through one
:class:`~async_spotify.request_handler.ApiRequestHandler`, which pairs the transport with the
client's :class:`~async_spotify.auth.manager.TokenManager`.
"""

from __future__ import annotations

import asyncio
import copy
import os
import webbrowser
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, TextIO, TypeVar, overload
from urllib.parse import parse_qs, urlencode, urlsplit

import aiohttp

from async_spotify.auth.cookies import SpotifyCookie
from async_spotify.auth.flows import (
    AuthorizationCodeFlow,
    AuthorizationFlow,
    ClientCredentialsFlow,
    PKCEFlow,
)
from async_spotify.auth.pending import MAX_PENDING, PendingAuthorization, PendingAuthorizations
from async_spotify.auth.redirect import check_redirect_uri
from async_spotify.auth.stores import TokenStore, UserTokenStore, UserTokenView
from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.endpoints import (
    Albums,
    Artists,
    Audiobooks,
    Browse,
    Chapters,
    Episodes,
    Follow,
    Library,
    Markets,
    Personalization,
    Player,
    Playlists,
    Search,
    Shows,
    Track,
    User,
)
from async_spotify.endpoints.endpoint import AppMode, check_app_mode
from async_spotify.paging import DEFAULT_CONCURRENCY, DEFAULT_READ_AHEAD, fetch_all, paginate
from async_spotify.request_handler import ApiRequestHandler
from async_spotify.spotify_errors import (
    AuthorizationDenied,
    AuthorizationError,
    InvalidInputError,
    SpotifyError,
    shorten,
)
from async_spotify.token_renew_class import TokenRenewer
from async_spotify.transport.ratelimit import Gate
from async_spotify.transport.retry import RetryPolicy
from async_spotify.transport.urls import DEFAULT_ACCOUNTS_URL, DEFAULT_BASE_URL
from async_spotify.types import (
    CursorPaging,
    Paging,
    PlaylistObject,
    PlaylistTrackObject,
)

_USER_FLOWS = (AuthorizationCodeFlow, PKCEFlow)
# Views kept for reuse: a user's concurrent calls share one renewal; older ones are rebuilt.
_USER_VIEWS = 1024
#: The item type of a paged result (``Paging[SimplifiedTrackObject]`` -> SimplifiedTrackObject).
_ItemT = TypeVar("_ItemT")


def _configured(given: str | None, variable: str, default: str) -> str:
    """An URL argument: as given, else from the environment variable, else Spotify's."""
    if given is not None:
        return given
    return os.environ.get(variable) or default


class SpotifyApiClient:
    """The Spotify Web API client.

    The client sends the token it obtained itself (``get_auth_token_with_client_credentials``,
    ``get_auth_token_with_code``) with every call that passes no ``auth_token=``, and renews it
    by itself (refresh token, or a new client-credentials token) shortly before it expires and
    once on a 401; an explicit ``auth_token=`` always wins. ``hold_authentication=True`` also
    keeps the token in ``token_store`` and lets it be assigned (``spotify_authorization_token``).

    ``base_url`` and ``accounts_url`` point the client at another Web API / Accounts service (the
    built-in emulator, a proxy); when they are not given, the environment variables
    ``SPOTIFY_BASE_URL`` and ``SPOTIFY_ACCOUNTS_URL`` are used if set, so that a whole app runs
    against the emulator unchanged. ``session`` lends the client an aiohttp session it will not
    close.

    Resilience: ``retry_policy`` (default ``RetryPolicy()``; ``RetryPolicy.none()`` turns retries
    off) retries what is safe to retry; a 429 pauses every request of the client for its
    ``Retry-After`` (capped by the policy); ``rate_limit_budget=N`` paces the client to N requests
    per rolling 30 seconds so Spotify need not refuse any (without it, the client learns the
    budget from Spotify's 429s); ``rate_limit_gate`` shares the pause and the budget with other
    clients (``RedisRateLimitGate``: with every process of the app); ``token_store`` (with
    ``hold_authentication=True``; default in memory, see :mod:`async_spotify.auth.stores`) loads
    the token when the client opens and saves it whenever it changes.

    ``app_mode="development"`` says the Spotify app is in development mode, which lost the batch
    reads in February 2026: ``albums.get_multiple`` and the like then read one id at a time.
    """

    def __init__(
        self,
        authorization_flow: AuthorizationFlow,
        hold_authentication: bool = False,
        spotify_authorisation_token: SpotifyAuthorisationToken | None = None,
        token_renew_instance: TokenRenewer | None = None,
        *,
        base_url: str | None = None,
        accounts_url: str | None = None,
        session: aiohttp.ClientSession | None = None,
        retry_policy: RetryPolicy | None = None,
        rate_limit_budget: int | None = None,
        token_store: TokenStore | None = None,
        app_mode: AppMode = "extended",
        rate_limit_gate: Gate | None = None,
        language: str | None = None,
        trust_env: bool = False,
    ) -> None:
        if not isinstance(authorization_flow, AuthorizationFlow) or not authorization_flow.valid:
            raise SpotifyError("The auth flow instance of your app is not correct")
        if spotify_authorisation_token is not None and not isinstance(
            spotify_authorisation_token, SpotifyAuthorisationToken
        ):
            raise InvalidInputError(
                "spotify_authorisation_token must be a SpotifyAuthorisationToken, not "
                f"{type(spotify_authorisation_token).__name__}"
            )
        if token_store is not None and not hold_authentication:
            raise InvalidInputError(
                "token_store keeps the client's own token: it needs hold_authentication=True"
            )
        if token_store is not None and not isinstance(token_store, TokenStore):
            raise InvalidInputError(
                "token_store must have async load() and save(token) methods, not "
                f"{type(token_store).__name__}"
            )
        self.authorization_flow = authorization_flow
        self._token = spotify_authorisation_token or SpotifyAuthorisationToken()
        # issued states (and PKCE verifiers) until their redirect comes back; codes a redirect
        # brought back, with the authorization they complete, until they are exchanged
        self._authorizations = PendingAuthorizations(clock=lambda: self.retry_policy.clock())
        self._redeemed: OrderedDict[str, PendingAuthorization] = OrderedDict()
        self.api_request_handler = ApiRequestHandler(
            self._token,
            token_renew_instance,
            self,
            hold_authentication=bool(hold_authentication),
            base_url=_configured(base_url, "SPOTIFY_BASE_URL", DEFAULT_BASE_URL),
            accounts_url=_configured(accounts_url, "SPOTIFY_ACCOUNTS_URL", DEFAULT_ACCOUNTS_URL),
            session=session,
            retry_policy=retry_policy,
            rate_limit_budget=rate_limit_budget,
            token_store=token_store,
            rate_limit_gate=rate_limit_gate,
            language=language,
            trust_env=trust_env,
        )
        self._language = language
        self._trust_env = bool(trust_env)
        self._users: OrderedDict[str, UserClient] = OrderedDict()
        handler = self.api_request_handler
        #: The client's token manager (token, store sync, single-flight renewal).
        self.tokens = handler.tokens
        self._app_mode: AppMode = check_app_mode(app_mode)
        self._add_groups(handler)

    def _add_groups(self, handler: ApiRequestHandler) -> None:
        """One attribute per group of Web API operations, all sending through ``handler``."""
        self.albums = Albums(handler, app_mode=self._app_mode)
        self.artists = Artists(handler, app_mode=self._app_mode)
        self.audiobooks = Audiobooks(handler, app_mode=self._app_mode)
        self.browse = Browse(handler, app_mode=self._app_mode)
        self.chapters = Chapters(handler, app_mode=self._app_mode)
        self.episodes = Episodes(handler, app_mode=self._app_mode)
        self.follow = Follow(handler, app_mode=self._app_mode)
        self.library = Library(handler, app_mode=self._app_mode)
        self.markets = Markets(handler, app_mode=self._app_mode)
        self.personalization = Personalization(handler, app_mode=self._app_mode)
        self.player = Player(handler, app_mode=self._app_mode)
        self.playlists = Playlists(handler, app_mode=self._app_mode)
        self.search = Search(handler, app_mode=self._app_mode)
        self.shows = Shows(handler, app_mode=self._app_mode)
        self.track = Track(handler, app_mode=self._app_mode)
        self.user = User(handler, app_mode=self._app_mode)

    # -- many users ------------------------------------------------------------------------------

    def for_user(self, user_id: str) -> UserClient:
        """A view of this client acting for one user of a multi-user app.

        It has the same endpoint groups and auth methods; its calls send user ``user_id``'s
        token from this client's token store, renew it when needed (once for every concurrent
        call, and once across processes with a shared store such as ``RedisTokenStore``) and
        save it back. ``await client.for_user("u").get_auth_token_with_code(code)`` stores user
        u's token. The view shares this client's HTTP session, retry policy and rate-limit gate;
        open this client first. A user with no token, or whose refresh token is dead, raises
        ReauthorizationRequired naming the user; other users are unaffected.
        """
        if not isinstance(user_id, str) or not user_id:
            raise InvalidInputError(f"user_id must be a non-empty str, not {user_id!r}")
        store = self.api_request_handler.token_store
        if not isinstance(store, UserTokenStore):
            raise InvalidInputError(
                "for_user needs a token store that keeps a token per user (MemoryTokenStore, "
                f"FileTokenStore, RedisTokenStore), not {type(store).__name__}"
            )
        view = self._users.get(user_id)
        if view is None:
            view = self._users[user_id] = UserClient(self, store, user_id)
            if len(self._users) > _USER_VIEWS:
                self._users.popitem(last=False)
        else:
            self._users.move_to_end(user_id)
        return view

    # -- session ---------------------------------------------------------------------------------

    async def create_new_client(
        self, request_timeout: float | None = 30, request_limit: int = 500
    ) -> None:
        """Open the HTTP session (closing any open one): ``request_limit`` connections at most,
        ``request_timeout`` seconds per request (None: no limit)."""
        await self.api_request_handler.create_new_client(request_timeout, request_limit)

    async def close_client(self) -> None:
        """Close the HTTP session (a session passed in by the caller stays open)."""
        await self.api_request_handler.close_client()

    async def __aenter__(self) -> SpotifyApiClient:
        if self.api_request_handler.session is None:
            await self.create_new_client()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close_client()

    @property
    def _api_request_handler(self) -> ApiRequestHandler:
        """AsyncSpotify 0.4.4's name of :attr:`api_request_handler` (tools reach for it)."""
        return self.api_request_handler

    @property
    def base_url(self) -> str:
        """The Web API root requests are sent to."""
        return self.api_request_handler.base_url

    @property
    def accounts_url(self) -> str:
        """The Accounts service root (``/authorize``, ``/api/token``)."""
        return self.api_request_handler.accounts_url

    @property
    def app_mode(self) -> AppMode:
        """How the Spotify app is registered: ``"extended"`` or ``"development"`` (fixed at
        construction, since every endpoint group reads it)."""
        return self._app_mode

    # -- authorization URL and code --------------------------------------------------------------

    def build_authorization_url(self, show_dialog: bool = True, state: str | None = None) -> str:
        """The URL to send the user to for consent (authorization code or PKCE flow).

        Every URL carries a ``state`` (``state``, or one drawn when not given), remembered with
        its PKCE code verifier for 10 minutes, until the redirect that brings it back
        (:meth:`parse_redirect`); building another URL never invalidates an earlier one, so
        several logins may be in flight at once. :meth:`get_auth_token_with_code` then proves
        the verifier of the authorization the code completes.
        """
        flow = self._user_flow("build an authorization url")
        redirect_url = check_redirect_uri(str(flow.redirect_url))
        if state is not None and (not isinstance(state, str) or not state):
            raise InvalidInputError(f"state must be a non-empty str, not {state!r}")
        params: dict[str, str] = {
            "client_id": str(flow.application_id),
            "response_type": "code",
            "redirect_uri": redirect_url,
            "show_dialog": "true" if show_dialog else "false",
        }
        if flow.scopes:
            params["scope"] = " ".join(flow.scopes)
        if isinstance(flow, PKCEFlow):
            state = flow.begin(state)
            params["state"] = self._authorizations.issue(state, flow.code_verifier)
            params["code_challenge_method"] = "S256"
            params["code_challenge"] = flow.code_challenge
        else:
            params["state"] = self._authorizations.issue(state)
        return f"{self.accounts_url}/authorize?{urlencode(params)}"

    def open_oauth_dialog_in_browser(self, show_dialogue: bool = True) -> None:
        """Open the authorization URL in the user's web browser."""
        webbrowser.open_new(self.build_authorization_url(show_dialogue))

    async def get_code_with_cookie(self, cookies: SpotifyCookie) -> str:
        """Obtain an authorization code with a logged-in user's web cookies (for tests).

        Works only if the user has already consented to the flow's scopes: Spotify then
        redirects straight back with the code, which is read from the redirect.
        """
        if not isinstance(cookies, SpotifyCookie) or not cookies.valid:
            raise SpotifyError("The cookies are not complete")
        url = self.build_authorization_url(show_dialog=False)
        cookie_header = "; ".join(f"{name}={value}" for name, value in cookies.as_dict().items())
        response = await self.api_request_handler.authorize_with_cookies(url, cookie_header)
        location = response.headers.get("Location", "")
        if response.status in (301, 302, 303, 307, 308) and location:
            query = parse_qs(urlsplit(location).query)
            if "code" in query or "error" in query:
                return self.parse_redirect(location)
        raise AuthorizationError(
            "no_code",
            "The collection of the code did not work. Did the user already agree to the scopes "
            "of your app?",
            status=0,
            request="GET /authorize",
        )

    async def login(
        self,
        *,
        open_browser: bool | Callable[[str], object] = True,
        timeout: float = 300.0,  # noqa: ASYNC109 - the person's time, with its own error
        show_dialog: bool = False,
        stdin: TextIO | None = None,
        output: TextIO | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> SpotifyAuthorisationToken:
        """Log a person in through their browser; the client keeps the token and saves it to
        its token store (``hold_authentication=True`` is needed).

        A one-shot server listens on the flow's loopback redirect URI
        (``http://127.0.0.1:PORT/callback``; any other URI raises InvalidInputError before
        anything starts), the authorization URL is opened with ``webbrowser`` and printed, the
        answer's ``state`` is checked and its code exchanged: with PKCE for a
        :class:`~async_spotify.auth.flows.PKCEFlow` (no client secret), with the secret for an
        :class:`~async_spotify.auth.flows.AuthorizationCodeFlow`. The browser tab then says it
        can be closed, and the server stops, whatever happened.

        - ``open_browser``: ``True`` uses :func:`webbrowser.open`; a function of the URL opens
          it another way (called in a worker thread); ``False`` (headless) only prints the URL
          and also accepts the address the browser ends on pasted on ``stdin`` (default
          ``sys.stdin``). Over SSH the ``ssh -L`` command forwarding the port is printed too.
        - ``timeout``: seconds to wait for the person (default 5 minutes), then
          :class:`~async_spotify.spotify_errors.LoginTimeoutError`; ``sleep`` is how that wait
          is made (tests pass one that returns when they decide).
        - ``show_dialog``: ask again even if the person already agreed to the scopes.
        - ``output``: where the instructions are printed (default ``sys.stderr``).

        A refusal on the consent page raises AuthorizationError (``error="access_denied"``).
        See :mod:`async_spotify.auth.login`.
        """
        from async_spotify.auth.login import login

        return await login(
            self,
            open_browser=open_browser,
            timeout=timeout,
            show_dialog=show_dialog,
            stdin=stdin,
            output=output,
            sleep=sleep,
        )

    def parse_redirect(self, redirect_url: str) -> str:
        """The code from the URL the user was redirected to, after checking its ``state``.

        The state must be one :meth:`build_authorization_url` issued, not used yet, at most 10
        minutes ago; the code is then tied to that authorization (its PKCE verifier), for
        :meth:`get_auth_token_with_code`.

        Raises:
            StateMismatchError: the state is missing, unknown, used already or expired.
            AuthorizationDenied: the redirect carries ``error=`` (the user refused).
            InvalidInputError: ``redirect_url`` is not a str, or carries no code.
        """
        if not isinstance(redirect_url, str):
            raise InvalidInputError(
                f"redirect_url must be the URL (a str) the user was sent back to, not "
                f"{type(redirect_url).__name__}"
            )
        query = parse_qs(urlsplit(redirect_url).query)
        pending = self._authorizations.take(query.get("state", [""])[0])
        if "error" in query:
            raise _denied(query)
        if "code" not in query or not query["code"][0]:
            raise InvalidInputError("The redirect URL carries no code")
        code = query["code"][0]
        self._redeemed[code] = pending
        while len(self._redeemed) > MAX_PENDING:
            self._redeemed.popitem(last=False)
        return code

    # -- tokens -----------------------------------------------------------------------------------

    async def get_auth_token_with_client_credentials(self) -> SpotifyAuthorisationToken:
        """A token for the app alone (client credentials flow)."""
        flow = self.authorization_flow
        if not isinstance(flow, ClientCredentialsFlow):
            raise SpotifyError(
                "A client credentials token needs the ClientCredentialsFlow, not "
                f"{type(flow).__name__}"
            )
        return await self.tokens.client_credentials()

    async def get_auth_token_with_code(self, code: str) -> SpotifyAuthorisationToken:
        """Exchange the authorization ``code`` for a user token.

        With PKCE the code verifier of the authorization the code completes is sent: the one
        :meth:`parse_redirect` tied to the code, else that of the only authorization pending
        (with several pending, pass the redirect through :meth:`parse_redirect` first).
        """
        flow = self._user_flow("exchange an authorization code")
        if not isinstance(code, str) or not code:
            raise InvalidInputError(f"code must be a non-empty str, not {_kind_of(code)}")
        pending = self._redeemed.pop(code, None)
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": check_redirect_uri(str(flow.redirect_url)),
        }
        if isinstance(flow, PKCEFlow):
            form["code_verifier"] = self._code_verifier(pending)
        body = await self.tokens.exchange(flow, form)
        return await self.tokens.keep(SpotifyAuthorisationToken.from_response(body))

    async def refresh_token(
        self, auth_token: SpotifyAuthorisationToken | None = None
    ) -> SpotifyAuthorisationToken:
        """A new access token from ``auth_token``'s refresh token (the internal token if None).

        A rotated refresh token (PKCE) replaces the old one; if none comes back the old one is
        kept. An expired or revoked refresh token raises ReauthorizationRequired.
        """
        self._user_flow("refresh a token")
        if auth_token is not None and not isinstance(auth_token, SpotifyAuthorisationToken):
            raise InvalidInputError(
                "auth_token must be a SpotifyAuthorisationToken (whose refresh_token is used), "
                f"not {_kind_of(auth_token)}"
            )
        return await self.tokens.refresh(auth_token)

    def can_renew_internal_token(self) -> bool:
        """Whether the client can obtain a new internal token by itself."""
        return self.tokens.can_renew()

    async def renew_internal_token(self) -> SpotifyAuthorisationToken:
        """Renew the internal token: refresh it, or ask for a new client-credentials token."""
        return await self.tokens.renew()

    # -- paging -----------------------------------------------------------------------------------

    async def next(
        self, url: str, auth_token: SpotifyAuthorisationToken | None = None
    ) -> dict[str, Any]:
        """GET a paging object's ``next`` URL."""
        return await self._follow(url, auth_token)

    async def previous(
        self, url: str, auth_token: SpotifyAuthorisationToken | None = None
    ) -> dict[str, Any]:
        """GET a paging object's ``previous`` URL."""
        return await self._follow(url, auth_token)

    @overload
    def paginate(
        self,
        page: Paging[_ItemT] | CursorPaging[_ItemT],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        read_ahead: int = DEFAULT_READ_AHEAD,
    ) -> AsyncIterator[_ItemT]: ...

    @overload
    def paginate(
        self,
        page: PlaylistObject,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        read_ahead: int = DEFAULT_READ_AHEAD,
    ) -> AsyncIterator[PlaylistTrackObject]: ...

    @overload
    def paginate(
        self,
        page: Mapping[str, Any],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        read_ahead: int = DEFAULT_READ_AHEAD,
    ) -> AsyncIterator[Any]: ...

    def paginate(
        self,
        page: Mapping[str, Any],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        read_ahead: int = DEFAULT_READ_AHEAD,
    ) -> AsyncIterator[Any]:
        """Iterate over every item of a paged result (``page`` and the pages after it), in order.

        ``async for track in client.paginate(await client.playlists.get_items(pid)): ...``
        An offset-paged result with a known ``total`` has its remaining pages fetched
        ``min(concurrency, read_ahead)`` at a time, never more than ``read_ahead`` pages ahead of
        the one being iterated (which bounds memory); other results follow ``next`` one page at
        a time.
        """
        return paginate(
            self.api_request_handler,
            page,
            auth_token=auth_token,
            concurrency=concurrency,
            read_ahead=read_ahead,
            app_mode=self._app_mode,
        )

    @overload
    async def fetch_all(
        self,
        page: Paging[_ItemT] | CursorPaging[_ItemT],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> list[_ItemT]: ...

    @overload
    async def fetch_all(
        self,
        page: PlaylistObject,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> list[PlaylistTrackObject]: ...

    @overload
    async def fetch_all(
        self,
        page: Mapping[str, Any],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> list[Any]: ...

    async def fetch_all(
        self,
        page: Mapping[str, Any],
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> list[Any]:
        """Every item of a paged result as one list (see :meth:`paginate`)."""
        return await fetch_all(
            self.api_request_handler,
            page,
            auth_token=auth_token,
            concurrency=concurrency,
            app_mode=self._app_mode,
        )

    async def _follow(
        self, url: str, auth_token: SpotifyAuthorisationToken | None
    ) -> dict[str, Any]:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise InvalidInputError(f"next/previous need an absolute URL, not {url!r}")
        result: dict[str, Any] = await self.api_request_handler.request(
            "GET", url, auth_token=auth_token
        )
        return result

    # -- the seed's properties ----------------------------------------------------------------

    @property
    def spotify_authorization_token(self) -> SpotifyAuthorisationToken:
        """The internal token object (requires hold_authentication)."""
        if not self.tokens.hold_authentication:
            raise SpotifyError("You have to enable hold_authentication")
        return self._token

    @spotify_authorization_token.setter
    def spotify_authorization_token(self, token: SpotifyAuthorisationToken) -> None:
        if not self.tokens.hold_authentication:
            raise SpotifyError("You have to enable hold_authentication")
        if not isinstance(token, SpotifyAuthorisationToken):
            raise InvalidInputError(
                f"the token must be a SpotifyAuthorisationToken, not {type(token).__name__}"
            )
        self._token.update_from(token)
        self.tokens.assigned()

    @property
    def retry_policy(self) -> RetryPolicy:
        """Which failures the client retries, and how long it waits (see ``RetryPolicy``)."""
        return self.api_request_handler.retry_policy

    @property
    def token_store(self) -> TokenStore:
        """Where the client loads its token from and saves it to."""
        return self.api_request_handler.token_store

    @property
    def hold_authentication(self) -> bool:
        """Whether the client keeps its own token in its store (and lets it be assigned)."""
        return self.tokens.hold_authentication

    @hold_authentication.setter
    def hold_authentication(self, hold: bool) -> None:
        self.tokens.hold_authentication = bool(hold)
        if not hold:
            self._token.clear()

    @property
    def token_renew_instance(self) -> TokenRenewer | None:
        """The hook called to renew the token on a 401."""
        return self.api_request_handler.token_renew_instance

    @token_renew_instance.setter
    def token_renew_instance(self, hook: TokenRenewer | None) -> None:
        self.api_request_handler.token_renew_instance = hook

    # -- internals ------------------------------------------------------------------------------

    def _user_flow(self, action: str) -> AuthorizationCodeFlow | PKCEFlow:
        flow = self.authorization_flow
        if not isinstance(flow, _USER_FLOWS):
            raise SpotifyError(
                f"The {type(flow).__name__} cannot {action}. Select the AuthorizationCodeFlow "
                "or the PKCEFlow instead"
            )
        return flow

    def _code_verifier(self, pending: PendingAuthorization | None) -> str:
        """The PKCE verifier of the authorization a code completes (get_auth_token_with_code)."""
        if pending is None:
            pending = self._authorizations.only()
        if pending is None:
            several = len(self._authorizations) > 1
            raise InvalidInputError(
                "PKCE: several authorizations are pending, and nothing says which one this code "
                "completes: pass the redirect URL through parse_redirect() first"
                if several
                else "PKCE: no authorization is pending (the code verifier is made by "
                "build_authorization_url(), and lives 10 minutes): build the URL, send the user "
                "to it, then exchange the code its redirect brings back"
            )
        if pending.code_verifier is None:
            raise InvalidInputError(
                "PKCE: the state belongs to an authorization started without PKCE"
            )
        return pending.code_verifier

    def __repr__(self) -> str:
        return (
            f"SpotifyApiClient(flow={type(self.authorization_flow).__name__}, "
            f"base_url={self.base_url!r}, hold_authentication={self.hold_authentication})"
        )


def _denied(query: Mapping[str, list[str]]) -> AuthorizationDenied:
    """The error for a redirect that carries ``error=`` (access_denied) instead of a code."""
    error = query["error"][0]
    description = query.get("error_description", [""])[0]
    return AuthorizationDenied(
        shorten(error, 60), shorten(description, 200), status=0, request="GET /authorize"
    )


def _kind_of(value: object) -> str:
    """What ``value`` is, for a message: its type, never its content (it may be a secret)."""
    name = type(value).__name__
    return f"an {name}" if name[:1] in ("a", "e", "i", "o", "u") else f"a {name}"


class UserClient(SpotifyApiClient):
    """``client.for_user(user_id)``: the client acting for one user (see
    :meth:`SpotifyApiClient.for_user`). It sends on the app client's session, gate and retry
    policy (:meth:`ApiRequestHandler.with_tokens`) with its own token manager."""

    def __init__(self, parent: SpotifyApiClient, store: UserTokenStore, user_id: str) -> None:
        # not SpotifyApiClient.__init__: the view shares the parent's transport, not a copy of it
        # a copy of the flow, so one user's PKCE verifier and state never replace another's
        self.authorization_flow = copy.copy(parent.authorization_flow)
        tokens = parent.tokens.for_user(UserTokenView(store, user_id))
        tokens.flow = self.authorization_flow
        handler = parent.api_request_handler.with_tokens(tokens)
        self.api_request_handler = handler
        self.tokens = tokens
        self._token = tokens.token
        # authorizations in progress are the app's: a login URL built by the app's client is
        # redeemed by the view of whoever logged in
        self._authorizations = parent._authorizations
        self._redeemed = parent._redeemed
        self._language = parent._language
        self._trust_env = parent._trust_env
        self._users = OrderedDict()
        self._app_mode = parent.app_mode
        self._add_groups(handler)
        #: The user this view acts for (the app's own id for them).
        self.user_id = user_id

    def for_user(self, user_id: str) -> UserClient:
        """Views are made from the app's client, not from another user's view."""
        raise InvalidInputError(
            f"for_user({user_id!r}) on the view of user {self.user_id!r}: call it on the app's "
            "client"
        )

    async def create_new_client(
        self, request_timeout: float | None = 30, request_limit: int = 500
    ) -> None:
        """The session is the app client's: this only loads the user's token."""
        await self.tokens.sync_store()

    async def close_client(self) -> None:
        """The session is the app client's: it stays open."""

    def __repr__(self) -> str:
        return f"UserClient(user_id={self.user_id!r}, base_url={self.base_url!r})"
