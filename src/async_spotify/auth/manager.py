"""The token manager: one token, its store, its renewal, and the Accounts exchanges behind them.

A :class:`TokenManager` owns a token (the client's internal token), keeps it in step with a
:class:`~async_spotify.auth.stores.TokenStore`, obtains and refreshes it through the
:class:`~async_spotify.transport.accounts.AccountsClient`, and renews it at most once at a
time however many requests need it (single flight). The request loop sees none of this: it
gets a :class:`~async_spotify.transport.auth.RequestAuth` from :meth:`TokenManager.auth`.

**Per-user tokens.** One manager holds one token. A client serving many users keeps one manager
per user, made with :meth:`TokenManager.for_user`: it shares the app's flow and Accounts client
(and so the session and retry policy) and has its own token, store and single flight, so users
never wait for each other's renewals and never see each other's tokens. The request handler
pairs a manager with the shared transport (``ApiRequestHandler.with_tokens``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from async_spotify.auth.flows import (
    AuthorizationCodeFlow,
    AuthorizationFlow,
    ClientCredentialsFlow,
    PKCEFlow,
)
from async_spotify.auth.scopes import missing_flow_scopes
from async_spotify.auth.stores import MemoryTokenStore, TokenStore, renewal_lock
from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.spotify_errors import (
    InvalidGrantError,
    InvalidInputError,
    ReauthorizationRequired,
    SpotifyError,
)
from async_spotify.transport.accounts import AccountsClient

__all__ = ["Renewer", "TokenManager"]

#: ``await renewer()`` -> a fresh token: AsyncSpotify's ``token_renew_instance`` bound to its
#: client (see :func:`async_spotify.token_renew_class.bind_renewer`).
Renewer = Callable[[], Awaitable[SpotifyAuthorisationToken]]


class TokenManager:
    """Owns one token: which token a request sends, and what happens on expiry or a 401.

    ``hold_authentication`` is AsyncSpotify's switch: when on, the token is loaded from and
    saved to ``store``. Either way a token the manager obtained itself (client credentials, an
    authorization code) is sent by requests that pass no ``auth_token=`` (as in 0.4.4), and is
    renewed when it expires. ``renew_hook`` replaces the manager's own renewal (AsyncSpotify's
    ``token_renew_instance``).
    """

    def __init__(
        self,
        flow: AuthorizationFlow | None,
        accounts: AccountsClient,
        token: SpotifyAuthorisationToken | None = None,
        *,
        hold_authentication: bool = True,
        store: TokenStore | None = None,
        renew_hook: Renewer | None = None,
    ) -> None:
        self.flow = flow
        self.accounts = accounts
        self.token = token if token is not None else SpotifyAuthorisationToken()
        self.hold_authentication = hold_authentication
        self.store: TokenStore = MemoryTokenStore() if store is None else store
        self.renew_hook = renew_hook
        # What the token still owes the store: "load" it once before first use, or "save" what
        # the user assigned; None when both agree.
        self._store_due: Literal["load", "save"] | None = "load"
        self._store_sync: asyncio.Task[None] | None = None
        self._renewal: asyncio.Task[SpotifyAuthorisationToken] | None = None
        # scopes the flow asks for that the stored token was not granted (see _settle_store)
        self._missing_scopes: tuple[str, ...] = ()

    def for_user(
        self, store: TokenStore, token: SpotifyAuthorisationToken | None = None
    ) -> TokenManager:
        """A manager for another user of the same app: same flow and Accounts client, its own
        token (loaded from ``store`` on first use), store and single-flight renewal."""
        return TokenManager(self.flow, self.accounts, token, hold_authentication=True, store=store)

    # -- what a request sends ------------------------------------------------------------------

    def auth(
        self,
        auth_token: SpotifyAuthorisationToken | None = None,
        *,
        renew: bool = True,
        current: SpotifyAuthorisationToken | None = None,
    ) -> ManagedAuth:
        """The :class:`~async_spotify.transport.auth.RequestAuth` of one call: ``auth_token``
        when given, else this manager's token; ``renew=False`` raises a 401 as it is.

        ``current`` is what :meth:`current` just returned for this call, when the caller asked
        already (the first attempt sends it without asking again)."""
        return ManagedAuth(self, auth_token, renew, current)

    def ready(self) -> SpotifyAuthorisationToken | None:
        """The managed token when it can be sent as it is (store settled, valid, not expiring):
        what :meth:`current` would return, without a coroutine; None when only ``await
        current()`` can tell (a store to load, a renewal to run, an error to raise)."""
        if self.hold_authentication and self._store_due is not None:
            return None
        internal = self.token
        return internal if internal.valid and not internal.is_expired() else None

    async def current(
        self, auth_token: SpotifyAuthorisationToken | None = None
    ) -> SpotifyAuthorisationToken:
        """The token to send: ``auth_token`` if given, else the managed one (synced with the
        store, renewed first when it has expired and can be)."""
        if auth_token is not None and not isinstance(auth_token, SpotifyAuthorisationToken):
            raise InvalidInputError(
                "auth_token must be a SpotifyAuthorisationToken (from get_auth_token_with_code, "
                f"refresh_token, ...), not {_kind_of(auth_token)}"
            )
        if auth_token:
            if not auth_token.access_token:
                raise InvalidInputError("auth_token has no access_token: it cannot be sent")
            return auth_token
        hold = self.hold_authentication
        if hold and self._store_due is not None:
            await self.sync_store()
        internal = self.token
        if internal.valid and not internal.is_expired():
            return internal
        if self._missing_scopes and not internal.valid:
            raise ReauthorizationRequired(
                "insufficient_scope",
                f"The stored token{_whose(self.store)} was not granted the scopes "
                f"{', '.join(self._missing_scopes)} that the flow asks for; send the user "
                "through build_authorization_url() again",
            )
        if not hold and not internal.valid:
            raise SpotifyError(
                "No token to send: pass auth_token=..., obtain one with the client first, or "
                "create the client with hold_authentication=True"
            )
        if self.can_renew():
            return await self.renew_after(internal.access_token)
        if internal.valid:
            return internal  # maybe still good; Spotify will say if not
        user_id = getattr(self.store, "user_id", None)
        if isinstance(user_id, str):
            raise ReauthorizationRequired(
                "no_token",
                f"No token is stored for user {user_id!r}: send them through "
                "build_authorization_url(), then get_auth_token_with_code(code) on their view",
            )
        raise SpotifyError(
            "You have to provide a valid auth token or obtain one (get_auth_token_with_code, "
            "get_auth_token_with_client_credentials) with hold_authentication=True"
        )

    def may_renew_after_401(self, auth_token: SpotifyAuthorisationToken | None) -> bool:
        """Whether a 401 to a request that sent ``auth_token`` (None: the managed token) is
        renewed and replayed."""
        if self.renew_hook is not None:
            return True
        return (
            auth_token is None
            and (self.hold_authentication or self.token.valid)
            and self.can_renew()
        )

    async def renew_after(
        self, sent_access_token: str | None, *, managed: bool = True
    ) -> SpotifyAuthorisationToken:
        """A fresh token; concurrent callers share one renewal (single flight).

        ``sent_access_token`` is the token the failed (or about to be sent) request carried: if
        the managed token has changed since, another request already renewed it. ``managed``
        is False for a 401 to a token the caller passed (then only the hook renews).
        """
        internal = self.token
        if (
            (managed or self.hold_authentication)
            and internal.valid
            and internal.access_token != sent_access_token
            and not internal.is_expired()
        ):
            return internal
        task = self._renewal
        if task is None:
            task = asyncio.ensure_future(self._run_renewal(sent_access_token))
            self._renewal = task
            task.add_done_callback(self._renewal_done)
        return await asyncio.shield(task)

    # -- obtaining tokens from the Accounts service -------------------------------------------

    def can_renew(self) -> bool:
        """Whether the manager can obtain a new token by itself."""
        if isinstance(self.flow, ClientCredentialsFlow):
            return True
        return bool(self.token.refresh_token) and isinstance(self.flow, _USER_FLOWS)

    async def renew(self) -> SpotifyAuthorisationToken:
        """A new managed token: refreshed, or a new client-credentials token."""
        if isinstance(self.flow, ClientCredentialsFlow):
            return await self.client_credentials()
        return await self.refresh(self.token if self.token.refresh_token else None)

    async def client_credentials(self) -> SpotifyAuthorisationToken:
        """A token for the app alone (client credentials flow), kept as the managed token."""
        flow = self.flow
        if not isinstance(flow, ClientCredentialsFlow):
            raise SpotifyError(
                "A client credentials token needs the ClientCredentialsFlow, not "
                f"{type(flow).__name__}"
            )
        body = await self.accounts.token_request(
            {"grant_type": "client_credentials"},
            client_id=flow.application_id,
            client_secret=flow.application_secret,
        )
        return await self.keep(SpotifyAuthorisationToken.from_response(body))

    async def exchange(
        self, flow: AuthorizationCodeFlow | PKCEFlow, form: dict[str, str]
    ) -> dict[str, Any]:
        """``POST /api/token`` with a user flow's ``form``: Basic credentials for the code flow,
        ``client_id`` in the form for PKCE (which has no secret)."""
        if isinstance(flow, PKCEFlow):
            form["client_id"] = str(flow.application_id)
            return await self.accounts.token_request(
                form, client_id=flow.application_id, client_secret=None
            )
        return await self.accounts.token_request(
            form, client_id=flow.application_id, client_secret=flow.application_secret
        )

    async def refresh(
        self, auth_token: SpotifyAuthorisationToken | None = None
    ) -> SpotifyAuthorisationToken:
        """A new access token from ``auth_token``'s refresh token (the managed one if None).

        A rotated refresh token (PKCE) replaces the old one; if none comes back the old one is
        kept. An expired or revoked refresh token raises ReauthorizationRequired.
        """
        flow = self.flow
        if not isinstance(flow, _USER_FLOWS):
            raise SpotifyError(
                f"The {type(flow).__name__} cannot refresh a token. Select the "
                "AuthorizationCodeFlow or the PKCEFlow instead"
            )
        if auth_token is None:
            if not self.hold_authentication:
                raise SpotifyError(
                    "refresh_token() without a token needs hold_authentication=True; "
                    "pass the token to refresh"
                )
            auth_token = self.token
        if not auth_token.refresh_token:
            raise InvalidInputError("auth_token has no refresh_token to refresh with")
        form = {"grant_type": "refresh_token", "refresh_token": auth_token.refresh_token}
        try:
            body = await self.exchange(flow, form)
        except InvalidGrantError as error:
            raise ReauthorizationRequired(
                error.error,
                f"{_user_prefix(self.store)}{error.error_description}. The refresh token no "
                "longer works (they expire 6 "
                "months after the user's authorization); send the user through "
                "build_authorization_url() again",
                status=error.status,
                headers=error.headers,
            ) from None
        fresh = SpotifyAuthorisationToken.from_response(
            body,
            previous_refresh_token=auth_token.refresh_token,
            authorization_id=auth_token.authorization_id,  # the same authorization, refreshed
        )
        if auth_token is self.token or self.hold_authentication:
            return await self.keep(fresh)
        return fresh

    # -- the managed token and its store -------------------------------------------------------

    async def keep(self, token: SpotifyAuthorisationToken) -> SpotifyAuthorisationToken:
        """Make ``token`` the managed token (saved to the store when holding authentication);
        returns a copy for the caller."""
        internal = self.token
        if token is not internal:
            internal.update_from(token)
        if self.hold_authentication:
            await self.store.save(internal.copy())
        return token.copy()

    def assigned(self) -> None:
        """The user assigned the managed token: save it to the store before the next request."""
        self._store_due = "save"

    async def sync_store(self) -> None:
        """Settle the managed token with the store (once, shared by concurrent callers).

        Before first use the store's token is adopted when it is newer than (or replaces a
        missing) managed token; otherwise the managed token is saved. A token the user
        assigned is saved.
        """
        if self._store_due is None:
            return
        task = self._store_sync
        if task is None:
            task = self._store_sync = asyncio.ensure_future(self._settle_store())
            task.add_done_callback(self._store_settled)
        await asyncio.shield(task)

    def _store_settled(self, task: asyncio.Task[None]) -> None:
        if self._store_sync is task:
            self._store_sync = None
        if not task.cancelled():
            task.exception()  # retrieved here so an unawaited failure is not logged as lost

    async def _settle_store(self) -> None:
        due, internal = self._store_due, self.token
        if due == "load":
            stored = await self.store.load()
            missing = () if stored is None else missing_flow_scopes(stored, self._flow_scopes())
            if missing and stored is not None and stored.valid and not internal.valid:
                self._missing_scopes = missing  # not reused silently: current() says so
            elif (
                stored is not None
                and stored.valid
                and (not internal.valid or _issued(stored) > _issued(internal))
            ):
                internal.update_from(stored)
            elif internal.valid and stored != internal:
                await self.store.save(internal.copy())
        elif due == "save":
            await self.store.save(internal.copy())
        if self._store_due == due:
            self._store_due = None

    def _flow_scopes(self) -> object:
        return getattr(self.flow, "scopes", None)

    def _renewal_done(self, task: asyncio.Task[SpotifyAuthorisationToken]) -> None:
        if self._renewal is task:
            self._renewal = None
        if not task.cancelled():
            task.exception()  # retrieved here so an unawaited failure is not logged as lost

    async def _run_renewal(self, sent_access_token: str | None) -> SpotifyAuthorisationToken:
        """Renew the managed token, under the store's cross-process lock when it has one.

        Another process sharing the store may have renewed the token already (and, for PKCE,
        spent the refresh token this one holds): a newer stored token is adopted instead of
        refreshing, and a refresh, when still needed, uses the stored refresh token.
        """
        internal = self.token
        holds = self.hold_authentication
        async with renewal_lock(self.store):
            if holds:
                stored = await self.store.load()
                if (
                    stored is not None
                    and stored.valid
                    and stored != internal
                    and _issued(stored) >= _issued(internal)
                ):
                    internal.update_from(stored)
                    if internal.access_token != sent_access_token and not internal.is_expired():
                        return internal
            hook = self.renew_hook
            fresh = await hook() if hook is not None else await self.renew()
            if fresh is not internal and (internal.valid or holds) and fresh != internal:
                if holds:
                    await self.keep(fresh)
                else:
                    internal.update_from(fresh)
            return fresh

    def __repr__(self) -> str:
        return (
            f"TokenManager(flow={type(self.flow).__name__}, token={self.token!r}, "
            f"hold_authentication={self.hold_authentication})"
        )


class ManagedAuth:
    """The :class:`~async_spotify.transport.auth.RequestAuth` of one call (see
    :meth:`TokenManager.auth`): it remembers the token it sent, and renews once on a 401."""

    __slots__ = ("_explicit", "_manager", "_renew", "_token")

    def __init__(
        self,
        manager: TokenManager,
        explicit: SpotifyAuthorisationToken | None,
        renew: bool,
        current: SpotifyAuthorisationToken | None = None,
    ) -> None:
        self._manager = manager
        self._explicit = explicit
        self._renew = renew
        self._token = current

    async def authorization(self) -> str:
        """``Bearer <token>``; the managed token is renewed in place, so each attempt reads it."""
        token = self._token
        if token is None:
            token = self._token = await self._manager.current(self._explicit)
        return "Bearer " + str(token.access_token)

    async def on_unauthorized(self, sent: str) -> str | None:
        """Renew once (single flight with every other request) and send again; else None."""
        manager = self._manager
        if not self._renew or not manager.may_renew_after_401(self._explicit):
            return None
        self._renew = False
        self._token = token = await manager.renew_after(
            sent.removeprefix("Bearer "), managed=self._explicit is None
        )
        return "Bearer " + str(token.access_token)

    def __repr__(self) -> str:
        return f"ManagedAuth({self._manager!r})"


def _kind_of(value: object) -> str:
    """What ``value`` is, for a message: its type, never its content (it may be a secret)."""
    name = type(value).__name__
    return f"an {name}" if name[:1] in ("a", "e", "i", "o", "u") else f"a {name}"


def _whose(store: object) -> str:
    user_id = getattr(store, "user_id", None)
    return f" of user {user_id!r}" if isinstance(user_id, str) else ""


def _user_prefix(store: object) -> str:
    user_id = getattr(store, "user_id", None)
    return f"User {user_id!r}: " if isinstance(user_id, str) else ""


def _issued(token: SpotifyAuthorisationToken) -> int:
    """When the token was issued (0 when unknown): newer tokens win in the token store."""
    return token.activation_time or 0


_USER_FLOWS = (AuthorizationCodeFlow, PKCEFlow)
