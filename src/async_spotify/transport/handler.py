"""The request chokepoint: every byte async_spotify sends to Spotify leaves through here.

One :class:`ApiRequestHandler` per client owns the aiohttp session (or borrows the caller's),
picks the token (renewing it once for every request that needs it, and keeping it in step with
the token store), encodes the query, waits at the client's rate-limit gate, sends, retries what
the retry policy allows, decodes with orjson, and turns every failure into the error tree of
:mod:`async_spotify.spotify_errors`. Endpoint groups know nothing of aiohttp; this module knows
nothing of albums or playlists.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import logging
import time
from collections import deque
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Literal

import aiohttp
import orjson
from multidict import CIMultiDictProxy

from async_spotify.auth.stores import MemoryTokenStore, TokenStore, renewal_lock
from async_spotify.auth.token import SpotifyAuthorisationToken
from async_spotify.spotify_errors import (
    AuthorizationError,
    BadRequestError,
    ForbiddenError,
    InvalidGrantError,
    InvalidInputError,
    InvalidResponseError,
    NotFoundError,
    RateLimitExceeded,
    ServerError,
    SpotifyAPIError,
    SpotifyBaseError,
    SpotifyConnectionError,
    SpotifyError,
    SpotifyTimeoutError,
    SpotifyTransportError,
    TokenExpired,
    error_payload,
    shorten,
)
from async_spotify.transport.query import encode_query
from async_spotify.transport.ratelimit import Gate, RateLimitGate
from async_spotify.transport.retry import RetryPolicy

if TYPE_CHECKING:
    from async_spotify.token_renew_class import TokenRenewer

DEFAULT_BASE_URL = "https://api.spotify.com/v1"
DEFAULT_ACCOUNTS_URL = "https://accounts.spotify.com"

logger = logging.getLogger("async_spotify")

#: Bodies from this size on are decoded with the garbage collector paused (see decode_json).
LARGE_BODY = 64 * 1024

#: The policy of a client created without ``retry_policy=``.
DEFAULT_RETRY_POLICY = RetryPolicy()

_ERROR_BY_STATUS: dict[int, type[SpotifyBaseError]] = {
    400: BadRequestError,
    401: TokenExpired,
    403: ForbiddenError,
    404: NotFoundError,
    429: RateLimitExceeded,
}


class Response:
    """What came back for one request: status, raw body and headers."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, body: bytes, headers: CIMultiDictProxy[str]) -> None:
        self.status = status
        self.body = body
        self.headers = headers


class ApiRequestHandler:
    """Sends requests for one :class:`~async_spotify.SpotifyApiClient`.

    ``spotify_authorisation_token`` is the client's internal token (shared by reference).
    ``token_renew_instance`` is AsyncSpotify's hook that renews it (otherwise the client renews
    it itself); the handler runs at most one renewal at a time (single flight), however many
    requests need it at once. ``retry_policy`` decides which failures are retried (see
    :mod:`async_spotify.transport.retry`); the :class:`RateLimitGate` makes every request of the
    client wait out a 429 together and paces them to ``rate_limit_budget`` requests per 30 s.
    ``token_store`` persists the internal token (see :mod:`async_spotify.auth.stores`).
    """

    def __init__(
        self,
        spotify_authorisation_token: SpotifyAuthorisationToken,
        token_renew_instance: TokenRenewer | None = None,
        spotify_api_client: Any = None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        accounts_url: str = DEFAULT_ACCOUNTS_URL,
        session: aiohttp.ClientSession | None = None,
        retry_policy: RetryPolicy | None = None,
        rate_limit_budget: int | None = None,
        token_store: TokenStore | None = None,
        rate_limit_gate: Gate | None = None,
    ) -> None:
        if retry_policy is None:
            retry_policy = DEFAULT_RETRY_POLICY
        elif not isinstance(retry_policy, RetryPolicy):
            raise InvalidInputError(
                f"retry_policy must be a RetryPolicy, not {type(retry_policy).__name__}"
            )
        self.spotify_authorisation_token = spotify_authorisation_token
        self.token_renew_instance = token_renew_instance
        self._client = spotify_api_client
        self.base_url = _check_url("base_url", base_url)
        self.accounts_url = _check_url("accounts_url", accounts_url)
        self._session = session
        self._owns_session = session is None
        self._timeout: aiohttp.ClientTimeout | None = None
        self._retry_policy = retry_policy
        if rate_limit_gate is None:
            self._gate: Gate = RateLimitGate(
                sleep=retry_policy.sleep, clock=retry_policy.clock, budget=rate_limit_budget
            )
        elif isinstance(rate_limit_gate, Gate):
            self._gate = rate_limit_gate
            if rate_limit_budget is not None:
                rate_limit_gate.set_budget(rate_limit_budget)
        else:
            raise InvalidInputError(
                "rate_limit_gate must be a rate-limit gate (RateLimitGate, RedisRateLimitGate), "
                f"not {type(rate_limit_gate).__name__}"
            )
        self._token_store: TokenStore = MemoryTokenStore() if token_store is None else token_store
        # What the internal token still owes the store: "load" it once before first use, or
        # "save" what the user assigned; None when both agree.
        self._store_due: Literal["load", "save"] | None = "load"
        self._store_sync: asyncio.Task[None] | None = None
        self._renewal: asyncio.Task[SpotifyAuthorisationToken] | None = None

    @property
    def retry_policy(self) -> RetryPolicy:
        """The client's retry policy."""
        return self._retry_policy

    @property
    def rate_limit_gate(self) -> Gate:
        """The gate every request of the client passes (429 pauses, the optional budget)."""
        return self._gate

    @property
    def token_store(self) -> TokenStore:
        """Where the internal token is loaded from and saved to."""
        return self._token_store

    # -- session lifecycle -------------------------------------------------------------------

    @property
    def session(self) -> aiohttp.ClientSession | None:
        """The aiohttp session requests are sent on (None before ``create_new_client``)."""
        return self._session

    @property
    def client_session_list(self) -> deque[aiohttp.ClientSession]:
        """AsyncSpotify's view of the sessions: a deque with the one session, if any."""
        return deque([self._session] if self._session is not None else [])

    async def create_new_client(
        self, request_timeout: float | None = 30, request_limit: int = 500
    ) -> None:
        """Open the session: at most ``request_limit`` connections, ``request_timeout`` seconds.

        A client that holds its authentication also loads its token from the token store here.
        """
        if request_timeout is not None and (
            isinstance(request_timeout, bool)
            or not isinstance(request_timeout, int | float)
            or request_timeout <= 0
        ):
            raise InvalidInputError(
                "request_timeout must be a positive number of seconds or None, "
                f"not {request_timeout!r}"
            )
        if (
            isinstance(request_limit, bool)
            or not isinstance(request_limit, int)
            or request_limit < 1
        ):
            raise InvalidInputError(f"request_limit must be a positive int, not {request_limit!r}")
        self._timeout = aiohttp.ClientTimeout(total=request_timeout)
        if self._store_due is not None and self._holds_authentication():
            await self.sync_token_store()
        if not self._owns_session:
            return
        await self.close_client()
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=request_limit),
            timeout=self._timeout,
            cookie_jar=aiohttp.DummyCookieJar(),
        )

    async def close_client(self) -> None:
        """Close the session if this handler opened it (a caller's session is left open)."""
        session, self._session = self._session, None if self._owns_session else self._session
        if self._owns_session and session is not None and not session.closed:
            await session.close()

    # -- Web API requests ----------------------------------------------------------------------

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
    ) -> Any:
        """Send one Web API request and return its decoded JSON (None for an empty answer).

        ``url`` is a path below ``base_url`` (``"/albums/xyz"``) or an absolute URL (a ``next``
        link). ``body`` is sent as JSON when it is a dict or list, as raw ``image/jpeg`` when it is
        bytes or str (the playlist cover upload). ``idempotent=False`` marks a PUT or DELETE that
        must not be repeated after an ambiguous failure (a playlist reorder); ``renew=False``
        turns off the renew-and-replay on a 401.

        Failures are retried as the retry policy says; a 401 renews the token once (single
        flight) and replays the request; a 429 pauses every request of the client.
        """
        session = self._require_session()
        token = await self._token_for(auth_token)
        full_url = url if url.startswith(("http://", "https://")) else self.base_url + url
        params = encode_query(query)
        data, content_type = _encode_body(body)
        policy = self._retry_policy
        gate = self._gate
        started = policy.clock()
        sends = 0
        failures = 0
        while True:
            admission = gate.admit_now() or await gate.admit()
            # the internal token is updated in place: remember which one this request carries
            access_token = str(token.access_token)
            headers = {"Authorization": "Bearer " + access_token}
            if content_type is not None:
                headers["Content-Type"] = content_type
            sends += 1
            try:
                response = await self._send(
                    session, method, full_url, sends, params=params, headers=headers, data=data
                )
            except BaseException as error:
                gate.answered(admission)
                if not isinstance(error, SpotifyTransportError):
                    raise
                failures += 1
                applied_possible = _may_have_been_applied(error)
                wait = _wait(policy, method, idempotent, failures, started, applied_possible)
                if wait is None:
                    raise
                await policy.sleep(wait)
                continue
            status = response.status
            if status != 429:
                gate.answered(admission)
            if 200 <= status < 300:
                if not response.body:
                    return None
                try:
                    return decode_json(response.body)
                except orjson.JSONDecodeError:
                    failures += 1
                    wait = _wait(policy, method, idempotent, failures, started)
                    if wait is None:
                        raise _not_json(method, full_url, response) from None
                    await policy.sleep(wait)
                    continue
            if status == 401 and renew and self._can_renew(auth_token):
                renew = False
                token = await self._renew(access_token)
                continue
            if status == 429:
                failures += 1
                wait = policy.delay(failures, started, retry_after=retry_after(response.headers))
                if wait is None:
                    raise api_error(method, full_url, response)
                await gate.pause(wait, admission)
                continue
            if status >= 500:
                failures += 1
                wait = _wait(policy, method, idempotent, failures, started)
                if wait is not None:
                    await policy.sleep(wait)
                    continue
            raise api_error(method, full_url, response)

    # -- Accounts service ----------------------------------------------------------------------

    async def token_request(
        self, form: Mapping[str, str], *, client_id: str | None, client_secret: str | None
    ) -> dict[str, Any]:
        """``POST {accounts_url}/api/token`` with ``form``; Basic auth when a secret is given.

        A 429, a 5xx, a broken connection, a timeout and an answer without a token are retried
        as the policy allows, whatever the grant. An authorization code and a PKCE refresh token
        are single use, but a retry never makes things worse: if the lost attempt was applied,
        the code or token is spent either way (the retry then gets ``invalid_grant``); if it was
        not, the retry succeeds.
        """
        headers: dict[str, str] = {}
        if client_secret is not None:
            credentials = f"{client_id}:{client_secret}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(credentials).decode("ascii")
        url = self.accounts_url + "/api/token"
        policy = self._retry_policy
        started = policy.clock()
        failures = 0
        async with self._session_or_temporary() as session:
            while True:
                error: SpotifyBaseError
                try:
                    response = await self._send(
                        session, "POST", url, failures + 1, headers=headers, data=dict(form)
                    )
                except SpotifyTransportError as transport_error:
                    error = transport_error
                else:
                    status = response.status
                    if 200 <= status < 300:
                        body = _loads(response.body)
                        if isinstance(body, dict) and isinstance(body.get("access_token"), str):
                            return body
                        error = InvalidResponseError(
                            f"POST /api/token answered {status} without an access token",
                            status=status,
                            headers=response.headers,
                        )
                    elif status == 429 or status >= 500:
                        error = accounts_error(response)
                    else:
                        raise accounts_error(response)
                failures += 1
                wait = policy.delay(failures, started, retry_after=error.retry_after)
                if wait is None:
                    raise error
                await policy.sleep(wait)

    async def authorize_with_cookies(self, url: str, cookie_header: str) -> Response:
        """GET the authorization URL as a logged-in browser would, without following redirects."""
        async with self._session_or_temporary() as session:
            return await self._send(session, "GET", url, 1, headers={"Cookie": cookie_header})

    # -- the internal token and its store -------------------------------------------------------

    async def keep_token(self, token: SpotifyAuthorisationToken) -> None:
        """Make ``token`` the internal token and save it to the token store."""
        internal = self.spotify_authorisation_token
        if token is not internal:
            internal.update_from(token)
        await self._token_store.save(internal.copy())

    def token_assigned(self) -> None:
        """The user assigned the internal token: save it to the store before the next request."""
        self._store_due = "save"

    async def sync_token_store(self) -> None:
        """Settle the internal token with the store (once, shared by concurrent callers).

        Before first use the store's token is adopted when it is newer than (or replaces a
        missing) internal token; otherwise the internal token is saved. A token the user
        assigned is saved.
        """
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
        due, internal = self._store_due, self.spotify_authorisation_token
        if due == "load":
            stored = await self._token_store.load()
            if (
                stored is not None
                and stored.valid
                and (not internal.valid or _issued(stored) > _issued(internal))
            ):
                internal.update_from(stored)
            elif internal.valid and stored != internal:
                await self._token_store.save(internal.copy())
        elif due == "save":
            await self._token_store.save(internal.copy())
        if self._store_due == due:
            self._store_due = None

    # -- internals -----------------------------------------------------------------------------

    def _require_session(self) -> aiohttp.ClientSession:
        session = self._session
        if session is None or session.closed:
            raise SpotifyError(
                "You have to create a new client with create_new_client() (or use "
                "`async with SpotifyApiClient(...)`) before making requests"
            )
        return session

    def _session_or_temporary(self) -> _SessionScope:
        session = self._session
        if session is not None and not session.closed:
            return _SessionScope(session, close=False)
        return _SessionScope(
            aiohttp.ClientSession(
                timeout=self._timeout or aiohttp.ClientTimeout(total=30),
                cookie_jar=aiohttp.DummyCookieJar(),
            ),
            close=True,
        )

    def _holds_authentication(self) -> bool:
        client = self._client
        return client is not None and bool(client.hold_authentication)

    async def _token_for(
        self, auth_token: SpotifyAuthorisationToken | None
    ) -> SpotifyAuthorisationToken:
        if auth_token is not None and not isinstance(auth_token, SpotifyAuthorisationToken):
            raise InvalidInputError(
                "auth_token must be a SpotifyAuthorisationToken (from get_auth_token_with_code, "
                f"refresh_token, ...), not {_kind_of(auth_token)}"
            )
        if auth_token:
            if not auth_token.access_token:
                raise InvalidInputError("auth_token has no access_token: it cannot be sent")
            return auth_token
        client = self._client
        if client is None or not client.hold_authentication:
            raise SpotifyError(
                "No token to send: pass auth_token=... or create the client with "
                "hold_authentication=True"
            )
        if self._store_due is not None:
            await self.sync_token_store()
        internal = self.spotify_authorisation_token
        if internal.valid and not internal.is_expired():
            return internal
        if client.can_renew_internal_token():
            return await self._renew(internal.access_token)
        if internal.valid:
            return internal  # maybe still good; Spotify will say if not
        raise SpotifyError(
            "You have to provide a valid auth token or obtain one (get_auth_token_with_code, "
            "get_auth_token_with_client_credentials) with hold_authentication=True"
        )

    def _can_renew(self, auth_token: SpotifyAuthorisationToken | None) -> bool:
        if self.token_renew_instance is not None:
            return True
        client = self._client
        return (
            auth_token is None
            and client is not None
            and client.hold_authentication
            and client.can_renew_internal_token()
        )

    async def _renew(self, sent_access_token: str | None) -> SpotifyAuthorisationToken:
        """A fresh token; concurrent callers share one renewal (single flight).

        ``sent_access_token`` is the token the failed (or about to be sent) request carried: if
        the internal token has changed since, another request already renewed it.
        """
        internal = self.spotify_authorisation_token
        if (
            self._holds_authentication()
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

    def _renewal_done(self, task: asyncio.Task[SpotifyAuthorisationToken]) -> None:
        if self._renewal is task:
            self._renewal = None
        if not task.cancelled():
            task.exception()  # retrieved here so an unawaited failure is not logged as lost

    async def _run_renewal(self, sent_access_token: str | None) -> SpotifyAuthorisationToken:
        """Renew the internal token, under the store's cross-process lock when it has one.

        Another process sharing the store may have renewed the token already (and, for PKCE,
        spent the refresh token this one holds): a newer stored token is adopted instead of
        refreshing, and a refresh, when still needed, uses the stored refresh token.
        """
        internal = self.spotify_authorisation_token
        holds = self._holds_authentication()
        async with renewal_lock(self._token_store):
            if holds:
                stored = await self._token_store.load()
                if (
                    stored is not None
                    and stored.valid
                    and stored != internal
                    and _issued(stored) >= _issued(internal)
                ):
                    internal.update_from(stored)
                    if internal.access_token != sent_access_token and not internal.is_expired():
                        return internal
            if self.token_renew_instance is not None:
                fresh: SpotifyAuthorisationToken = await self.token_renew_instance(self._client)
            else:
                fresh = await self._client.renew_internal_token()
            if fresh is not internal and (internal.valid or holds) and fresh != internal:
                if holds:
                    await self.keep_token(fresh)
                else:
                    internal.update_from(fresh)
            return fresh

    async def _send(
        self,
        session: aiohttp.ClientSession,
        method: str,
        url: str,
        attempt: int,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        data: object = None,
    ) -> Response:
        """One exchange on the wire; transport failures become the error tree's.

        Logs one DEBUG line: method, path (never the query or a header), status, time, attempt.
        """
        debug = logger.isEnabledFor(logging.DEBUG)
        started = time.perf_counter() if debug else 0.0
        try:
            async with session.request(
                method,
                url,
                params=params,
                headers=headers,
                data=data,
                allow_redirects=False,
                timeout=self._timeout if self._timeout is not None else session.timeout,
            ) as response:
                result = Response(response.status, await response.read(), response.headers)
        except (TimeoutError, aiohttp.ClientError) as exc:
            error = _transport_error(method, url, exc, self._timeout_text())
            if debug:
                _log_send(method, url, type(error).__name__, started, attempt)
            raise error from exc
        if debug:
            _log_send(method, url, str(result.status), started, attempt)
        return result

    def _timeout_text(self) -> str:
        total = self._timeout.total if self._timeout is not None else None
        return f"{total:g} s" if total is not None else "the timeout"


class _SessionScope:
    """``async with`` over a session that is closed at the end only if it was made for the call."""

    __slots__ = ("_close", "_session")

    def __init__(self, session: aiohttp.ClientSession, *, close: bool) -> None:
        self._session = session
        self._close = close

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *exc_info: object) -> None:
        if self._close:
            await self._session.close()


def decode_json(body: bytes) -> Any:
    """``orjson.loads(body)``, with the cyclic garbage collector paused for a large body.

    JSON cannot hold a reference cycle, so a collection during parsing frees nothing: it only
    rescans the objects made so far, and everything the program already holds. For a playlist
    page (50 items, ~400 KB) that more than doubled the decoding time. orjson holds the GIL while
    it parses, so no other thread runs while the collector is paused.
    """
    if len(body) < LARGE_BODY or not gc.isenabled():
        return orjson.loads(body)
    gc.disable()
    try:
        return orjson.loads(body)
    finally:
        gc.enable()


def api_error(method: str, url: str, response: Response) -> SpotifyBaseError:
    """The exception for a Web API error answer (any non-2xx)."""
    status = response.status
    payload = _loads(response.body) if response.body else None
    if not (isinstance(payload, dict) and isinstance(payload.get("error"), dict)):
        payload = error_payload(status, f"{method} {_path(url)} answered HTTP {status}")
    error_class = _ERROR_BY_STATUS.get(status) or (
        ServerError if status >= 500 else SpotifyAPIError
    )
    request = f"{method} {_path(url)}"
    if error_class is RateLimitExceeded:
        return RateLimitExceeded(
            payload,
            retry_after(response.headers),
            status=status,
            headers=response.headers,
            request=request,
        )
    return error_class(payload, status=status, headers=response.headers, request=request)


def accounts_error(response: Response) -> SpotifyBaseError:
    """The exception for an Accounts-service error answer."""
    status = response.status
    payload = _loads(response.body) if response.body else None
    if status == 429:
        return RateLimitExceeded(
            error_payload(status, "POST /api/token: rate limit exceeded"),
            retry_after(response.headers),
            status=status,
            headers=response.headers,
        )
    if isinstance(payload, dict) and isinstance(payload.get("error"), str):
        error = payload["error"]
        description = str(payload.get("error_description", ""))
        error_class = InvalidGrantError if error == "invalid_grant" else AuthorizationError
        return error_class(error, description, status=status, headers=response.headers)
    return AuthorizationError(
        "server_error",
        f"POST /api/token answered HTTP {status}",
        status=status,
        headers=response.headers,
    )


def retry_after(headers: Mapping[str, str]) -> float:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date); 0.0 if absent or odd."""
    value = headers.get("Retry-After")
    if value is None:
        return 0.0
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError):
            return 0.0
    return seconds if seconds > 0 and seconds == seconds and seconds != float("inf") else 0.0


def _not_json(method: str, url: str, response: Response) -> InvalidResponseError:
    return InvalidResponseError(
        f"{method} {_path(url)} answered {response.status} with a body that is not JSON",
        status=response.status,
        headers=response.headers,
        request=f"{method} {_path(url)}",
    )


def _kind_of(value: object) -> str:
    """What ``value`` is, for a message: its type, never its content (it may be a secret)."""
    name = type(value).__name__
    return f"an {name}" if name[:1] in ("a", "e", "i", "o", "u") else f"a {name}"


def _encode_body(body: object) -> tuple[bytes | None, str | None]:
    """The bytes to send and their content type: JSON for a dict or list, JPEG for bytes/str."""
    if body is None:
        return None, None
    if isinstance(body, dict | list):
        return orjson.dumps(body), "application/json"
    if isinstance(body, bytes):
        return body, "image/jpeg"
    if isinstance(body, str):
        return body.encode("ascii"), "image/jpeg"
    raise InvalidInputError(f"a request body must be a dict, list, bytes or str, not {body!r}")


def _transport_error(
    method: str, url: str, exc: BaseException, timeout: str
) -> SpotifyTransportError:
    if isinstance(exc, TimeoutError):
        return SpotifyTimeoutError(f"{method} {_path(url)}: no answer within {timeout}")
    if isinstance(exc, aiohttp.ClientConnectionError | aiohttp.ClientPayloadError):
        return SpotifyConnectionError(
            f"{method} {_path(url)}: connection failed ({type(exc).__name__})"
        )
    return SpotifyTransportError(f"{method} {_path(url)}: request failed ({type(exc).__name__})")


def _wait(
    policy: RetryPolicy,
    method: str,
    idempotent: bool | None,
    failures: int,
    started: float,
    applied_possible: bool = True,
) -> float | None:
    """How long to wait before sending again after a failure, or None to raise it."""
    if not policy.may_retry(method, applied_possible=applied_possible, idempotent=idempotent):
        return None
    return policy.delay(failures, started)


def _may_have_been_applied(error: SpotifyTransportError) -> bool:
    """False only when the failure proves the request never reached Spotify.

    A refused connection or a connect timeout happened before a byte was sent; a certificate
    error is not worth repeating either way (it is reported as possibly applied, which keeps a
    POST from being resent and lets the policy bound the rest).
    """
    cause = error.__cause__
    return not isinstance(
        cause, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError
    ) or isinstance(cause, aiohttp.ClientSSLError)


def _issued(token: SpotifyAuthorisationToken) -> int:
    """When the token was issued (0 when unknown): newer tokens win in the token store."""
    return token.activation_time or 0


def _log_send(method: str, url: str, outcome: str, started: float, attempt: int) -> None:
    logger.debug(
        "%s %s -> %s (%.1f ms, attempt %d)",
        method,
        _path(url),
        outcome,
        (time.perf_counter() - started) * 1000,
        attempt,
    )


def _loads(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        return None


def _path(url: str) -> str:
    """The URL without scheme, host and query: what is safe and useful in messages and logs."""
    start = url.find("/", url.find("//") + 2) if "//" in url else 0
    end = url.find("?", start)
    return shorten(url[start:end] if end != -1 else url[start:])


def _check_url(name: str, url: str) -> str:
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise InvalidInputError(f"{name} must be an http(s) URL, not {url!r}")
    return url.rstrip("/")
